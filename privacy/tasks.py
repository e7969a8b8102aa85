"""The nightly retention job (CELERY_BEAT_SCHEDULE "apply-retention" in college/settings/base.py).
Safe to run twice, or after a crash: each rule finds only what is not yet erased."""

from celery import shared_task

from .retention import apply_retention as apply_rules


@shared_task(ignore_result=True)
def apply_retention() -> dict:
    return apply_rules()
