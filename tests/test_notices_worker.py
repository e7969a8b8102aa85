"""The email path end to end: a booking, real Redis, a real `celery worker` process and a stand-in
Mailgun (bench/stub_esp.py), then what happens when a worker is killed or Redis is down.

Everything else tests the sending code inline; only this shows the pieces working as separate
processes, with late acknowledgement, the claim and the sweep doing their jobs. The worker reads
the test database, so the rows it needs are committed first (transactional_db) and the tests run
in the PostgreSQL pass. Redis database 15 of TEST_REDIS_URL is emptied first (.ci/run sets it)."""

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone
from kombu import pools

from bench.stub_esp import StubESP
from college.celery import app
from enrolment.services import Outcome, join_run
from notices import sending
from notices.models import Kind, Notice, Wording
from notices.sweep import REQUEUE_AFTER, sweep

from .factories import make_course, make_run, make_student

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
ROOT = Path(__file__).resolve().parent.parent
# What the sweep waits before acting (a row left `sending`: the email task's hard limit; a pending
# row handed over and lost: REQUEUE_AFTER), two minutes each in production, cut to this while a
# test waits past them for real.
SHORT = dt.timedelta(seconds=2)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not REDIS_URL,
        reason="needs a Redis database of its own: set TEST_REDIS_URL=redis://127.0.0.1:6379/15 (CI does)",
    ),
]


class Worker:
    """`celery worker` in its own process group, so that it can be killed the way a machine dies:
    all of its processes at once, with no chance to give anything back."""

    def __init__(self, env: dict, logs: Path):
        self.env, self.logs, self.process, self.started = env, logs, None, 0

    def start(self, timeout: float = 30) -> None:
        self.started += 1
        self.log = self.logs / f"worker-{self.started}.log"
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "college",
            "worker",
            "-Q",
            "email,celery",
            "--concurrency",
            "2",
            "--loglevel",
            "INFO",
            "-n",
            f"test-{uuid.uuid4().hex[:8]}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until(
            lambda: " ready." in self.log.read_text() or self.process.poll() is not None,
            timeout,
            "the worker to start",
            self,
        )
        assert self.process.poll() is None, f"The worker stopped at once:\n{self.tail()}"

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def tail(self) -> str:
        return "\n".join(self.log.read_text().splitlines()[-30:]) if self.started else ""


def wait_until(condition, timeout: float, what: str, worker: Worker | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"Gave up after {timeout}s waiting for {what}.\nWorker log:\n{worker.tail() if worker else ''}"
            )
        time.sleep(0.1)


def database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{quote(settings['USER'])}:{quote(settings['PASSWORD'])}@"
        f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{quote(settings['NAME'])}"
    )


@contextmanager
def broker(url: str):
    """Point this process's Celery app at a real broker, not eager, so `on_commit` hands tasks to
    the worker as the web process would. kombu keeps connection pools per broker address, shared
    by the whole process: they are closed on the way in and out so nothing leaks between tests."""
    before = {"broker_url": app.conf.broker_url, "task_always_eager": app.conf.task_always_eager}

    def reset_pools():
        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    reset_pools()
    app.conf.update(broker_url=url, task_always_eager=False)
    try:
        yield
    finally:
        reset_pools()
        app.conf.update(before)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def empty_redis():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()  # nothing left over from an earlier run (its notice ids may exist again)
    yield
    client.flushdb()
    client.close()


@pytest.fixture
def course(transactional_db, django_db_serialized_rollback, course_index):
    """A committed course page; serialized rollback puts back Wagtail's root page after the flush."""
    return make_course(course_index)


@pytest.fixture(scope="module")
def esp():
    with StubESP() as esp:
        yield esp


@pytest.fixture(scope="module")
def running_worker(django_db_setup, esp, empty_redis, tmp_path_factory):
    """One worker for the module (starting one takes seconds); the kill test starts another."""
    env = {
        **os.environ,
        **esp.settings_for("mailgun"),
        "DJANGO_SETTINGS_MODULE": "college.settings.dev",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "COLLEGE_VAR_DIR": str(tmp_path_factory.mktemp("var")),
        "PYTHONUNBUFFERED": "1",
    }
    worker = Worker(env, tmp_path_factory.mktemp("logs"))
    try:
        worker.start()
        yield worker
    finally:
        worker.stop()


