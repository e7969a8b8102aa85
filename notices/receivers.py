"""What the email provider tells us after sending (anymail's tracking webhook): bounces and spam
complaints mark the address as not working, so nothing more is sent to it."""

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
    if problem and event.recipient:
        mark_undeliverable_address(event.recipient, reason=problem)
