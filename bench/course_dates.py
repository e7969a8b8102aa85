"""Benchmark: public pages uncached (the page cache off), at 10 and 2,000 upcoming runs.

    .venv/bin/python bench/course_dates.py                      (SQLite in a temporary folder)
    DATABASE_URL=postgres://... .venv/bin/python bench/course_dates.py
    .venv/bin/python bench/course_dates.py --sql                also print each page's SQL
    .venv/bin/python bench/course_dates.py --profile "course dates"   cProfile, top 25 cumulative
    .venv/bin/python bench/course_dates.py --runs 500           other run counts (comma separated)

Prints SQL queries per page and render time (median and 95th percentile of 30 requests, and the
median CPU time, through Django's test client, so no network or server process is measured) for the course dates page
without and with filters, a course page and home. The page cache (home/page_cache.py) is switched
off (PAGE_CACHE_SECONDS=0) and the site cache on (home/site_cache.py, as in production): this
measures what a page cache miss costs."""

import argparse
import cProfile
import os
import pstats
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
from django.test import Client, override_settings  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from courses.models import CourseIndexPage, CourseRun  # noqa: E402
from home.models import CollegeSettings, CrisisSupportSettings, HomePage  # noqa: E402
from tests.bulk_runs import add_upcoming_runs  # noqa: E402
from tests.factories import make_course, make_location, make_topic, publish  # noqa: E402

REQUESTS = 30
# The profile's second listing: our code, template tags, pagination, forms and the ORM.
WHERE_TIME_GOES = r"main/(?!\.venv)|(loader_tags|defaulttags)\.py|paginator|forms/|models/(query|sql/compiler)\.py"
FILTERS = {"q": "Course", "has_spaces": "on", "postcode": "OX1 1AA", "time_of_day": ["morning", "evening"]}


def build_site() -> tuple[CourseIndexPage, list, list]:
    call_command("migrate", verbosity=0)
    home = publish(
        Page.get_first_root_node(),
        HomePage(title="Bench college", slug="bench", intro="Hi", about="<p>About</p>", how_to_enrol="<p>Enrol</p>"),
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    CollegeSettings.load(), CrisisSupportSettings.load()
    index = publish(home, CourseIndexPage(title="Course dates", slug="course-dates", show_in_menus=True))
    topic = make_topic()
    courses = [make_course(index, f"Course {n}", topics=[topic]) for n in range(20)]
    venues = [make_location(f"Venue {n}", latitude=51.5 + n / 20, longitude=-1.3) for n in range(8)]
    return index, courses, venues


def pages(courses) -> dict[str, tuple[str, dict]]:
    return {
        "course dates": ("/course-dates/", {}),
        "course dates, filtered": ("/course-dates/", FILTERS),
        "a course page": (courses[0].url, {}),
        "home": ("/", {}),
    }


def count_queries(client: Client, url: str, params: dict) -> list[str]:
    # A wrapper rather than connection.queries, which resets when SQLite reconnects.
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        assert client.get(url, params).status_code == 200
    return queries


def time_requests(client: Client, url: str, params: dict) -> tuple[float, float, float]:
    """Median and 95th percentile wall time, and median CPU time of this process (SQLite runs in
    it, so the database is counted): CPU time hardly moves when other work shares the machine."""
    timings, cpu = [], []
    for _ in range(REQUESTS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, params)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], statistics.median(cpu)


def profile(client: Client, url: str, params: dict) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(REQUESTS):
        client.get(url, params)
    profiler.disable()
    print(f"\ncProfile of {REQUESTS} requests to {url} {params or ''}")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(25)
    # The request's own layers nest inside each other; these show where the time really goes.
    stats.sort_stats("cumulative").print_stats(WHERE_TIME_GOES, 25)
    stats.sort_stats("tottime").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", default="10,2000", help="upcoming run counts, comma separated")
    parser.add_argument("--sql", action="store_true", help="print each page's SQL")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page at the last run count")
    args = parser.parse_args()
    index, courses, venues = build_site()
    to_measure = pages(courses)
    client = Client()
    print(f"Public pages, page cache off, on {connection.vendor}, {REQUESTS} requests each")
    print(f"{'runs':>5}  {'page':<24} {'SQL':>4}  {'median ms':>9}  {'p95 ms':>7}  {'CPU ms':>6}")
    for total in (int(n) for n in args.runs.split(",")):
        add_upcoming_runs(courses, venues, total - CourseRun.objects.count())
        for name, (url, params) in to_measure.items():
            for _ in range(2):  # warm the caches (a first request may make settings rows: a new version)
                client.get(url, params)
            queries = count_queries(client, url, params)
            median, p95, cpu = time_requests(client, url, params)
            print(f"{total:>5}  {name:<24} {len(queries):>4}  {median:>9.1f}  {p95:>7.1f}  {cpu:>6.1f}")
            if args.sql:
                print("\n".join(f"        {sql[:300]}" for sql in queries))
    if args.profile:
        profile(client, *to_measure[args.profile])


if __name__ == "__main__":
    with override_settings(PAGE_CACHE_SECONDS=0, SITE_CACHE_SECONDS=300):
        main()
