"""Benchmark: the public enrol POST (/enrol/<run>/), a new student each time, on a run with
spaces, a full run with nobody waiting and a full run with 5,000 waiting.

    DATABASE_URL=postgres://college:college@127.0.0.1:5432/college .venv/bin/python bench/enrol_post.py
    ... bench/enrol_post.py --posts 200 --profile full-5000 --background 200000

Production settings where they matter: PostgreSQL (a throwaway database made on the server of
TEST_POSTGRES_URL or DATABASE_URL, dropped at the end), the cache on Redis database 11 (flushed
at the start), Celery's broker on Redis database 10 (the confirmation is queued there, as in
production, and purged at the end: no worker runs), the email provider set as production would
be (Postmark; the worker would send, never the request), the rate limits on (each request has its
own X-Real-IP, read through RATELIMIT_IP_META_KEY as behind the proxy), CSRF checked, HTTPS as
the proxy says so. Each POST is a new visitor, with no cookie but the CSRF one.

Through Django's test client: no server process or network but PostgreSQL's and Redis's. Prints
SQL statements per POST (savepoints included), the median and 95th percentile in ms, and the CPU
ms of this process and of its PostgreSQL backend per POST (steadier than the clock on a shared
machine), beside a page that does nearly nothing; --profile NAME prints cProfile's top
25 (cumulative) for that scenario; --background N first adds N enrolments on other runs (as a
term's worth of bookings would), for plans and costs that grow with them; --explain prints the
plans of the POST's queries on the 5,000-waiting run."""

import argparse
import cProfile
import datetime as dt
import functools
import os
import pstats
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("COLLEGE_VAR_DIR", tempfile.mkdtemp(prefix="college-bench-"))
SERVER_URL = os.environ.get("TEST_POSTGRES_URL") or os.environ.get("DATABASE_URL", "")
if not SERVER_URL.startswith("postgres"):
    sys.exit("Set TEST_POSTGRES_URL or DATABASE_URL to a PostgreSQL server (postgres://...).")
