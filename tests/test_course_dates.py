"""The course dates page: every filter, search, pagination, bad input and its query count."""

import datetime as dt

import pytest
from django.utils import timezone

from courses.models import CourseRun

from .factories import fill, make_course, make_location, make_run, make_topic

TODAY = timezone.localdate()


def next_weekday(weekday: int, after: dt.date = TODAY) -> dt.date:
    """The first date after `after` falling on `weekday` (Monday = 0)."""
    return after + dt.timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def titles(response) -> list[str]:
    return [run.course.title for run in response.context["runs"]]


@pytest.fixture
def catalogue(course_index):
    sleep, work = make_topic("Sleep"), make_topic("Work and money")
    banbury = make_location("Banbury", latitude=52.06, longitude=-1.34)
    abingdon = make_location("Abingdon", latitude=51.67, longitude=-1.28)
    courses = {
        "Sleep well": make_run(
            make_course(course_index, "Sleep well", topics=[sleep]),
            first_date=next_weekday(0) + dt.timedelta(weeks=1),
            location=banbury,
        ),
        "Back to work": make_run(
            make_course(course_index, "Back to work", topics=[work]),
            first_date=next_weekday(2) + dt.timedelta(weeks=3),
            location=abingdon,
            start=dt.time(18),
            end=dt.time(20),
        ),
        "Hope online": make_run(
            make_course(course_index, "Hope online"),
            format=CourseRun.Format.ONLINE,
            first_date=next_weekday(4) + dt.timedelta(weeks=5),
            start=dt.time(13, 30),
            end=dt.time(15),
        ),
    }
    return courses


def get(client, **params):
    response = client.get("/course-dates/", params)
    assert response.status_code == 200
    return response


def test_lists_upcoming_runs_soonest_first_with_their_details(client, catalogue):
    fill(catalogue["Sleep well"], 10)
    response = get(client)
    assert titles(response) == ["Sleep well", "Back to work", "Hope online"]
    html = response.content.decode()
    assert "2 spaces left" in html
    assert "Online" in html and "Banbury" in html
    assert catalogue["Sleep well"].sessions.first().date.strftime("%-d %B %Y") in html


def test_past_cancelled_and_unpublished_runs_are_not_listed(client, course_index, catalogue):
    make_run(make_course(course_index, "Already happened"), first_date=TODAY - dt.timedelta(days=30))
    make_run(make_course(course_index, "Called off"), status=CourseRun.Status.CANCELLED)
    draft = make_course(course_index, "Draft course")
    make_run(draft)
    draft.unpublish()
    assert titles(get(client)) == ["Sleep well", "Back to work", "Hope online"]


def test_a_run_still_under_way_is_listed(client, course_index):
    make_run(make_course(course_index, "Half way"), first_date=TODAY - dt.timedelta(weeks=2), sessions=4)
    assert titles(get(client)) == ["Half way"]


def test_filters_by_topic(client, catalogue):
    assert titles(get(client, topic="sleep")) == ["Sleep well"]


def test_filters_by_location_and_by_online(client, catalogue):
    assert titles(get(client, location="abingdon")) == ["Back to work"]
    assert titles(get(client, location="online")) == ["Hope online"]


def test_filters_by_start_date_range(client, catalogue):
    start = catalogue["Back to work"].sessions.first().date
    assert titles(get(client, date_from=start.isoformat())) == ["Back to work", "Hope online"]
    assert titles(get(client, date_to=start.isoformat())) == ["Sleep well", "Back to work"]
    assert titles(get(client, date_from=start.isoformat(), date_to=start.strftime("%d/%m/%Y"))) == ["Back to work"]


def test_filters_by_day_of_week(client, catalogue):
    assert titles(get(client, day="2")) == ["Sleep well"]  # Monday
    assert titles(get(client, day=["4", "6"])) == ["Back to work", "Hope online"]  # Wednesday, Friday
    assert titles(get(client, day="1")) == []  # Sunday


