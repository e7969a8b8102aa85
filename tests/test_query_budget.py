"""What an uncached public page costs in SQL queries: the whole request (Wagtail's routing, the
site, settings, menu, filters and runs) with the page cache off and the site cache on, as a page
cache miss is served in production. The course dates page's count must not grow with runs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enrolment.models import Enrolment
from geo.models import OutwardCode
from home.models import CollegeSettings

from .bulk_runs import add_upcoming_runs
from .factories import make_course, make_location, make_student, make_topic

COURSE_DATES_BUDGET = 8
COURSE_PAGE_BUDGET = 5
HOME_BUDGET = 4
FILTERED = {"q": "Course", "postcode": "OX1 1AA", "has_spaces": "on", "time_of_day": ["morning", "evening"]}


@pytest.fixture(autouse=True)
def caches_as_in_production(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request is a page cache miss
    settings.SITE_CACHE_SECONDS = 300


@pytest.fixture
def catalogue(course_index):
    OutwardCode.objects.create(code="OX1", latitude=51.75, longitude=-1.26, source="test")
    topic = make_topic("Recovery")
    courses = [make_course(course_index, f"Course {n}", topics=[topic]) for n in range(10)]
    venues = [make_location(f"Venue {n}", latitude=51.5 + n / 20, longitude=-1.3) for n in range(4)]
    return courses, venues


def queries_for(client, url: str, params=None) -> list[str]:
    """The SQL of one request, once an earlier visitor has filled the site cache."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def listing(queries: list[str]) -> str:
    return f"{len(queries)} queries:\n" + "\n".join(queries)


@pytest.mark.parametrize("params", [{}, FILTERED], ids=["no filters", "filters, search and postcode"])
def test_course_dates_page_costs_at_most_eight_queries_at_10_and_at_2000_runs(client, catalogue, params):
    courses, venues = catalogue
    add_upcoming_runs(courses, venues, 10)
    with_10 = queries_for(client, "/course-dates/", params)
    add_upcoming_runs(courses, venues, 1990)
    with_2000 = queries_for(client, "/course-dates/", params)

    assert len(with_10) <= COURSE_DATES_BUDGET, listing(with_10)
    assert len(with_2000) <= COURSE_DATES_BUDGET, listing(with_2000)
    assert len(with_2000) == len(with_10), f"10 runs: {listing(with_10)}\n\n2,000 runs: {listing(with_2000)}"


def test_course_dates_page_lists_every_run_and_pages_through_them(client, catalogue):
    add_upcoming_runs(*catalogue, 2000)
    response = client.get("/course-dates/", {"page": "3"})
    assert response.context["runs"].paginator.count == 2000
    assert response.context["runs"].number == 3 and len(response.context["runs"]) == 20
    assert "2000 courses" in response.content.decode()
    past_the_end = client.get("/course-dates/", {"page": "5000"})
    assert past_the_end.context["runs"].number == 100  # the last page, as before


def test_a_course_page_and_home_stay_within_their_budgets(client, catalogue):
    courses, venues = catalogue
    add_upcoming_runs(courses, venues, 40)
    course_page = queries_for(client, courses[0].url)
    home = queries_for(client, "/")
    assert len(course_page) <= COURSE_PAGE_BUDGET, listing(course_page)
    assert len(home) <= HOME_BUDGET, listing(home)


def test_spaces_left_are_read_fresh_even_when_nothing_else_changed(client, catalogue):
    courses, venues = catalogue
    add_upcoming_runs(courses[:1], venues, 1)  # one run, 12 places, 6 taken
    assert "6 spaces left" in client.get("/course-dates/").content.decode()
    run = courses[0].runs.get()
    # No content version change reaches the site cache here (tests never commit): the page must
    # still show the places taken, because places are never cached.
    Enrolment.objects.bulk_create(Enrolment(run=run, student=make_student()) for _ in range(5))
    assert "1 space left" in client.get("/course-dates/").content.decode()


def test_a_setting_staff_save_shows_on_the_next_page(client, catalogue, django_capture_on_commit_callbacks):
    assert "Northshire Recovery College" not in client.get("/course-dates/").content.decode()
    college = CollegeSettings.load()
    college.name = "Northshire Recovery College"
    with django_capture_on_commit_callbacks(execute=True):  # the new content version, as on commit
        college.save()
    assert "Northshire Recovery College" in client.get("/course-dates/").content.decode()


def test_pages_from_the_site_cache_are_the_pages_without_it(client, catalogue, settings):
    courses, venues = catalogue
    add_upcoming_runs(courses, venues, 30)
    for url in ("/course-dates/", "/course-dates/?page=2&topic=recovery", courses[0].url, "/"):
        settings.SITE_CACHE_SECONDS = 0
        uncached = client.get(url).content.decode()
        settings.SITE_CACHE_SECONDS = 300
        client.get(url)  # fills the site cache
        assert client.get(url).content.decode() == uncached, url
