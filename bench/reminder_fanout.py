"""Benchmark: the day-before reminders for one session with 10,000 people on it, through a real
Celery worker and a stand-in email provider (bench/stub_esp.py) on 127.0.0.1.

    .venv/bin/python bench/reminder_fanout.py                          Mailgun (batches), SQLite, filesystem broker
    .venv/bin/python bench/reminder_fanout.py --provider postmark --count 2000    one call per email
    DATABASE_URL=postgres://college:college@127.0.0.1:5432/college \\
        .venv/bin/python bench/reminder_fanout.py --redis              PostgreSQL and Redis, as in production

With DATABASE_URL it works in a database of its own on that server, `<name>_bench`, created
(after dropping any left by an earlier run) and migrated first and dropped at the end; without it,
a SQLite file in a temporary folder. The dev database is never touched. `--redis` uses REDIS_URL,
or redis://127.0.0.1:6379/14; without it the broker is the filesystem one the demo uses, in the
temporary folder. Only loopback servers are accepted.

It builds a run whose one session is tomorrow at a time of day already past (so the day-before
reminder is due now) and bulk-creates the students and enrolments, made before the reminder was
due. Then it starts the stub and a worker (`--concurrency`, default 2), runs the sweep once, which
owes the reminders and queues them, and waits (`--timeout`, default 600 s) until every row is sent.
It prints emails, seconds (sweep included), emails per second, provider HTTP calls, calls per
email, and the duplicate window: for each email, from the moment the stub accepted it to the
`sent_at` the worker recorded (median, p99, max; `sent_at` is stamped as its UPDATE is sent, so
this is short of the commit by one statement). A worker that died in that window would send the
email again.

Stale tasks left in a Redis database by an earlier run are harmless: they name rows by id, and
the claim ignores any row that is not pending."""

import argparse
import datetime as dt
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.stub_esp import StubESP  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="people enrolled (default 10,000)")
    parser.add_argument("--provider", choices=["mailgun", "postmark"], default="mailgun")
    parser.add_argument(
        "--redis",
        nargs="?",
        const=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14",
        default=os.environ.get("REDIS_URL"),
        help="broker URL (default: the filesystem broker)",
    )
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--timeout", type=float, default=600, help="give up after this many seconds")
    return parser.parse_args()


def on_loopback(url: str) -> str:
    host = urlsplit(url).hostname or "127.0.0.1"
    if host not in LOOPBACK:
        sys.exit(f"This benchmark only runs against servers on 127.0.0.1, not {host}.")
    return url


