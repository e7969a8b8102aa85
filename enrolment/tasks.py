"""Periodic enrolment jobs, run by Celery beat (see CELERY_BEAT_SCHEDULE). Each is safe to run
twice at once and to rerun after a crash: the services lock and check before they change anything."""

from celery import shared_task
from django.utils import timezone

from . import services
from .services.alerts import tell_those_waiting_for_opening
from .services.feedback import ask_for_feedback


@shared_task(ignore_result=True)
def expire_due_offers() -> int:
    return services.expire_due_offers()


@shared_task(ignore_result=True)
def remind_offers_ending() -> int:
    # Asking for feedback after a course rides on this five-minute sweep: it is not urgent, and
    # the ledger's key makes asking again harmless, so it needs no schedule of its own.
    reminded = services.remind_offers_ending()
    ask_for_feedback(timezone.now())
    return reminded


@shared_task(ignore_result=True)
def offer_places_as_enrolment_opens() -> int:
    # One sweep, in this order: the people waiting are offered places before those who only
    # asked to be told are invited to enrol.
    given = services.offer_places_as_enrolment_opens()
    tell_those_waiting_for_opening()
    return given
