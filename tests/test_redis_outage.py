"""Redis stops: the site keeps taking bookings, and the emails they owe go out once Redis is back.

Real processes, as production runs them: a Redis server of the test's own (so it can be stopped
without touching anyone else's), an email worker, a jobs worker and one beat on the production
settings, and a stand-in Mailgun (bench/stub_esp.py). The site is pytest-django's live server,
driven over HTTP with the shipped cache settings (college.settings.base.cache_for) pointed at
that Redis; the full production stack under gunicorn is the smoke test's job.

With Redis stopped: pages, enrolment, asking for a sign-in link, My courses and the admin's
sign-in page answer without an error, and the emails wait in the ledger. With Redis started
again: each email reaches the provider within two minutes, once. Nobody tells the workers or
beat that Redis came back; they find out for themselves."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from django.test import override_settings

from bench.stub_esp import StubESP
from college.settings.base import cache_for, redis_cache_url
from enrolment.links import Purpose, link_path
from enrolment.models import Student
from notices.models import Notice

from .factories import make_course, make_run
from .worker_helpers import broker, closed_port, database_url, wait_until

ROOT = Path(__file__).resolve().parent.parent
BACK_WITHIN = 120  # seconds from Redis starting again to every owed email at the provider

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("TEST_REDIS_URL"),
        reason="runs with the Redis tests: set TEST_REDIS_URL (CI does); it starts a Redis server of its own",
    ),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server to start and stop its own"),
]


class RedisServer:
    """A throwaway redis-server on a spare port: nothing saved, so a restart starts empty."""

    def __init__(self, logs: Path):
        self.port, self.logs, self.process = closed_port(), logs, None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        with (self.logs / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)

        def answers() -> bool:
            try:
                return client.ping()
            except redis.exceptions.ConnectionError:
                return False

        wait_until(answers, 10, "Redis to start")
        client.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=10)


class Celery:
    """`celery worker` or `celery beat` in its own process group, its output in a file."""

    def __init__(self, name: str, arguments: list[str], env: dict, logs: Path):
        self.name, self.log = name, logs / f"{name}.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "college", *arguments],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_for(self, text: str, timeout: float = 30) -> None:
        wait_until(
            lambda: text in self.log.read_text() or self.process.poll() is not None,
            timeout,
            f"{self.name} to log {text!r}",
        )
        assert self.process.poll() is None, f"{self.name} stopped:\n{self.tail()}"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def tail(self) -> str:
        return "\n".join(self.log.read_text().splitlines()[-40:])


@pytest.fixture
def stack(transactional_db, django_db_serialized_rollback, tmp_path):
    """Redis, the stub provider, an email worker, a jobs worker and beat, all on production settings."""
    server = RedisServer(tmp_path)
    server.start()
    stub = StubESP().start()
    env = {
        **os.environ,
        **stub.settings_for("mailgun"),
        "DJANGO_SETTINGS_MODULE": "college.settings.production",
        "SECRET_KEY": "test-only-not-secret",
        "DATABASE_URL": database_url(),
        "REDIS_URL": server.url,
        "WEBHOOK_SECRET": "user:password",
        "MAILGUN_WEBHOOK_SIGNING_KEY": "test",
        "COLLEGE_VAR_DIR": str(tmp_path / "var"),
        "PYTHONUNBUFFERED": "1",
    }
    name = uuid.uuid4().hex[:8]
    common = ["--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    processes = [
        Celery("email-worker", ["worker", "-Q", "email", "-c", "2", "-n", f"email-{name}@%h", *common], env, tmp_path),
        Celery("jobs-worker", ["worker", "-Q", "celery", "-c", "1", "-n", f"jobs-{name}@%h", *common], env, tmp_path),
        Celery("beat", ["beat", "--loglevel", "INFO", "-s", str(tmp_path / "beat-schedule")], env, tmp_path),
    ]
    try:
        for process in processes[:2]:
            process.wait_for(" ready.")
        processes[2].wait_for("beat: Starting...")
        yield server, stub, processes
    finally:
        for process in processes:
            process.stop()
        stub.stop()
        server.stop()


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def submit(browser: requests.Session, url: str, data: dict) -> requests.Response:
    """Open the form's page, then send it, as a browser does (the CSRF token from the page)."""
    page = browser.get(url)
    assert page.status_code == 200, (url, page.status_code)
    return browser.post(
        url, {"csrfmiddlewaretoken": csrf_token(page.text), **data}, allow_redirects=False, headers={"Referer": url}
    )


