"""A student's right to erasure. Their places are given up first (and offered to whoever is
waiting), then every personal detail is erased. The rows themselves stay, anonymous, so the
college's attendance numbers for commissioners remain true."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment, EnrolmentOpensAlert, Student, WaitlistEntry

from .changes import cancel_enrolment, leave_waitlist
from .records import record

REASON = "asked us to delete their data"


def forget_student(*, student_id: int, actor="student", now: dt.datetime | None = None) -> Student:
    now = now or timezone.now()
    still_to_come = CourseRun.objects.upcoming(timezone.localdate(now)).values("pk")
    for enrolment_id in (Enrolment.objects.holding_places().filter(student_id=student_id, run__in=still_to_come)
                         .values_list("pk", flat=True)):
        cancel_enrolment(enrolment_id=enrolment_id, actor=actor, reason=REASON, now=now)
    for entry_id in WaitlistEntry.objects.filter(student_id=student_id, status__in=WaitlistEntry.LIVE) \
            .values_list("pk", flat=True):
        leave_waitlist(entry_id=entry_id, actor=actor, now=now)
    with transaction.atomic():
        student = Student.objects.select_for_update().get(pk=student_id)
        if student.forgotten_at:
            return student
        for field, blank in [("first_name", "Deleted"), ("last_name", "student"), ("email", None), ("phone", ""),
                             ("postal_address", ""), ("postcode", ""), ("date_of_birth", None),
                             ("support_needs", ""), ("heard_about", ""), ("link_nonce", "")]:
            setattr(student, field, blank)
        student.forgotten_at = now
        student.save()
        Enrolment.objects.filter(student=student).update(supporter_name="")
        WaitlistEntry.objects.filter(student=student).update(supporter_name="")
        # "Email me when enrolment opens" is only a wish: nothing is counted, so nothing is kept.
        EnrolmentOpensAlert.objects.filter(student=student).delete()
        record("student", student, student=student, run=None, from_state="active", to_state="forgotten",
               actor=actor, reason=REASON, now=now)
        return student
