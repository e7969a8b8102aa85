import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from courses.models import CourseIndexPage
from home.models import CollegeSettings, CrisisSupportSettings, HomePage

from .factories import publish


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
    home = publish(root, HomePage(title="Test Recovery College", slug="college", intro="Welcome.",
                                  about="<p>We are a college.</p>", how_to_enrol="<p>Enrol online.</p>"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True,
                        site_name="Test Recovery College")
    # Settings rows exist on a running site; creating them lazily would count as page queries.
    CollegeSettings.load()
    CrisisSupportSettings.load()
    return home


@pytest.fixture
def course_index(home_page) -> CourseIndexPage:
    return publish(home_page, CourseIndexPage(title="Course dates", slug="course-dates", show_in_menus=True))


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite: about SQLite's own file locking; skipped on PostgreSQL")


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need the real thing (row locks, concurrency); skip them on SQLite.
    Tests marked `sqlite` prove the SQLite default's locking; the PostgreSQL run skips them, and
    the browser tests too: what they prove is the pages, which are the same on both databases."""
    from django.db import connection

    skips = {
        "postgres": pytest.mark.skip(reason="needs PostgreSQL: set TEST_POSTGRES_URL (CI does)"),
        "sqlite": pytest.mark.skip(reason="about SQLite's locking; PostgreSQL has its own concurrency tests"),
        "browser": pytest.mark.skip(reason="browser tests run once, in the SQLite pass"),
    }
    if connection.vendor == "sqlite":
        skips.pop("sqlite")
        skips.pop("browser")
    else:
        skips.pop("postgres")
    for item in items:
        for marker, skip in skips.items():
            if marker in item.keywords:
                item.add_marker(skip)
