"""What the email providers post to the tracking webhook, and posting it through the real URLs.

The payloads are anymail's own test payloads. The URLs are read from the settings when they load
(notices/webhooks.py), so each post loads them again under the settings it needs (`webhook_for`),
as a restarted server would."""

import base64
import hashlib
import hmac
import importlib
import json
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from unittest import mock

from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import timezone

from enrolment.models import Student
from notices.models import Kind, Notice

from .factories import make_student

ANYMAIL = {"WEBHOOK_SECRET": "user:pass", "MAILGUN_WEBHOOK_SIGNING_KEY": "mailgun-signing-key"}
PROVIDERS = ["postmark", "sendgrid", "brevo", "mailgun", "amazon_ses"]

POSTMARK_HARD_BOUNCE = {
    "RecordType": "Bounce",
    "ID": 901542550,
    "Type": "HardBounce",
    "TypeCode": 1,
    "ServerID": 23,
    "Name": "Hard bounce",
    "MessageID": "2706ee8a-737c-4285-b032-ccd317af53ed",
    "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
    "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    "Email": "bounce@example.com",
    "From": "sender@example.com",
    "BouncedAt": "2016-04-27T16:28:50.3963933-04:00",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": True,
    "Subject": "Postmark event test",
    "Metadata": {"notice": "123"},
}
POSTMARK_SPAM_COMPLAINT = {
    "RecordType": "SpamComplaint",
    "ID": 901542550,
    "Type": "SpamComplaint",
    "TypeCode": 512,
    "Name": "Spam complaint",
    "Tag": "Test",
    "MessageID": "2706ee8a-737c-4285-b032-ccd317af53ed",
    "ServerID": 1234,
    "Description": "",
    "Details": "Test spam complaint details",
    "Email": "spam@example.com",
    "From": "sender@example.com",
    "BouncedAt": "2016-04-27T16:28:50.3963933-04:00",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": False,
    "Subject": "Postmark event test",
}
MAILGUN_FAILED = {
    "event": "failed",
    "severity": "permanent",
    "reason": "bounce",
    "recipient": "invalid@example.com",
    "timestamp": 1534110422.389832,
    "log-level": "error",
    "user-variables": {"notice": "123"},
    "message": {
        "headers": {
            "to": "invalid@example.com",
            "message-id": "20180812214658.1.0DF563D0B3597700@example.org",
            "from": "Test Sender <from@example.org>",
        }
    },
    "delivery-status": {
        "attempt-no": 1,
        "description": "",
        "code": 550,
        "message": "5.1.1 The email account that you tried to reach does not exist.",
    },
}
SENDGRID_BOUNCE = {
    "email": "invalid@example.com",
    "timestamp": 1487715000,
    "smtp-id": "<wrfRRvF7Q0GgwUo2CvDmEA@example.org>",
    "event": "bounce",
    "category": ["cat facts"],
    "sg_event_id": "lC0Rc-FuQmKbGweTb1mnPg",
    "sg_message_id": "wrfRRvF7Q0GgwUo2CvDmEA.filter0425p1mdw1-13879-58AC6F7A-1A.0",
    "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
    "status": "5.1.1",
    "type": "bounce",
}
BREVO_HARD_BOUNCE = {
    "event": "hard_bounce",
    "email": "example@example.com",
    "id": 1234567,
    "date": "2018-03-17 17:37:44",
    "ts": 1521308264,
    "message-id": "<201803062010.27287306012@smtp-relay.mailin.fr>",
    "ts_event": 1521308264,
    "subject": "Test",
    "tag": "",
    "sending_ip": "10.10.10.10",
    "ts_epoch": 1521308264000,
    "reason": "undeliverable: Mailbox does not exist",
}
SES_BOUNCE = {
    "notificationType": "Bounce",
    "bounce": {
        "bounceType": "Permanent",
        "bounceSubType": "General",
        "feedbackId": "0100015fe9b7c3f7-example",
        "timestamp": "2018-03-26T17:58:59.523Z",
        "reportingMTA": "dsn; a27-23.smtp-out.us-west-2.amazonses.com",
        "bouncedRecipients": [
            {
                "emailAddress": "bounce@simulator.amazonses.com",
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": "smtp; 550 5.1.1 user unknown",
            }
        ],
    },
    "mail": {
        "timestamp": "2018-03-26T17:58:58.000Z",
        "source": "sender@example.com",
        "messageId": "0100016263fbb2c6-example",
        "destination": ["bounce@simulator.amazonses.com"],
        "headers": [{"name": "X-Metadata", "value": '{"notice": "123"}'}],
    },
}
OLD = datetime(2018, 3, 26, 17, 58, 59, tzinfo=UTC)


def basic_auth(credentials: str) -> str:
    return f"Basic {base64.b64encode(credentials.encode()).decode()}"


@contextmanager
def webhook_for(provider: str, anymail: dict = ANYMAIL):
    """The site as it would start with EMAIL_PROVIDER=`provider` and these ANYMAIL settings.
    Amazon SES's view asks for boto3 (not installed here) only to confirm SNS subscriptions."""
    with (
        override_settings(EMAIL_PROVIDER=provider, ANYMAIL=anymail),
        mock.patch("anymail.webhooks.amazon_ses._get_anymail_boto3_params", new=lambda kwargs: ({}, {})),
    ):
        load_urls()
        try:
            yield
        finally:
            clear_url_caches()
    load_urls()


