"""Writing down what a student is owed. Called inside the transaction that makes the change, so
the change and the message it owes commit together or not at all.

Email goes out through the worker (`sending.py`). A student without a working email address is
put on the staff "to call" list instead, for the messages that matter (offers, reminders and
changes to a course); for the rest staff already know, because they made the booking."""

import datetime as dt
import logging
import uuid

from django.db import transaction

from .models import CALL_KINDS, REMINDER_KINDS, Kind, Notice

logger = logging.getLogger(__name__)
EMAIL_QUEUE = "email"


def owe(kind: str, *, student, run=None, subject_id: int | None = None, session=None, details: str = "",
        now: dt.datetime, key: str = "") -> Notice | None:
    """Record one message owed to `student`. Returns None when nothing can or need be sent
    (the student asked us to forget them). Owing the same key twice returns the first row."""
    notice = new_notice(kind, student=student, run=run, subject_id=subject_id, session=session,
                        details=details, now=now, key=key)
    if notice is None:
        return None
    fields = {f.attname: getattr(notice, f.attname) for f in Notice._meta.concrete_fields
              if f.name not in ("id", "key")}
    notice, created = Notice.objects.get_or_create(key=notice.key, defaults=fields)
    if created and notice.status == Notice.Status.PENDING:
        transaction.on_commit(lambda: enqueue([notice.pk]))
    return notice


def new_notice(kind: str, *, student, run=None, subject_id: int | None = None, session=None,
               details: str = "", now: dt.datetime, key: str = "") -> Notice | None:
    """An unsaved ledger row, routed to email, the call list or nowhere; for bulk writers."""
    if student.forgotten_at:
        return None
    channel, status, problem = _route(kind, student)
    return Notice(
        key=key or f"{kind}:{subject_id}", kind=kind, student=student, run=run, session=session,
        subject_id=subject_id, details=details, channel=channel, status=status, problem=problem,
        created_at=now, due_at=now, queued_at=now if status == Notice.Status.PENDING else None,
    )


def owe_sign_in(student, *, now: dt.datetime) -> Notice | None:
    # Every request for a link is its own message: the key is never reused.
    return owe(Kind.SIGN_IN, student=student, subject_id=student.pk, now=now,
               key=f"{Kind.SIGN_IN}:{student.pk}:{uuid.uuid4().hex}")


def _route(kind: str, student) -> tuple[str, str, str]:
    if student.can_be_emailed:
        if kind in REMINDER_KINDS and student.reminders_off:
            return Notice.Channel.EMAIL, Notice.Status.SKIPPED, "They switched reminders off."
        return Notice.Channel.EMAIL, Notice.Status.PENDING, ""
    if kind in CALL_KINDS:
        return Notice.Channel.PHONE, Notice.Status.TO_CALL, ""
    reason = "Their email address is not working." if student.has_email else "No email address."
    return Notice.Channel.EMAIL, Notice.Status.SKIPPED, reason


def enqueue_in_batches(notice_ids: list[int], size: int) -> None:
    for start in range(0, len(notice_ids), size):
        enqueue(notice_ids[start:start + size])


def enqueue(notice_ids: list[int]) -> None:
    """Hand rows to the email queue. Never raises: if the broker is down the rows stay pending and
    the sweep (every minute) hands them over again, so a booking never fails for want of Redis."""
    from .tasks import send_notices

    try:
        send_notices.apply_async(args=[notice_ids], queue=EMAIL_QUEUE)
    except Exception:  # noqa: BLE001 - any broker failure; the sweep retries
        logger.warning("Could not queue %d email(s); the sweep will retry", len(notice_ids), exc_info=True)
        # Never handed over: the first sweep after the broker returns takes them, without waiting
        # for sweep.REQUEUE_AFTER (meant for messages that reached the queue and were lost there).
        Notice.objects.filter(pk__in=notice_ids, status=Notice.Status.PENDING).update(queued_at=None)
