"""Celery tasks for email. Arguments are ids only: no personal data sits in the broker.

`send_notices` runs on the `email` queue (its own worker pool in production), so a slow provider
never delays other work. Late acknowledgement: the broker keeps the message until the task
returns, so a worker killed mid-task has it redelivered; the claim in sending.py makes a
redelivery harmless."""

from celery import shared_task

from . import sending, sweep as sweeping


@shared_task(ignore_result=True, acks_late=True, reject_on_worker_lost=True, time_limit=300, soft_time_limit=240)
def send_notices(notice_ids: list[int]) -> dict:
    return sending.send_notices(notice_ids)


@shared_task(ignore_result=True)
def sweep() -> dict:
    return sweeping.sweep()
