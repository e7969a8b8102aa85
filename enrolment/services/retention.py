"""Erasing booking details once they are no longer needed (privacy.retention runs these nightly,
with the times from privacy.models.RetentionSettings). Each function finds what is past its time,
changes it a batch at a time (so a college with 50,000 students is never loaded at once), and
returns how many rows it changed. Running one again changes nothing: what is already blank is not
found again.

Only the personal words go. The rows stay, so attendance, waiting-list and completion figures
for commissioners come out the same after as before."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, Subquery

from courses.models import CourseRun, Session
from enrolment.models import Enrolment, StateChange, Student, WaitlistEntry, WalkIn

from .students import blank_support_needs

BATCH = 500
WALK_IN_NAME = "Walk-in"


def _last_session_date(run_field: str):
    """The date of the last session of the run named by `run_field`: the day the run ends."""
    return Subquery(Session.objects.filter(run=OuterRef(run_field)).order_by("-date").values("date")[:1])


def _runs_not_ended_before(day: dt.date):
    """Runs whose last session is on or after `day`, or which have no sessions yet (not ended)."""
    return CourseRun.objects.with_dates().filter(Q(last_date__gte=day) | Q(last_date__isnull=True)).values("pk")


def _in_batches(queryset, update: dict) -> int:
    """Update the rows of `queryset` a batch at a time. `queryset` must stop finding a row once
    it is updated, so each pass takes the next batch and the loop ends."""
    changed = 0
    while ids := list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH]):
        changed += queryset.model.objects.filter(pk__in=ids).update(**update)
    return changed


def blank_supporter_names(*, ended_before: dt.date) -> int:
    """Blank the names of carers and supporters on places and waits whose run ended before
    `ended_before`; for a wait for any date of a course (no run), once the wait itself ended
    before then. Their second place is still counted: only the name goes."""
    enrolments = (
        Enrolment.objects.exclude(supporter_name="")
        .annotate(run_ended_on=_last_session_date("run"))
        .filter(run_ended_on__lt=ended_before)
    )
    # An any-date wait ends when it is left, declined, expired or turned into a place: its last
    # recorded change. Until then (waiting, offered) it is live and the name is still needed.
    last_change = StateChange.objects.filter(subject="waitlist", subject_id=OuterRef("pk")).order_by("-at")
    waits = (
        WaitlistEntry.objects.exclude(supporter_name="")
        .annotate(run_ended_on=_last_session_date("run"), wait_ended_at=Subquery(last_change.values("at")[:1]))
        .filter(
            Q(run__isnull=False, run_ended_on__lt=ended_before)
            | Q(run__isnull=True, wait_ended_at__date__lt=ended_before)
        )
        .exclude(run__isnull=True, status__in=WaitlistEntry.LIVE)
    )
    return _in_batches(enrolments, {"supporter_name": ""}) + _in_batches(waits, {"supporter_name": ""})


def students_whose_support_needs_are_done(*, ended_before: dt.date, joined_before: dt.datetime):
    """Students with support needs written down whose every run (booked, cancelled or waited
    for) ended before `ended_before`, with no live wait, and who joined before `joined_before`
    (someone added yesterday may be booked tomorrow). Facilitators read support needs before
    each session, so they stay while any run of theirs is still to come or just finished."""
    recent = _runs_not_ended_before(ended_before)
    return (
        Student.objects.exclude(support_needs="")
        .filter(forgotten_at__isnull=True, created_at__lt=joined_before)
        .exclude(Exists(Enrolment.objects.filter(student=OuterRef("pk"), run__in=recent)))
        .exclude(Exists(WaitlistEntry.objects.filter(student=OuterRef("pk"), run__in=recent)))
        .exclude(Exists(WaitlistEntry.objects.filter(student=OuterRef("pk"), status__in=WaitlistEntry.LIVE)))
    )


def blank_old_support_needs(*, ended_before: dt.date, joined_before: dt.datetime) -> int:
    """Blank the support needs of the students above, a batch at a time (the write is the
    students service's). Returns how many were blanked."""
    students = students_whose_support_needs_are_done(ended_before=ended_before, joined_before=joined_before)
    blanked = 0
    while ids := list(students.order_by("pk").values_list("pk", flat=True)[:BATCH]):
        blanked += blank_support_needs(student_ids=ids)
    return blanked


def forget_walk_ins(*, session_before: dt.date) -> int:
    """Replace the name, phone and email of walk-ins at sessions before `session_before` with
    "Walk-in" and blanks. The row stays: they still count as having been in the room."""
    walk_ins = WalkIn.objects.filter(session__date__lt=session_before).exclude(name=WALK_IN_NAME, phone="", email="")
    return _in_batches(walk_ins, {"name": WALK_IN_NAME, "phone": "", "email": ""})
