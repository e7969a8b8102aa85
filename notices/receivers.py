"""What the email provider tells us after sending (anymail's tracking webhook, mounted at
/anymail/<provider>/tracking/): bounces, refusals and spam complaints mark the address as not
working, so nothing more is sent to it. Anymail checks the webhook's signature or password before
any of this runs; a bad one gets a 400 and never reaches us (notices/webhooks.py).

Each event is applied once: a provider retrying it, or anyone replaying a signed post, changes
nothing more, and news from before staff pressed "Address checked" cannot undo that check."""

import hashlib
import json
from datetime import UTC

from anymail.signals import tracking
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from .addresses import mark_undeliverable_address, record_not_sent
from .models import AppliedTrackingEvent

PROBLEMS = {
    "bounced": "Emails to this address bounce.",
    "rejected": "The email provider will not send to this address.",
    "complained": "They marked our email as spam.",
}
# Refusals because of the address. Others ("blocked", "other") are about us: our domain's DMARC
# or the message. Marking addresses for those could stop email to every student at once.
ADDRESS_REFUSALS = {"invalid", "bounced", "spam", "unsubscribed"}


@receiver(tracking, dispatch_uid="notices.provider_tracking")
def provider_tracking(sender, event, esp_name: str, **kwargs) -> None:
    problem = PROBLEMS.get(event.event_type)
    if not problem or not event.recipient or is_soft_bounce(event):
        return
    with transaction.atomic():
        # Recorded in the same transaction as its effect: if applying it fails, the provider's
        # retry is not mistaken for a replay.
        _, first_time = AppliedTrackingEvent.objects.get_or_create(
            digest=event_digest(esp_name, event), defaults={"applied_at": timezone.now()}
        )
        if first_time:
            apply(event, problem)


def apply(event, problem: str) -> None:
    said = event.mta_response or event.description
    if event.event_type == "rejected" and event.reject_reason not in ADDRESS_REFUSALS:
        why = said or event.reject_reason or "no reason given"
        record_not_sent(
            event.recipient, notice_id=notice_id(event), reason=f"The email provider would not send it: {why}"
        )
        return
    if event.event_type != "complained" and said:
        problem = f"{problem} The reason given: {said}"
    mark_undeliverable_address(
        event.recipient,
        reason=problem,
        notice_id=notice_id(event),
        happened_at=happened_at(event),
        delivered=event.event_type == "complained",
    )


def event_digest(esp_name: str, event) -> str:
    """What makes an event the same event. Brevo gives no event id, so its whole post stands in;
    Amazon SES sends one notification for several addresses, so the address is part of it."""
    event_id = event.event_id or json.dumps(event.esp_event, sort_keys=True, default=str)
    return hashlib.sha256(f"{esp_name}\n{event_id}\n{event.recipient.strip().lower()}".encode()).hexdigest()


def happened_at(event):
    """The provider's own time for the event (not when it reached us: retries come late)."""
    when = event.timestamp
    if when is not None and timezone.is_naive(when):
        when = timezone.make_aware(when, UTC)
    return when


def is_soft_bounce(event) -> bool:
    """A mailbox that is full or a server that is down for now. Anymail reports these as
    "deferred" for most providers, but as "bounced" for three of ours, and the provider tries
    again itself, so they must not stop our emails."""
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    return (
        raw.get("Type") == "SoftBounce"  # Postmark
        or raw.get("event") == "soft_bounce"  # Brevo
        or (event.event_type == "bounced" and (event.description or "").startswith("Transient:"))  # Amazon SES
    )


def notice_id(event) -> int | None:
    """The ledger row the email was for, from the metadata it was sent with ({"notice": id})."""
    value = str((event.metadata or {}).get("notice", ""))
    return int(value) if value.isdigit() else None
