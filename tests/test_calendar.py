"""Calendar files: valid RFC 5545, every session, UK times right either side of a clock change."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from courses.models import CourseRun

from .factories import make_course, make_location, make_run

UTC = dt.UTC


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar):
    return [component for component in calendar.walk("VEVENT")]


@pytest.fixture
def spring_run(course_index):
    """Four Sunday sessions across the night the clocks go forward (28 March 2027)."""
    course = make_course(course_index, "Sleep well")
    return make_run(
        course,
        first_date=dt.date(2027, 3, 14),
        sessions=4,
        start=dt.time(10),
        end=dt.time(12),
        location=make_location("Witney", address="12 Market Square\nWitney", postcode="OX28 6AB"),
        online_joining_details="https://video.example/secret-room",
    )


def test_run_calendar_has_every_session_with_the_right_details(client, spring_run):
    calendar = parse(client.get(f"/calendar/runs/{spring_run.pk}.ics"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    found = events(calendar)
    assert [str(event["SUMMARY"]) for event in found] == [f"Sleep well (session {n} of 4)" for n in range(1, 5)]
    assert len({str(event["UID"]) for event in found}) == 4
    assert all(event.get("DTSTAMP") for event in found)
    assert str(found[0]["LOCATION"]) == "Witney, 12 Market Square, Witney, OX28 6AB"
    assert "http://testserver/course-dates/sleep-well/" in str(found[0]["DESCRIPTION"])


def test_times_stay_at_ten_oclock_local_across_the_clock_change(client, spring_run):
    calendar = parse(client.get(f"/calendar/runs/{spring_run.pk}.ics"))
    starts = [event.decoded("DTSTART") for event in events(calendar)]
    assert [start.astimezone(ZoneInfo("Europe/London")).time() for start in starts] == [dt.time(10)] * 4
    # 10am GMT is 10:00 UTC; 10am BST (from 28 March) is 09:00 UTC.
    assert [start.astimezone(UTC).hour for start in starts] == [10, 10, 9, 9]
    assert calendar.walk("VTIMEZONE"), "the calendar must carry its Europe/London definition"
    assert "TZID=Europe/London" in calendar.to_ical().decode()


def test_autumn_clock_change_too(client, course_index):
    run = make_run(
        make_course(course_index, "Hope"),
        first_date=dt.date(2027, 10, 24),
        sessions=2,
        start=dt.time(18, 30),
        end=dt.time(20),
    )
    starts = [e.decoded("DTSTART").astimezone(UTC) for e in events(parse(client.get(f"/calendar/runs/{run.pk}.ics")))]
    assert [(s.hour, s.minute) for s in starts] == [(17, 30), (18, 30)]


def test_online_joining_details_never_go_in_a_calendar_file(client, course_index):
    run = make_run(
        make_course(course_index, "Online hope"),
        format=CourseRun.Format.ONLINE,
        online_joining_details="https://video.example/secret-room",
    )
    body = client.get(f"/calendar/runs/{run.pk}.ics").content.decode()
    assert "secret-room" not in body
    assert "Online (we email you how to join)" in body.replace("\r\n ", "")


def test_feed_lists_sessions_of_upcoming_runs_only(client, course_index):
    course = make_course(course_index, "Walking for wellbeing")
    make_run(course, first_date=timezone.localdate() + dt.timedelta(days=3), sessions=2)
    make_run(course, first_date=timezone.localdate() - dt.timedelta(days=60))
    make_run(course, first_date=timezone.localdate() + dt.timedelta(days=9), status=CourseRun.Status.CANCELLED)
    calendar = parse(client.get("/calendar/course-dates.ics"))
    assert len(events(calendar)) == 2


def test_unknown_or_unpublished_run_is_not_found(client, course_index):
    assert client.get("/calendar/runs/999.ics").status_code == 404
    course = make_course(course_index, "Draft")
    run = make_run(course)
    course.unpublish()
    assert client.get(f"/calendar/runs/{run.pk}.ics").status_code == 404
