"""Sending what the ledger says is owed, exactly once as far as any system can promise.

1. Claim: in one short transaction, lock the rows (skipping any another worker holds), keep
   those still pending and due, and mark them `sending`. Nobody else can now send them.
2. Check: a reminder for a place since cancelled, or an offer already answered, is skipped.
3. Send through the configured backend (anymail's ESP backend in production), outside any
   transaction, so a slow provider holds no lock and never slows a booking.
4. Record the outcome at once: `sent`, `pending` again with a later `due_at` (temporary
   failure), or `failed` (shown to staff).

A worker that dies between 1 and 4 leaves the row `sending`; the sweep puts it back to pending
after SENDING_TIMEOUT. The one window in which that causes a duplicate is between the provider
accepting the message and step 4 committing: see docs/emails.md ("The duplicate window") for its size.
Every copy carries the same Message-ID, so a duplicate is recognisable as one."""

import datetime as dt
import logging
import random
import time
from collections import defaultdict

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import content, esp, relevance
from .addresses import mark_undeliverable
from .kinds import REMINDER_KINDS
from .models import Notice, ReminderSettings

logger = logging.getLogger(__name__)
window_logger = logging.getLogger("notices.window")  # the duplicate window, measured per email

# Celery kills send_notices at its hard time limit (notices/tasks.py), so a row still `sending`
# after that was left by a worker that died or was killed: no live task can still hold it.
SENDING_TIMEOUT = dt.timedelta(seconds=settings.NOTICE_SEND_TIME_LIMIT)


def send_notices(notice_ids: list[int], *, now: dt.datetime | None = None) -> dict[str, int]:
    """Claim these rows, send each still relevant one, and record what happened; returns a count
    per outcome. What a worker task runs (dispatch.send_notices)."""
    claimed = claim(notice_ids, now=now or timezone.now())
    outcomes: dict[str, int] = defaultdict(int)
    with get_connection() as connection:  # one connection (one HTTP session) for the task
        for group in _groups(claimed):
            for status in deliver(group, connection=connection):
                outcomes[status] += 1
    return dict(outcomes)


