"""The email service provider (ESP), as the sender sees it: which backend, whether it can take a
batch with per-recipient merge data, and what its errors mean. The provider itself is chosen by
the EMAIL_PROVIDER environment variable (college/settings/base.py)."""

import re
from dataclasses import dataclass

from django.conf import settings

# Mailgun allows 1,000 recipients per call and SendGrid 1,000 personalisations; 500 keeps well
# inside both and keeps one failed call's blast radius small.
BATCH_SIZE = 500

# How each provider writes a per-recipient merge field in an on-the-fly (not stored) template.
# Providers not listed here (Postmark's standard API, Brevo, SES) need a stored template for merge
# data, so their reminders go one message per recipient, still over one connection.
MERGE_FIELD_FORMATS = {
    "mailgun": "%recipient.{}%",
    "sendgrid": "-{}-",  # matches SENDGRID_MERGE_FIELD_FORMAT in settings
}


def merge_field_format() -> str | None:
    if not getattr(settings, "EMAIL_BATCH_SENDING", True):
        return None
    return MERGE_FIELD_FORMATS.get(getattr(settings, "EMAIL_PROVIDER", ""))


def supports_batches() -> bool:
    return merge_field_format() is not None


@dataclass(frozen=True)
class Failure:
    reason: str
    temporary: bool
    undeliverable: bool = False  # the address itself was refused


@dataclass(frozen=True)
class Result:
    accepted: bool
    message_id: str = ""
    failure: Failure | None = None


def classify(error: Exception) -> Failure:
    """Temporary: the provider is down, slow or rate limiting us (no status, 429, 5xx) and so is
    anything on the network. Permanent: the provider said no (other 4xx) or our own bug."""
    from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(error, AnymailRecipientsRefused):
        return Failure("The email provider refused this address.", temporary=False, undeliverable=True)
    if isinstance(error, AnymailAPIError):
        status = getattr(error, "status_code", None)
        said = provider_said(error)
        if status == 400 and ADDRESS_REFUSED.search(said):
            # Trying again cannot help: the address is marked, and staff check it with the student.
            return Failure(f"The email provider refused this address: {said}", temporary=False, undeliverable=True)
        temporary = status is None or status == 429 or status >= 500
        return Failure(f"Email provider error {status or '(no response)'}: {said}"[:300], temporary)
    if isinstance(error, SoftTimeLimitExceeded):  # the task's time is nearly up (notices/tasks.py)
        return Failure("Sending took too long, so it was stopped; it will be tried again.", temporary=True)
    if isinstance(error, OSError):  # SMTP and socket errors, timeouts
        return Failure(f"Could not reach the email server: {_first_line(error)}", temporary=True)
    return Failure(f"Unexpected error: {type(error).__name__}: {_first_line(error)}", temporary=False)


# How providers word a refusal of the recipient's address in a 400 response (Mailgun: "'to'
# parameter is not a valid address").
ADDRESS_REFUSED = re.compile(
    r"not a valid (e-?mail )?address|invalid (e-?mail |recipient )?address|"
    r"'to' parameter",
    re.IGNORECASE,
)


def provider_said(error) -> str:
    """The provider's own reason, which anymail puts after its first line ("Mailgun API response
    400 (Bad Request):"): the message field of a JSON reply, or the reply's text."""
    response = getattr(error, "response", None)
    try:
        body = response.json()
        if isinstance(body, dict) and (body.get("message") or body.get("error")):
            return str(body.get("message") or body.get("error"))[:200]
    except (AttributeError, ValueError):
        pass
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    return " ".join(lines)[:200]


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [""])[0][:200]


def recipient_results(message, notices) -> dict[int, Result]:
    """What the provider said about each recipient. Backends without anymail (console, local
    files, tests) accept everything they are given."""
    status = getattr(message, "anymail_status", None)
    by_address = getattr(status, "recipients", None) or {}
    results = {}
    for notice in notices:
        recipient = by_address.get(notice.student.email)
        if recipient is None:
            results[notice.pk] = Result(True, message.extra_headers.get("Message-ID", ""))
        elif recipient.status in ("invalid", "rejected"):
            results[notice.pk] = Result(
                False,
                failure=Failure(
                    f"The email provider {recipient.status} this address.", temporary=False, undeliverable=True
                ),
            )
        elif recipient.status == "failed":
            results[notice.pk] = Result(False, failure=Failure("The email provider could not send it.", temporary=True))
        else:
            results[notice.pk] = Result(True, str(recipient.message_id or ""))
    return results
