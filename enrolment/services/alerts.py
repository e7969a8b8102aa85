"""Asking for "email me when enrolment opens", and the one email when it does.

Asking gives no place and no priority: places still go to whoever enrols, and the waiting list
is offered its places first by offer_places_as_enrolment_opens. The email is owed through the
ledger with a key per student and run, so two sweeps at once (or a sweep rerun after a crash)
never email anyone twice."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment, EnrolmentOpensAlert, Offer, Student, WaitlistEntry
from enrolment.models.places import Source

from .. import errors
from ..selectors import check_can_join, open_for_enrolment
from .records import publish

KIND = "enrolment_open"
BATCH = 200  # alerts told per transaction, so one run with many askers never holds a long transaction


class EnrolmentAlreadyOpen(errors.EnrolmentError):
    message = "Enrolment for these dates is open now, so you can enrol straight away."


def ask_to_be_told_when_open(*, run_id: int, student: Student, now: dt.datetime | None = None) -> EnrolmentOpensAlert:
    """Remember that `student` wants one email when enrolment for this run opens. Asking twice
    changes nothing. Raises an EnrolmentError when there is nothing to wait for."""
    now = now or timezone.now()
    run = CourseRun.objects.select_related("course").get(pk=run_id)
    try:
        check_can_join(run, now=now, source=Source.ONLINE)
    except errors.EnrolmentNotOpenYet:
        pass  # the one case where asking makes sense
    else:
        raise EnrolmentAlreadyOpen()
    with transaction.atomic():
        alert, _ = EnrolmentOpensAlert.objects.get_or_create(student=student, run=run, defaults={"created_at": now})
    return alert


def stop_telling(*, student_id: int, run_id: int) -> None:
    """The student no longer wants the email ("Stop this email" in My courses)."""
    EnrolmentOpensAlert.objects.filter(student_id=student_id, run_id=run_id, sent_at__isnull=True).delete()


def tell_those_waiting_for_opening(*, now: dt.datetime | None = None) -> int:
    """For every run whose enrolment has opened, owe each person who asked one email, and mark
    their alert dealt with in the same transaction. Nobody is emailed about a run they cannot
    enrol on any more (cancelled, closed) or already hold or wait for a place on. Returns how
    many emails were owed."""
    now = now or timezone.now()
    run_ids = list(
        EnrolmentOpensAlert.objects.filter(sent_at__isnull=True, run__enrolment_opens__lte=now)
        .values_list("run_id", flat=True)
        .distinct()
    )
    owed = 0
    for run_id in run_ids:
        run = CourseRun.objects.select_related("course").prefetch_related("facilitators").get(pk=run_id)
        while True:
            told, left = _tell_a_batch(run, now=now)
            owed += told
            if not left:
                break
    return owed


def _tell_a_batch(run: CourseRun, *, now: dt.datetime) -> tuple[int, bool]:
    with transaction.atomic():
        # SKIP LOCKED: a second sweep at the same moment takes other rows, not the same ones (on
        # SQLite the transactions take turns). The ledger key is the backstop either way.
        alerts = list(
            EnrolmentOpensAlert.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(run=run, sent_at__isnull=True)
            .select_related("student")
            .order_by("pk")[:BATCH]
        )
        if not alerts:
            return 0, False
        wanted = alerts if _can_enrol(run, now) else []
        already = _students_with_a_place_or_waiting(run, [alert.student_id for alert in wanted])
        told = 0
        for alert in wanted:
            if alert.student_id not in already:
                notice = publish(
                    KIND, alert, student=alert.student, run=run, now=now, key=f"{KIND}:{run.pk}:{alert.student_id}"
                )
                told += notice is not None
        EnrolmentOpensAlert.objects.filter(pk__in=[alert.pk for alert in alerts]).update(sent_at=now)
        return told, len(alerts) == BATCH


def _can_enrol(run: CourseRun, now: dt.datetime) -> bool:
    return bool(open_for_enrolment(CourseRun.objects.filter(pk=run.pk), now=now))


def _students_with_a_place_or_waiting(run: CourseRun, student_ids: list[int]) -> set[int]:
    if not student_ids:
        return set()
    enrolled = Enrolment.objects.holding_places().filter(run=run, student_id__in=student_ids)
    waiting = WaitlistEntry.objects.filter(run=run, status__in=WaitlistEntry.LIVE, student_id__in=student_ids)
    offered = Offer.objects.live().filter(run=run, entry__student_id__in=student_ids)
    return (
        set(enrolled.values_list("student_id", flat=True))
        | set(waiting.values_list("student_id", flat=True))
        | set(offered.values_list("entry__student_id", flat=True))
    )