def fresh_postgres_database(url: str) -> tuple[str, str]:
    """Create `<name>_bench` beside the database `url` names; return its URL and name."""
    import psycopg

    parts = urlsplit(on_loopback(url))
    name = f"{parts.path.lstrip('/') or 'college'}_bench"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def configure(options: argparse.Namespace, stub: StubESP, var_dir: str, database_url: str | None) -> dict:
    """The environment shared by this process and the worker: same database, broker and folder."""
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ.update(
        stub.settings_for(options.provider),
        DJANGO_SETTINGS_MODULE="college.settings.dev",
        COLLEGE_VAR_DIR=var_dir,
        DEBUG="false",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    if options.redis:
        os.environ["REDIS_URL"] = on_loopback(options.redis)
    return {**os.environ, "LOG_LEVEL": "INFO"}  # the worker says when it is ready


def build_session(count: int):
    """A run with one session tomorrow, starting at a time of day already past, so the reminder
    'one day before' is due now; `count` people enrolled well before that."""
    from django.core.management import call_command
    from wagtail.models import Page, Site

    from courses.models import CourseIndexPage
    from home.models import HomePage
    from notices.models import ReminderSettings
    from tests.factories import publish

    call_command("migrate", verbosity=0)
    home = publish(
        Page.get_first_root_node(),
        HomePage(title="Bench college", slug="bench", intro="Hi", about="<p>About</p>", how_to_enrol="<p>Enrol</p>"),
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=8000, root_page=home, is_default_site=True)
    index = publish(home, CourseIndexPage(title="Course dates", slug="course-dates"))
    ReminderSettings.load()
    return enrol_for_tomorrow(index, count)


def enrol_for_tomorrow(index, count: int, *, title: str = "Understanding anxiety", emails: str = "student"):
    """A new course under `index` (a CourseIndexPage) with one run whose one session is tomorrow,
    at a time of day already past, and `count` people (`<emails><n>@example.org`) enrolled well
    before its reminder was due. bench/reminders_under_load.py adds it to the benchmark's site."""
    from django.utils import timezone

    from enrolment.models import Enrolment, Student
    from tests.factories import make_course, make_run

    now = timezone.localtime()
    start = max(now - dt.timedelta(minutes=2), now.replace(hour=0, minute=0, second=0, microsecond=0))
    end = min(start + dt.timedelta(hours=1), now.replace(hour=23, minute=59, second=59, microsecond=0))
    run = make_run(
        make_course(index, title),
        first_date=now.date() + dt.timedelta(days=1),
        start=start.time().replace(microsecond=0),
        end=end.time().replace(microsecond=0),
        capacity=count,
        enrolment_opens=now - dt.timedelta(days=30),
        enrolment_closes=end,
    )
    students = Student.objects.bulk_create(
        [Student(first_name="Bench", last_name=f"Student {n}", email=f"{emails}{n}@example.org") for n in range(count)],
        batch_size=1000,
    )
    Enrolment.objects.bulk_create([Enrolment(run=run, student=student) for student in students], batch_size=1000)
    Enrolment.objects.filter(run=run).update(created_at=now - dt.timedelta(days=10))
    return run


class Worker:
    def __init__(self, env: dict, concurrency: int, log: Path, *, nice: int = 0):
        # nice: a lower CPU priority, as a college sharing one machine with the web would give it.
        command = [
            *(["nice", "-n", str(nice)] if nice else []),
            sys.executable,
            "-m",
            "celery",
            "-A",
            "college",
            "worker",
            "-Q",
            "email,celery",
            "--concurrency",
            str(concurrency),
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while " ready." not in log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"The worker did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # nothing is in flight by now
            self.process.wait()


def wait_until_sent(count: int, timeout: float) -> dict[str, int]:
    from django.db.models import Count

    from notices.models import Notice

    deadline = time.monotonic() + timeout
    while True:
        statuses = dict(Notice.objects.values_list("status").annotate(n=Count("pk")))
        finished = statuses.get("sent", 0) + statuses.get("failed", 0) + statuses.get("skipped", 0)
        if finished >= count or time.monotonic() > deadline:
            return statuses
        time.sleep(0.25)


def duplicate_windows(stub: StubESP) -> list[float]:
    """Milliseconds from the stub accepting each email to the worker recording it as sent."""
    from notices.models import Notice

    accepted = {}
    for request in stub.requests:
        if request.answered_at:
            accepted.update(dict.fromkeys(request.recipients, request.answered_at))
    sent = Notice.objects.filter(status="sent").values_list("student__email", "sent_at")
    return [(sent_at.timestamp() - accepted[email]) * 1000 for email, sent_at in sent if email in accepted]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(options, statuses: dict, seconds: float, sweep_seconds: float, stub: StubESP, database: str) -> None:
    sent = statuses.get("sent", 0)
    calls = len(stub.requests)
    windows = duplicate_windows(stub)
    print(
        f"\nReminder fan-out: {options.provider}, {database}, "
        f"{'Redis' if options.redis else 'filesystem broker'}, worker concurrency {options.concurrency}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"  emails sent          {sent} of {options.count}  {statuses}")
    print(f"  seconds              {seconds:.1f}  (of which the sweep owing and queuing them: {sweep_seconds:.1f})")
    print(f"  emails per second    {sent / seconds:.0f}")
    print(f"  ESP HTTP calls       {calls}")
    print(f"  ESP calls per email  {calls / max(sent, 1):.3f}")
    if windows:
        print(
            f"  duplicate window ms  median {statistics.median(windows):.1f}, p99 {percentile(windows, 0.99):.1f}, "
            f"max {max(windows):.1f}  ({len(windows)} emails)"
        )


def main() -> None:
    options = arguments()
    var_dir = tempfile.mkdtemp(prefix="college-fanout-")
    database_url, database_name = None, ""
    if os.environ.get("DATABASE_URL"):
        database_url, database_name = fresh_postgres_database(os.environ["DATABASE_URL"])
    worker, statuses = None, {}
    with StubESP() as stub:
        env = configure(options, stub, var_dir, database_url)
        import django

        django.setup()
        try:
            print(f"Building a session with {options.count} people enrolled ...", flush=True)
            build_session(options.count)
            worker = Worker(env, options.concurrency, Path(var_dir) / "worker.log")
            from notices.sweep import sweep

            started = time.perf_counter()
            owed = sweep()
            sweep_seconds = time.perf_counter() - started
            print(f"Sweep: {owed}; waiting for the worker ...", flush=True)
            if owed["reminders"] != options.count:
                print(f"Expected {options.count} reminders to be owed, not {owed['reminders']}.")
            statuses = wait_until_sent(owed["reminders"], options.timeout)
            seconds = time.perf_counter() - started
            report(
                options,
                statuses,
                seconds,
                sweep_seconds,
                stub,
                f"PostgreSQL ({database_name})" if database_url else "SQLite",
            )
        finally:
            if worker:
                worker.stop()
            from django.db import connections

            connections.close_all()
            if database_url:
                drop_postgres_database(database_url, database_name)
    if statuses.get("sent", 0) == options.count:
        shutil.rmtree(var_dir, ignore_errors=True)
    else:
        sys.exit(f"Not everything was sent: the worker's log and the files are in {var_dir}")


if __name__ == "__main__":
    main()
