"""Course runs as RFC 5545 calendars, so students can put every session in their own diary.

Sessions are stored as UK wall-clock dates and times; each event carries TZID=Europe/London and
the calendar embeds the matching VTIMEZONE, so a 10am session is 10am either side of a clock change.
Joining details for online courses are never included: calendar files get forwarded and synced."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import CourseRun

PRODUCT_ID = "-//Recovery College//Course dates//EN"


def _new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _where(run: CourseRun) -> str:
    if run.is_online:
        return "Online (we email you how to join)"
    location = run.location
    address = ", ".join(line.strip() for line in location.address.splitlines() if line.strip())
    return f"{location.name}, {address}, {location.postcode}"


def _events(run: CourseRun, base_url: str, stamp: dt.datetime) -> Iterable[Event]:
    sessions = list(run.sessions.all())
    relative = run.course.get_url() or ""
    course_url = relative if relative.startswith("http") else base_url + relative
    for number, session in enumerate(sessions, start=1):
        event = Event()
        event.add("uid", f"run-{run.pk}-session-{session.pk}@{settings.CALENDAR_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        suffix = f" (session {number} of {len(sessions)})" if len(sessions) > 1 else ""
        event.add("summary", f"{run.course.title}{suffix}")
        event.add("location", _where(run))
        event.add("description", f"{run.course.summary}\n\nMore about this course: {course_url}")
        event.add("url", course_url)
        event.add("status", "CANCELLED" if run.is_cancelled else "CONFIRMED")
        yield event


def run_calendar(run: CourseRun, *, base_url: str) -> bytes:
    calendar = _new_calendar(run.course.title)
    for event in _events(run, base_url, timezone.now()):
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def runs_calendar(runs: Iterable[CourseRun], *, name: str, base_url: str) -> bytes:
    calendar = _new_calendar(name)
    stamp = timezone.now()
    for run in runs:
        for event in _events(run, base_url, stamp):
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
