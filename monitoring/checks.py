"""Start-up checks on Redis: the broker must never evict a message.

Redis evicts keys when it runs out of memory unless `maxmemory-policy` is `noeviction`; for the
cache that is fine, for the broker it would silently drop queued emails. Checked by
`manage.py check --deploy` (a Django system check) and by every worker as it starts
(college/celery.py). Managed Redis often disables CONFIG: then we say we could not check. A Redis
that is down or unreachable gives a warning after a short timeout, never a failure or a hang."""

from django.conf import settings
from django.core import checks

WANTED_POLICY = "noeviction"


def broker_eviction_problem(url: str, *, timeout: float = 1.0) -> str:
    """'' when the broker at `url` is set not to evict, else what is wrong, in a sentence."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        policy = client.config_get("maxmemory-policy").get("maxmemory-policy")
    except redis.exceptions.ResponseError:  # CONFIG renamed or disabled, as managed Redis does
        return f"Could not check the broker's maxmemory-policy (CONFIG is disabled): make sure it is {WANTED_POLICY}."
    except redis.exceptions.RedisError as error:
        return f"Could not reach the broker to check its maxmemory-policy ({type(error).__name__})."
    finally:
        client.close()
    if policy != WANTED_POLICY:
        return (
            f"The broker's maxmemory-policy is {policy}: Redis may evict queued messages when "
            f"memory runs short. Set maxmemory-policy {WANTED_POLICY} for the broker's Redis."
        )
    return ""


@checks.register(checks.Tags.caches, deploy=True)
def check_broker_never_evicts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    url = settings.REDIS_URL
    if not url.startswith(("redis://", "rediss://")):
        return []
    problem = broker_eviction_problem(url)
    return [checks.Warning(problem, hint="See README: Redis.", id="college.W001")] if problem else []


@checks.register(checks.Tags.caches, deploy=True)
def check_cache_apart_from_broker(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if settings.REDIS_URL and settings.REDIS_CACHE_URL == settings.REDIS_URL:
        return [
            checks.Warning(
                "The cache and the Celery broker share one Redis database.",
                hint="Give REDIS_CACHE_URL another database number (see README: Redis).",
                id="college.W002",
            )
        ]
    return []
