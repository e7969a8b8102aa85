"""Issue 13 item 2: joining costs the same with thousands waiting as with nobody. Positions and
'who is next' come from indexed queries, never from reading the queue under the run's lock."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CourseRun
from enrolment import services
from enrolment.models import Student, WaitlistEntry
from enrolment.selectors import position_of
from enrolment.services import Outcome

from .factories import make_course, make_location, make_run, make_student

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Living well with pain")


def full_run(course, *, waiting: int, joined_from: dt.datetime = NOW) -> CourseRun:
    """A run with one place, taken, and `waiting` people on its waiting list (built in bulk), who
    joined a second apart from `joined_from`."""
    run = make_run(course, capacity=1, first_date=timezone.localdate() + dt.timedelta(days=14))
    services.join_run(run_id=run.pk, student=make_student(), now=NOW)
    students = Student.objects.bulk_create(
        Student(first_name="Waiting", last_name=str(n), email=f"w{run.pk}-{n}@example.org") for n in range(waiting)
    )
    WaitlistEntry.objects.bulk_create(
        WaitlistEntry(student=s, course=course, run=run, queue_key=joined_from + dt.timedelta(seconds=n))
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


# Issue 16 item 4: the public enrol POST, a new student each time, in SQL statements (savepoints
# aside): the run with its sessions, facilitators and the enrolment settings; then, in one
# transaction, the student (looked for, then added), the run's lock, the settings, places taken
# (with what a student we knew already holds), the waiting-list entry, its state change and the
# email owed (looked for, then added). No COUNT of the queue (the page does not show the position; the email
# does, written by the worker) and no session row (a cookie takes the address to the thank-you page).
ENROL_POST_STATEMENTS = 13


def post_enrolment(client, run: CourseRun, email: str):
    form = {
        "first_name": "Ana",
        "last_name": "Lopes",
        "email": email,
        "adult": "yes",
        "joining_as": "lived_experience",
        "contact_by": "email",
        "consent": "on",
        "which_dates": "these",
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/enrol/{run.pk}/", form)
    assert response.status_code == 302 and response["Location"].endswith(f"/enrol/{run.pk}/thank-you/")
    return [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def test_an_enrol_post_costs_the_same_with_5000_waiting_as_with_none(client, course):
    post_enrolment(client, full_run(course, waiting=1), "warm@example.org")  # settings and caches warmed
    empty = full_run(course, waiting=0)
    crowded = full_run(course, waiting=5000, joined_from=timezone.now() - dt.timedelta(hours=2))

    on_empty = post_enrolment(client, empty, "first@example.org")
    on_crowded = post_enrolment(client, crowded, "last@example.org")

    assert len(on_crowded) == len(on_empty) <= ENROL_POST_STATEMENTS
    # Nothing counts the queue, whose cost would grow with it.
    assert not [sql for sql in on_crowded if "COUNT(" in sql.upper()]
    first = WaitlistEntry.objects.get(student__email="first@example.org")
    last = WaitlistEntry.objects.get(student__email="last@example.org")
    assert (position_of(first), position_of(last)) == (1, 5001)
    assert not Session.objects.exists()  # enrolling wrote no session
