"""One token for "what the public site shows": it changes whenever anything a public page shows
changes (a page published, a run, a session, a venue, a setting, a run filling up). Cached copies
of pages and of their parts are stamped with the token they were built under, and a copy stamped
with an older token is never served.

Callers: the page cache (home/page_cache.py) and any fragment cache of public content. Whoever
changes public content calls `content_changed()`; the receivers that do so for every model live
beside their models' apps (see docs/public-pages.md, "Page cache").

The token lives in the default cache (Redis in production), so every web process sees a change
at once. If the cache is unreachable, `current()` answers UNKNOWN, a token nobody's copy carries
and nobody may store a copy under: a miss for everyone, so the site is slower but never stale.
A change made while the cache is unreachable is not recorded: copies must also expire on their
own (the page cache keeps one for PAGE_CACHE_SECONDS)."""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

KEY = "content-version"
# Returned when the cache cannot be read: matches no stored copy, and no copy is stored under it.
UNKNOWN = "unknown"
# The models whose every save and delete makes a new token (`watch`); tests/test_page_cache.py
# fails for a model a public page may show that is neither here nor exempt with a reason.
WATCHED: set[type] = set()


def current() -> str:
    """The token now; a new one is made when none is stored (first use, or the cache emptied)."""
    return known_or_new(cache.get(KEY))


def known_or_new(token: str | None) -> str:
    """The token a caller read itself (`cache.get_many` with KEY among other keys, to save a round
    trip), or, when it read none, a new one as `current()` would make."""
    if token is not None:
        return token
    token = uuid.uuid4().hex
    # add(), not set(): two processes starting at once agree on whichever token came first.
    if cache.add(KEY, token, timeout=None):
        return token
    return cache.get(KEY, UNKNOWN)


def content_changed() -> None:
    """A new token, once the change is committed: a reader who rendered the old content before the
    commit stamps its copy with the old token, so that copy is never served."""
    # Robust: a cache that fails here must not stop the other on-commit work (emails owed).
    transaction.on_commit(_new_token, robust=True)


def _new_token() -> None:
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def watch(*models: type) -> None:
    """A new token after every save or delete of these models, whoever makes it (the admin, a
    script, a fixture). Called by each app's AppConfig.ready for the models it owns."""
    for model in models:
        label = model._meta.label
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"content_version.saved:{label}")
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=f"content_version.deleted:{label}")
        WATCHED.add(model)


def _saved_or_deleted(sender, **kwargs) -> None:
    content_changed()
