"""The email path end to end: a booking, real Redis, a real `celery worker` process and a stand-in
Mailgun (bench/stub_esp.py), then what happens when a worker is killed or Redis is down.

Everything else tests the sending code inline; only this shows the pieces working as separate
processes, with late acknowledgement, the claim and the sweep doing their jobs. The worker reads
the test database, so the rows it needs are committed first (transactional_db) and the tests run
in the PostgreSQL pass. Redis database 15 of TEST_REDIS_URL is emptied first (.ci/run sets it).

The worker and what the tests watch it with: tests/worker_helpers.py."""

import datetime as dt
import os
import time

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from bench.stub_esp import StubESP
from college.celery import app
from enrolment.services import Outcome, join_run
from notices import sending
from notices.models import Notice
from notices.sweep import REQUEUE_AFTER, sweep

from .factories import make_course, make_run, make_student
from .worker_helpers import (
    REDIS_URL,
    SHORT,
    Worker,
    broker,
    closed_port,
    confirmation_for,
    database_url,
    held_before_the_provider_call,
    long_ago,
    unacknowledged,
    wait_for_sent,
    wait_past_any_resend,
    wait_until,
    worker_waiting_for_the_wording,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not REDIS_URL,
        reason="needs a Redis database of its own: set TEST_REDIS_URL=redis://127.0.0.1:6379/15 (CI does)",
    ),
]


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
