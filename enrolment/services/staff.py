"""Rules that apply when staff act for a student (phone calls, paper forms, people at the desk).
Called by the Wagtail admin (enrolment.admin); the public pages have their own form rules."""

from enrolment.models import Student

from ..errors import EnrolmentError


class CannotReach(EnrolmentError):
    message = "Give at least one way to reach them: an email address, a phone number or a postal address."

    def __init__(self, message: str | None = None, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotConfirmedAdult(EnrolmentError):
    message = (
        "They have not told us they are 18 or over. Ask them, then tick “18 or over” on "
        "their record before enrolling them."
    )


# Which detail each way of contacting someone needs, and what to say when it is missing.
_CONTACT_NEEDS = {
    Student.ContactBy.EMAIL: ("email", "They have no email address: choose phone or post, or add their email."),
    Student.ContactBy.PHONE: ("phone", "They have no phone number: choose another way, or add their number."),
    Student.ContactBy.POST: ("postal_address", "We have no postal address for them: choose another way, or add it."),
}


def check_reachable(*, email: str | None, phone: str, postal_address: str, contact_by: str) -> None:
    """Raise CannotReach unless we can reach the student, and by the way they chose: a student we
    cannot contact can never be offered a freed place or told that a course is cancelled."""
    details = {"email": email, "phone": phone, "postal_address": postal_address}
    if not any((value or "").strip() for value in details.values()):
        raise CannotReach()
    needed, message = _CONTACT_NEEDS.get(contact_by, (None, ""))
    if needed and not (details[needed] or "").strip():
        raise CannotReach(message, field="contact_by")


def check_can_enrol_for(student: Student) -> None:
    """Raise NotConfirmedAdult: the college is for adults, and staff enrolling on someone's behalf
    must have asked (the public form asks everyone). Raise EnrolmentError for an erased record:
    someone who asked us to delete their data comes back as a new student."""
    if student.forgotten_at:
        raise EnrolmentError("This record was erased at the student's request. Add them as a new student.")
    if not student.confirmed_adult:
        raise NotConfirmedAdult()
