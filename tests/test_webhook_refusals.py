"""Who may post to the email provider's tracking webhook: only the provider in use, only with the
password (and Mailgun's signing key), and a post nobody can read is refused with a 400, never a
500; none of them changes anything."""

import json
import logging

import pytest

from .webhook_helpers import (
    ANYMAIL,
    BREVO_HARD_BOUNCE,
    MAILGUN_FAILED,
    POSTMARK_HARD_BOUNCE,
    PROVIDERS,
    SENDGRID_BOUNCE,
    SES_BOUNCE,
    bounce,
    everything,
    mailgun_request,
    post,
    request,
    sns_request,
    student_with_an_email_owed,
)

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailWarning")]


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
