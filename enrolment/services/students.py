"""Every write of a Student row: finding or creating the student behind a form, their details
saved from a form (theirs or staff's), their reminder choice, the one-use sign-in nonce, and
whether their email address works. Nothing else saves a Student (notices calls in here too).

A returning student is matched by email (case and spaces ignored) and never duplicated. Details
typed into a public form never overwrite a known student's record: anyone can type anyone's email,
so changes to a record come only through the student's own signed-in page or staff."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from enrolment.models import Student

from ..errors import ErasureOnHold
from .joining import normalise_email

NEW_STUDENT_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "postcode",
    "joining_as",
    "support_needs",
    "heard_about",
    "contact_by",
)


def find_or_create_student(details: dict, *, consent_how: str) -> tuple[Student, bool]:
    """Returns (student, created). `details` holds the cleaned form fields."""
    email = normalise_email(details.get("email"))
    defaults = {field: details.get(field) or "" for field in NEW_STUDENT_FIELDS}
    defaults.update(confirmed_adult=True, consent_at=timezone.now(), consent_how=consent_how)
    if email is None:
        return Student.objects.create(**defaults), True
    # get_or_create retries the read if a concurrent request created the same email first.
    return Student.objects.get_or_create(email=email, defaults=defaults)


def save_details(form, *, save=None) -> Student:
    """Save a valid ModelForm of a Student (the student's own "change your details", or staff
    adding or editing someone). A new email address has not bounced, so it is used again.
    `save` saves the form another way (the admin's, which also logs who made the change)."""
    with transaction.atomic():
        student = save() if save else form.save()
        if "email" in form.changed_data and student.email_undeliverable_at:
            clear_email_problem(student_id=student.pk)
            student.refresh_from_db(fields=["email_undeliverable_at", "email_problem"])
        return student


def set_reminders(*, student_id: int, wanted: bool) -> None:
    """Reminders on or off. Booking emails (confirmations, offers, changes) are not affected:
    those are about their place, not a nudge. Reminders already written are skipped at send time."""
    Student.objects.filter(pk=student_id).update(reminders_off=not wanted)


def new_nonce() -> str:
    """A fresh one-use value for the next sign-in link."""
    return secrets.token_hex(8)


def ensure_link_nonce(student: Student) -> str:
    """The nonce the next sign-in link carries; made on first use."""
    if not student.link_nonce:
        student.link_nonce = new_nonce()
        student.save(update_fields=["link_nonce"])
    return student.link_nonce


def use_link_nonce(*, student_id: int, nonce: str) -> bool:
    """Spend a sign-in link: True for exactly one of two presses of the same link, because the
    conditional update is the claim. Every link sent before it stops working too."""
    return bool(Student.objects.filter(pk=student_id, link_nonce=nonce).update(link_nonce=new_nonce()))


def mark_email_undeliverable(*, student_id: int, reason: str, now: dt.datetime) -> bool:
    """Stop using their address. Marking again keeps the first time and reason (a provider
    repeating an event changes nothing). Returns whether the address was newly marked."""
    return bool(
        Student.objects.filter(pk=student_id, email_undeliverable_at__isnull=True).update(
            email_undeliverable_at=now, email_problem=reason[:200]
        )
    )


def clear_email_problem(*, student_id: int) -> None:
    """Their address works again (staff checked it, or it changed)."""
    Student.objects.filter(pk=student_id).update(email_undeliverable_at=None, email_problem="")


def erase_details(*, student_id: int, now: dt.datetime) -> Student | None:
    """Erase every personal detail (their right to erasure: forgetting.py gives their places up
    first). The row stays, anonymous, for the college's figures. None if already erased."""
    student = Student.objects.select_for_update().get(pk=student_id)
    if student.forgotten_at:
        return None
    if student.erasure_hold_reason:  # checked again under the lock: a hold placed a moment ago wins
        raise ErasureOnHold(student.erasure_hold_reason)
    for field, blank in [
        ("first_name", "Deleted"),
        ("last_name", "student"),
        ("email", None),
        ("phone", ""),
        ("postal_address", ""),
        ("postcode", ""),
        ("date_of_birth", None),
        ("support_needs", ""),
        ("heard_about", ""),
        ("link_nonce", ""),
        ("email_problem", ""),  # a provider's bounce message can quote their address
    ]:
        setattr(student, field, blank)
    student.forgotten_at = now
    student.save()
    return student


def blank_support_needs(*, student_ids: list[int]) -> int:
    """Blank these students' support needs once no course of theirs needs them (the retention
    job, enrolment.services.retention, chooses who). Returns how many were blanked."""
    return Student.objects.filter(pk__in=student_ids).exclude(support_needs="").update(support_needs="")


def set_erasure_hold(*, student_id: int, reason: str, by, now: dt.datetime) -> Student:
    """A safeguarding or legal hold: nobody can erase them until it is lifted (forgetting.py
    asks). Placing it again replaces the reason."""
    Student.objects.filter(pk=student_id).update(
        erasure_hold_reason=reason[:200], erasure_hold_by=by, erasure_hold_at=now
    )
    return Student.objects.get(pk=student_id)


def lift_erasure_hold(*, student_id: int) -> Student:
    """No hold any more (forgetting.lift_hold logs who lifted it)."""
    Student.objects.filter(pk=student_id).update(erasure_hold_reason="", erasure_hold_by=None, erasure_hold_at=None)
    return Student.objects.get(pk=student_id)
