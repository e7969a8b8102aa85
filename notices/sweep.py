"""The every-minute sweep that keeps the ledger moving whatever else failed."""

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone

from . import esp, reminders, sending
from .dispatch import enqueue_in_batches
from .models import Notice

# A row handed to the queue but still pending this long later was lost on the way (broker down
# at commit, or a task dropped): hand it over again. Duplicate tasks are harmless (see claim).
REQUEUE_AFTER = dt.timedelta(minutes=2)
MOST_PER_SWEEP = 5000


def sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Owe the reminders now due, put back rows a dead worker left `sending`, and queue again
    what is pending but was never handed over or is due a retry."""
    now = now or timezone.now()
    owed = reminders.owe_due_reminders(now=now)
    rescued = sending.rescue_stuck(now=now)
    due = list(
        Notice.objects.filter(status=Notice.Status.PENDING, due_at__lte=now)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=now - REQUEUE_AFTER) | Q(queued_at__lt=F("due_at")))
        .order_by("kind", "session_id", "pk")
        .values_list("pk", flat=True)[:MOST_PER_SWEEP]
    )
    Notice.objects.filter(pk__in=due).update(queued_at=now)
    enqueue_in_batches(due, esp.BATCH_SIZE)
    return {"reminders": owed, "rescued": rescued, "queued": len(due)}
