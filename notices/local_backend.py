"""A local email backend: keeps each email as a file in var/sent-emails (readable at /dev/emails/
while DEBUG is on) and prints a line saying so. For the demo and development only."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = settings.SENT_EMAILS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            (folder / f"{stamp}-{uuid.uuid4().hex[:6]}.eml").write_bytes(message.message().as_bytes())
            print(
                f"Email to {', '.join(message.to)}: {message.subject!r} (read it at {settings.SITE_URL}/dev/emails/)",
                flush=True,
            )
        return len(email_messages)
