"""A student's right to erasure. Their places are given up first (and offered to whoever is
waiting), then every personal detail is erased. The rows themselves stay, anonymous, so the
college's attendance numbers for commissioners remain true."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment, EnrolmentOpensAlert, Student, WaitlistEntry

from .changes import cancel_enrolment, leave_waitlist
from .plans import delete_plan
from .records import record
from .students import erase_details

REASON = "asked us to delete their data"


def forget_student(*, student_id: int, actor="student", now: dt.datetime | None = None) -> Student:
    """Erase a student at their request (or staff's): give up places still to come, end their
    waits, then erase their details. Forgetting twice changes nothing."""
    now = now or timezone.now()
    still_to_come = CourseRun.objects.upcoming(timezone.localdate(now)).values("pk")
    for enrolment_id in (
        Enrolment.objects.holding_places()
        .filter(student_id=student_id, run__in=still_to_come)
        .values_list("pk", flat=True)
    ):
        cancel_enrolment(enrolment_id=enrolment_id, actor=actor, reason=REASON, now=now)
    for entry_id in WaitlistEntry.objects.filter(student_id=student_id, status__in=WaitlistEntry.LIVE).values_list(
        "pk", flat=True
    ):
        leave_waitlist(entry_id=entry_id, actor=actor, now=now)
    with transaction.atomic():
        student = erase_details(student_id=student_id, now=now)
        if student is None:
            return Student.objects.get(pk=student_id)
        Enrolment.objects.filter(student=student).update(supporter_name="")
        WaitlistEntry.objects.filter(student=student).update(supporter_name="")
        # "Email me when enrolment opens" is only a wish: nothing is counted, so nothing is kept.
        EnrolmentOpensAlert.objects.filter(student=student).delete()
        # A learning plan is their own words about their recovery: it goes entirely.
        delete_plan(student_id=student.pk)
        record(
            "student",
            student,
            student=student,
            run=None,
            from_state="active",
            to_state="forgotten",
            actor=actor,
            reason=REASON,
            now=now,
        )
        return student
