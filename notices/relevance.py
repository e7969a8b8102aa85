"""Whether a message owed earlier is still worth sending at the moment it goes out. A reminder
for a place cancelled since, or an offer already answered, would only confuse."""

from django.utils import timezone

from enrolment.models import Enrolment, Offer

from .models import REMINDER_KINDS, Kind, Notice


def reason_to_skip(notice: Notice) -> str:
    student = notice.student
    if student.forgotten_at or not student.email:
        return "No email address."
    if student.email_undeliverable_at:
        return "Their email address is not working."
    if notice.kind in REMINDER_KINDS:
        return _reminder_problem(notice, student)
    if notice.kind in (Kind.OFFERED, Kind.OFFER_ENDING):
        if not Offer.objects.filter(pk=notice.subject_id, status=Offer.Status.LIVE).exists():
            return "The offer was answered or ran out before this could be sent."
    return ""


def _reminder_problem(notice: Notice, student) -> str:
    if student.reminders_off:
        return "They switched reminders off."
    if notice.run is None or notice.run.is_cancelled:
        return "The course was cancelled."
    if notice.session is None or notice.session.starts_at <= timezone.now():
        return "The session has started or was removed."
    if not Enrolment.objects.filter(pk=notice.subject_id, status=Enrolment.Status.CONFIRMED).exists():
        return "They are no longer enrolled."
    return ""
