"""The page cache: anonymous visitors' copies of public pages, kept for PAGE_CACHE_SECONDS in the
default cache (Redis in production, so every web process shares them; memory in the demo).

Opt-in: only a response its view marks (`cache_public_page` for a view, `PublicPageCacheMixin` for
a Wagtail page type) is ever stored. A copy is served only while the content version it was
stamped with is still current (home/content_version.py): publishing a page, saving a run and a run
filling up all make a new version, so the next visitor gets a fresh page. Whatever no version
covers (spaces left as places are taken, enrolment opening at its hour) is at most
PAGE_CACHE_SECONDS old. docs/public-pages.md, "Page cache", has the whole story.

Placed just below SecurityMiddleware: a hit skips everything else, and the copy stored is the one
GZipMiddleware compressed (a copy for browsers that take gzip, one for those that do not). The
random padding GZipMiddleware adds against BREACH is then the same for everyone who gets that
copy; it guards secrets, and a stored page has none (a page holding a CSRF token sets the cookie,
so it is never stored)."""

import functools
import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import reverse

from . import content_version

# The attribute a view sets on its response to say "the same for every anonymous visitor".
MARK = "college_public_page"
HEADER = "X-Cache"
# Never copied into a stored entry (none is on a response we store, but a header added later
# must not slip through).
PRIVATE_HEADERS = {"set-cookie", HEADER.lower()}
# After finding the cache unreachable, a process stops asking it for this long: every page would
# otherwise wait for the cache's time-out, twice, before being rendered anyway.
UNREACHABLE_PAUSE = 5.0
_unreachable_until = 0.0


def cache_public_page(view):
    """Mark a view's responses as public pages the page cache may keep (it still refuses any
    that sets a cookie, asks not to be stored, or is not a 200)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return mark_public(view(request, *args, **kwargs))

    return wrapper


def mark_public(response):
    setattr(response, MARK, True)
    return response


class PublicPageCacheMixin:
    """For Wagtail page types whose pages are the same for every anonymous visitor. Only `serve`
    marks the response: a private page (a view restriction) is answered by Wagtail's
    `before_serve_page` hook with a sign-in or password page, never by `serve`, so it is never
    stored; nor is a preview (`serve_preview`)."""

    def serve(self, request, *args, **kwargs):
        return mark_public(super().serve(request, *args, **kwargs))


class PublicPageCache:
    """The middleware: answer from a stored copy when there is a current one, else render the page
    and store it when it may be."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not is_anonymous_public_get(request) or time.monotonic() < _unreachable_until:
            return self.get_response(request)
        key = entry_key(request)
        found = cache.get_many([key, content_version.KEY])
        # Read before the view runs: a page rendered from data changed meanwhile carries the older
        # token, and is never served after the change.
        token = content_version.known_or_new(found.get(content_version.KEY))
        if token == content_version.UNKNOWN:
            _pause_after_unreachable_cache()
        entry = found.get(key)
        if entry and token != content_version.UNKNOWN and entry[0] == token:
            return _from_entry(entry)
        started = time.monotonic()
        response = self.get_response(request)
        # A copy expires PAGE_CACHE_SECONDS after the data it shows was read, not after it was stored.
        timeout = seconds - (time.monotonic() - started)
        if token != content_version.UNKNOWN and timeout > 0 and may_store(response):
            cache.set(key, _entry(token, response), timeout)
        response[HEADER] = "miss"
        return response


@functools.cache
def _excluded_prefixes() -> tuple[str, ...]:
    return (settings.STATIC_URL, settings.MEDIA_URL, reverse("wagtailadmin_home"))


def is_anonymous_public_get(request) -> bool:
    """Could this request be answered with someone else's copy? A GET by someone signed in to
    nothing (no session: staff and students always get fresh pages) and with no message waiting."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not getattr(request, "is_dummy", False)  # a Wagtail preview
        and not request.path.startswith(_excluded_prefixes())
    )


def entry_key(request) -> str:
    """One entry per address (scheme, host, path and query string) and per gzip or not."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    gzip = "gz" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "id"
    return f"page:{gzip}:{hashlib.sha256(address.encode()).hexdigest()}"


def may_store(response) -> bool:
    """Only a page its view marked public, answered in full, that sets no cookie (a CSRF token,
    a session) and does not ask to be kept private or fresh."""
    cache_control = response.get("Cache-Control", "").lower()
    policy = response.get("Content-Security-Policy", "") + response.get("Content-Security-Policy-Report-Only", "")
    return (
        getattr(response, MARK, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and "'nonce-" not in policy  # a nonce is for one response only
    )


def _entry(token: str, response) -> tuple:
    headers = [(name, value) for name, value in response.items() if name.lower() not in PRIVATE_HEADERS]
    return (token, response.status_code, headers, response.content)


def _from_entry(entry) -> HttpResponse:
    _, status, headers, body = entry
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


def _pause_after_unreachable_cache() -> None:
    global _unreachable_until
    _unreachable_until = time.monotonic() + UNREACHABLE_PAUSE