def test_filters_by_time_of_day(client, catalogue):
    assert titles(get(client, time_of_day="morning")) == ["Sleep well"]
    assert titles(get(client, time_of_day="afternoon")) == ["Hope online"]
    assert titles(get(client, time_of_day=["evening", "morning"])) == ["Sleep well", "Back to work"]


def test_has_spaces_hides_full_runs(client, catalogue):
    fill(catalogue["Back to work"], catalogue["Back to work"].capacity)
    assert titles(get(client, has_spaces="on")) == ["Sleep well", "Hope online"]
    assert "Full: you can join the waiting list" in get(client).content.decode()


def test_free_text_search_uses_course_content(client, course_index, catalogue):
    make_run(
        make_course(
            course_index,
            "Understanding anxiety",
            what_you_will_learn="<p>Why panic attacks happen and how breathing helps.</p>",
        )
    )
    assert titles(get(client, q="panic")) == ["Understanding anxiety"]
    assert titles(get(client, q="sleep")) == ["Sleep well"]
    assert titles(get(client, q="xylophone")) == []


def test_filters_combine(client, catalogue):
    assert titles(get(client, topic="work-and-money", time_of_day="evening", day="4")) == ["Back to work"]
    assert titles(get(client, topic="work-and-money", time_of_day="morning")) == []


def test_paginates_and_keeps_filters_in_page_links(client, course_index, settings):
    settings.COURSE_DATES_PER_PAGE = 2
    course = make_course(course_index, "Popular")
    for week in range(5):
        make_run(course, first_date=TODAY + dt.timedelta(weeks=week + 1))
    first = get(client, q="Popular")
    assert len(first.context["runs"]) == 2
    assert "q=Popular&amp;page=2" in first.content.decode()
    assert get(client, q="Popular", page=3).context["runs"].number == 3


@pytest.mark.parametrize(
    "params, message",
    [
        ({"date_from": "31/02/2027"}, "Enter a real date"),
        ({"date_to": "next tuesday"}, "Enter a real date"),
        ({"topic": "astrology"}, "Select a topic from the list"),
        ({"location": "mars"}, "Select a place from the list"),
        ({"day": "9"}, "Select days of the week"),
        ({"time_of_day": "midnight"}, "Select a time of day"),
        ({"postcode": "OX4 1AA OXFORD"}, "Your postcode must be 10 characters or fewer"),
        ({"lat": "north", "lng": "west"}, "We could not use your location"),
        ({"date_from": "2020-03-01", "date_to": "2020-01-01"}, "must be the same as or after"),
    ],
)
def test_bad_filter_values_give_a_kind_message_and_still_list_courses(client, catalogue, params, message):
    response = get(client, **params)
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert len(titles(response)) == 3  # the bad filter is ignored, nothing else breaks


def test_bad_values_alongside_good_ones_keep_the_good_ones(client, catalogue):
    response = get(client, topic="sleep", date_from="not a date")
    assert titles(response) == ["Sleep well"]


@pytest.mark.parametrize("page", ["999999999999999999999", "-1", "abc", "1e9", ""])
def test_silly_page_numbers_show_a_real_page(client, catalogue, page):
    response = get(client, page=page)
    assert titles(response)


def test_very_long_search_text_is_refused_kindly(client, catalogue):
    response = get(client, q="sleep " * 100)
    assert "Search for 100 characters or fewer" in response.content.decode()


@pytest.mark.parametrize("runs", [10, 500])
def test_query_count_does_not_grow_with_the_number_of_runs(client, course_index, django_assert_max_num_queries, runs):
    topic = make_topic("Recovery")
    courses = [make_course(course_index, f"Course {n}", topics=[topic]) for n in range(10)]
    location = make_location("Hub")
    for n in range(runs):
        make_run(
            courses[n % 10],
            first_date=TODAY + dt.timedelta(days=n % 90 + 1),
            location=location,
            sessions=2,
            facilitators=[],
        )
    with django_assert_max_num_queries(20):
        response = client.get("/course-dates/", {"postcode": "OX1 1AA", "has_spaces": "on", "q": "Course"})
    assert response.status_code == 200
    assert response.context["runs"].paginator.count == runs
