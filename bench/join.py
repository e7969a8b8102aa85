"""Benchmark: joining a full run's waiting list with 0, 1,000 and 5,000 people already waiting.

    .venv/bin/python bench/join.py                      (SQLite)
    DATABASE_URL=postgres://... .venv/bin/python bench/join.py

Builds a throwaway test database (Django's test_<name>, dropped at the end), then for each queue
length times JOINS calls of enrolment.services.join_run, each a new student joining the waiting
list (the run lock, position and 'who is next' included). Prints SQL queries per join and the
median and 95th percentile in milliseconds. The service is timed directly: no web server, no
network beyond the database. Bounded: about 6,000 rows and 90 joins in all."""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("COLLEGE_VAR_DIR", tempfile.mkdtemp(prefix="college-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "college.settings.test"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

import notices.ledger  # noqa: E402
from courses.models import CourseIndexPage  # noqa: E402
from enrolment import services  # noqa: E402
from enrolment.models import Student, WaitlistEntry  # noqa: E402
from home.models import HomePage  # noqa: E402
from tests.factories import make_course, make_run, make_student, publish  # noqa: E402

JOINS = 30
QUEUE_LENGTHS = (0, 1000, 5000)


def full_run_with_queue(course, waiting: int):
    run = make_run(course, capacity=1, first_date=timezone.localdate() + dt.timedelta(days=14))
    services.join_run(run_id=run.pk, student=make_student())
    start = timezone.now() - dt.timedelta(days=1)
    students = Student.objects.bulk_create(
        (Student(first_name="Waiting", last_name=str(n), email=f"w{run.pk}-{n}@example.org") for n in range(waiting)),
        batch_size=1000,
    )
    WaitlistEntry.objects.bulk_create(
        (
            WaitlistEntry(student=s, course=course, run=run, queue_key=start + dt.timedelta(seconds=n))
            for n, s in enumerate(students)
        ),
        batch_size=1000,
    )
    return run


def measure(run) -> tuple[int, float, float]:
    newcomers = [make_student() for _ in range(JOINS + 1)]
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        services.join_run(run_id=run.pk, student=newcomers.pop())
    timings = []
    for student in newcomers:
        started = time.perf_counter()
        result = services.join_run(run_id=run.pk, student=student)
        timings.append((time.perf_counter() - started) * 1000)
        assert result.outcome is services.Outcome.WAITLISTED
    timings.sort()
    return len(queries), statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    # In production the email is queued to a worker after the commit; the test settings would send
    # it eagerly inside the timed join, so the queueing is left out of what is measured.
    notices.ledger.enqueue = lambda notice_ids: None
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        home = publish(
            Page.get_first_root_node(),
            HomePage(
                title="Bench college", slug="bench", intro="Hi", about="<p>About</p>", how_to_enrol="<p>Enrol</p>"
            ),
        )
        course = make_course(publish(home, CourseIndexPage(title="Course dates", slug="course-dates")), "Bench course")
        print(f"Joining a waiting list on {connection.vendor}, {JOINS} joins each")
        print(f"{'waiting':>7}  {'SQL':>4}  {'median ms':>9}  {'p95 ms':>7}")
        for waiting in QUEUE_LENGTHS:
            count, median, p95 = measure(full_run_with_queue(course, waiting))
            print(f"{waiting:>7}  {count:>4}  {median:>9.1f}  {p95:>7.1f}")
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
