"""Limits on how often the public forms can be used from one address or for one email, so
nobody can flood a course's waiting list or someone's inbox. Counts live in the default cache."""

import logging

from django.conf import settings
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

TOO_MANY = (
    "You have sent this form a lot of times in a short while, so we have paused it for now. "
    "Please try again in an hour, or call us and we will help."
)


def _is_limited(request, **limit) -> bool:
    """django-ratelimit's answer, saying so in the log when it could not count (the cache, Redis,
    is down): RATELIMIT_FAIL_OPEN lets the person through rather than refuse everyone."""
    usage = get_usage(request, **limit)
    if usage is None:
        if getattr(settings, "RATELIMIT_ENABLE", True):
            logger.warning("Rate limit %s not counted: the cache is unavailable, so it was let through", limit["group"])
        return False
    return usage["should_limit"]


def too_many_from_address(request, action: str) -> bool:
    return _is_limited(request, group=f"{action}:ip", key="ip", rate=settings.RATE_LIMITS[action]["ip"], increment=True)


def too_many_for_email(request, action: str, email: str | None) -> bool:
    if not email:
        return False
    return _is_limited(
        request,
        group=f"{action}:email",
        key=lambda group, request: email,
        rate=settings.RATE_LIMITS[action]["email"],
        increment=True,
    )
