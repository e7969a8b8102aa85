"""Who may use the staff enrolment screens, and which runs each member of staff may see.

Every URL here sits under /admin/, so Wagtail already refuses anyone without admin access. The
roles (staffauth/roles.py, made as groups by a data migration) then decide:

- every run's register, places, waiting lists and follow-ups: the "view enrolment" or "change
  enrolment" permission (college admins and course coordinators; superusers have everything);
- the registers of the runs someone facilitates, and nothing else: "take own registers" with
  their Facilitator record linked to their account (Facilitator.user);
- anyone else (content editors): no student data at all.

runs_visible_to() is the one place that says which runs a person may see. Every run-scoped view
fetches its run through it, so another run's id in the address gives "not found", never a hint
that the run exists."""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from courses.models import CourseRun
from enrolment.models import Enrolment

enrolment_policy = ModelPermissionPolicy(Enrolment)

READ = ["view", "change"]
OWN_REGISTERS = "courses.take_own_registers"


def can_see_registers(user) -> bool:
    """Every run's register and the people on it: coordinators and college admins."""
    return enrolment_policy.user_has_any_permission(user, READ)


def can_change_places(user) -> bool:
    return enrolment_policy.user_has_permission(user, "change")


def takes_own_registers(user) -> bool:
    """Facilitators: the registers of their own runs only."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(OWN_REGISTERS))


def may_take_registers(user) -> bool:
    """Someone who may open a register at all (which ones: runs_visible_to)."""
    return can_see_registers(user) or takes_own_registers(user)


def runs_visible_to(user) -> QuerySet[CourseRun]:
    """The runs whose registers, sessions and people this member of staff may see: every run for
    coordinators and admins; for a facilitator the runs their linked Facilitator record is on (none
    while no record is linked); for anyone else none."""
    if can_see_registers(user):
        return CourseRun.objects.all()
    if takes_own_registers(user):
        # By id, so the join to facilitators never repeats a run or upsets counts annotated later.
        return CourseRun.objects.filter(pk__in=CourseRun.objects.filter(facilitators__user=user).values("pk"))
    return CourseRun.objects.none()


def can_see_support_needs(user, run: CourseRun | None = None) -> bool:
    """Support needs are health information, so every page and download asks this one question.
    For one run: whoever may see that run's register. Across runs (the students list, every
    waiting list): only those who may see every register."""
    if run is None:
        return can_see_registers(user)
    return runs_visible_to(user).filter(pk=run.pk).exists()


def enrolment_permissions():
    """For the register_permissions hook: lets admins grant these in Settings > Groups."""
    return Permission.objects.filter(
        content_type__app_label="enrolment", codename__in=["view_enrolment", "change_enrolment"]
    )


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_registers(request.user)


class StaffReadMixin(PermissionCheckedMixin):
    """Pages about every run (waiting lists, follow-ups, feedback): coordinators and admins."""

    permission_policy = enrolment_policy
    any_permission_required = READ


class StaffActionMixin(PermissionCheckedMixin):
    """Changing places: coordinators and admins."""

    permission_policy = enrolment_policy
    permission_required = "change"


class RegisterReadMixin:
    """A run's register, its sessions and its download: facilitators too (their runs only, which
    the view's run, fetched through runs_visible_to, takes care of)."""

    def dispatch(self, request, *args, **kwargs):
        if not may_take_registers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RegisterActionMixin:
    """Marking attendance and walk-ins: those who may change places, and facilitators."""

    def dispatch(self, request, *args, **kwargs):
        if not (can_change_places(request.user) or takes_own_registers(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffPage(StaffReadMixin, WagtailAdminTemplateMixin, TemplateView):
    """A read-only staff page in the Wagtail admin frame, about every run."""


class RegisterPage(RegisterReadMixin, WagtailAdminTemplateMixin, TemplateView):
    """A read-only page about one run, in the Wagtail admin frame."""
