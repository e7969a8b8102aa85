"""An email backend whose provider answers are scripted by the test: accept, fail for a while,
refuse an address. Each accepted message lands in django.core.mail.outbox like the locmem backend."""

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

ANSWERS: list = []  # consumed one per send; empty means accept
CALLS: list = []


class _Response:
    """Enough of a requests.Response for anymail to describe the error."""

    def __init__(self, status: int):
        self.status_code, self.reason, self.text = status, "Scripted", '{"message": "scripted"}'


def provider_error(status: int) -> AnymailAPIError:
    return AnymailAPIError(f"provider said {status}", status_code=status, response=_Response(status))


class EmailBackend(BaseEmailBackend):
    def send_messages(self, messages) -> int:
        for message in messages:
            CALLS.append(message)
            answer = ANSWERS.pop(0) if ANSWERS else None
            if answer == "refused":
                raise AnymailRecipientsRefused("The provider refused every recipient")
            if isinstance(answer, Exception):
                raise answer
            mail.outbox.append(message)
        return len(messages)
