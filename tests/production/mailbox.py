"""The stand-in email provider (bench/stub_esp.py's Postmark imitation), keeping what each email
said as well, so the smoke test can read a confirmation and follow a sign-in link from it."""

import io
import json
import threading
import time
from dataclasses import dataclass

from bench.stub_esp import StubESP


@dataclass
class Email:
    to: str
    subject: str
    text: str
    html: str
    notice: str  # the ledger row it was sent for (metadata)
    received_at: float


class Mailbox(StubESP):
    def __init__(self):
        super().__init__()
        self.emails: list[Email] = []
        self._kept = threading.Condition()
        provider = self._server.RequestHandlerClass
        mailbox = self

        class KeepingHandler(provider):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                mailbox._keep(self.path, body)
                self.rfile = io.BytesIO(body)  # the stub reads it again
                super().do_POST()

        self._server.RequestHandlerClass = KeepingHandler

    def _keep(self, path: str, body: bytes) -> None:
        if path.split("?")[0].rstrip("/") not in ("/email", "/email/batch"):
            return
        messages = json.loads(body or b"{}")
        now = time.time()
        with self._kept:
            for message in messages if isinstance(messages, list) else [messages]:
                self.emails.append(
                    Email(
                        to=message.get("To", ""),
                        subject=message.get("Subject", ""),
                        text=message.get("TextBody", ""),
                        html=message.get("HtmlBody", ""),
                        notice=str((message.get("Metadata") or {}).get("notice", "")),
                        received_at=now,
                    )
                )
            self._kept.notify_all()

    def to(self, address: str) -> list[Email]:
        with self._kept:
            return [email for email in self.emails if address in email.to]

    def wait_for_email(self, address: str, *, count: int = 1, timeout: float = 30) -> list[Email]:
        """The emails to `address` once at least `count` have arrived, or what there is at the timeout."""
        deadline = time.monotonic() + timeout
        with self._kept:
            self._kept.wait_for(
                lambda: len([e for e in self.emails if address in e.to]) >= count or time.monotonic() >= deadline,
                timeout=timeout,
            )
        return self.to(address)
