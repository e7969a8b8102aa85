"""How many places a run has taken is the booking side's knowledge: enrolment (which sits above
courses and may import it, never the reverse) counts confirmed places and places held by offers.
Listings here ask through this port; enrolment connects its rule as Django starts
(enrolment.apps.EnrolmentConfig.ready, from enrolment.selectors)."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Expression

_places_taken: Callable[[], Expression] | None = None


def connect(places_taken: Callable[[], Expression]) -> None:
    """`places_taken()` returns an expression for one run's places taken (run = OuterRef("pk"))."""
    global _places_taken
    _places_taken = places_taken


def places_taken() -> Expression:
    """The connected rule's expression for one run's places taken."""
    if _places_taken is None:
        raise ImproperlyConfigured("No places rule is connected: add 'enrolment' to INSTALLED_APPS.")
    return _places_taken()
