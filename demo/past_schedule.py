"""Plans the demo's history: the runs of a term that has ended, so registers, completions, feedback
and reports have something to show; and one run under way today, so the dashboard's "Today and
tomorrow" and the phone register have people in them.

Pure, no database, like schedule.py. What happened on each run (who came, who cancelled, what
they said afterwards) is decided in history.py as the runs are written."""

import datetime as dt
import random

from .content.courses import COURSES, IN_PERSON, MORNING, Course
from .schedule import (
    CLOSE_AT,
    ENROLMENT_OPENS_BEFORE_TERM,
    OPEN_AT,
    SLOT_TIMES,
    START_WINDOW_SHARE,
    RunPlan,
    SessionPlan,
    london,
    pick_team,
    plan_term,
)
from .terms import past_term, term_under_way

PAST_TERM_RUNS = 10
# The run in progress meets twice a week for three weeks: last week, today and tomorrow, next week.
IN_PROGRESS_DAYS = (-7, -6, 0, 1, 7, 8)
IN_PROGRESS_VENUE = "oxford-hub"
IN_PROGRESS_CAPACITY = 12
IN_PROGRESS_OPENS_BEFORE = dt.timedelta(weeks=6)


def plan_past_term(today: dt.date, courses: list[Course] = COURSES) -> list[RunPlan]:
    """The past term's runs, planned as the demo plans any term: most starting in its first weeks,
    a quarter online, spread over the hub and the spokes, each co-delivered."""
    term = past_term(today)
    window = (term.starts_on, term.starts_on + (term.ends_on - term.starts_on) * START_WINDOW_SHARE)
    opens = london(term.starts_on - ENROLMENT_OPENS_BEFORE_TERM, OPEN_AT)
    return plan_term(term, PAST_TERM_RUNS, window, opens, courses)


def plan_run_in_progress(today: dt.date, taken: set[tuple], courses: list[Course] = COURSES) -> RunPlan:
    """An in-person morning run at the hub with sessions a week ago, today, tomorrow and next week.
    `taken` holds the keys of runs already planned, which this one must not repeat."""
    term = term_under_way(today)
    # Seeded by the term, not the day: loading the demo again on a later day finds this run (same
    # course, term and place) and adds no second one.
    rng = random.Random(f"in-progress/{term.slug}")
    course = next(
        course
        for course in rng.sample(courses, len(courses))
        if IN_PERSON in course.formats
        and MORNING in course.times
        and (course.slug, term.slug, IN_PERSON, IN_PROGRESS_VENUE) not in taken
    )
    start, end = SLOT_TIMES[MORNING]
    sessions = tuple(SessionPlan(today + dt.timedelta(days=n), start, end) for n in IN_PROGRESS_DAYS)
    experience, training = pick_team(course, rng)
    first = sessions[0].date
    return RunPlan(
        course=course.slug,
        term=term.slug,
        format=IN_PERSON,
        location=IN_PROGRESS_VENUE,
        capacity=IN_PROGRESS_CAPACITY,
        sessions=sessions,
        enrolment_opens=london(first - IN_PROGRESS_OPENS_BEFORE, OPEN_AT),
        enrolment_closes=london(first - dt.timedelta(days=1), CLOSE_AT),
        experience=experience,
        training=training,
    )
