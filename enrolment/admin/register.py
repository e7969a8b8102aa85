"""The register for a course run: who is enrolled, who is waiting and in what order, which places
are held by offers; and a printable sign-in sheet. Read-only: changes go through actions.py."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from courses.models import CourseRun
from enrolment.models import Enrolment, Offer, WaitlistEntry
from enrolment.selectors import attendance_summary, waiting_for

from .permissions import StaffPage, StaffReadMixin
from .register_attendance import add_attendance, add_cancellation_reasons


def get_run(run_id: int) -> CourseRun:
    runs = (
        CourseRun.objects.with_dates()
        .with_places()
        .select_related("course", "term", "location")
        .prefetch_related("sessions")
    )
    return get_object_or_404(runs, pk=run_id)


def run_breadcrumbs(view, run: CourseRun, label: str = "") -> list[dict]:
    """Home > Course runs > the run > Register [> this page]."""
    items = [
        {"url": reverse("course_runs:index"), "label": "Course runs"},
        {"url": reverse("course_runs:edit", args=[run.pk]), "label": str(run)},
        {"url": reverse("enrolment_staff:register", args=[run.pk]) if label else "", "label": "Register"},
    ]
    return view.breadcrumbs_items + items + ([{"url": "", "label": label}] if label else [])


class RunMixin:
    @cached_property
    def run(self) -> CourseRun:
        return get_run(self.kwargs["run_id"])


class RegisterView(RunMixin, StaffPage):
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
        return super().get_context_data(
            run=run,
            sessions=run.session_list,
            attendance=attendance_summary(run),
            confirmed=confirmed,
            cancelled=cancelled,
            # Position is the place in the queue for this run, any-date waiters included, which is
            # the order freed places are handed out in (see services/queue.py).
            waiting=[
                (position, entry, passed_over(run, entry)) for position, entry in enumerate(waiting_for(run), start=1)
            ],
            offers=run.offers.live().select_related("entry__student").order_by("expires_at", "pk"),
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


class SignInSheetView(RunMixin, StaffReadMixin, TemplateView):
    """A page of its own, without the admin frame, so it prints cleanly: one row per person
    (supporters too), one column per session to sign."""

    template_name = "enrolment/admin/sign_in_sheet.html"

    def get_context_data(self, **kwargs):
        rows = []
        for enrolment in self.run.enrolments.holding_places().select_related("student"):
            rows.append(str(enrolment.student))
            if enrolment.places == 2:
                rows.append(f"{enrolment.supporter_name or 'Supporter'} (supporting {enrolment.student})")
        return super().get_context_data(run=self.run, sessions=self.run.session_list, rows=rows, **kwargs)
