"""/health/ for monitoring and /health/live/ for a load balancer, as each would call them."""

import datetime as dt
import socket
import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from redis.exceptions import ResponseError

from monitoring.beat import HeartbeatScheduler
from monitoring.checks import broker_eviction_problem, check_broker_never_evicts
from monitoring.models import Heartbeat
from monitoring.tasks import heartbeat

pytestmark = pytest.mark.django_db
PROCESSES = ["beat", "email-worker", "jobs-worker"]


def seen(name: str, ago: dt.timedelta = dt.timedelta(seconds=5)) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now() - ago})


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_all_well_answers_200_with_each_part_and_nothing_about_anyone(client):
    for name in PROCESSES:
        seen(name)
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "redis", *PROCESSES}
    assert body["checks"]["beat"]["seen_seconds_ago"] in range(4, 8)
    assert body["checks"]["redis"]["used"] is False  # tests, like the demo, run without Redis


def test_health_is_never_cached_and_sets_no_cookies(client):
    for path in ["/health/", "/health/live/"]:
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
        assert not response.cookies, path
        assert response["Content-Type"] == "application/json"


def test_a_worker_not_seen_for_three_minutes_is_unhealthy_and_named(client):
    seen("beat")
    seen("jobs-worker")
    seen("email-worker", ago=dt.timedelta(minutes=4))
    response = client.get("/health/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["email-worker"] == {"ok": False, "seen_seconds_ago": 240}
    assert checks["beat"]["ok"] and checks["jobs-worker"]["ok"]


def test_a_process_never_seen_is_unhealthy(client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["beat"] == {"ok": False, "seen_seconds_ago": None}


def test_redis_down_fails_health_fast_but_not_the_load_balancers_check(client):
    for name in PROCESSES:
        seen(name)
    down = f"redis://127.0.0.1:{closed_port()}/0"
    with override_settings(REDIS_URL=down, REDIS_CACHE_URL=down):
        started = time.perf_counter()
        full = client.get("/health/")
        seconds = time.perf_counter() - started
        live = client.get("/health/live/")
    assert full.status_code == 503
    assert full.json()["checks"]["redis"]["ok"] is False
    assert seconds < 2
    # Redis down must not take the site down: the load balancer keeps every web process in.
    assert live.status_code == 200


def test_the_database_unreachable_takes_this_process_out(client):
    with mock.patch("college.health.connection.cursor", side_effect=OperationalError("gone")):
        live = client.get("/health/live/")
        full = client.get("/health/")
    assert live.status_code == 503
    assert live.json()["checks"]["database"]["error"] == "OperationalError"
    assert full.status_code == 503


def test_the_heartbeat_task_and_beats_own_tick_record_what_they_prove():
    heartbeat("email-worker")
    scheduler = HeartbeatScheduler.__new__(HeartbeatScheduler)  # without its schedule file
    # (Beat lets go of a broken database connection first; inside a test's transaction that would
    # close the test's own connection, so it is left alone here.)
    with (
        mock.patch("celery.beat.PersistentScheduler.tick", return_value=300),
        mock.patch("django.db.close_old_connections"),
    ):
        assert scheduler.tick() == 30  # an idle beat still comes back in time to beat
    names = set(
        Heartbeat.objects.filter(seen_at__gte=timezone.now() - dt.timedelta(seconds=5)).values_list("name", flat=True)
    )
    assert names == {"email-worker", "beat"}


def test_beat_queues_a_heartbeat_on_each_workers_queue(settings):
    entries = {
        entry["args"][0]: entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "monitoring.tasks.heartbeat"
    }
    assert {name: entry["options"]["queue"] for name, entry in entries.items()} == {
        "email-worker": "email",
        "jobs-worker": "celery",
    }
    assert all(entry["schedule"] * 3 <= settings.HEARTBEAT_STALE_SECONDS for entry in entries.values())


@pytest.mark.parametrize(
    "answer, expected",
    [
        ({"maxmemory-policy": "noeviction"}, ""),
        ({"maxmemory-policy": "allkeys-lru"}, "may evict queued messages"),
        (ResponseError("unknown command 'CONFIG'"), "CONFIG is disabled"),
    ],
    ids=["noeviction", "evicting", "managed-redis"],
)
def test_the_start_up_check_says_when_the_broker_could_drop_messages(answer, expected):
    with mock.patch(
        "redis.Redis.config_get", side_effect=[answer] if isinstance(answer, Exception) else None, return_value=answer
    ):
        problem = broker_eviction_problem("redis://127.0.0.1:6379/0")
    assert (expected in problem) if expected else problem == ""


def test_the_start_up_check_warns_quickly_when_redis_is_down(settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/0"
    started = time.perf_counter()
    warnings = check_broker_never_evicts()
    assert time.perf_counter() - started < 2
    assert [warning.id for warning in warnings] == ["college.W001"]
    assert "Could not reach the broker" in warnings[0].msg
