"""Limits on how often the public forms can be used from one address or for one email, so
nobody can flood a course's waiting list or someone's inbox. Counts live in the default cache."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

TOO_MANY = ("You have sent this form a lot of times in a short while, so we have paused it for now. "
            "Please try again in an hour, or call us and we will help.")


def too_many_from_address(request, action: str) -> bool:
    return is_ratelimited(request, group=f"{action}:ip", key="ip",
                          rate=settings.RATE_LIMITS[action]["ip"], increment=True)


def too_many_for_email(request, action: str, email: str | None) -> bool:
    if not email:
        return False
    return is_ratelimited(request, group=f"{action}:email", key=lambda group, request: email,
                          rate=settings.RATE_LIMITS[action]["email"], increment=True)
