"""Who may use the staff enrolment screens.

Every URL here sits under /admin/, so Wagtail already refuses anyone without admin access. On
top of that, seeing registers (names, support needs) needs the "view enrolment" or "change
enrolment" permission and acting on places needs "change enrolment". Superusers have both;
other staff get them through a group (Settings > Groups), so a content editor with admin access
does not see who is on which course, which is health information."""

from django.contrib.auth.models import Permission
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from enrolment.models import Enrolment

enrolment_policy = ModelPermissionPolicy(Enrolment)

READ = ["view", "change"]


def can_see_registers(user) -> bool:
    return enrolment_policy.user_has_any_permission(user, READ)


def can_see_support_needs(user) -> bool:
    """Support needs are health information. Today whoever may see a register sees the support
    needs on it, so downloads ask this one question and follow whatever the register allows."""
    return can_see_registers(user)


def enrolment_permissions():
    """For the register_permissions hook: lets admins grant these in Settings > Groups."""
    return Permission.objects.filter(
        content_type__app_label="enrolment", codename__in=["view_enrolment", "change_enrolment"]
    )


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_registers(request.user)


class StaffReadMixin(PermissionCheckedMixin):
    permission_policy = enrolment_policy
    any_permission_required = READ


class StaffActionMixin(PermissionCheckedMixin):
    permission_policy = enrolment_policy
    permission_required = "change"


class StaffPage(StaffReadMixin, WagtailAdminTemplateMixin, TemplateView):
    """A read-only staff page in the Wagtail admin frame."""
