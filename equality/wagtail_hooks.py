"""Equality monitoring in the Wagtail admin: its report under /admin/reports/equality/ (beside the
reports for commissioners, so the test of every admin address covers it) and an item in Wagtail's
Reports menu. Its settings are in Settings (models.EqualitySettings)."""

from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from .admin_views import EqualityDownloadView, EqualityMenuItem, EqualityReportView


class EqualityViewSet(ViewSet):
    name = "equality_report"
    url_prefix = "reports/equality"

    def get_urlpatterns(self):
        return [
            path("", EqualityReportView.as_view(), name="index"),
            path("download/", EqualityDownloadView.as_view(), name="download"),
        ]


@hooks.register("register_admin_viewset")
def register_equality_viewset():
    return EqualityViewSet()


@hooks.register("register_reports_menu_item")
def register_equality_menu_item():
    return EqualityMenuItem(
        "Equality monitoring", reverse_lazy("equality_report:index"), name="equality", icon_name="group", order=110
    )
