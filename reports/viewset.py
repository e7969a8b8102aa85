"""The URLs of the reports, under /admin/reports/ beside Wagtail's own page reports (whose
addresses, such as /admin/reports/locked/, do not clash with these)."""

from django.urls import path
from wagtail.admin.viewsets.base import ViewSet

from .views import ReportDownloadView, ReportView


class ReportsViewSet(ViewSet):
    name = "reports"
    url_prefix = "reports"

    def get_urlpatterns(self):
        return [
            path("", ReportView.as_view(), name="index"),
            path("download/<str:file_format>/", ReportDownloadView.as_view(), name="download"),
        ]
