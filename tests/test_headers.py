"""The security headers a browser gets, page by page: Content-Security-Policy (one policy for the
public and student pages, another for the Wagtail admin), Cache-Control: no-store on every page
that shows a person's details, a Referrer-Policy that never repeats the address where an emailed
link's token is in it, and, in production, HSTS and __Host- cookie names.

Whether the pages' own scripts still run under the policy is proven in a real browser by
tests/browser/test_reveals.py and test_keyboard_and_no_javascript.py (NHS.UK's menu and reveals,
our radio reveal), which fail if the policy blocks them."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from college import urls as site_urls
from enrolment.links import Purpose, link_path
from enrolment.models import Enrolment

from .factories import make_course, make_run, make_student
from .sign_in_helpers import ask_for_link, emailed_link

ROOT = Path(__file__).resolve().parent.parent


def boom(request):
    raise RuntimeError("a bug, to see the 500 page's headers")


# For the 500 page: the site's own URLs plus one that fails (see test_error_pages_...).
urlpatterns = [path("boom/", boom), *site_urls.urlpatterns]
for _handler in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(site_urls, _handler):
        globals()[_handler] = getattr(site_urls, _handler)


def policy(response, header: str = "Content-Security-Policy") -> dict[str, list[str]]:
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def nonce_of(directives: dict[str, list[str]]) -> str | None:
    for source in directives.get("script-src", []):
        if source.startswith("'nonce-"):
            return source.removeprefix("'nonce-").removesuffix("'")
    return None


class Markup(HTMLParser):
    """What in a page's HTML a Content-Security-Policy without 'unsafe-inline' would block."""

    def __init__(self, html: str):
        super().__init__()
        self.inline_scripts = []  # the nonce="" of each <script> without src (None if missing)
        self.handlers = []  # onclick="" and friends
        self.styled = []  # tags with style=""
        self.style_blocks = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/json":
            self.inline_scripts.append(attributes.get("nonce"))
        if tag == "style":
            self.style_blocks += 1
        self.handlers += [f"<{tag} {name}>" for name in attributes if name.startswith("on")]
        if "style" in attributes:
            self.styled.append(f"<{tag} style={attributes['style']!r}>")


def assert_public_policy(response) -> dict[str, list[str]]:
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]
    assert not any(name.startswith(("script-src-", "style-src-")) for name in csp)  # no back doors
    return csp


def assert_page_runs_under_its_policy(response) -> None:
    """Every inline script carries this response's nonce; nothing else inline would run or apply."""
    csp = assert_public_policy(response)
    markup = Markup(response.content.decode())
    assert markup.inline_scripts, "base.html's two inline scripts are expected on every page"
    assert set(markup.inline_scripts) == {nonce_of(csp)}
    assert markup.handlers == []
    assert markup.styled == []
    assert markup.style_blocks == 0


@pytest.fixture
def run(course_index):
    return make_run(make_course(course_index, "Sleep well"))


@pytest.fixture
def enrolled(run):
    student = make_student("Ana", email="ana@example.org")
    return Enrolment.objects.create(run=run, student=student)


@pytest.fixture
def signed_in(client, enrolled):
    ask_for_link(client, enrolled.student.email)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"
    return client


# ---- Content-Security-Policy: public, student and error pages ----------------------------------


@pytest.mark.django_db
def test_public_pages_allow_only_our_own_scripts_and_the_inline_ones_carrying_the_nonce(client, run):
    for url in [
        "/",
        "/course-dates/",
        run.course.url,
        "/search/?q=sleep",
        "/accessibility-statement/",
        "/prospectus/",
        f"/enrol/{run.pk}/",
        "/my-courses/sign-in/",
        "/my-courses/signed-out/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_page_runs_under_its_policy(response)


@pytest.mark.django_db
def test_the_nhs_font_is_the_only_thing_fetched_from_elsewhere(client, home_page):
    csp = assert_public_policy(client.get("/"))
    assert csp["font-src"] == ["'self'", "https://assets.nhs.uk"]
    for directive, sources in csp.items():
        if directive != "font-src":
            assert all(source.startswith("'") for source in sources), (directive, sources)


@pytest.mark.django_db
def test_student_pages_have_the_public_policy(signed_in, enrolled):
    for url in [
        "/my-courses/",
        "/my-courses/details/",
        "/my-courses/delete-my-data/",
        "/my-courses/learning-plan/",
        f"/my-courses/cancel/{enrolled.pk}/",
        link_path(Purpose.CANCEL, enrolled.pk),
    ]:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert_page_runs_under_its_policy(response)


@pytest.mark.django_db
def test_each_response_has_a_new_nonce(client, home_page):
    first, second = (nonce_of(policy(client.get("/"))) for _ in range(2))
    assert first and second and first != second
    assert len(first) >= 22  # 16 random bytes, base64


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_error_pages_have_the_public_policy(home_page, enrolled):
    client = Client(raise_request_exception=False)
    not_found = client.get("/no-such-page/")
    bad_link = client.get("/link/not-a-real-token/")
    failed = client.get("/boom/")
    assert (not_found.status_code, bad_link.status_code, failed.status_code) == (404, 400, 500)
    assert_page_runs_under_its_policy(not_found)
    assert_page_runs_under_its_policy(bad_link)
    assert_public_policy(failed)  # 500.html stands alone: no scripts at all
    assert Markup(failed.content.decode()).inline_scripts == []

    refused = Client(enforce_csrf_checks=True).post("/my-courses/sign-in/", {"email": "ana@example.org"})
    assert refused.status_code == 403
    assert_page_runs_under_its_policy(refused)


# ---- Content-Security-Policy: the Wagtail admin ---------------------------------------------------


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def assert_admin_policy(response) -> dict[str, list[str]]:
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]  # the preview panel frames previews
    assert csp["form-action"] == ["'self'"]
    # Wagtail's inline scripts carry no nonce; with one in the header browsers would ignore
    # 'unsafe-inline' and block them.
    assert "'unsafe-inline'" in csp["script-src"] and nonce_of(csp) is None
    assert "'unsafe-eval'" not in csp["script-src"]
    return csp


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client, staff_client, run):
    assert_admin_policy(Client().get("/admin/login/"))
    for url in [
        "/admin/",
        f"/admin/pages/{run.course.pk}/edit/",
        "/admin/images/",
        "/admin/snippets/notices/wording/",
        f"/admin/enrolment/runs/{run.pk}/register/",
        f"/admin/enrolment/runs/{run.pk}/enrol/",
        "/admin/notices/people-to-call/",
        "/admin/notices/emails-not-sent/",
    ]:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert_admin_policy(response)
        # Wagtail's own never-cache covers every admin page: they show students' details.
        assert "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_a_preview_in_the_admin_gets_the_admin_policy_so_the_panel_can_show_it(rf, staff_client, run):
    # Wagtail renders a preview as a made-up request for the page's own address; the panel frames it.
    request = rf.get(f"/admin/pages/{run.course.pk}/edit/preview/")
    request.user = get_user_model().objects.get()
    request.session = staff_client.session
    preview = run.course.make_preview_request(original_request=request)
    assert preview.status_code == 200
    assert_admin_policy(preview)
    assert policy(preview)["font-src"] == ["'self'", "https://assets.nhs.uk"]  # looks like the real page
    assert_public_policy(Client().get(run.course.url))  # the same page, served to the public


