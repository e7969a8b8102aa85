"""What the enrol page of a full run offers instead: the course's other dates that have spaces
now, and, for waiting for "any dates", only the places this course actually runs at."""

import datetime as dt

from django.db.models import F
from django.utils import timezone

from courses.models import CourseRun, Location

from .selectors import open_for_enrolment

ONLINE = "online"


def other_dates_with_spaces(run: CourseRun, *, now: dt.datetime) -> list[CourseRun]:
    """The course's other runs a student could enrol on online right now that have spaces, soonest first."""
    candidates = (
        CourseRun.objects.upcoming(timezone.localdate(now))
        .filter(course_id=run.course_id)
        .exclude(pk=run.pk)
        .for_listing()
        .filter(places_taken__lt=F("capacity"))
    )
    return open_for_enrolment(candidates, now=now)


def where_choices(run: CourseRun) -> tuple[list[tuple[str, str]], str]:
    """The venues this course's upcoming runs use, plus online if one of them is online (the
    places "any dates" could ever be offered: see queue.suits); and the one this run is at."""
    runs = CourseRun.objects.upcoming().filter(course_id=run.course_id)
    online = run.is_online or runs.filter(format=CourseRun.Format.ONLINE).exists()
    venue_ids = {*runs.exclude(location=None).values_list("location_id", flat=True), run.location_id} - {None}
    venues = Location.objects.filter(pk__in=venue_ids).order_by("kind", "name").values_list("pk", "name")
    choices = ([(ONLINE, "Online")] if online else []) + [(str(pk), name) for pk, name in venues]
    return choices, suggested_where(run)


def suggested_where(run: CourseRun) -> str:
    """The choice of where_choices ticked to begin with: where this run meets."""
    return ONLINE if run.is_online else str(run.location_id)
