import os

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from wagtail.models import Page, Site

from courses.models import CourseIndexPage, CourseRun
from home.models import CollegeSettings, CrisisSupportSettings, HomePage

from .factories import make_course, make_run, publish
from .notice_helpers import SITE_URL


@pytest.fixture(scope="session")
def migrated_database(django_db_setup, django_db_blocker) -> str:
    """What the migrations put in the test database (Wagtail's root page, the default site,
    permissions), serialized the moment the database is made, before any test changes it."""
    from django.db import connection

    with django_db_blocker.unblock():
        return getattr(connection, "_test_serialized_contents", None) or connection.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counts live in the cache; each test starts with none."""
    cache.clear()


@pytest.fixture
def home_page(db) -> HomePage:
    """A site like the real one: a home page at the root of the default Site."""
    root = Page.get_first_root_node()
    home = publish(
        root,
        HomePage(
            title="Test Recovery College",
            slug="college",
            intro="Welcome.",
            about="<p>We are a college.</p>",
            how_to_enrol="<p>Enrol online.</p>",
        ),
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test Recovery College"
    )
    # Settings rows exist on a running site; creating them lazily would count as page queries.
    CollegeSettings.load()
    CrisisSupportSettings.load()
    return home


@pytest.fixture
def course_index(home_page) -> CourseIndexPage:
    return publish(home_page, CourseIndexPage(title="Course dates", slug="course-dates", show_in_menus=True))


# Shared by many modules, so they live here rather than being imported (an imported fixture reads as
# an unused import that the test's argument then redefines). A module that defines a fixture of the
# same name, as several define their own `run` or `staff_client`, uses its own.


@pytest.fixture
def run(course_index) -> CourseRun:
    """A small run staff and students can fill: two places, three sessions."""
    return make_run(make_course(course_index, "Understanding anxiety"), capacity=2, sessions=3)


@pytest.fixture
def staff(db):
    """A superuser, Sam Staff: the staff member the admin records as having acted."""
    return get_user_model().objects.create_superuser(
        "sam", "sam@college.example", "pw", first_name="Sam", last_name="Staff"
    )


@pytest.fixture
def staff_client(client, staff):
    """The test client signed in as Sam Staff."""
    client.force_login(staff)
    return client


@pytest.fixture
def site_url(settings) -> str:
    """Links in emails are SITE_URL plus a path; in tests that is the test client's own host."""
    settings.SITE_URL = SITE_URL
    return SITE_URL


@pytest.fixture
def college(home_page, site_url) -> CollegeSettings:
    """The college's contact details and crisis text filled in, as emails and pages show them."""
    settings_row = CollegeSettings.load()
    settings_row.name, settings_row.phone = "Test Recovery College", "01865 000111"
    settings_row.phone_hours, settings_row.email = "Monday to Friday, 9am to 4pm", "hello@college.example"
    settings_row.save()
    crisis = CrisisSupportSettings.load()
    crisis.text = (
        "<p>If you need help now:</p><ul><li>call <b>NHS 111</b> and choose option 2</li>"
        "<li>call Samaritans on <b>116 123</b></li></ul>"
    )
    crisis.save()
    return settings_row


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite: about SQLite's own file locking; skipped on PostgreSQL")


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need the real thing (row locks, concurrency); skip them on SQLite.
    Tests marked `sqlite` prove the SQLite default's locking; the PostgreSQL run skips them, and
    the browser tests too: what they prove is the pages, which are the same on both databases.
    The production smoke test runs in the PostgreSQL pass when there is a Redis to test with.

    CI sets TEST_REQUIRE_SERVICES: then a missing PostgreSQL or Redis stops the run with an error
    instead of quietly skipping the tests that need them (as TEST_CHROMIUM does for the browser)."""
    from django.db import connection

    if os.environ.get("TEST_REQUIRE_SERVICES") and (missing := missing_services()):
        raise pytest.UsageError("TEST_REQUIRE_SERVICES is set (CI), but " + "; ".join(missing))
    skips = {
        "postgres": pytest.mark.skip(reason="needs PostgreSQL: set TEST_POSTGRES_URL (CI does)"),
        "sqlite": pytest.mark.skip(reason="about SQLite's locking; PostgreSQL has its own concurrency tests"),
        "browser": pytest.mark.skip(reason="browser tests run once, in the SQLite pass"),
        "production": pytest.mark.skip(reason="the production smoke test runs in the PostgreSQL pass"),
    }
    if connection.vendor == "sqlite":
        skips.pop("sqlite")
        skips.pop("browser")
    else:
        skips.pop("postgres")
        if os.environ.get("TEST_REDIS_URL"):
            skips.pop("production")
        else:
            skips["production"] = pytest.mark.skip(
                reason="the production smoke test needs Redis: set TEST_REDIS_URL (CI does)"
            )
    for item in items:
        for marker, skip in skips.items():
            if marker in item.keywords:
                item.add_marker(skip)


def missing_services() -> list[str]:
    """The servers CI promises (PostgreSQL and Redis), described where one is not there."""
    missing = []
    postgres_url = os.environ.get("TEST_POSTGRES_URL")
    if not postgres_url:
        missing.append("TEST_POSTGRES_URL is not set")
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        missing.append("TEST_REDIS_URL is not set")
    else:
        import redis

        try:
            with redis.Redis.from_url(redis_url, socket_connect_timeout=3, socket_timeout=3) as client:
                client.ping()
        except redis.RedisError as error:
            missing.append(f"Redis at TEST_REDIS_URL does not answer ({error})")
    if postgres_url:
        import psycopg

        try:
            psycopg.connect(postgres_url.rsplit("/", 1)[0] + "/postgres", connect_timeout=5).close()
        except psycopg.Error as error:
            missing.append(f"PostgreSQL at TEST_POSTGRES_URL does not answer ({str(error).strip()})")
    return missing
