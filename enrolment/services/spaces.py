"""Telling the public pages that a run has filled or has room again.

Course pages and course dates show each run's spaces left, and the page cache keeps anonymous
visitors' copies for a few seconds (home/page_cache.py). Emptying every copy at each place taken
would, in a term-opening rush, empty the cache for everyone all the time; a copy showing "4 spaces
left" for a few seconds when there are 3 misleads nobody (the enrolment form checks again). A copy
showing room on a run that has just filled, or "full" on one that has room again, would: at those
two moments a new content version empties every copy at once (home/content_version.py)."""

from home import content_version


def tell_pages_if_filled_or_reopened(*, free_before: int, free_after: int) -> None:
    """Call inside the transaction that changed a run's places, with its free places either side
    of the change (read under the run's lock): a new content version once it commits when the run
    has just filled or has room again, nothing otherwise."""
    if (free_before > 0) != (free_after > 0):
        content_version.content_changed()
