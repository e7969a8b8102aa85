"""The register for a course run: who is enrolled, who is waiting and in what order, which places
are held by offers; and a printable sign-in sheet. Read-only: changes go through actions.py."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from courses.models import CourseRun
from enrolment.audit import log_export
from enrolment.models import Enrolment, Offer, WaitlistEntry
from enrolment.selectors import attendance_summary, waiting_for

from .permissions import (
    RegisterPage,
    RegisterReadMixin,
    can_change_places,
    can_see_registers,
    can_see_support_needs,
    runs_visible_to,
)
from .register_attendance import add_attendance, add_cancellation_reasons
from .register_completion import add_completion


def get_run(run_id: int, user) -> CourseRun:
    """The run, if this member of staff may see it; otherwise "not found" (404), the same as for a
    run that does not exist, so nobody learns which ids are real by trying them."""
    runs = (
        runs_visible_to(user)
        .with_dates()
        .with_places()
        .select_related("course", "term", "location")
        .prefetch_related("sessions")
    )
    return get_object_or_404(runs, pk=run_id)


def run_breadcrumbs(view, run: CourseRun, label: str = "") -> list[dict]:
    """Home > Course runs > the run > Register [> this page]. Facilitators cannot open the list of
    runs, so theirs is Home > the run's register [> this page]."""
    items = [{"url": reverse("enrolment_staff:register", args=[run.pk]) if label else "", "label": "Register"}]
    if can_see_registers(view.request.user):
        items[:0] = [
            {"url": reverse("course_runs:index"), "label": "Course runs"},
            {"url": reverse("course_runs:edit", args=[run.pk]), "label": str(run)},
        ]
    else:
        items[0]["label"] = f"Register: {run}"
    return view.breadcrumbs_items + items + ([{"url": "", "label": label}] if label else [])


class RunMixin:
    @cached_property
    def run(self) -> CourseRun:
        return get_run(self.kwargs["run_id"], self.request.user)


class RegisterView(RunMixin, RegisterPage):
    template_name = "enrolment/admin/register.html"
    header_icon = "clipboard-list"

    def get_page_title(self):
        return f"Register: {self.run}"

    def get_breadcrumbs_items(self):
        return run_breadcrumbs(self, self.run)

    def get_context_data(self, **kwargs):
        run = self.run
        enrolments = list(run.enrolments.select_related("student", "created_by"))
        confirmed = [e for e in enrolments if e.status == Enrolment.Status.CONFIRMED]
        cancelled = [e for e in enrolments if e.status == Enrolment.Status.CANCELLED]
        add_attendance(run, confirmed)
        add_cancellation_reasons(run, cancelled)
        completion = add_completion(run, confirmed, now=timezone.now())
        user = self.request.user
        # Facilitators see who is on their run and take the register; the waiting list, offers,
        # students' records and changing places are the coordinators' (enrolment/admin/permissions.py).
        coordinating = can_see_registers(user)
        return super().get_context_data(
            run=run,
            sessions=run.session_list,
            attendance=attendance_summary(run),
            completion=completion,
            confirmed=confirmed,
            cancelled=cancelled,
            coordinating=coordinating,
            can_change_places=can_change_places(user),
            support_needs=can_see_support_needs(user, run),
            # Position is the place in the queue for this run, any-date waiters included, which is
            # the order freed places are handed out in (see services/queue.py).
            waiting=[
                (position, entry, passed_over(run, entry)) for position, entry in enumerate(waiting_for(run), start=1)
            ]
            if coordinating
            else [],
            offers=run.offers.live().select_related("entry__student").order_by("expires_at", "pk")
            if coordinating
            else [],
            over_capacity=run.places_taken > run.capacity,
            **kwargs,
        )


def passed_over(run: CourseRun, entry: WaitlistEntry) -> int:
    """How many offers on this run went to people behind this entry, since they joined. It
    happens, rightly, to someone who needs two places when only one came free; staff must be able
    to say why when they phone."""
    if entry.places < 2:
        return 0
    behind = Offer.objects.filter(
        run=run, offered_at__gte=entry.created_at, entry__queue_key__gt=entry.queue_key
    ).exclude(entry=entry)
    return behind.count()


class SignInSheetView(RunMixin, RegisterReadMixin, TemplateView):
    """A page of its own, without the admin frame, so it prints cleanly: one row per person
    (supporters too), one column per session to sign."""

    template_name = "enrolment/admin/sign_in_sheet.html"

    def get_context_data(self, **kwargs):
        rows = []
        for enrolment in self.run.enrolments.holding_places().select_related("student"):
            rows.append(str(enrolment.student))
            if enrolment.places == 2:
                rows.append(f"{enrolment.supporter_name or 'Supporter'} (supporting {enrolment.student})")
        # A printout of everyone's names, so it is logged as a download is (enrolment/audit.py).
        log_export(user=self.request.user, what="sign_in_sheet", instance=self.run, rows=len(rows))
        return super().get_context_data(run=self.run, sessions=self.run.session_list, rows=rows, **kwargs)
