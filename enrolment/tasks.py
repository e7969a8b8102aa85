"""Periodic enrolment jobs, run by Celery beat (see CELERY_BEAT_SCHEDULE). Each is safe to run
twice at once and to rerun after a crash: the services lock and check before they change anything."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True)
def expire_due_offers() -> int:
    return services.expire_due_offers()


@shared_task(ignore_result=True)
def remind_offers_ending() -> int:
    return services.remind_offers_ending()


@shared_task(ignore_result=True)
def offer_places_as_enrolment_opens() -> int:
    return services.offer_places_as_enrolment_opens()
