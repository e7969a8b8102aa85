"""Who may see the reports: whoever has "reports.view_reports" (superusers, and the groups a
college gives it to in Settings > Groups). Everyone else gets 403 and no menu item: the figures
are about people's health and attendance, even when nobody is named."""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem

PERMISSION = "reports.view_reports"


def can_see_reports(user) -> bool:
    return user.has_perm(PERMISSION)


def report_permissions():
    """For the register_permissions hook: lets admins grant it in Settings > Groups."""
    return Permission.objects.filter(content_type__app_label="reports", codename="view_reports")


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_reports(request.user)


class ReportsPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
