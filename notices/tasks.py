"""Celery tasks for email; the worker finds them all here. Sending is dispatch.py's (on the
`email` queue); the sweep, every minute, owes reminders and hands over what was not handed over."""

from celery import shared_task

from . import sweep as sweeping
from .dispatch import send_notices  # noqa: F401 - registered with the worker from here too


@shared_task(ignore_result=True)
def sweep() -> dict:
    return sweeping.sweep()
