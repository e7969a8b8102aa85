"""The email provider's tracking webhook, posted through the real URLs with the payloads from
anymail's own tests: bounces, refusals and spam complaints stop emails to the address and move
what matters to the call list; soft bounces, unknown addresses and forged posts change nothing.

The URLs are read from the settings when they load (notices/webhooks.py), so each post here loads
them again under the settings it needs (`webhook_for`), as a restarted server would."""

import base64
import hashlib
import hmac
import importlib
import json
import logging
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import timezone

from enrolment.models import Student
from notices.addresses import clear_undeliverable
from notices.models import Kind, Notice

from .factories import make_student

ANYMAIL = {"WEBHOOK_SECRET": "user:pass", "MAILGUN_WEBHOOK_SIGNING_KEY": "mailgun-signing-key"}
PROVIDERS = ["postmark", "sendgrid", "brevo", "mailgun", "amazon_ses"]
pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailWarning")]

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


def test_a_hard_bounce_stops_emails_and_moves_what_matters_to_the_call_list(client):
    student = make_student(email="bounce@example.com")
    reminder = owed(student, Kind.REMINDER_SESSION)
    confirmation = owed(student, Kind.CONFIRMED)
    response = postmark(client, POSTMARK_HARD_BOUNCE)
    assert response.status_code == 200
    student.refresh_from_db()
    assert student.email_undeliverable_at is not None
    assert student.email_problem.startswith("Emails to this address bounce.")
    assert "550 5.1.1 The email account that you tried to reach does not exist" in student.email_problem
    reminder.refresh_from_db()
    assert (reminder.status, reminder.channel) == (Notice.Status.TO_CALL, Notice.Channel.PHONE)
    confirmation.refresh_from_db()
    assert (confirmation.status, confirmation.problem) == (Notice.Status.SKIPPED, "Their email address is not working.")


def test_the_email_that_bounced_shows_the_problem_and_a_reminder_becomes_a_call(client):
    student = make_student(email="bounce@example.com")
    reminder = owed(student, Kind.REMINDER_FIRST, status=Notice.Status.SENT)
    postmark(client, {**POSTMARK_HARD_BOUNCE, "Metadata": {"notice": str(reminder.pk)}})
    reminder.refresh_from_db()
    assert reminder.status == Notice.Status.TO_CALL
    assert reminder.problem.startswith("It did not arrive: Emails to this address bounce.")


def test_a_bounced_booking_email_shows_under_emails_not_sent(client):
    student = make_student(email="invalid@example.com")
    confirmation = owed(student, Kind.CONFIRMED, status=Notice.Status.SENT)
    response = mailgun(client, {**MAILGUN_FAILED, "user-variables": {"notice": str(confirmation.pk)}})
    assert response.status_code == 200
    confirmation.refresh_from_db()
    assert confirmation.status == Notice.Status.FAILED
    assert "5.1.1 The email account that you tried to reach does not exist" in confirmation.problem
    student.refresh_from_db()
    assert student.email_undeliverable_at is not None


def test_metadata_naming_someone_elses_email_changes_nothing_on_it(client):
    make_student(email="bounce@example.com")
    other = owed(make_student(email="someone@example.org"), Kind.CONFIRMED, status=Notice.Status.SENT)
    postmark(client, {**POSTMARK_HARD_BOUNCE, "Metadata": {"notice": str(other.pk)}})
    other.refresh_from_db()
    assert (other.status, other.problem) == (Notice.Status.SENT, "")


def test_the_same_event_twice_changes_nothing_more(client):
    student = make_student(email="bounce@example.com")
    owed(student, Kind.RUN_CHANGED)
    sent = owed(student, Kind.REMINDER_SESSION, status=Notice.Status.SENT)
    payload = {**POSTMARK_HARD_BOUNCE, "Metadata": {"notice": str(sent.pk)}}
    postmark(client, payload)
    after_first = everything()
    assert postmark(client, payload).status_code == 200
    assert everything() == after_first


