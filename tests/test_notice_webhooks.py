"""The email provider's tracking webhook, posted through the real URLs with the payloads from
anymail's own tests: bounces, refusals and spam complaints stop emails to the address and move
what matters to the call list; soft bounces, unknown addresses and forged posts change nothing.

Who may post at all: tests/test_webhook_refusals.py. Events replayed, and events from before staff
checked the address: tests/test_webhook_replays.py. The payloads: tests/webhook_helpers.py."""

import pytest

from notices.models import Kind, Notice

from .factories import make_student
from .webhook_helpers import (
    MAILGUN_FAILED,
    POSTMARK_HARD_BOUNCE,
    POSTMARK_SPAM_COMPLAINT,
    everything,
    mailgun,
    owed,
    postmark,
)

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailWarning")]


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
