"""Writing down what a student is owed. Called inside the transaction that makes the change, so
the change and the message it owes commit together or not at all.

Email goes out through the worker (`sending.py`). A student without a working email address is
put on the staff "to call" list instead, for the messages that matter (offers, reminders and
changes to a course); for the rest staff already know, because they made the booking."""

import datetime as dt

from django.db import transaction

from .dispatch import enqueue
from .kinds import CALL_KINDS, REMINDER_KINDS
from .models import Notice


def owe(
    kind: str,
    *,
    student,
    run=None,
    subject_id: int | None = None,
    session=None,
    details: str = "",
    now: dt.datetime,
    key: str = "",
) -> Notice | None:
    """Record one message owed to `student`. Returns None when nothing can or need be sent
    (the student asked us to forget them). Owing the same key twice returns the first row."""
    notice = new_notice(
        kind, student=student, run=run, subject_id=subject_id, session=session, details=details, now=now, key=key
    )
    if notice is None:
        return None
    fields = {
        f.attname: getattr(notice, f.attname) for f in Notice._meta.concrete_fields if f.name not in ("id", "key")
    }
    notice, created = Notice.objects.get_or_create(key=notice.key, defaults=fields)
    if created and notice.status == Notice.Status.PENDING:
        transaction.on_commit(lambda: enqueue([notice.pk]))
    return notice


def new_notice(
    kind: str,
    *,
    student,
    run=None,
    subject_id: int | None = None,
    session=None,
    details: str = "",
    now: dt.datetime,
    key: str = "",
) -> Notice | None:
    """An unsaved ledger row, routed to email, the call list or nowhere; for bulk writers."""
    if student.forgotten_at:
        return None
    channel, status, problem = _route(kind, student)
    return Notice(
        key=key or f"{kind}:{subject_id}",
        kind=kind,
        student=student,
        run=run,
        session=session,
        subject_id=subject_id,
        details=details,
        channel=channel,
        status=status,
        problem=problem,
        created_at=now,
        due_at=now,
        queued_at=now if status == Notice.Status.PENDING else None,
    )


def _route(kind: str, student) -> tuple[str, str, str]:
    if student.can_be_emailed:
        if kind in REMINDER_KINDS and student.reminders_off:
            return Notice.Channel.EMAIL, Notice.Status.SKIPPED, "They switched reminders off."
        return Notice.Channel.EMAIL, Notice.Status.PENDING, ""
    if kind in CALL_KINDS:
        return Notice.Channel.PHONE, Notice.Status.TO_CALL, ""
    reason = "Their email address is not working." if student.has_email else "No email address."
    return Notice.Channel.EMAIL, Notice.Status.SKIPPED, reason
