"""One token for "what the public site shows": it changes whenever anything a public page shows
changes (a page published, a run, a session, a venue, a setting, a run filling up). Cached copies
of pages and of their parts are stamped with the token they were built under, and a copy stamped
with an older token is never served.

Callers: the page cache (home/page_cache.py) and any fragment cache of public content. Whoever
changes public content calls `content_changed()`; the receivers that do so for every model live
beside their models' apps (see docs/public-pages.md, "Page cache").

The token lives in the default cache (Redis in production), so every web process sees a change
at once. If the cache is unreachable, `current()` answers a token nobody's copy carries, which is
a miss for everyone: the site is slower but never stale."""

import uuid

from django.core.cache import cache
from django.db import transaction

KEY = "content-version"
# Returned when the cache cannot be read: matches no stored copy.
UNKNOWN = "unknown"


def current() -> str:
    """The token now; a new one is made when none is stored (first use, or the cache emptied)."""
    token = cache.get(KEY)
    if token is None:
        token = uuid.uuid4().hex
        # add(), not set(): two processes starting at once agree on whichever token came first.
        if not cache.add(KEY, token, timeout=None):
            token = cache.get(KEY, UNKNOWN)
    return token


def content_changed() -> None:
    """A new token, once the change is committed: a reader who rendered the old content before the
    commit stamps its copy with the old token, so that copy is never served."""
    transaction.on_commit(lambda: cache.set(KEY, uuid.uuid4().hex, timeout=None))