# What production needs to start; the values only have to be believable.
os.environ.update(
    DJANGO_SETTINGS_MODULE="college.settings.production",
    DATABASE_URL=SERVER_URL,
    REDIS_URL="redis://127.0.0.1:6379/10",
    REDIS_CACHE_URL="redis://127.0.0.1:6379/11",
    SECRET_KEY="bench-only-not-secret-" + "x" * 40,
    ALLOWED_HOSTS="college.example",
    EMAIL_PROVIDER="postmark",
    POSTMARK_SERVER_TOKEN="bench-token",
    ESP_API_URL="http://127.0.0.1:9/",  # never called: the worker sends, and none runs
    WEBHOOK_SECRET="bench:bench",
    RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from courses.models import CourseIndexPage, CourseRun  # noqa: E402
from enrolment import services  # noqa: E402
from enrolment.models import Enrolment, Student, WaitlistEntry  # noqa: E402
from home.models import CollegeSettings, CrisisSupportSettings, HomePage  # noqa: E402
from notices.models import Notice  # noqa: E402
from tests.factories import co_facilitators, make_course, make_run, make_student, publish  # noqa: E402

HOST = "college.example"
CSRF_SECRET = "b" * 32  # Django accepts the unmasked secret as the form's token


def form_data(email: str) -> dict:
    return {
        "first_name": "Ana",
        "last_name": "Lopes",
        "email": email,
        "phone": "",
        "adult": "yes",
        "which_dates": "these",
        "postcode": "OX4 1AA",
        "joining_as": "lived_experience",
        "support_needs": "",
        "heard_about": "",
        "contact_by": "email",
        "consent": "on",
        "supporter_name": "",
        "website": "",
        "csrfmiddlewaretoken": CSRF_SECRET,
    }


class Visitors:
    """A new visitor per POST: their own address (X-Real-IP), email and no session yet."""

    def __init__(self):
        self.count = 0

    def post(self, run: CourseRun):
        self.count += 1
        n = self.count
        client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
        client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
        response = client.post(
            f"/enrol/{run.pk}/",
            form_data(f"bench-{uuid.uuid4().hex[:12]}@example.org"),
            secure=True,
            headers={
                "X-Forwarded-Proto": "https",
                "X-Real-IP": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
                "Origin": f"https://{HOST}",
            },
        )
        if response.status_code != 302:
            raise SystemExit(f"POST {n} answered {response.status_code}, not the redirect to the thank-you page")
        return response


def build_site():
    home = publish(
        Page.get_first_root_node(),
        HomePage(title="Bench college", slug="bench", intro="Hi", about="<p>About</p>", how_to_enrol="<p>Enrol</p>"),
    )
    Site.objects.all().delete()
    Site.objects.create(hostname=HOST, port=443, root_page=home, is_default_site=True)
    CollegeSettings.load(), CrisisSupportSettings.load()
    return publish(home, CourseIndexPage(title="Course dates", slug="course-dates"))


def full_run(course, team, waiting: int) -> CourseRun:
    run = make_run(course, capacity=1, facilitators=team, sessions=4)
    services.join_run(run_id=run.pk, student=make_student())
    start = timezone.now() - dt.timedelta(days=1)
    students = Student.objects.bulk_create(
        (Student(first_name="Waiting", last_name=str(n), email=f"w{run.pk}-{n}@example.org") for n in range(waiting)),
        batch_size=2000,
    )
    WaitlistEntry.objects.bulk_create(
        (
            WaitlistEntry(student=s, course=course, run=run, queue_key=start + dt.timedelta(seconds=n))
            for n, s in enumerate(students)
        ),
        batch_size=2000,
    )
    return run


def add_background(index, team, total: int) -> None:
    """`total` confirmed enrolments spread over 600 other runs of 20 courses, with a
    state change and a sent email each, as a busy term leaves them."""
    if not total:
        return
    courses = [make_course(index, f"Background {n}") for n in range(20)]
    runs = [make_run(courses[n % 20], capacity=400, facilitators=team, sessions=2) for n in range(600)]
    start = timezone.now() - dt.timedelta(days=30)
    for offset in range(0, total, 10_000):
        size = min(10_000, total - offset)
        students = Student.objects.bulk_create(
            Student(first_name="Past", last_name=str(offset + n), email=f"bg{offset + n}@example.org")
            for n in range(size)
        )
        enrolments = Enrolment.objects.bulk_create(
            Enrolment(run=runs[(offset + n) % len(runs)], student=s) for n, s in enumerate(students)
        )
        Notice.objects.bulk_create(
            Notice(
                key=f"confirmed:{e.pk}",
                kind="confirmed",
                student=e.student,
                run=e.run,
                subject_id=e.pk,
                channel=Notice.Channel.EMAIL,
                status=Notice.Status.SENT,
                created_at=start,
                due_at=start,
            )
            for e in enrolments
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def database_cpu_seconds() -> float:
    """CPU used so far by this connection's PostgreSQL backend (same machine), from /proc."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(visitors: Visitors, run: CourseRun, posts: int, profile: bool):
    visitors.post(run)  # warm: the first POST to a run reads what later ones find cached
    queries = []

    # Django empties connection.queries as each request starts, so the SQL is caught as it runs.
    def caught(execute, sql, params, *rest):
        queries.append({"sql": sql, "params": params})
        return execute(sql, params, *rest)

    with connection.execute_wrapper(caught):
        visitors.post(run)
    timings = []
    profiler = cProfile.Profile() if profile else None
    cpu, database = time.process_time(), database_cpu_seconds()
    for _ in range(posts):
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        visitors.post(run)
        if profiler:
            profiler.disable()
        timings.append((time.perf_counter() - started) * 1000)
    # CPU, unlike the clock, hardly moves when other work shares the machine.
    cpu = (time.process_time() - cpu) * 1000 / posts
    database = (database_cpu_seconds() - database) * 1000 / posts
    timings.sort()
    p95 = timings[max(int(len(timings) * 0.95) - 1, 0)]
    return queries, statistics.median(timings), p95, cpu, database, profiler


def floor(requests: int) -> float:
    """Python ms per request of a page that does nearly nothing, through the same harness."""
    client = Client(HTTP_HOST=HOST)
    get = functools.partial(client.get, "/robots.txt", secure=True, headers={"X-Forwarded-Proto": "https"})
    get()
    cpu = time.process_time()
    for _ in range(requests):
        get()
    return (time.process_time() - cpu) * 1000 / requests


def explain(queries) -> None:
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or "FOR UPDATE" in sql:
                continue
            cursor.execute("EXPLAIN ANALYZE " + sql, query["params"])
            print("\n" + sql[:300])
            print("\n".join("    " + row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=60, help="timed POSTs per scenario")
    parser.add_argument("--profile", choices=["spaces", "full-0", "full-5000"], help="cProfile this scenario")
    parser.add_argument("--background", type=int, default=0, help="enrolments on other runs first")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the POST's reads (5,000 waiting)")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one POST per scenario")
    args = parser.parse_args()

    cache, broker = redis.Redis.from_url(settings.REDIS_CACHE_URL), redis.Redis.from_url(settings.REDIS_URL)
    cache.flushdb()
    connection.settings_dict["TEST"]["NAME"] = f"college_enrolpost_bench_{os.getpid()}"
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        index = build_site()
        team = co_facilitators()
        add_background(index, team, args.background)
        course = make_course(index, "Bench course")
        scenarios = {
            "spaces": make_run(course, capacity=10 * args.posts + 10, facilitators=team, sessions=4),
            "full-0": full_run(course, team, 0),
            "full-5000": full_run(course, team, 5000),
        }
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        visitors = Visitors()
        print(f"Enrol POST on {connection.vendor}, {args.posts} POSTs each, {args.background} other enrolments")
        print(f"The same test client and middleware for GET /robots.txt: {floor(args.posts):.1f} ms of Python")
        print(f"{'run':>10}  {'SQL':>4}  {'median ms':>9}  {'p95 ms':>7}  {'Python ms':>9}  {'SQL CPU':>8}")
        for name, run in scenarios.items():
            queries, median, p95, cpu, database, profiler = measure(
                visitors, run, args.posts, profile=args.profile == name
            )
            print(f"{name:>10}  {len(queries):>4}  {median:>9.1f}  {p95:>7.1f}  {cpu:>9.1f}  {database:>8.1f}")
            if args.queries:
                print("\n".join("      " + q["sql"][:400] for q in queries))
            if profiler:
                stats = pstats.Stats(profiler)
                stats.sort_stats("cumulative").print_stats(25)
                stats.sort_stats("tottime").print_stats(15)
            if args.explain and name == "full-5000":
                explain(queries)
        waiting = WaitlistEntry.objects.filter(run=scenarios["full-5000"]).waiting().count()
        # Kombu's producer pool keeps its connection: one or two, never one per POST.
        connections = sum(client.get("db") == "10" for client in broker.client_list()) - 1  # less this one
        print(f"Queued emails in the broker: {broker.llen('email')}; broker connections open: {connections}")
        print(f"Waiting on full-5000 at the end: {waiting}")
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
        broker.flushdb()
        cache.flushdb()


if __name__ == "__main__":
    main()
