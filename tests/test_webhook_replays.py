"""Each webhook event is applied once, and nothing from before staff checked the address: a bounce
replayed, re-stamped or arriving late after "Address checked" does not stop emails again; a new
one does."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notices.addresses import clear_undeliverable

from .webhook_helpers import PROVIDERS, bounce, everything, post, student_with_an_email_owed

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailWarning")]


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