def claim(notice_ids: list[int], *, now: dt.datetime) -> list[Notice]:
    """Mark the rows still pending and due as being sent by this worker, skipping rows another
    worker holds; returns the rows claimed."""
    with transaction.atomic():
        rows = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(pk__in=notice_ids, status=Notice.Status.PENDING, due_at__lte=now)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Notice.objects.filter(pk__in=rows).update(
            status=Notice.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return list(Notice.objects.filter(pk__in=rows).select_related("student", "run__course", "session"))


def _groups(notices: list[Notice]):
    """Reminders for one session go to the provider as one batch when it supports merge data;
    everything else, one message each."""
    batches: dict[tuple, list[Notice]] = defaultdict(list)
    for notice in notices:
        if notice.kind in REMINDER_KINDS and esp.supports_batches():
            batches[(notice.kind, notice.session_id)].append(notice)
        else:
            yield [notice]
    for group in batches.values():
        for start in range(0, len(group), esp.BATCH_SIZE):
            yield group[start : start + esp.BATCH_SIZE]


def deliver(group: list[Notice], *, connection) -> list[str]:
    """Send one group (one email, or one batch of reminders about one session) and record each
    row's outcome; returns the outcomes."""
    wanted = []
    outcomes = []
    reasons = relevance.reasons_to_skip(group)
    for notice in group:
        reason = reasons[notice.pk]
        if reason:
            _finish(notice, Notice.Status.SKIPPED, problem=reason)
            outcomes.append(Notice.Status.SKIPPED)
        else:
            wanted.append(notice)
    if not wanted:
        return outcomes
    try:
        message = content.build_batch(wanted) if len(wanted) > 1 else content.build_email(wanted[0])
    except Exception as error:  # noqa: BLE001 - a broken template must not stop the rest
        logger.exception("Could not build email for notices %s", [n.pk for n in wanted])
        for notice in wanted:
            _finish(notice, Notice.Status.FAILED, problem=f"Could not build the email: {error}"[:300])
        return outcomes + [Notice.Status.FAILED] * len(wanted)
    try:
        connection.send_messages([message])
    except Exception as error:  # noqa: BLE001 - classified below
        failure = esp.classify(error)
        for notice in wanted:
            outcomes.append(_failed(notice, failure))
        return outcomes
    accepted = time.perf_counter()
    results = esp.recipient_results(message, wanted)
    sent = [notice for notice in wanted if results[notice.pk].accepted]
    _record_sent(sent, {notice.pk: results[notice.pk].message_id for notice in sent})
    outcomes += [Notice.Status.SENT] * len(sent)
    for notice in wanted:
        if not results[notice.pk].accepted:
            outcomes.append(_failed(notice, results[notice.pk].failure))
    window_logger.debug(
        "recorded %d email(s) %.2f ms after the provider accepted them",
        len(wanted),
        (time.perf_counter() - accepted) * 1000,
    )
    return outcomes


def _failed(notice: Notice, failure: "esp.Failure") -> str:
    if failure.undeliverable:
        mark_undeliverable(notice.student, reason=failure.reason)
    attempts_left = notice.attempts < ReminderSettings.load().max_attempts
    if failure.temporary and attempts_left:
        _finish(notice, Notice.Status.PENDING, problem=failure.reason, due_at=timezone.now() + backoff(notice.attempts))
        return "retry"
    _finish(notice, Notice.Status.FAILED, problem=failure.reason)
    return Notice.Status.FAILED


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 ... minutes, at most 6 hours, with jitter so a provider outage does not end in a
    thundering herd."""
    minutes = min(2 ** max(attempts - 1, 0), 360)
    return dt.timedelta(minutes=minutes * random.uniform(0.8, 1.2))


def _finish(notice: Notice, status: str, *, problem: str = "", message_id: str = "", due_at=None) -> None:
    # Only a row we still hold as `sending` is updated: if the sweep gave it to another worker
    # meanwhile, that worker's outcome stands.
    changes = dict(status=status, problem=problem[:300])
    if status == Notice.Status.SENT:
        changes.update(sent_at=timezone.now(), message_id=message_id[:200])
    if due_at is not None:
        changes["due_at"] = due_at
    updated = Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENDING, claimed_at=notice.claimed_at).update(
        **changes
    )
    if not updated:
        logger.warning("Notice %s was taken over before its outcome (%s) was recorded", notice.pk, status)


def _record_sent(notices: list[Notice], message_ids: dict[int, str]) -> None:
    """Everything the provider accepted, recorded at once: one UPDATE per provider message id
    (one for a whole batch), because every row waiting for its turn is a row in the duplicate
    window."""
    by_id: dict[str, list[Notice]] = defaultdict(list)
    for notice in notices:
        by_id[message_ids[notice.pk]].append(notice)
    now = timezone.now()
    for message_id, group in by_id.items():
        # Only rows we still hold: if the sweep gave one to another worker, that outcome stands.
        # Rows of one claim share its `claimed_at`.
        updated = Notice.objects.filter(
            pk__in=[notice.pk for notice in group],
            status=Notice.Status.SENDING,
            claimed_at=group[0].claimed_at,
        ).update(status=Notice.Status.SENT, sent_at=now, message_id=message_id[:200], problem="")
        if updated < len(group):
            logger.warning(
                "%d of %d sent emails were taken over before being recorded", len(group) - updated, len(group)
            )


def rescue_stuck(*, now: dt.datetime) -> int:
    """Rows left `sending` by a worker that died. Sending them again may duplicate an email the
    provider had already accepted: the documented window, preferred to losing it."""
    return Notice.objects.filter(status=Notice.Status.SENDING, claimed_at__lt=now - SENDING_TIMEOUT).update(
        status=Notice.Status.PENDING,
        due_at=now,
        queued_at=None,
        problem="The sender stopped before recording the outcome, so it is being sent again.",
    )
