"""Many people pressing 'Enrol' at the same moment, on PostgreSQL.

Each worker is a thread with its own database connection, and all of them start together at a
barrier, so only the run's row lock (enrolment.services.locking) stands between them and an
overbooked course. One test turns the lock off to show that this harness does catch overbooking.
The rows they share are committed first (transactional_db), or other connections would not see
them. Skipped on SQLite (see conftest)."""

import itertools
import time

import pytest

from courses.models import CourseRun
from enrolment.models import Enrolment, Student, WaitlistEntry
from enrolment.models.places import Source
from enrolment.services import Outcome, join_run, locking, wait_for_any_date
from enrolment.services.students import find_or_create_student

from .concurrency import all_at_once
from .factories import fill, make_course, make_run, make_student

pytestmark = pytest.mark.postgres


@pytest.fixture
def course(transactional_db, django_db_serialized_rollback, course_index):
    """A committed course page. A transactional test empties every table when it ends, so
    serialized rollback puts back what the migrations made (Wagtail's root page) for the next one."""
    return make_course(course_index)


def race(run, students, *, workers):
    """Start `workers` threads together, each joining its share of `students` to `run`.
    Returns the JoinResults in the order the calls returned, any tracebacks, and the seconds taken."""
    return all_at_once(lambda student: join_run(run_id=run.pk, student=student), students, workers=workers)


def outcomes(returned) -> dict[Outcome, int]:
    return {
        outcome: sum(r.outcome == outcome for r in returned)
        for outcome in Outcome
        if any(r.outcome == outcome for r in returned)
    }


def test_two_hundred_people_at_once_fill_twenty_places_and_the_rest_wait_in_arrival_order(course):
    run = make_run(course, capacity=20)
    students = [make_student() for _ in range(200)]

    returned, errors, seconds = race(run, students, workers=50)

    confirmed = Enrolment.objects.holding_places().filter(run=run).count()
    queue = list(WaitlistEntry.objects.waiting().filter(run=run).in_queue_order())
    told = [r for r in returned if r.outcome == Outcome.WAITLISTED]
    swapped = sum(a.entry.pk > b.entry.pk for a, b in itertools.pairwise(told))
    print(
        f"\n50 workers, 200 students, 20 places: {seconds:.2f}s, {confirmed} confirmed, "
        f"{len(queue)} waitlisted; {swapped} neighbours returned out of queue order"
    )
    assert errors == [], "\n".join(errors)
    assert confirmed == 20
    assert len(queue) == 180
    assert outcomes(returned) == {Outcome.ENROLLED: 20, Outcome.WAITLISTED: 180}
    in_queue = [entry.pk for entry in queue]
    assert in_queue == sorted(in_queue), "queue order is not the order the entries were written"
    assert in_queue == [e.pk for e in sorted(queue, key=lambda e: (e.created_at, e.pk))]
    assert sorted(r.position for r in told) == list(range(1, 181))
    # Nobody joined after them could get ahead, so the position each person was told is still true.
    assert {r.entry.pk: r.position for r in told} == {pk: n for n, pk in enumerate(in_queue, start=1)}


def test_without_the_run_lock_the_same_race_overbooks_the_course(course, monkeypatch):
    monkeypatch.setattr(locking, "LOCKING_ENABLED", False)
    monkeypatch.setattr(locking, "race_window", lambda: time.sleep(0.05))
    run = make_run(course, capacity=5)
    students = [make_student() for _ in range(40)]

    returned, errors, seconds = race(run, students, workers=20)

    confirmed = Enrolment.objects.holding_places().filter(run=run).count()
    waiting = WaitlistEntry.objects.waiting().filter(run=run).count()
    print(
        f"\nNo lock, 20 workers, 40 students, 5 places: {seconds:.2f}s, {confirmed} confirmed, "
        f"{waiting} waitlisted, {len(errors)} errors"
    )
    assert confirmed > 5


def test_the_same_person_pressing_enrol_ten_times_at_once_is_enrolled_once(course):
    run = make_run(course, capacity=20)
    student = make_student()

    returned, errors, _ = race(run, [student] * 10, workers=10)

    assert errors == [], "\n".join(errors)
    assert Enrolment.objects.filter(run=run, student=student).count() == 1
    assert outcomes(returned) == {Outcome.ENROLLED: 1, Outcome.ALREADY_ENROLLED: 9}


def test_the_same_person_asking_ten_times_at_once_for_a_full_course_waits_once(course):
    run = make_run(course, capacity=3)
    fill(run, 3)
    student = make_student()

    returned, errors, _ = race(run, [student] * 10, workers=10)

    assert errors == [], "\n".join(errors)
    assert WaitlistEntry.objects.filter(run=run, student=student).count() == 1
    assert not Enrolment.objects.filter(run=run, student=student).exists()
    assert outcomes(returned) == {Outcome.WAITLISTED: 1, Outcome.ALREADY_WAITING: 9}


def test_the_same_person_asking_ten_times_at_once_to_wait_for_any_date_waits_once(course):
    run = make_run(course, capacity=2, format=CourseRun.Format.ONLINE)
    fill(run, 2)  # full, so the entry stays waiting rather than being offered the place
    student = make_student()

    returned, errors, seconds = all_at_once(
        lambda _: wait_for_any_date(course=course, student=student, online_ok=True), range(10), workers=10
    )

    entries = WaitlistEntry.objects.filter(student=student, course=course)
    print(
        f"\n10 workers, one student waiting for any date: {seconds:.2f}s, {entries.count()} entries, "
        f"{len(errors)} errors"
    )
    assert errors == [], "\n".join(errors)
    assert entries.count() == 1
    assert {entry.pk for entry in returned} == {entries.get().pk}
    assert len(returned) == 10


def test_the_same_new_email_sent_ten_times_at_once_makes_one_student_with_one_place(course):
    """As the public enrolment page does it: find or create the student, then join."""
    run = make_run(course, capacity=20)
    details = {
        "first_name": "Jo",
        "last_name": "Bloggs",
        "email": " Jo.Bloggs@Example.org",
        "joining_as": Student.JoiningAs.LIVED_EXPERIENCE,
        "contact_by": Student.ContactBy.EMAIL,
    }

    def enrol(_):
        student, created = find_or_create_student(details, consent_how=Source.ONLINE)
        return created, join_run(run_id=run.pk, student=student)

    returned, errors, seconds = all_at_once(enrol, range(10), workers=10)

    students = Student.objects.filter(email="jo.bloggs@example.org")
    print(
        f"\n10 workers, one new email: {seconds:.2f}s, {students.count()} students, "
        f"{Enrolment.objects.filter(run=run).count()} enrolments, {len(errors)} errors"
    )
    assert errors == [], "\n".join(errors)
    assert students.count() == 1
    assert Enrolment.objects.filter(run=run).get().student == students.get()
    assert sorted(created for created, _ in returned) == [False] * 9 + [True]
    assert outcomes([result for _, result in returned]) == {Outcome.ENROLLED: 1, Outcome.ALREADY_ENROLLED: 9}
