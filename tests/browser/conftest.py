"""Fixtures for tests that drive a real browser: Debian's Chromium through Playwright, against
pytest-django's live server, with the demo college loaded.

Chromium comes from the system (`apt-get install chromium`), never downloaded. Without it these
tests are skipped, except where TEST_CHROMIUM names the binary (CI does): then a missing browser
is a failure, so CI can never pass by skipping them."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from .pages import BrowserPage

# Playwright's sync API keeps an event loop running in this thread, which Django's ORM takes for
# async code. The ORM calls made here are the test's own setup, run between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = 375
DESKTOP = 1280
WIDTHS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]


def chromium_path() -> str | None:
    wanted = os.environ.get("TEST_CHROMIUM")
    if wanted:
        return wanted
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.hookimpl(tryfirst=True)  # before pytest-django sorts tests by the markers set here
def pytest_collection_modifyitems(config, items):
    """Every test here is a browser test, and runs against committed data: the live server answers
    from its own thread. Serialized rollback puts back Wagtail's root page after each flush."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(migrated_database):
    path = chromium_path()
    if not path or not Path(path).exists():
        if os.environ.get("TEST_CHROMIUM"):
            pytest.fail(f"TEST_CHROMIUM is {path!r}, which does not exist")
        pytest.skip("needs Chromium: apt-get install chromium (CI does), or set TEST_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # No sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
        browser = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        # From here on Playwright's event loop runs in this thread, and Django gives every later
        # test a new database connection (one per async context) without its saved copy of the
        # migrated database. Transactional tests empty the database and rely on that copy to put
        # Wagtail's root page back, so hand it to the new connection.
        connection._test_serialized_contents = migrated_database
        yield browser
        browser.close()


@pytest.fixture
def college(live_server, settings):
    """The demo college, served by the live server, with email links pointing at it."""
    settings.SITE_URL = live_server.url
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    call_command("load_demo_college", force=True, verbosity=0)
    return live_server


@pytest.fixture
def open_page(browser, college):
    """open_page(width, javascript=True, **context options) -> a BrowserPage on the live server at
    that width, in a browser context of its own (its own cookies: one person). Every page opened
    is closed at the end of the test."""
    contexts = []

    def opener(width: int = DESKTOP, *, javascript: bool = True, height: int = 800, zoom: float = 1, **context_options):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=zoom,
            java_script_enabled=javascript,
            base_url=college.url,
            locale="en-GB",
            timezone_id="Europe/London",
            **context_options,
        )
        contexts.append(context)
        # Only the live server answers. The NHS.UK stylesheet asks assets.nhs.uk for its Frutiger
        # font; refused at once, the page falls back to Arial as it would offline, instead of
        # waiting on a network the tests do not have.
        context.route(lambda url: not url.startswith(college.url), lambda route: route.abort())
        return BrowserPage(context.new_page(), base_url=college.url)

    yield opener
    for context in contexts:
        context.close()
