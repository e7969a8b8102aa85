"""Heartbeats: beat queues `heartbeat` every minute on each queue (CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from .models import Heartbeat


@shared_task(ignore_result=True)
def heartbeat(name: str) -> None:
    Heartbeat.beat(name)