def load_urls():
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


def bounce(provider: str, email: str, *, event_id: str = "1", when: datetime = OLD, notice: int | None = None):
    """A permanent bounce as `provider` posts it: path, body and headers (the signature too,
    where the provider signs), for `email`, with the provider's own id and time for the event."""
    metadata = {"notice": str(notice)} if notice else {}
    if provider == "postmark":
        body = {
            **POSTMARK_HARD_BOUNCE,
            "Email": email,
            "ID": int(event_id),
            "BouncedAt": when.isoformat(),
            "Metadata": metadata,
        }
        return request("postmark", json.dumps(body))
    if provider == "sendgrid":
        body = [
            {**SENDGRID_BOUNCE, "email": email, "sg_event_id": event_id, "timestamp": int(when.timestamp()), **metadata}
        ]
        return request("sendgrid", json.dumps(body))
    if provider == "brevo":
        body = {
            **BREVO_HARD_BOUNCE,
            "email": email,
            "message-id": f"<{event_id}@smtp-relay.mailin.fr>",
            "ts_epoch": int(when.timestamp() * 1000),
            "X-Mailin-custom": json.dumps(metadata),
        }
        return request("brevo", json.dumps(body))
    if provider == "mailgun":
        return mailgun_request(
            {**MAILGUN_FAILED, "recipient": email, "timestamp": when.timestamp(), "user-variables": metadata},
            token=event_id,
        )
    if provider == "amazon_ses":
        mail = {
            **SES_BOUNCE["mail"],
            "destination": [email],
            "headers": [{"name": "X-Metadata", "value": json.dumps(metadata)}],
        }
        recipients = [{**SES_BOUNCE["bounce"]["bouncedRecipients"][0], "emailAddress": email}]
        message = {**SES_BOUNCE, "mail": mail, "bounce": {**SES_BOUNCE["bounce"], "bouncedRecipients": recipients}}
        return sns_request(
            {
                "Type": "Notification",
                "MessageId": event_id,
                "Message": json.dumps(message),
                "Timestamp": when.isoformat().replace("+00:00", "Z"),
            }
        )
    raise ValueError(provider)


def request(provider: str, body: str, **headers) -> dict:
    return {"path": f"/anymail/{provider}/tracking/", "data": body, "content_type": "application/json", **headers}


def mailgun_request(event_data, key=ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"], token="1234567890abcdef1234567890abcdef"):
    timestamp = "1534110422"
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    body = {"signature": {"timestamp": timestamp, "token": token, "signature": signature}, "event-data": event_data}
    return request("mailgun", json.dumps(body))


def sns_request(sns_message: dict, message_type: str | None = None) -> dict:
    """What Amazon SNS posts: its message as text/plain, its type and id repeated in headers."""
    sns_message = {
        "TopicArn": "arn:aws:sns:eu-west-2:111111111111:SES_Events",
        "SignatureVersion": "1",
        "Signature": "EXAMPLE==",
        "SigningCertURL": "https://sns.eu-west-2.amazonaws.com/cert.pem",
        **sns_message,
    }
    return {
        "path": "/anymail/amazon_ses/tracking/",
        "data": json.dumps(sns_message),
        "content_type": "text/plain; charset=UTF-8",
        "HTTP_X_AMZ_SNS_MESSAGE_TYPE": message_type or sns_message.get("Type", ""),
        "HTTP_X_AMZ_SNS_MESSAGE_ID": sns_message.get("MessageId", ""),
    }


def post(
    client,
    provider,
    sent: dict,
    *,
    auth: str | None = "user:pass",
    anymail: dict = ANYMAIL,
    mounted_for: str | None = None,
):
    """`sent` posted to a site running with `mounted_for` (default: the same provider)."""
    headers = {"HTTP_AUTHORIZATION": basic_auth(auth)} if auth is not None else {}
    sent = dict(sent)
    path = sent.pop("path")
    with webhook_for(mounted_for or provider, anymail):
        return client.post(path, **sent, **headers)


def postmark(client, payload, auth="user:pass"):
    return post(client, "postmark", request("postmark", json.dumps(payload)), auth=auth)


def mailgun(client, event_data, key=ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"]):
    # With WEBHOOK_SECRET set, anymail wants the password on every provider's webhook, signed or not.
    return post(client, "mailgun", mailgun_request(event_data, key=key))


def owed(student, kind, status=Notice.Status.PENDING, **fields) -> Notice:
    now = timezone.now()
    return Notice.objects.create(
        key=f"{kind}:{uuid.uuid4().hex}",
        kind=kind,
        student=student,
        status=status,
        created_at=now,
        due_at=now,
        **fields,
    )


def everything() -> list:
    """The rows a webhook may change, to show a second event or a forged one changed nothing."""
    students = list(Student.objects.order_by("pk").values_list("pk", "email_undeliverable_at", "email_problem"))
    notices = list(Notice.objects.order_by("pk").values_list("pk", "status", "channel", "problem"))
    return [students, notices]


def student_with_an_email_owed(email: str) -> Student:
    student = make_student(email=email)
    owed(student, Kind.REMINDER_SESSION)
    return student
