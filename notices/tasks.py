"""Celery tasks for email. Arguments are ids only: no personal data sits in the broker.

`send_notices` runs on the `email` queue (its own worker pool in production), so a slow provider
never delays other work. Late acknowledgement: the broker keeps the message until the task
returns, so a worker killed mid-task has it redelivered; the claim in sending.py makes a
redelivery harmless."""

from celery import shared_task
from django.conf import settings

from . import sending, sweep as sweeping

# The hard limit bounds how long a row can stay `sending` (the sweep rescues it after that, see
# sending.SENDING_TIMEOUT); the soft limit, 30 s before, lets a task stuck in a provider call
# stop and leave what it has already recorded. A provider call has its own (5, 30) s timeouts.
HARD_LIMIT = settings.NOTICE_SEND_TIME_LIMIT
SOFT_LIMIT = max(HARD_LIMIT - 30, 1)


@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True,
             time_limit=HARD_LIMIT, soft_time_limit=SOFT_LIMIT)
def send_notices(notice_ids: list[int]) -> dict:
    return sending.send_notices(notice_ids)


@shared_task(ignore_result=True)
def sweep() -> dict:
    return sweeping.sweep()
