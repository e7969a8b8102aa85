"""What the email provider tells us after sending (anymail's tracking webhook, mounted at
/anymail/<provider>/tracking/): bounces, refusals and spam complaints mark the address as not
working, so nothing more is sent to it. Anymail checks the webhook's signature or password before
any of this runs; a bad one gets a 400 and never reaches us."""

from anymail.signals import tracking
from django.dispatch import receiver

from .addresses import mark_undeliverable_address

PROBLEMS = {
    "bounced": "Emails to this address bounce.",
    "rejected": "The email provider will not send to this address.",
    "complained": "They marked our email as spam.",
}


@receiver(tracking, dispatch_uid="notices.provider_tracking")
def provider_tracking(sender, event, esp_name: str, **kwargs) -> None:
    problem = PROBLEMS.get(event.event_type)
    if not problem or not event.recipient or is_soft_bounce(event):
        return
    if event.event_type != "complained" and (event.mta_response or event.description):
        problem = f"{problem} Their mail server said: {event.mta_response or event.description}"
    mark_undeliverable_address(event.recipient, reason=problem, notice_id=notice_id(event))


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
