"""Many upcoming runs at once, for tests and benchmarks that need thousands (the query budget,
bench/course_dates.py): bulk inserts, so 2,000 runs with their sessions take about a second, where
tests.factories.make_run saves each row and its cluster one by one."""

import datetime as dt

from django.utils import timezone

from courses.models import CourseRun, Location, Session, Term
from enrolment.models import Enrolment, Student

from .factories import co_facilitators, make_term

SESSIONS_PER_RUN = 4
FILLED_EVERY = 5  # one run in five has places taken, so "has spaces" and "spaces left" vary
PLACES_TAKEN = 6


def add_upcoming_runs(courses: list, venues: list[Location], count: int, *, term: Term | None = None) -> None:
    """`count` more scheduled runs spread over the next 80 days: a quarter online, the rest at
    the venues in turn, mornings and evenings alternating, four weekly sessions each."""
    term = term or make_term()
    team = co_facilitators()
    start_day = timezone.localdate() + dt.timedelta(days=1)
    plans = []
    for n in range(count):
        online = n % 4 == 0
        first_date = start_day + dt.timedelta(days=n % 80)
        start, end = (dt.time(10), dt.time(12)) if n % 2 else (dt.time(18), dt.time(20))
        run = CourseRun(
            course=courses[n % len(courses)],
            term=term,
            format=CourseRun.Format.ONLINE if online else CourseRun.Format.IN_PERSON,
            location=None if online else venues[n % len(venues)],
            capacity=12,
            enrolment_opens=timezone.now() - dt.timedelta(days=7),
            enrolment_closes=timezone.make_aware(dt.datetime.combine(first_date, start)),
        )
        plans.append((run, first_date, start, end))
    runs = CourseRun.objects.bulk_create([run for run, *_ in plans])
    Session.objects.bulk_create(
        Session(run=run, date=first_date + dt.timedelta(weeks=week), start_time=start, end_time=end)
        for (run, first_date, start, end) in plans
        for week in range(SESSIONS_PER_RUN)
    )
    through = CourseRun.facilitators.through
    through.objects.bulk_create(through(courserun=run, facilitator=person) for run in runs for person in team)
    _take_places(runs[::FILLED_EVERY])


def _take_places(runs: list[CourseRun]) -> None:
    first = Student.objects.count()
    students = Student.objects.bulk_create(
        Student(first_name="Bulk", last_name=f"Student {first + n}", email=f"bulk{first + n}@example.org")
        for n in range(len(runs) * PLACES_TAKEN)
    )
    Enrolment.objects.bulk_create(
        Enrolment(run=run, student=students[i * PLACES_TAKEN + k])
        for i, run in enumerate(runs)
        for k in range(PLACES_TAKEN)
    )