def test_a_spam_complaint_stops_emails(client):
    student = make_student(email="spam@example.com")
    offer_email = owed(student, Kind.OFFERED)
    assert postmark(client, POSTMARK_SPAM_COMPLAINT).status_code == 200
    student.refresh_from_db()
    assert student.email_undeliverable_at is not None
    assert student.email_problem == "They marked our email as spam."
    offer_email.refresh_from_db()
    assert offer_email.status == Notice.Status.TO_CALL


def test_a_permanent_mailgun_failure_with_a_good_signature_stops_emails(client):
    student = make_student(email="invalid@example.com")
    assert mailgun(client, MAILGUN_FAILED).status_code == 200
    student.refresh_from_db()
    assert student.email_undeliverable_at is not None
    assert "does not exist" in student.email_problem


def test_a_provider_refusing_the_address_stops_emails(client):
    student = make_student(email="bounce@example.com")
    postmark(client, {**POSTMARK_HARD_BOUNCE, "Type": "BadEmailAddress", "TypeCode": 100000})
    student.refresh_from_db()
    assert student.email_problem.startswith("The email provider will not send to this address.")


def test_a_refusal_because_of_our_own_settings_keeps_the_address_and_shows_the_email_as_not_sent(client):
    student = make_student(email="bounce@example.com")
    confirmation = owed(student, Kind.CONFIRMED, status=Notice.Status.SENT)
    postmark(
        client,
        {
            **POSTMARK_HARD_BOUNCE,
            "Type": "DMARCPolicy",
            "TypeCode": 100009,
            "Metadata": {"notice": str(confirmation.pk)},
        },
    )
    student.refresh_from_db()
    assert student.email_undeliverable_at is None
    confirmation.refresh_from_db()
    assert confirmation.status == Notice.Status.FAILED
    assert confirmation.problem.startswith("The email provider would not send it:")


def test_reminders_for_someone_who_switched_them_off_are_not_phoned_either(client):
    student = make_student(email="bounce@example.com", reminders_off=True)
    reminder = owed(student, Kind.REMINDER_SESSION)
    postmark(client, POSTMARK_HARD_BOUNCE)
    reminder.refresh_from_db()
    assert reminder.status == Notice.Status.SKIPPED


@pytest.mark.parametrize(
    "send",
    [
        lambda client: mailgun(client, {**MAILGUN_FAILED, "severity": "temporary"}),
        lambda client: postmark(
            client, {**POSTMARK_HARD_BOUNCE, "Type": "SoftBounce", "TypeCode": 4096, "Email": "invalid@example.com"}
        ),
    ],
    ids=["mailgun-temporary", "postmark-soft-bounce"],
)
def test_soft_bounces_change_nothing(client, send):
    student = make_student(email="invalid@example.com")
    owed(student, Kind.REMINDER_SESSION)
    before = everything()
    assert send(client).status_code == 200
    assert everything() == before


def test_events_for_addresses_we_do_not_know_are_ignored(client):
    owed(make_student(email="someone@example.org"), Kind.REMINDER_SESSION)
    before = everything()
    assert postmark(client, POSTMARK_HARD_BOUNCE).status_code == 200
    assert everything() == before


def test_a_mailgun_event_with_a_bad_signature_is_refused(client):
    student = make_student(email="invalid@example.com")
    owed(student, Kind.REMINDER_SESSION)
    before = everything()
    assert mailgun(client, MAILGUN_FAILED, key="not-the-key").status_code == 400
    assert everything() == before


def test_a_postmark_event_with_the_wrong_password_is_refused(client):
    student = make_student(email="bounce@example.com")
    owed(student, Kind.REMINDER_SESSION)
    before = everything()
    assert postmark(client, POSTMARK_HARD_BOUNCE, auth="user:wrong").status_code == 400
    assert everything() == before


# Who may post: only the provider in use, only with the password, and never a 500.


