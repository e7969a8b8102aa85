"""Time limits never cost a student what they typed (WCAG 2.2.1). The public forms have none: the
CSRF cookie lasts a year and nothing else expires. A sign-in to 'My courses' does run out, so a
student who was typing new details when it did keeps them on the page and saves them after
signing in again."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from enrolment.models import Student

from .factories import make_course, make_run, make_student
from .test_my_courses import sign_in

NEW_DETAILS = {
    "first_name": "Ana",
    "last_name": "Lopes",
    "phone": "07700 900 982",
    "postal_address": "4 Mill Lane\nOxford",
    "postcode": "OX4 1AA",
    "contact_by": "phone",
    "support_needs": "A seat near the door, please",
    "reminders": "no",
}


@pytest.fixture
def run(course_index):
    return make_run(make_course(course_index, "Sleep well"), first_date=timezone.localdate() + dt.timedelta(days=10))


def test_details_typed_after_the_sign_in_ran_out_stay_on_the_page_and_save_after_signing_in_again(client, run):
    student = make_student("Ana", email="ana@example.org")
    sign_in(client, student)
    client.session.flush()  # what the sign-in running out looks like to the server: no session
    client.cookies.pop(settings.SESSION_COOKIE_NAME, None)  # production calls it __Host-sessionid

    kept = client.post("/my-courses/details/", NEW_DETAILS)

    page = kept.content.decode()
    assert kept.status_code == 200
    assert "Your changes are not saved yet" in page
    for typed in ("Lopes", "07700 900 982", "4 Mill Lane\nOxford", "OX4 1AA", "A seat near the door, please"):
        assert typed in page
    assert 'value="phone" checked' in page and 'value="no" checked' in page
    assert Student.objects.get().last_name != "Lopes"  # nothing saved while signed out

    sign_in(client, student)
    client.post("/my-courses/details/", NEW_DETAILS)
    saved = Student.objects.get()
    assert (saved.last_name, saved.phone, saved.reminders_off) == ("Lopes", "+447700900982", True)


def test_someone_not_signed_in_who_opens_the_details_page_is_sent_to_sign_in(client, run):
    assert client.get("/my-courses/details/").url == "/my-courses/sign-in/"


def test_a_form_sent_without_its_security_cookie_gets_a_kind_page_and_changes_nothing(run):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    answer = strict.post(
        f"/enrol/{run.pk}/", {"first_name": "Ana", "last_name": "Lopes", "email": "ana@example.org", "adult": "yes"}
    )

    page = answer.content.decode()
    assert answer.status_code == 403
    assert "Sorry, your form was not sent" in page and "what you typed should still be there" in page
    assert "CSRF" not in page
    assert not Student.objects.exists()
