"""Benchmark: the course dates page at 10 and 500 upcoming runs.

    .venv/bin/python bench/course_dates.py            (SQLite in a temporary folder)
    DATABASE_URL=postgres://... .venv/bin/python bench/course_dates.py

Prints SQL queries per page and page render time (median and 95th percentile of 30 requests,
through Django's test client, so no network or server process is measured)."""

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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from courses.models import CourseIndexPage, CourseRun  # noqa: E402
from home.models import CollegeSettings, CrisisSupportSettings, HomePage  # noqa: E402
from tests.factories import co_facilitators, fill, make_course, make_location, make_run, make_topic, publish  # noqa: E402

REQUESTS = 30
QUERIES = {
    "no filters": {},
    "filters + search + postcode": {
        "q": "Course",
        "has_spaces": "on",
        "postcode": "OX1 1AA",
        "time_of_day": ["morning", "evening"],
    },
}


def build_site() -> CourseIndexPage:
    call_command("migrate", verbosity=0)
    home = publish(
        Page.get_first_root_node(),
        HomePage(title="Bench college", slug="bench", intro="Hi", about="<p>About</p>", how_to_enrol="<p>Enrol</p>"),
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    CollegeSettings.load(), CrisisSupportSettings.load()
    return publish(home, CourseIndexPage(title="Course dates", slug="course-dates"))


def make_catalogue(index: CourseIndexPage) -> tuple[list, list, list]:
    topic = make_topic()
    courses = [make_course(index, f"Course {n}", topics=[topic]) for n in range(20)]
    venues = [make_location(f"Venue {n}", latitude=51.5 + n / 20, longitude=-1.3) for n in range(8)]
    return courses, venues, co_facilitators()


def add_runs(catalogue: tuple[list, list, list], total: int) -> None:
    courses, venues, team = catalogue
    start = timezone.localdate() + dt.timedelta(days=1)
    for n in range(total - CourseRun.objects.count()):
        online = n % 4 == 0
        run = make_run(
            courses[n % 20],
            first_date=start + dt.timedelta(days=n % 80),
            sessions=4,
            format="online" if online else "in_person",
            location=None if online else venues[n % 8],
            facilitators=team,
            start=dt.time(10 if n % 2 else 18),
            end=dt.time(12 if n % 2 else 20),
        )
        if n % 5 == 0:
            fill(run, 6)


def measure(params: dict) -> tuple[int, float, float]:
    client = Client()
    client.get("/course-dates/", params)  # warm caches
    # Counted with a wrapper rather than connection.queries, which resets when SQLite reconnects.
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get("/course-dates/", params)
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get("/course-dates/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    timings.sort()
    return len(queries), statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    catalogue = make_catalogue(build_site())
    print(f"Course dates page on {connection.vendor}, {REQUESTS} requests each")
    print(f"{'runs':>5}  {'query':<28} {'SQL':>4}  {'median ms':>9}  {'p95 ms':>7}")
    for total in (10, 500):
        add_runs(catalogue, total)
        for name, params in QUERIES.items():
            count, median, p95 = measure(params)
            print(f"{total:>5}  {name:<28} {count:>4}  {median:>9.1f}  {p95:>7.1f}")


if __name__ == "__main__":
    main()