ENROLMENT = {
    "first_name": "Ana",
    "last_name": "Lopes",
    "email": "ana.outage@example.org",
    "phone": "",
    "adult": "yes",
    "postcode": "OX4 1AA",
    "joining_as": "lived_experience",
    "support_needs": "",
    "heard_about": "",
    "contact_by": "email",
    "consent": "on",
    "supporter_name": "",
    "website": "",
}


def test_with_redis_stopped_the_site_takes_bookings_and_their_emails_go_once_it_is_back(
    stack, course_index, live_server, caplog
):
    server, stub, processes = stack
    run = make_run(make_course(course_index, "Sleep well"), capacity=5)
    browser = requests.Session()
    site = live_server.url
    # The web side as shipped: the cache in its own database of this Redis, Celery's broker in db 0.
    with override_settings(CACHES={"default": cache_for(redis_cache_url(server.url))}), broker(server.url):
        assert browser.get(f"{site}/course-dates/").status_code == 200  # with Redis up, for comparison

        server.stop()
        started = time.perf_counter()
        for path in [
            "/",
            "/course-dates/",
            f"/enrol/{run.pk}/",
            "/my-courses/sign-in/",
            "/admin/login/",
            "/health/live/",
        ]:
            response = browser.get(f"{site}{path}")
            assert response.status_code == 200, (path, response.status_code)
        enrolled = submit(browser, f"{site}/enrol/{run.pk}/", ENROLMENT)
        assert enrolled.status_code == 302, enrolled.text[:2000]
        asked = submit(browser, f"{site}/my-courses/sign-in/", {"email": ENROLMENT["email"]})
        assert asked.status_code == 302
        student = Student.objects.get(email=ENROLMENT["email"])
        signed_in = submit(browser, site + link_path(Purpose.SIGN_IN, student.pk, nonce=student.link_nonce), {})
        assert signed_in.status_code == 302
        my_courses = browser.get(f"{site}/my-courses/")
        assert my_courses.status_code == 200 and "Sleep well" in my_courses.text
        assert browser.get(f"{site}/health/").status_code == 503  # monitoring is told Redis is down
        seconds = time.perf_counter() - started
        print(f"\n10 requests and 3 form posts with Redis stopped: {seconds:.1f} s")

        owed = list(Notice.objects.filter(student=student).values_list("pk", "status"))
        assert {status for _, status in owed} == {Notice.Status.PENDING}
        assert {pk for pk, _ in owed} and stub.requests == []
        assert "not counted: the cache is unavailable" in caplog.text  # rate limits failed open, said so
        # Redis stays down until beat has tried to queue its every-minute tasks and failed (it then
        # waits for Redis, trying again every few seconds); it must carry on, and the workers keep
        # trying to reconnect rather than give up.
        beat = processes[2]
        wait_until(
            lambda: re.search(r"Connection error|Message Error", beat.log.read_text()),
            75,
            "beat to try to queue a task",
        )
        time.sleep(2)
        for process in processes:
            assert process.process.poll() is None, f"{process.name} gave up on Redis:\n{process.tail()}"

        server.start()
        back = time.monotonic()
        wait_until(
            lambda: len(stub.requests) >= len(owed),
            BACK_WITHIN,
            f"{len(owed)} emails to reach the provider after Redis came back",
        )
        print(f"All {len(owed)} emails at the provider {time.monotonic() - back:.0f} s after Redis came back")
        time.sleep(5)  # room for a second copy, if there were going to be one
        assert sorted(int(request.notice) for request in stub.requests) == sorted(pk for pk, _ in owed)
        assert set(Notice.objects.filter(student=student).values_list("status", flat=True)) == {Notice.Status.SENT}
