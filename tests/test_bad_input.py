"""Bad input never gives a 500: a NUL character anywhere in a request, a proxy that forgot the
visitor's address, a body too big or with too many fields. Each gets a kind page and changes
nothing. And the error pages themselves (400, 403, 404, 500) are our own, in the site's look, in
plain English; the 500 page renders with no database at all.

The NUL tests matter most on PostgreSQL, which cannot hold or compare text with a NUL in it:
run this file with DATABASE_URL=postgres://... too."""

import datetime as dt
import logging
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import timezone

from enrolment.limits import TOO_MANY
from enrolment.models import Enrolment, Student

from .factories import make_course, make_run, make_student
from .plain_english_helpers import (
    GRADE_AT_MOST,
    LONGEST_SENTENCE_WORDS,
    READING_EASE_AT_LEAST,
    longest_sentence,
    reading,
)
from .test_enrolment_pages import form_data

KIND_400 = "Sorry, we could not read that"
NHS_LOOK = ("nhsuk-frontend", "nhsuk-header", "nhsuk-footer")
PAUSED = TOO_MANY.split(",")[0]


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.DEBUG = False  # Django shows its own technical pages with DEBUG on


@pytest.fixture
def run(course_index):
    return make_run(
        make_course(course_index, "Sleep well"), capacity=3, first_date=timezone.localdate() + dt.timedelta(days=10)
    )


def assert_kind_400(response):
    html = response.content.decode()
    assert response.status_code == 400, html[:500]
    assert KIND_400 in html and 'href="/contact/"' in html
    assert all(part in html for part in NHS_LOOK)


def urlencoded(client, path, data, **headers):
    # What a browser sends for our forms (the test client's default is multipart).
    return client.post(path, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded", **headers)


# A NUL character (%00)


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=%00",
        "/search/?q=sleep&page=1%00",
        "/prospectus/?term=%00",
        "/course-dates/?postcode=%00",
        "/course-dates/?q=sleep%00well",
        "/course-dates/?topic%00=1",
        "/course-dates/sleep%00/",
        "/my-courses/sign-in/?next=%00",
    ],
)
def test_a_nul_character_in_the_address_gets_the_kind_400_page(client, run, path):
    assert_kind_400(client.get(path))


def test_a_nul_character_in_a_form_value_gets_the_kind_400_page_and_changes_nothing(client, run):
    assert_kind_400(client.post(f"/enrol/{run.pk}/", form_data(first_name="Ana\x00")))
    assert_kind_400(urlencoded(client, f"/enrol/{run.pk}/", form_data(support_needs="Steps\x00")))
    make_student("Ana", email="ana@example.org")
    assert_kind_400(urlencoded(client, "/my-courses/sign-in/", {"email": "ana@example.org\x00"}))

    assert Student.objects.count() == 1 and not Enrolment.objects.exists()
    assert mail.outbox == []


def test_a_nul_character_in_a_cookie_gets_the_kind_400_page(client, run):
    client.cookies["sessionid"] = "a" * 32 + "\x00"

    assert_kind_400(client.get("/my-courses/"))


def test_text_without_nul_characters_still_goes_through(client, run):
    # Other control characters and any language are people's words, not an attack.
    response = client.post(f"/enrol/{run.pk}/", form_data(first_name="Zoë\ttab", last_name="王"))

    assert response.status_code == 302 and Enrolment.objects.count() == 1


# The visitor's address behind a proxy (RATELIMIT_IP_META_KEY)


