"""Two headers that keep a person's details where they belong: Cache-Control: no-store on every
page that shows them (a new URL fails until it is listed as public or answers no-store), and a
Referrer-Policy that never repeats the address of a page opened from an emailed link, where the
link's token is."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from enrolment.links import Purpose, link_path
from enrolment.models import Enrolment
from equality.models import EqualitySettings

from .header_fixtures import ana_signed_in, anas_place, sleep_well_run  # noqa: F401 (fixtures by other names)

# ---- Cache-Control: no-store on every page that shows a person's details -------------------------

# Every named URL outside the admin is either listed here as showing no one's details, or must be
# requested below and answer no-store. A new URL fails the test until it is one or the other.
PUBLIC = {
    "wagtail_serve",  # Wagtail pages: home, course dates, courses, content pages
    "search",
    "sitemap",
    "robots_txt",
    "accessibility_statement",
    "health",
    "health_live",
    "courses:run_ics",
    "courses:upcoming_ics",
    "courses:prospectus",
    "courses:prospectus_pdf",
    "wagtaildocs_serve",
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "wagtailcore_login",
}
PUBLIC_NAMESPACES = {"anymail"}  # the email provider's webhooks: machines, answered with no details


def named_urls(patterns=None, namespace: str = "", prefix: str = "") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/"):
            continue  # Wagtail's never_cache covers the admin (test_the_admin_has_its_own_policy)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else f"(unnamed: {route})")
    return names


def personal_requests(run, enrolled) -> dict[str, list]:
    """For each personal URL, the requests that reach its page(s): (method, url, data)."""
    student = enrolled.student
    student.refresh_from_db()  # signing in changed its link nonce
    asking = EqualitySettings.load()  # the equality questions' page is there only while one is asked
    asking.ask_gender = True
    asking.save()
    return {
        "enrolment:enrol": [
            ("get", f"/enrol/{run.pk}/", None),
            ("post", f"/enrol/{run.pk}/", {"support_needs": "I use a wheelchair"}),
        ],
        "enrolment:thank_you": [("get", f"/enrol/{run.pk}/thank-you/", None)],
        "enrolment:feedback_thanks": [("get", "/feedback/thank-you/", None)],
        "enrolment:opening_alert_sent": [("get", f"/enrol/{run.pk}/we-will-email-you/", None)],
        "enrolment:stop_opening_alert": [("post", f"/my-courses/enrolment-opens/{run.pk}/stop/", {})],
        "enrolment:link": [
            ("get", link_path(Purpose.SIGN_IN, student.pk, nonce=student.link_nonce), None),
            ("get", link_path(Purpose.CANCEL, enrolled.pk), None),
            ("get", link_path(Purpose.STOP_REMINDERS, student.pk), None),
            ("get", link_path(Purpose.FEEDBACK, enrolled.pk), None),
            ("get", "/link/not-a-real-token/", None),
        ],
        "enrolment:my_courses": [("get", "/my-courses/", None)],
        "enrolment:sign_in": [
            ("get", "/my-courses/sign-in/", None),
            ("post", "/my-courses/sign-in/", {"email": "not an email"}),
        ],
        "enrolment:sign_in_sent": [("get", "/my-courses/sign-in/check-your-email/", None)],
        "enrolment:change_details": [("get", "/my-courses/details/", None)],
        "enrolment:delete_my_data": [("get", "/my-courses/delete-my-data/", None)],
        "enrolment:learning_plan": [
            ("get", "/my-courses/learning-plan/", None),
            ("post", "/my-courses/learning-plan/", {"goals": "Sleep better", "shared": "no"}),
        ],
        "enrolment:certificate": [("get", f"/my-courses/certificates/{enrolled.pk}/", None)],
        "enrolment:act": [("get", f"/my-courses/cancel/{enrolled.pk}/", None)],
        "enrolment:signed_out": [("get", "/my-courses/signed-out/", None)],
        "privacy:your_data": [("get", "/my-courses/your-data/", None)],
        "privacy:your_data_download": [("get", "/my-courses/your-data/download/", None)],
        "equality:about_you": [
            ("get", "/my-courses/about-you/", None),
            ("post", "/my-courses/about-you/", {"gender": "not a choice"}),
        ],
        "enrolment:sign_out": [("post", "/my-courses/sign-out/", {})],  # last: it signs out
    }


@pytest.mark.django_db
def test_every_url_is_either_public_or_never_stored(signed_in, run, enrolled):
    personal = personal_requests(run, enrolled)
    unclassified = named_urls() - PUBLIC - set(personal)
    unclassified = {name for name in unclassified if name.split(":")[0] not in PUBLIC_NAMESPACES}
    assert not unclassified, (
        f"New URLs {sorted(unclassified)}: add each to PUBLIC if it shows no one's details, or "
        "give its view home.headers.personal (enrolment/urls.py does for all of its own) and add it "
        "to personal_requests here."
    )
    for name, requests in personal.items():
        for method, url, data in requests:
            response = getattr(signed_in, method)(url, data) if data is not None else signed_in.get(url)
            assert response.status_code in {200, 302, 400}, (name, url, response.status_code)
            assert "no-store" in response["Cache-Control"], (name, url)
            assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_personal_pages_are_never_stored_even_when_the_sign_in_has_run_out(client, run, enrolled):
    for url in [
        "/my-courses/",
        "/my-courses/details/",
        "/my-courses/delete-my-data/",
        "/my-courses/learning-plan/",
        f"/my-courses/cancel/{enrolled.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_public_pages_may_be_stored(client, run):
    for url in ["/", "/course-dates/", run.course.url, "/accessibility-statement/"]:
        assert "no-store" not in client.get(url).get("Cache-Control", ""), url


# ---- Referrer-Policy ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_opened_from_emailed_links_never_send_their_address_on(client, enrolled):
    # Their address carries the link's token: no-referrer, so not even our own next page learns it.
    student = enrolled.student
    for url in [
        link_path(Purpose.SIGN_IN, student.pk, nonce=student.link_nonce),
        link_path(Purpose.CANCEL, enrolled.pk),
        link_path(Purpose.STOP_REMINDERS, student.pk),
        "/link/not-a-real-token/",
    ]:
        assert client.get(url)["Referrer-Policy"] == "no-referrer", url
    signed_in = client.post(link_path(Purpose.SIGN_IN, student.pk, nonce=student.link_nonce))
    assert signed_in.status_code == 302 and signed_in["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_the_button_on_a_no_referrer_page_still_works_and_other_sites_still_cannot_press_it(enrolled):
    # Under no-referrer a browser sends "Origin: null" with the page's own form, and says where the
    # form came from in Sec-Fetch-Site, which pages cannot set (home/csrf.py).
    browser = Client(enforce_csrf_checks=True)
    url = link_path(Purpose.CANCEL, enrolled.pk)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.get(url).content.decode()).group(1)

    def press(origin, fetch_site, csrf_token=token):
        return browser.post(
            url,
            {"csrfmiddlewaretoken": csrf_token},
            secure=True,
            headers={"Origin": origin, "Sec-Fetch-Site": fetch_site},
        )

    assert press("null", "cross-site").status_code == 403
    assert press("https://elsewhere.example", "cross-site").status_code == 403
    assert press("null", "same-origin", csrf_token="x" * 64).status_code == 403  # the token still counts
    enrolled.refresh_from_db()
    assert enrolled.status == Enrolment.Status.CONFIRMED
    answer = press("null", "same-origin")
    assert answer.status_code == 200 and "Your place is cancelled" in answer.content.decode()
    assert answer["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_other_pages_keep_the_same_origin_referrer(signed_in, run):
    for url in ["/", run.course.url, "/my-courses/", f"/enrol/{run.pk}/"]:
        assert signed_in.get(url)["Referrer-Policy"] == "same-origin", url
