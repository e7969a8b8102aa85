"""What the email provider tells us after sending (anymail's tracking webhook, mounted at
/anymail/<provider>/tracking/): bounces, refusals and spam complaints mark the address as not
working, so nothing more is sent to it. Anymail checks the webhook's signature or password before
any of this runs; a bad one gets a 400 and never reaches us."""

from anymail.signals import tracking
from django.dispatch import receiver

from .addresses import mark_undeliverable_address, record_not_sent

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
    said = event.mta_response or event.description
    if event.event_type == "rejected" and event.reject_reason not in ADDRESS_REFUSALS:
        why = said or event.reject_reason or "no reason given"
        record_not_sent(event.recipient, notice_id=notice_id(event), reason=f"The email provider would not send it: {why}")
        return
    if event.event_type != "complained" and said:
        problem = f"{problem} The reason given: {said}"
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
