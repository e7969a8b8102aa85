"""The Content-Security-Policy a browser gets, page by page: one policy for the public and student
pages (their one inline script is allowed by its hash; nothing else inline runs), another for the
Wagtail admin. The other security headers: Cache-Control: no-store on every page that shows a
person's details and the Referrer-Policy in tests/test_no_store_and_referrer.py; HSTS and __Host-
cookie names in production in tests/test_production_cookies_and_hsts.py.

Whether the pages' own scripts still run under the policy is proven in a real browser by
tests/browser/test_reveals.py and test_keyboard_and_no_javascript.py (NHS.UK's menu and reveals,
our radio reveal), which fail if the policy blocks them."""

import base64
import hashlib
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import path

from college import urls as site_urls
from enrolment.links import Purpose, link_path

from .header_fixtures import ana_signed_in, anas_place, sleep_well_run  # noqa: F401 (fixtures by other names)


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


def hash_of(script: str) -> str:
    """The CSP source a browser matches an inline script's exact text against."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


class Markup(HTMLParser):
    """What in a page's HTML a Content-Security-Policy without 'unsafe-inline' would block."""

    def __init__(self, html: str):
        super().__init__()
        self.inline_scripts = []  # the text of each <script> without src
        self.nonces = []  # any nonce="" attribute
        self.handlers = []  # onclick="" and friends
        self.styled = []  # tags with style=""
        self.style_blocks = 0
        self._in_inline_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/json":
            self.inline_scripts.append("")
            self._in_inline_script = True
        if "nonce" in attributes:
            self.nonces.append(f"<{tag} nonce>")
        if tag == "style":
            self.style_blocks += 1
        self.handlers += [f"<{tag} {name}>" for name in attributes if name.startswith("on")]
        if "style" in attributes:
            self.styled.append(f"<{tag} style={attributes['style']!r}>")

    def handle_data(self, data):
        if self._in_inline_script:
            self.inline_scripts[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


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
    """Every inline script is allowed by its hash, and no nonce is used (a page the page cache keeps
    is one response served to many); nothing else inline would run or apply."""
    csp = assert_public_policy(response)
    markup = Markup(response.content.decode())
    assert markup.inline_scripts, "base.html's inline script is expected on every page"
    assert {hash_of(script) for script in markup.inline_scripts} <= set(csp["script-src"])
    assert nonce_of(csp) is None and markup.nonces == []
    assert markup.handlers == []
    assert markup.styled == []
    assert markup.style_blocks == 0


# ---- Content-Security-Policy: public, student and error pages ----------------------------------


@pytest.mark.django_db
def test_public_pages_allow_only_our_own_scripts_and_the_inline_one_by_its_hash(client, run):
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
def test_the_policy_allows_no_inline_script_but_the_one_in_base_html(client, home_page):
    # One hash, of the script base.html prints: any other inline script, or a changed one, is blocked.
    page = client.get("/")
    (script,) = Markup(page.content.decode()).inline_scripts
    assert policy(page)["script-src"] == ["'self'", hash_of(script)]


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
