"""Health checks, as JSON, for a load balancer and for monitoring.

- `/health/live/` is for the load balancer: 503 only when this web process cannot serve pages,
  which means the database is unreachable. It ignores Redis and the workers on purpose: with
  Redis down the site still takes bookings (the emails wait in the ledger), so a load balancer
  that took every web process out for it would turn a Redis outage into the whole site down.
- `/health/` is for monitoring: the database, Redis (broker and cache) and how long ago beat and
  each worker were last seen. 503 when any of them is unhealthy.

Never cached, no cookies (nothing here reads the session or a CSRF token), and nothing about
any person: only what is up, and how long ago things were seen."""

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from monitoring.models import Heartbeat

# What each heartbeat proves (monitoring/models.py).
PROCESSES = ("beat", "email-worker", "jobs-worker")


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        result = {"ok": True, **(check() or {})}
    except Exception as error:  # noqa: BLE001 - any failure is the answer, not a 500
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_redis() -> dict:
    if not settings.REDIS_URL:
        return {"used": False}  # the demo: broker in files, cache in memory
    import redis

    for url in dict.fromkeys([settings.REDIS_URL, settings.REDIS_CACHE_URL]):
        client = redis.Redis.from_url(
            url, socket_connect_timeout=settings.REDIS_TIMEOUT, socket_timeout=settings.REDIS_TIMEOUT
        )
        try:
            client.ping()
        finally:
            client.close()
    return {}


def check_processes() -> dict[str, dict]:
    seen = dict(Heartbeat.objects.filter(name__in=PROCESSES).values_list("name", "seen_at"))
    now = timezone.now()
    results = {}
    for name in PROCESSES:
        if name not in seen:
            results[name] = {"ok": False, "seen_seconds_ago": None}
            continue
        ago = max((now - seen[name]).total_seconds(), 0)
        results[name] = {"ok": ago <= settings.HEARTBEAT_STALE_SECONDS, "seen_seconds_ago": round(ago)}
    return results


def _answer(checks: dict) -> JsonResponse:
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse({"status": "ok" if healthy else "unhealthy", "checks": checks}, status=200 if healthy else 503)


@never_cache
@require_safe
def live(request):
    return _answer({"database": _timed(check_database)})


@never_cache
@require_safe
def health(request):
    checks = {"database": _timed(check_database), "redis": _timed(check_redis)}
    if checks["database"]["ok"]:
        try:
            checks.update(check_processes())
        except Exception as error:  # noqa: BLE001 - e.g. the table is missing before migrate
            checks["processes"] = {"ok": False, "error": type(error).__name__}
    else:
        checks["processes"] = {"ok": False, "error": "database unreachable"}
    return _answer(checks)
