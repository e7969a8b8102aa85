"""Finding or creating the student behind an enrolment form.

A returning student is matched by email (case and spaces ignored) and never duplicated. Details
typed into a public form never overwrite a known student's record: anyone can type anyone's email,
so changes to a record come only through the student's own signed-in page or staff."""

from django.utils import timezone

from enrolment.models import Student

from .joining import normalise_email

NEW_STUDENT_FIELDS = ("first_name", "last_name", "phone", "postcode", "joining_as", "support_needs",
                      "heard_about", "contact_by")


def find_or_create_student(details: dict, *, consent_how: str) -> tuple[Student, bool]:
    """Returns (student, created). `details` holds the cleaned form fields."""
    email = normalise_email(details.get("email"))
    defaults = {field: details.get(field) or "" for field in NEW_STUDENT_FIELDS}
    defaults.update(confirmed_adult=True, consent_at=timezone.now(), consent_how=consent_how)
    if email is None:
        return Student.objects.create(**defaults), True
    # get_or_create retries the read if a concurrent request created the same email first.
    return Student.objects.get_or_create(email=email, defaults=defaults)


def set_reminders(*, student_id: int, wanted: bool) -> None:
    """Reminders on or off. Booking emails (confirmations, offers, changes) are not affected:
    those are about their place, not a nudge. Reminders already written are skipped at send time."""
    Student.objects.filter(pk=student_id).update(reminders_off=not wanted)