@pytest.fixture
def behind_a_proxy(settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign_in": {"ip": "2/h", "email": "100/h"}}


@pytest.mark.parametrize("header", [None, "", "not-an-address"])
def test_without_the_proxys_address_header_forms_still_work_and_the_log_says_which_header(
    client, run, behind_a_proxy, caplog, header
):
    extra = {} if header is None else {"HTTP_X_REAL_IP": header}

    with caplog.at_level(logging.WARNING, logger="home.client_address"):
        sent = urlencoded(client, "/my-courses/sign-in/", {"email": "ana@example.org"}, **extra)
        enrolled = client.post(f"/enrol/{run.pk}/", form_data(), REMOTE_ADDR="198.51.100.7", **extra)

    assert sent.status_code == 302 and enrolled.status_code == 302
    assert Enrolment.objects.count() == 1
    warnings = [record.getMessage() for record in caplog.records if record.name == "home.client_address"]
    assert len(warnings) == 2 and all("HTTP_X_REAL_IP" in line for line in warnings)
    # Addresses are personal data: never in the log.
    assert not any("198.51.100.7" in line or "127.0.0.1" in line for line in warnings)


def test_behind_a_proxy_each_visitor_is_counted_by_the_address_the_proxy_gives(client, run, behind_a_proxy):
    def paused(response):
        return PAUSED in response.content.decode()

    first_visitor = [
        urlencoded(client, "/my-courses/sign-in/", {"email": f"p{n}@example.org"}, HTTP_X_REAL_IP="203.0.113.5")
        for n in range(3)
    ]
    # A list ends with the address our proxy saw; earlier entries are the visitor's own claim.
    second_visitor = urlencoded(
        client, "/my-courses/sign-in/", {"email": "q@example.org"}, HTTP_X_REAL_IP="203.0.113.5, 203.0.113.6"
    )

    assert [paused(response) for response in first_visitor] == [False, False, True]
    assert second_visitor.status_code == 302


# Too big, or too many fields


@pytest.mark.parametrize(
    "send", [urlencoded, lambda client, path, data: client.post(path, data)], ids=["urlencoded", "multipart"]
)
def test_a_form_too_big_to_read_gets_the_kind_400_page_and_changes_nothing(client, run, settings, send):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5_000

    assert_kind_400(send(client, f"/enrol/{run.pk}/", form_data(support_needs="I use a wheelchair. " * 500)))
    assert not Student.objects.exists()


@pytest.mark.parametrize(
    "send", [urlencoded, lambda client, path, data: client.post(path, data)], ids=["urlencoded", "multipart"]
)
def test_a_form_with_too_many_fields_gets_the_kind_400_page(client, run, settings, send):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    data = {"email": "ana@example.org", **{f"extra{n}": "x" for n in range(150)}}

    assert_kind_400(send(client, "/my-courses/sign-in/", data))
    assert mail.outbox == []


# The error pages


def error_page(status: int, **kwargs):
    """Our error page for that status, as Django's handler for it (college/urls.py) gives it."""
    handler = get_resolver().resolve_error_handler(status)
    request = RequestFactory().get("/somewhere/")
    return handler(request, **kwargs)


def assert_plain_english(html: str):
    ease, grade, _, text = reading(html)
    assert ease >= READING_EASE_AT_LEAST and grade <= GRADE_AT_MOST, (ease, grade, text)
    assert len(longest_sentence(text).split()) <= LONGEST_SENTENCE_WORDS, text


def test_the_400_page_needs_no_request_or_database(settings):
    # No `db` fixture: any query fails the test. Django renders it with no request context.
    response = error_page(400, exception=SuspiciousOperation("test"))

    assert_kind_400(response)
    html = response.content.decode()
    assert 'href="/"' in html and "116 123" in html
    assert_plain_english(html)


def test_the_500_page_needs_no_database_and_points_to_help():
    # No `db` fixture: any query fails the test. It is shown when things are broken.
    response = error_page(500)

    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html and "116 123" in html
    assert 'href="/"' in html and 'href="/contact/"' in html
    assert all(part in html for part in NHS_LOOK)
    assert_plain_english(html)


def test_the_403_page_is_ours_and_kind(home_page):
    response = error_page(403, exception=PermissionDenied())

    html = response.content.decode()
    assert response.status_code == 403
    assert "You cannot see this page" in html and "Nothing has been changed" in html
    assert 'href="/"' in html and 'href="/contact/"' in html
    assert all(part in html for part in NHS_LOOK)
    assert "Need help now?" in html  # the crisis panel, as on every page
    assert_plain_english(html)


def test_the_404_page_is_ours_and_kind(client, home_page):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and 'href="/"' in html and 'href="/contact/"' in html
    assert all(part in html for part in NHS_LOOK)
    assert_plain_english(html)
