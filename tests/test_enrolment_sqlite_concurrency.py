"""Many people pressing 'Enrol' at the same moment, on SQLite, the database the demo and small
colleges run on.

SQLite has no row locks. The settings open every transaction with BEGIN IMMEDIATE, which takes the
database's single write lock before the first read, and give a busy timeout, so writers queue for
the lock instead of one failing half-way with "database is locked". These tests prove both on a
real file with several connections writing at once. pytest-django's SQLite test database lives in
memory with a shared cache, where locking is per table and ignores the busy timeout, so it cannot
show this: the rows are built and committed as usual (transactional_db), the database is copied to
a file with SQLite's backup API, and each worker thread opens its own connection to that file with
the project's settings. Skipped on PostgreSQL, which has test_enrolment_concurrency.py."""

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client
from django.urls import reverse

from enrolment.models import Enrolment, Student, WaitlistEntry
from enrolment.services import Outcome, join_run

from .concurrency import all_at_once as shared_all_at_once
from .factories import make_course, make_run, make_student

pytestmark = pytest.mark.sqlite

WORKERS = 12
LOCKED = "database is locked"


@pytest.fixture
def course(transactional_db, django_db_serialized_rollback, course_index):
    """A committed course page (see test_enrolment_concurrency.py for why serialized rollback)."""
    return make_course(course_index)


@pytest.fixture
def database_file(tmp_path):
    """Call it once the rows are committed: it copies the test database to a file and returns its path."""

    def copy():
        path = tmp_path / "college.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
        return path

    return copy


def connect_this_thread_to(path, **options):
    """Point this thread's own connection, not yet opened, at the file. Everything else (the
    IMMEDIATE transaction mode, the busy timeout) is what the settings say, unless `options` say otherwise."""
    own = connections[DEFAULT_DB_ALIAS]
    own.settings_dict = {**own.settings_dict, "NAME": str(path), "OPTIONS": {**own.settings_dict["OPTIONS"], **options}}


def all_at_once(path, call, items, *, workers=WORKERS, **options):
    """The shared harness, each thread with its own connection to the file."""
    return shared_all_at_once(
        call, items, workers=workers, timeout=30, connect=lambda: connect_this_thread_to(path, **options)
    )


def read(path, query):
    """Run `query` in a thread connected to the file and return its result."""

    def on_file():
        connect_this_thread_to(path)
        try:
            return query()
        finally:
            connections[DEFAULT_DB_ALIAS].close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(on_file).result()


def places(run):
    return {
        "confirmed": Enrolment.objects.holding_places().filter(run_id=run.pk).count(),
        "waitlisted": WaitlistEntry.objects.waiting().filter(run_id=run.pk).count(),
    }


def tally(values) -> dict:
    return {value: values.count(value) for value in sorted(set(values), key=str)}


def report(title, seconds, counts, errors):
    locked = sum(LOCKED in error for error in errors)
    print(f"\nSQLite file, {title}: {seconds:.2f}s, {counts}, {len(errors)} errors ({locked} '{LOCKED}')")


def form_sender(run):
    """What one person does: send the enrolment form from their address. Returns the status and
    where it sends them."""
    enrol = reverse("enrolment:enrol", args=[run.pk])

    def send(person):
        email, address = person
        response = Client(REMOTE_ADDR=address).post(
            enrol,
            {
                "first_name": "Sam",
                "last_name": "Race",
                "email": email,
                "adult": "yes",
                "joining_as": "lived_experience",
                "contact_by": "email",
                "consent": "on",
            },
        )
        return response.status_code, response.headers.get("Location")

    return send


def test_sixty_people_at_once_fill_ten_places_and_nobody_is_told_the_database_is_locked(course, database_file):
    run = make_run(course, capacity=10)
    students = [make_student() for _ in range(60)]
    path = database_file()

    returned, errors, seconds = all_at_once(path, lambda student: join_run(run_id=run.pk, student=student), students)

    counts = read(path, lambda: places(run))
    report(f"{WORKERS} threads, 60 students, 10 places", seconds, counts, errors)
    assert errors == [], "\n".join(errors)
    assert counts == {"confirmed": 10, "waitlisted": 50}
    assert tally([r.outcome for r in returned]) == {Outcome.ENROLLED: 10, Outcome.WAITLISTED: 50}
    assert sorted(r.position for r in returned if r.outcome == Outcome.WAITLISTED) == list(range(1, 51))


def test_sixty_people_sending_the_enrolment_form_at_once_all_reach_the_thank_you_page(course, database_file):
    run = make_run(course, capacity=10)
    path = database_file()
    # Sixty people at sixty addresses: the per-address rate limit is not what this is about.
    people = [(f"person{n}@race.example.org", f"10.0.{n}.1") for n in range(60)]

    returned, errors, seconds = all_at_once(path, form_sender(run), people)

    counts = read(
        path,
        lambda: {**places(run), "students": Student.objects.filter(email__in=[email for email, _ in people]).count()},
    )
    report(f"{WORKERS} threads, 60 form posts, 10 places", seconds, {**counts, "responses": tally(returned)}, errors)
    assert errors == [], "\n".join(errors)
    assert tally(returned) == {(302, reverse("enrolment:thank_you", args=[run.pk])): 60}
    assert counts == {"confirmed": 10, "waitlisted": 50, "students": 60}


def test_the_same_new_email_sent_ten_times_at_once_makes_one_student_with_one_place(course, database_file):
    run = make_run(course, capacity=10)
    path = database_file()
    presses = [("Jo.Bloggs@example.org ", "10.0.0.1")] * 10  # within the per-email rate limit

    returned, errors, seconds = all_at_once(path, form_sender(run), presses, workers=10)

    counts = read(
        path, lambda: {**places(run), "students": Student.objects.filter(email="jo.bloggs@example.org").count()}
    )
    report("10 threads, one new email 10 times", seconds, counts, errors)
    assert errors == [], "\n".join(errors)
    assert tally(returned) == {(302, reverse("enrolment:thank_you", args=[run.pk])): 10}
    assert counts == {"confirmed": 1, "waitlisted": 0, "students": 1}


def test_with_sqlites_default_deferred_transactions_the_same_race_says_the_database_is_locked(course, database_file):
    """Shows the harness catches the failure the settings prevent: a DEFERRED transaction reads
    first, and cannot then take the write lock another holds without risking deadlock, so SQLite
    refuses at once, whatever the busy timeout."""
    run = make_run(course, capacity=10)
    students = [make_student() for _ in range(60)]
    path = database_file()

    returned, errors, seconds = all_at_once(
        path, lambda student: join_run(run_id=run.pk, student=student), students, transaction_mode="DEFERRED"
    )

    counts = read(path, lambda: places(run))
    report(f"DEFERRED, {WORKERS} threads, 60 students, 10 places", seconds, counts, errors)
    assert sum(LOCKED in error for error in errors) > 0
