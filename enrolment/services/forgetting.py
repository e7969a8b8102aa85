"""A student's right to erasure, one service for every way it is asked for: the student's own
"delete my data", staff acting on a phone call or letter, and the college's retention job. Their
places are given up first (and offered to whoever is waiting), then every personal detail is
erased, wherever it is kept. The rows themselves stay, anonymous, so the college's attendance
numbers for commissioners remain true.

What is kept is who asked, how and why (a StateChange, and for staff Wagtail's history), never the
erased details. A safeguarding or legal hold, placed by a college admin, stops every erasure with
a clear reason until it is lifted."""

import datetime as dt
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import CourseRun
from enrolment.audit import log_staff_action
from enrolment.models import Enrolment, EnrolmentOpensAlert, FeedbackAnswer, StateChange, Student, WaitlistEntry

from ..errors import EnrolmentError, ErasureOnHold
from .changes import cancel_enrolment, leave_waitlist
from .plans import delete_plan
from .records import record
from .students import erase_details, lift_erasure_hold, set_erasure_hold

REASON = "asked us to delete their data"
WHY_MAX_LENGTH = 200

# Who asked and how: the choices staff pick from. The student's own page and the retention job
# are the other two ways in.
ASKED_BY = {
    "student": "the student",
    "on_behalf": "someone on their behalf (with their permission)",
    "retention": "the college (retention)",
}
HOW = {"online": "online", "phone": "by phone", "email": "by email", "letter": "by letter", "in_person": "in person"}

# Rows of higher apps (notices) that hold words about the student. Enrolment never imports them:
# each app connects its own eraser as Django starts (notices/apps.py), as with records.connect_ledger.
_erasers: list[Callable[[int], None]] = []


def connect_eraser(erase: Callable[[int], None]) -> None:
    """`erase(student_id)` blanks what another app keeps about a student, in the caller's transaction."""
    if erase not in _erasers:
        _erasers.append(erase)


class HoldReasonRequired(EnrolmentError):
    message = "Give the reason for the hold, without personal details."


def describe_request(*, asked_by: str, how: str, why: str) -> str:
    """The one line kept about the request, e.g. "Asked by the student, by phone: on 3 Dec"."""
    line = f"Asked by {ASKED_BY.get(asked_by, asked_by)}"
    if how:
        line += f", {HOW.get(how, how)}"
    return f"{line}: {why}" if why else line


def check_can_forget(student: Student) -> None:
    """Raise ErasureOnHold (with the hold's reason, for staff) while a college admin holds them."""
    if student.erasure_hold_reason and not student.forgotten_at:
        raise ErasureOnHold(student.erasure_hold_reason)


def forget_student(
    *,
    student_id: int,
    actor="student",
    reason: str = REASON,
    asked_by: str | None = None,
    how: str | None = None,
    now: dt.datetime | None = None,
) -> Student:
    """Erase a student at their request, staff's or the retention job's: give up places still to
    come, end their waits, then erase their details. `reason` is why (staff's words, capped);
    `asked_by` and `how` are keys of ASKED_BY and HOW (by default from the actor). Forgetting
    twice changes nothing. Raises ErasureOnHold, changing nothing, while they are held."""
    now = now or timezone.now()
    reason = (reason or REASON).strip()[:WHY_MAX_LENGTH]
    if asked_by is None:
        asked_by = "retention" if actor == "system" else "student"
    if how is None:
        how = "" if actor == "system" else "online"
    student = Student.objects.get(pk=student_id)
    if student.forgotten_at:
        return student
    check_can_forget(student)
    # Reasons written before now are staff's own words about them: blanked below. Those written
    # from here on (these cancellations, the erasure) are the reason given for the erasure.
    last_change_before = StateChange.objects.filter(student_id=student_id).order_by("-pk").values_list("pk", flat=True)
    last_change_before = last_change_before.first() or 0
    still_to_come = CourseRun.objects.upcoming(timezone.localdate(now)).values("pk")
    for enrolment_id in (
        Enrolment.objects.holding_places()
        .filter(student_id=student_id, run__in=still_to_come)
        .values_list("pk", flat=True)
    ):
        cancel_enrolment(enrolment_id=enrolment_id, actor=actor, reason=reason, now=now)
    for entry_id in WaitlistEntry.objects.filter(student_id=student_id, status__in=WaitlistEntry.LIVE).values_list(
        "pk", flat=True
    ):
        leave_waitlist(entry_id=entry_id, actor=actor, now=now)
    with transaction.atomic():
        student = erase_details(student_id=student_id, now=now)
        if student is None:
            return Student.objects.get(pk=student_id)
        _erase_words_about(student, last_change_before)
        record(
            "student",
            student,
            student=student,
            run=None,
            from_state="active",
            to_state="forgotten",
            actor=actor,
            reason=describe_request(asked_by=asked_by, how=how, why=reason),
            now=now,
        )
        log_staff_action(
            user=actor,
            instance=student,
            action="college.student.erased",
            data={"asked_by": ASKED_BY.get(asked_by, asked_by), "how": HOW.get(how, how), "why": reason},
        )
        return student


def _erase_words_about(student: Student, last_change_before: int) -> None:
    """Everything else that could say who they were, besides the Student row itself."""
    Enrolment.objects.filter(student=student).update(supporter_name="")
    WaitlistEntry.objects.filter(student=student).update(supporter_name="")
    # "Email me when enrolment opens" is only a wish: nothing is counted, so nothing is kept.
    EnrolmentOpensAlert.objects.filter(student=student).delete()
    # A learning plan is their own words about their recovery: it goes entirely.
    delete_plan(student_id=student.pk)
    # Their feedback in their own words could name them; the ratings stay, for the reports.
    FeedbackAnswer.objects.filter(student=student).update(what_helped="", could_do_better="")
    # Staff's reasons for earlier changes are free text and may hold details about them.
    StateChange.objects.filter(student=student, pk__lte=last_change_before).update(reason="")
    # Wagtail's history of the admin's own views is labelled with str(student), their name, and
    # its data may hold field values: relabelled and emptied, so the history says only what was done.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Student), object_id=str(student.pk)
    ).update(label=f"Deleted student {student.pk}", data={})
    for erase in _erasers:
        erase(student.pk)


def place_hold(*, student_id: int, reason: str, by, now: dt.datetime | None = None) -> Student:
    """A college admin stops erasure for a safeguarding or legal reason, until it is lifted."""
    reason = " ".join((reason or "").split())[:200]
    if not reason:
        raise HoldReasonRequired()
    with transaction.atomic():
        student = set_erasure_hold(student_id=student_id, reason=reason, by=by, now=now or timezone.now())
        log_staff_action(user=by, instance=student, action="college.student.erasure_held", data={"reason": reason})
        return student


def lift_hold(*, student_id: int, by) -> Student:
    """A college admin lifts the hold: erasure is possible again, if anyone asks."""
    with transaction.atomic():
        student = lift_erasure_hold(student_id=student_id)
        log_staff_action(user=by, instance=student, action="college.student.erasure_hold_lifted")
        return student
