"""Handing owed emails to the worker: the `send_notices` task on the `email` queue (its own worker
pool in production, so a slow provider never delays other work). Arguments are ids only: no
personal data sits in the broker. Late acknowledgement: the broker keeps the message until the
task returns, so a worker killed mid-task has it redelivered; the claim in sending.py makes a
redelivery harmless."""

import logging

from celery import shared_task
from django.conf import settings

from . import sending
from .models import Notice

logger = logging.getLogger(__name__)
EMAIL_QUEUE = "email"

# The hard limit bounds how long a row can stay `sending` (the sweep rescues it after that, see
# sending.SENDING_TIMEOUT); the soft limit, 30 s before, lets a task stuck in a provider call
# stop and leave what it has already recorded. A provider call has its own (5, 30) s timeouts.
HARD_LIMIT = settings.NOTICE_SEND_TIME_LIMIT
SOFT_LIMIT = max(HARD_LIMIT - 30, 1)


# Named as when it lived in tasks.py, so queued messages and the route in settings still find it.
@shared_task(
    name="notices.tasks.send_notices",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=HARD_LIMIT,
    soft_time_limit=SOFT_LIMIT,
)
def send_notices(notice_ids: list[int]) -> dict:
    """The worker's task: send these ledger rows (sending.send_notices)."""
    return sending.send_notices(notice_ids)


def enqueue_in_batches(notice_ids: list[int], size: int) -> None:
    """Hand many rows to the email queue, `size` to a task."""
    for start in range(0, len(notice_ids), size):
        enqueue(notice_ids[start : start + size])


def enqueue(notice_ids: list[int]) -> None:
    """Hand rows to the email queue. Never raises: if the broker is down the rows stay pending and
    the sweep (every minute) hands them over again, so a booking never fails for want of Redis."""
    try:
        send_notices.apply_async(args=[notice_ids], queue=EMAIL_QUEUE)
    except Exception:  # noqa: BLE001 - any broker failure; the sweep retries
        logger.warning("Could not queue %d email(s); the sweep will retry", len(notice_ids), exc_info=True)
        # Never handed over: the first sweep after the broker returns takes them, without waiting
        # for sweep.REQUEUE_AFTER (meant for messages that reached the queue and were lost there).
        Notice.objects.filter(pk__in=notice_ids, status=Notice.Status.PENDING).update(queued_at=None)
