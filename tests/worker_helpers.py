"""Running a real `celery worker` beside the tests and watching what it does: the Worker process
(killed the way a machine dies), pointing this process's Celery app at Redis, waiting for a row
to be sent or for the broker to fall idle, and holding a worker just before its provider call.
Used by tests/test_notices_worker.py and tests/test_redis_outage.py."""

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
import redis
from django.db import connection
from django.utils import timezone
from kombu import pools

from college.celery import app
from notices import sending
from notices.models import Kind, Notice, Wording
from notices.sweep import sweep

REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
ROOT = Path(__file__).resolve().parent.parent
# What the sweep waits before acting (a row left `sending`: the email task's hard limit; a pending
# row handed over and lost: REQUEUE_AFTER), two minutes each in production, cut to this while a
# test waits past them for real.
SHORT = dt.timedelta(seconds=2)


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
