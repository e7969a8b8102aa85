"""Signed links for students, who have no passwords: sign in, cancel, accept, decline, leave,
give feedback.

A link names what it is for and which row it acts on, is signed with SECRET_KEY and dated, so it
cannot be altered and it expires. Opening a link only shows a page; the action happens when the
student presses its button (a POST), because mail scanners open every link in an email.
Action links work once because the row's state changes; a sign-in link carries the student's
`link_nonce`, which changes when it is used."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.core import signing
from django.urls import reverse

SALT = "enrolment.links"


class Purpose(StrEnum):
    SIGN_IN = "sign-in"
    CANCEL = "cancel"
    ACCEPT = "accept"
    DECLINE = "decline"
    LEAVE = "leave"
    STOP_REMINDERS = "stop-reminders"
    FEEDBACK = "feedback"


LIFETIME = {
    Purpose.SIGN_IN: dt.timedelta(hours=1),
    Purpose.CANCEL: dt.timedelta(days=180),
    Purpose.ACCEPT: dt.timedelta(days=15),
    Purpose.DECLINE: dt.timedelta(days=15),
    Purpose.LEAVE: dt.timedelta(days=180),
    Purpose.STOP_REMINDERS: dt.timedelta(days=365),
    # Long enough for someone who puts the email aside for a few weeks.
    Purpose.FEEDBACK: dt.timedelta(days=90),
}
SIGN_IN_HOURS = int(LIFETIME[Purpose.SIGN_IN].total_seconds() // 3600)  # as emails and pages word it


class BadLink(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Link:
    purpose: Purpose
    object_id: int
    nonce: str = ""


def link_path(purpose: Purpose, object_id: int, *, nonce: str = "") -> str:
    token = signing.dumps({"p": str(purpose), "id": object_id, "n": nonce}, salt=SALT, compress=True)
    return reverse("enrolment:link", args=[token])


def read_link(token: str) -> Link:
    try:
        payload = signing.loads(token, salt=SALT, max_age=max(LIFETIME.values()))
        purpose = Purpose(payload["p"])
        signing.loads(token, salt=SALT, max_age=LIFETIME[purpose])  # each purpose has its own lifetime
        return Link(purpose, int(payload["id"]), payload.get("n", ""))
    except signing.SignatureExpired as error:
        raise BadLink("This link has expired. You can ask for a new one below.") from error
    except (signing.BadSignature, KeyError, ValueError, TypeError) as error:
        raise BadLink("This link is not working. It may not have been copied in full from your email.") from error
