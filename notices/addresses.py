"""Email addresses that do not work. Once an address bounces or its owner marks our email as spam,
nothing more is sent to it, staff see why, and messages that matter go to the call list."""

from django.db import transaction
from django.utils import timezone

from enrolment.models import Student

from .models import CALL_KINDS, Notice


def mark_undeliverable(student: Student, *, reason: str) -> None:
    with transaction.atomic():
        updated = Student.objects.filter(pk=student.pk, email_undeliverable_at__isnull=True).update(
            email_undeliverable_at=timezone.now(), email_problem=reason[:200])
        if not updated:
            return
        waiting = Notice.objects.filter(student=student, status=Notice.Status.PENDING)
        waiting.filter(kind__in=CALL_KINDS).update(channel=Notice.Channel.PHONE, status=Notice.Status.TO_CALL)
        waiting.update(status=Notice.Status.SKIPPED, problem="Their email address is not working.")


def mark_undeliverable_address(email: str, *, reason: str) -> bool:
    student = Student.objects.filter(email=(email or "").strip().lower()).first()
    if student is None:
        return False
    mark_undeliverable(student, reason=reason)
    return True


def clear_undeliverable(student: Student) -> None:
    """Staff fixed or checked the address: sending resumes."""
    Student.objects.filter(pk=student.pk).update(email_undeliverable_at=None, email_problem="")