def student_with_an_email_owed(email: str) -> Student:
    student = make_student(email=email)
    owed(student, Kind.REMINDER_SESSION)
    return student


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("email_provider", ["smtp", "console", "files"])
def test_without_an_email_provider_there_is_no_webhook(client, provider, email_provider):
    student_with_an_email_owed("bounce@example.com")
    before = everything()
    response = post(client, provider, bounce(provider, "bounce@example.com"), mounted_for=email_provider)
    assert response.status_code == 404
    assert everything() == before


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_provider_without_a_webhook_secret_has_no_webhook(client, provider):
    student_with_an_email_owed("bounce@example.com")
    before = everything()
    only_signing_key = {"MAILGUN_WEBHOOK_SIGNING_KEY": ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"]}
    response = post(client, provider, bounce(provider, "bounce@example.com"), auth=None, anymail=only_signing_key)
    assert response.status_code == 404
    assert everything() == before


def test_mailgun_without_its_signing_key_has_no_webhook(client):
    student_with_an_email_owed("bounce@example.com")
    before = everything()
    response = post(client, "mailgun", bounce("mailgun", "bounce@example.com"), anymail={"WEBHOOK_SECRET": "user:pass"})
    assert response.status_code == 404
    assert everything() == before


@pytest.mark.parametrize("provider", PROVIDERS)
def test_only_the_provider_in_use_has_a_webhook(client, provider):
    student_with_an_email_owed("bounce@example.com")
    before = everything()
    in_use = "sendgrid" if provider == "postmark" else "postmark"
    assert post(client, provider, bounce(provider, "bounce@example.com"), mounted_for=in_use).status_code == 404
    inbound = {**bounce(provider, "bounce@example.com"), "path": f"/anymail/{provider}/inbound/"}
    assert post(client, provider, inbound).status_code == 404
    assert everything() == before


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("auth", ["user:wrong", "", None], ids=["wrong-password", "empty-password", "no-password"])
def test_a_post_without_the_right_password_is_refused_and_changes_nothing(client, provider, auth):
    student_with_an_email_owed("bounce@example.com")
    before = everything()
    response = post(client, provider, bounce(provider, "bounce@example.com"), auth=auth)
    # Amazon SNS sends the password only once asked for it with a 401; the others get anymail's 400.
    assert response.status_code == (401 if provider == "amazon_ses" and auth is None else 400)
    assert everything() == before


def ses_message(message) -> dict:
    return sns_request({"Type": "Notification", "MessageId": "m-1", "Message": message})


MALFORMED = {
    "postmark-broken-json": ("postmark", request("postmark", '{"RecordType": "Bounce", "Email": "bounce@exa')),
    "postmark-a-list": ("postmark", request("postmark", json.dumps([POSTMARK_HARD_BOUNCE]))),
    "sendgrid-broken-json": ("sendgrid", request("sendgrid", "[{")),
    "sendgrid-an-object-not-a-list": ("sendgrid", request("sendgrid", json.dumps(SENDGRID_BOUNCE))),
    "sendgrid-no-event": ("sendgrid", request("sendgrid", json.dumps([{"email": "bounce@example.com"}]))),
    "brevo-broken-json": ("brevo", request("brevo", "{'event': 'hard_bounce'}")),
    "brevo-a-list": ("brevo", request("brevo", json.dumps([BREVO_HARD_BOUNCE]))),
    "mailgun-event-data-without-event": (
        "mailgun",
        mailgun_request({key: value for key, value in MAILGUN_FAILED.items() if key != "event"}),
    ),
    "mailgun-without-signature": ("mailgun", request("mailgun", json.dumps({"event-data": MAILGUN_FAILED}))),
    "mailgun-broken-json": ("mailgun", request("mailgun", '{"signature": ')),
    "ses-broken-json": ("amazon_ses", {**sns_request({"Type": "Notification"}), "data": "{not json"}),
    "ses-without-sns-headers": (
        "amazon_ses",
        {**ses_message(json.dumps(SES_BOUNCE)), "HTTP_X_AMZ_SNS_MESSAGE_TYPE": "", "HTTP_X_AMZ_SNS_MESSAGE_ID": ""},
    ),
    "ses-unknown-sns-type": ("amazon_ses", sns_request({"Type": "Surprise", "MessageId": "m-1"})),
    "ses-broken-message": ("amazon_ses", ses_message("{not json")),
    "ses-bounce-without-recipients": (
        "amazon_ses",
        ses_message(json.dumps({**SES_BOUNCE, "bounce": {"bounceType": "Permanent", "bounceSubType": "General"}})),
    ),
}


@pytest.mark.parametrize("provider, sent", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_post_we_cannot_read_is_refused_with_400_and_changes_nothing(client, caplog, provider, sent):
    student_with_an_email_owed("bounce@example.com")
    before = everything()
    with caplog.at_level(logging.WARNING):
        response = post(client, provider, sent)
    assert response.status_code == 400
    assert everything() == before
    assert "bounce@example.com" not in caplog.text and "example.com" not in caplog.text


# Each event once, and nothing from before staff checked the address.


def is_marked(student) -> bool:
    student.refresh_from_db()
    return student.email_undeliverable_at is not None


def press_address_checked(staff_client, student):
    response = staff_client.post(f"/admin/notices/students/{student.pk}/address-checked/", follow=True)
    assert "Emails will go to bounce@example.com again" in response.content.decode()
    assert not is_marked(student)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_bounce_replayed_after_address_checked_does_not_stop_emails_again(client, staff_client, provider):
    student = student_with_an_email_owed("bounce@example.com")
    signed_bounce = bounce(provider, "bounce@example.com", event_id="7001")
    assert post(client, provider, signed_bounce).status_code == 200
    assert is_marked(student)
    press_address_checked(staff_client, student)
    before = everything()
    assert post(client, provider, signed_bounce).status_code == 200
    assert everything() == before


@pytest.mark.parametrize("provider", PROVIDERS)
def test_a_new_bounce_after_address_checked_stops_emails_again(client, staff_client, provider):
    student = student_with_an_email_owed("bounce@example.com")
    assert post(client, provider, bounce(provider, "bounce@example.com", event_id="7001")).status_code == 200
    press_address_checked(staff_client, student)
    a_moment_later = timezone.now() + timedelta(seconds=2)
    newer = bounce(provider, "bounce@example.com", event_id="7002", when=a_moment_later)
    assert post(client, provider, newer).status_code == 200
    assert is_marked(student)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_an_event_from_before_address_checked_is_ignored_even_if_never_seen(client, staff_client, provider):
    student = student_with_an_email_owed("bounce@example.com")
    press_address_checked(staff_client, student)
    an_hour_before = timezone.now() - timedelta(hours=1)
    late = bounce(provider, "bounce@example.com", event_id="7003", when=an_hour_before)
    assert post(client, provider, late).status_code == 200
    assert not is_marked(student)


@pytest.mark.parametrize("provider", ["postmark", "sendgrid", "mailgun", "amazon_ses"])
def test_the_same_event_id_is_applied_once_whatever_time_it_claims(client, staff_client, provider):
    student = student_with_an_email_owed("bounce@example.com")
    assert post(client, provider, bounce(provider, "bounce@example.com", event_id="7004")).status_code == 200
    press_address_checked(staff_client, student)
    # Mailgun signs only its token, not the time in the event: a replay can claim any time.
    restamped = bounce(provider, "bounce@example.com", event_id="7004", when=timezone.now() + timedelta(seconds=2))
    assert post(client, provider, restamped).status_code == 200
    assert not is_marked(student)


def test_a_new_address_typed_in_by_staff_ignores_older_bounces(client):
    student = student_with_an_email_owed("bounce@example.com")
    clear_undeliverable(student)  # what the student edit form does when the address changes
    assert post(client, "postmark", bounce("postmark", "bounce@example.com", event_id="7005")).status_code == 200
    assert not is_marked(student)
