"""Emptying the personal parts of old email records (privacy.retention runs it nightly, with the
days from privacy.models.RetentionSettings).

The row stays, with its kind, status and dates: the ledger must still show that an email was
sent exactly once, and the reports count from it. What goes is what could say something about
the person: the words of a "course changed" message (`details`), why an email failed (`problem`,
which can quote the provider's bounce text and the address), and the provider's id for it
(`message_id`, which finds the whole email, address and all, in the provider's logs). The email's
body is never stored here: it is built from these facts when it is sent (notices.content)."""

import datetime as dt

from django.db.models import Q

from .models import AppliedTrackingEvent, Notice

BATCH = 500
# Still to do: rows being sent need their details, and staff phone people from the "to call" list.
STILL_TO_DO = (Notice.Status.PENDING, Notice.Status.SENDING, Notice.Status.TO_CALL)


def blank_old_notices(*, created_before: dt.datetime) -> int:
    """Blank `details`, `problem` and `message_id` on rows written before `created_before` that
    are no longer waiting to be sent or phoned. Returns how many rows changed; again, none."""
    old = (
        Notice.objects.filter(created_at__lt=created_before)
        .exclude(status__in=STILL_TO_DO)
        .filter(~Q(details="") | ~Q(problem="") | ~Q(message_id=""))
    )
    changed = 0
    while ids := list(old.order_by("pk").values_list("pk", flat=True)[:BATCH]):
        changed += Notice.objects.filter(pk__in=ids).update(details="", problem="", message_id="")
    return changed


def delete_old_tracking_digests(*, applied_before: dt.datetime) -> int:
    """Forget tracking events applied before `applied_before`. A digest is kept only to refuse a
    provider's retry or a replay, which come within days; kept longer, it would let anyone holding
    a known address match it to a bounce. Returns how many went."""
    deleted, _ = AppliedTrackingEvent.objects.filter(applied_at__lt=applied_before).delete()
    return deleted
