"""Issue 13 item 2: joining costs the same with thousands waiting as with nobody. Positions and
'who is next' come from indexed queries, never from reading the queue under the run's lock."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CourseRun
from enrolment import services
from enrolment.models import Student, WaitlistEntry
from enrolment.services import Outcome

from .factories import make_course, make_location, make_run, make_student

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Living well with pain")


def full_run(course, *, waiting: int) -> CourseRun:
    """A run with one place, taken, and `waiting` people on its waiting list (built in bulk)."""
    run = make_run(course, capacity=1, first_date=timezone.localdate() + dt.timedelta(days=14))
    services.join_run(run_id=run.pk, student=make_student(), now=NOW)
    students = Student.objects.bulk_create(
        Student(first_name="Waiting", last_name=str(n), email=f"w{run.pk}-{n}@example.org") for n in range(waiting)
    )
    WaitlistEntry.objects.bulk_create(
        WaitlistEntry(student=s, course=course, run=run, queue_key=NOW + dt.timedelta(seconds=n))
        for n, s in enumerate(students)
    )
    return run


def queries_to_join(run, student):
    with CaptureQueriesContext(connection) as queries:
        result = services.join_run(run_id=run.pk, student=student, now=NOW + dt.timedelta(hours=1))
    return result, len(queries)


def test_joining_a_waiting_list_costs_the_same_with_2000_waiting_as_with_none(course):
    queries_to_join(full_run(course, waiting=1), make_student())  # settings and caches warmed
    empty, crowded = full_run(course, waiting=0), full_run(course, waiting=2000)

    first, on_empty = queries_to_join(empty, make_student())
    last_student = make_student()
    last, on_crowded = queries_to_join(crowded, last_student)

    assert (first.outcome, first.position) == (Outcome.WAITLISTED, 1)
    assert (last.outcome, last.position) == (Outcome.WAITLISTED, 2001)
    assert on_crowded == on_empty

    # Asking again (the page a student sees when they press Enrol twice) is just as cheap.
    again, asking_again = queries_to_join(crowded, last_student)
    assert (again.outcome, again.position) == (Outcome.ALREADY_WAITING, 2001)
    assert asking_again <= on_empty


def test_positions_count_any_date_waiters_who_the_run_suits_and_skip_those_it_does_not(course):
    run = full_run(course, waiting=2)
    online_any = services.wait_for_any_date(
        course=course, student=make_student(), online_ok=True, now=NOW + dt.timedelta(minutes=1)
    )
    other_venue_any = services.wait_for_any_date(
        course=course,
        student=make_student(),
        online_ok=False,
        location_ids=[make_location().pk],
        now=NOW + dt.timedelta(minutes=2),
    )
    venue_any = services.wait_for_any_date(
        course=course,
        student=make_student(),
        online_ok=False,
        location_ids=[run.location_id],
        now=NOW + dt.timedelta(minutes=3),
    )
    assert online_any.status == other_venue_any.status == venue_any.status == "waiting"
    newcomer = services.join_run(run_id=run.pk, student=make_student(), now=NOW + dt.timedelta(hours=1))
    # Two waiting for this run, then the any-date waiter who chose this venue; the online-only
    # and other-venue waiters are not in this run's queue.
    assert newcomer.position == 4
