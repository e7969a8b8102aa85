"""Whether a message owed earlier is still worth sending at the moment it goes out. A reminder
for a place cancelled since, or an offer already answered, would only confuse."""

from django.utils import timezone

from enrolment.models import Enrolment, Offer

from .kinds import OFFER_KINDS, REMINDER_KINDS, Kind
from .models import Notice


def reasons_to_skip(notices: list[Notice]) -> dict[int, str]:
    """For each row, why it should not go ("" when it should). Two queries for the whole group,
    however many reminders a batch holds."""
    confirmed = set(
        Enrolment.objects.filter(
            pk__in=[n.subject_id for n in notices if n.kind in REMINDER_KINDS],
            status=Enrolment.Status.CONFIRMED,
        ).values_list("pk", flat=True)
    )
    live_offers = set(
        Offer.objects.filter(
            pk__in=[n.subject_id for n in notices if n.kind in OFFER_KINDS],
            status=Offer.Status.LIVE,
        ).values_list("pk", flat=True)
    )
    return {notice.pk: _reason(notice, confirmed, live_offers) for notice in notices}


def _reason(notice: Notice, confirmed: set[int], live_offers: set[int]) -> str:
    student = notice.student
    if student.forgotten_at or not student.email:
        return "No email address."
    if student.email_undeliverable_at:
        return "Their email address is not working."
    if notice.kind in REMINDER_KINDS:
        return _reminder_problem(notice, student, confirmed)
    if notice.kind in OFFER_KINDS and notice.subject_id not in live_offers:
        return "The offer was answered or ran out before this could be sent."
    if notice.kind == Kind.ENROLMENT_OPEN and (notice.run is None or notice.run.is_cancelled):
        return "The course was cancelled."
    if notice.kind == Kind.FEEDBACK and (notice.run is None or notice.run.is_cancelled):
        return "The course was cancelled."
    return ""


def _reminder_problem(notice: Notice, student, confirmed: set[int]) -> str:
    if student.reminders_off:
        return "They switched reminders off."
    if notice.run is None or notice.run.is_cancelled:
        return "The course was cancelled."
    if notice.session is None or notice.session.starts_at <= timezone.now():
        return "The session has started or was removed."
    if notice.subject_id not in confirmed:
        return "They are no longer enrolled."
    return ""