@pytest.mark.django_db
def test_staff_avatars_are_not_fetched_from_gravatar(staff_client):
    assert "gravatar" not in staff_client.get("/admin/").content.decode()


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
        "enrolment:act": [("get", f"/my-courses/cancel/{enrolled.pk}/", None)],
        "enrolment:signed_out": [("get", "/my-courses/signed-out/", None)],
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


# ---- Production: HSTS and cookie names --------------------------------------------------------

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "college.settings.production",
    "SECRET_KEY": "a-production-like-secret-key-for-reading-settings-only-0123456789",
    "DATABASE_URL": "postgres://college:college@127.0.0.1:5432/college",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "courses.example.org",
    "SITE_URL": "https://courses.example.org",
    "EMAIL_PROVIDER": "smtp",
}
READ = (
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "CSRF_COOKIE_PATH",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
)


def production_environment(**env) -> dict[str, str]:
    ours = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    return {**ours, **PRODUCTION_ENV, **env}


def production_settings(**env) -> dict:
    """The production settings as a deployment with the README's variables gets them (read in a
    separate process: production.py refuses to load without them)."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {READ!r}}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return production_settings()


def test_production_names_its_cookies_for_this_host_alone(production):
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    # What browsers demand of a __Host- cookie, or they drop it (and nobody can sign in):
    for kind in ("SESSION", "CSRF"):
        assert production[f"{kind}_COOKIE_SECURE"] is True
        assert production[f"{kind}_COOKIE_DOMAIN"] is None
        assert production[f"{kind}_COOKIE_PATH"] == "/"


def test_production_asks_browsers_for_https_on_subdomains_too_and_for_preloading(production):
    assert production["SECURE_HSTS_SECONDS"] >= 31536000  # a year: the preload list's minimum
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True
    assert production["SECURE_SSL_REDIRECT"] is True


def test_a_college_can_turn_off_hsts_subdomains_and_preload():
    chosen = production_settings(SECURE_HSTS_INCLUDE_SUBDOMAINS="false", SECURE_HSTS_PRELOAD="false")
    assert chosen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False and chosen["SECURE_HSTS_PRELOAD"] is False


@pytest.mark.django_db
def test_with_production_cookie_settings_a_student_gets_cookies_a_browser_accepts(client, production, enrolled):
    cookies = {name: production[name] for name in READ if "COOKIE" in name}
    hsts = {name: production[name] for name in READ if "HSTS" in name}
    with override_settings(**cookies, **hsts):
        asked = client.get("/my-courses/sign-in/", secure=True)
        assert asked["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        csrf = asked.cookies["__Host-csrftoken"]
        with TestCase.captureOnCommitCallbacks(execute=True):  # the email goes when the request commits
            client.post("/my-courses/sign-in/", {"email": enrolled.student.email}, secure=True)
        signed = client.post(emailed_link(mail.outbox[-1]), secure=True)
        session = signed.cookies["__Host-sessionid"]
        for cookie in (csrf, session):
            assert cookie["secure"] is True and cookie["path"] == "/" and not cookie["domain"]
        assert "sessionid" not in signed.cookies and "csrftoken" not in asked.cookies
        assert "Your courses" in client.get("/my-courses/", secure=True).content.decode()


def test_check_deploy_has_no_hsts_or_cookie_warnings():
    # The full `check --deploy --fail-level WARNING` is run by the production smoke test; these
    # are the warnings this part of the settings answers for.
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "System check identified" in out.stdout + out.stderr, out.stdout + out.stderr
    mine = re.findall(r"security\.W0(?:04|05|08|12|16|21)\b", out.stdout + out.stderr)
    assert mine == [], out.stdout + out.stderr