@pytest.fixture
def stub(esp):
    esp.reset()
    return esp


@pytest.fixture
def worker(running_worker, course):
    if running_worker.process.poll() is not None:  # an earlier test failed with it killed
        running_worker.start()
    return running_worker


@pytest.fixture
def on_redis(worker):
    with broker(REDIS_URL):
        yield


def long_ago(interval: dt.timedelta) -> dt.datetime:
    """A moment a little more than `interval` ago: the clock moved on without waiting for it."""
    return timezone.now() - interval - dt.timedelta(seconds=30)


def confirmation_for(student) -> Notice:
    return Notice.objects.get(student=student, kind=Kind.CONFIRMED)


def wait_for_sent(notice: Notice, worker: Worker, timeout: float = 20) -> Notice:
    wait_until(
        lambda: Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENT).exists(),
        timeout,
        f"notice {notice.pk} to be sent",
        worker,
    )
    notice.refresh_from_db()
    return notice


def unacknowledged() -> list[bytes]:
    """Delivery tags of the task messages Redis has handed to a worker that has not acknowledged
    them (acks_late: a task is acknowledged when it returns)."""
    with redis.Redis.from_url(REDIS_URL) as client:
        return client.hkeys("unacked")


def broker_idle() -> bool:
    """No task message queued and none in a worker's hands."""
    with redis.Redis.from_url(REDIS_URL) as client:
        queued = sum(client.llen(key) for key in client.scan_iter() if client.type(key) == b"list")
        return queued == 0 and client.hlen("unacked") == 0


def wait_past_any_resend(worker: Worker, monkeypatch, *, orphans: list[bytes] = ()) -> None:
    """Let everything that could send an email again happen, then return, so the test can count
    what reached the provider. (Waiting a second and hoping would miss all of them.)

    1. A killed worker's task messages (`orphans`) come back from Redis once its visibility
       timeout (an hour) has passed: handed back now, with kombu's own restore, as Redis would.
    2. The sweep (every minute in production) puts back a row left `sending` once the hard limit
       has passed, and hands over again a pending row queued REQUEUE_AFTER ago: both cut to
       SHORT and waited past for real, then the sweep runs.
    3. The worker finishes everything it was given: nothing queued, nothing unacknowledged."""
    monkeypatch.setattr(sending, "SENDING_TIMEOUT", SHORT)
    monkeypatch.setattr("notices.sweep.REQUEUE_AFTER", SHORT)
    with broker(REDIS_URL):
        if orphans:
            with app.connection_for_write() as to_redis:
                for tag in orphans:
                    to_redis.default_channel.qos.restore_by_tag(tag)
        time.sleep(SHORT.total_seconds() + 0.5)
        outcome = sweep()
        assert (outcome["rescued"], outcome["queued"]) == (0, 0), f"the sweep would send again: {outcome}"
        wait_until(broker_idle, 30, "the worker to finish every task it was given", worker)


@contextmanager
def held_before_the_provider_call():
    """Keep every worker waiting between its claim (the row is `sending`) and the provider call:
    building the email reads the staff's wording, and this holds a lock on that table, from a
    connection of its own, until the block ends. Nothing in a booking reads it."""
    with psycopg.connect(database_url()) as locker:
        locker.execute(f"LOCK TABLE {Wording._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        try:
            yield
        finally:
            locker.rollback()


def worker_waiting_for_the_wording() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = %s::regclass", [Wording._meta.db_table]
        )
        return cursor.fetchone()[0] > 0


def test_an_enrolment_reaches_the_provider_once_through_redis_and_a_worker(course, stub, worker, on_redis, monkeypatch):
    student = make_student()

    result = join_run(run_id=make_run(course).pk, student=student)

    assert result.outcome == Outcome.ENROLLED
    notice = wait_for_sent(confirmation_for(student), worker)
    wait_past_any_resend(worker, monkeypatch)
    assert [request.recipients for request in stub.requests] == [[student.email]]
    assert notice.message_id == stub.requests[0].provider_id
    assert notice.attempts == 1


