"""The reports in the Wagtail admin: their pages, an item in Wagtail's Reports menu (shown only to
those who may see them) and the permission in Settings > Groups."""

from django.urls import reverse_lazy
from wagtail import hooks

from .permissions import ReportsMenuItem, report_permissions
from .viewset import ReportsViewSet


@hooks.register("register_admin_viewset")
def register_reports_viewset():
    return ReportsViewSet()


@hooks.register("register_reports_menu_item")
def register_commissioners_report_menu_item():
    return ReportsMenuItem(
        "For commissioners", reverse_lazy("reports:index"), name="commissioners", icon_name="table", order=100
    )


hooks.register("register_permissions", report_permissions)