def test_a_worker_killed_inside_the_provider_call_costs_a_duplicate_not_the_email(
    course, stub, worker, on_redis, monkeypatch
):
    student = make_student()
    stub.hold()
    join_run(run_id=make_run(course).pk, student=student)
    assert stub.wait_for(requests=1, timeout=20), worker.tail()
    notice = confirmation_for(student)
    assert notice.status == Notice.Status.SENDING

    worker.kill()
    orphans = unacknowledged()  # its task message, which Redis will hand out again
    assert len(orphans) == 1
    stub.release()
    worker.start()
    # The bound: no live task can hold a row `sending` past the email task's hard time limit
    # (Celery kills it then), so the sweep (every minute) takes the row back just after it.
    hard_limit = app.tasks["notices.tasks.send_notices"].time_limit
    assert hard_limit == settings.NOTICE_SEND_TIME_LIMIT == sending.SENDING_TIMEOUT.total_seconds() <= 120
    claimed = Notice.objects.get(pk=notice.pk).claimed_at
    assert sweep(now=claimed + dt.timedelta(seconds=hard_limit - 1))["rescued"] == 0  # it might still be sending
    # Just over the hard limit with nobody recording an outcome, the next sweep sends it again:
    # at most the hard limit plus one sweep interval after the kill (it was 10-11 minutes).
    Notice.objects.filter(pk=notice.pk).update(claimed_at=timezone.now() - dt.timedelta(seconds=hard_limit + 1))
    assert sweep()["rescued"] == 1

    notice = wait_for_sent(notice, worker)
    # The documented duplicate window (notices/sending.py): the provider had the first request when
    # the worker died, and nothing on our side can know whether it accepted it, so the email is
    # sent again. Both copies carry the same Message-ID and notice id, so they can be recognised.
    # The first task's message, never acknowledged, comes back from Redis after its visibility
    # timeout (an hour); the claim then finds the row sent and does nothing: no third copy.
    wait_past_any_resend(worker, monkeypatch, orphans=orphans)
    first, second = stub.requests
    assert first.recipients == second.recipients == [student.email]
    assert (first.message_id, first.notice) == (second.message_id, second.notice)
    assert first.message_id or first.notice, "a duplicate must be recognisable as one"
    assert notice.message_id == second.provider_id
    assert notice.attempts == 2


def test_a_worker_killed_before_the_provider_call_sends_exactly_once(course, stub, worker, on_redis, monkeypatch):
    student = make_student()
    with held_before_the_provider_call():
        join_run(run_id=make_run(course).pk, student=student)
        wait_until(worker_waiting_for_the_wording, 20, "the worker to claim the email and build it", worker)
        notice = confirmation_for(student)
        assert (notice.status, notice.attempts) == (Notice.Status.SENDING, 1)
        worker.kill()  # between its claim and the provider call
    orphans = unacknowledged()
    assert len(orphans) == 1 and stub.requests == []
    worker.start()

    # The row is `sending` and nobody is sending it. The sweep takes it back once the hard limit
    # has passed since the claim (cut to SHORT here) and hands it to the new worker.
    monkeypatch.setattr(sending, "SENDING_TIMEOUT", SHORT)
    time.sleep(max(0.0, (notice.claimed_at + SHORT - timezone.now()).total_seconds()) + 0.5)
    assert sweep()["rescued"] == 1
    notice = wait_for_sent(notice, worker)

    wait_past_any_resend(worker, monkeypatch, orphans=orphans)
    assert [request.recipients for request in stub.requests] == [[student.email]]
    assert notice.attempts == 2


def test_with_redis_down_a_booking_still_succeeds_quickly_and_the_sweep_sends_it_later(
    course, stub, worker, monkeypatch
):
    student = make_student()
    run = make_run(course)

    with broker(f"redis://127.0.0.1:{closed_port()}/15"):
        started = time.perf_counter()
        result = join_run(run_id=run.pk, student=student)
        seconds = time.perf_counter() - started

    print(f"\nEnrolment with Redis down took {seconds * 1000:.0f} ms")
    assert result.outcome == Outcome.ENROLLED
    assert seconds < 5
    notice = confirmation_for(student)
    assert notice.status == Notice.Status.PENDING
    assert stub.requests == []

    with broker(REDIS_URL):
        # The sweep hands over again what was queued REQUEUE_AFTER ago and is still pending.
        Notice.objects.filter(pk=notice.pk).update(queued_at=long_ago(REQUEUE_AFTER))
        assert sweep()["queued"] == 1
        notice = wait_for_sent(notice, worker)

    wait_past_any_resend(worker, monkeypatch)
    assert [request.recipients for request in stub.requests] == [[student.email]]
