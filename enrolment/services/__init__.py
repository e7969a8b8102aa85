"""Enrolment services: the one place where places are taken, freed, offered and given.

Views, the Wagtail admin and Celery tasks call these functions; none of them changes enrolment
rows directly. Each function takes ids (so callers never pass stale rows), locks the run, checks
the rules, records a StateChange and publishes OutboxEvents in the same transaction, and raises
an EnrolmentError subclass whose message is safe to show."""

from ..errors import (
    EnrolmentClosed,
    EnrolmentError,
    EnrolmentNotOpenYet,
    OfferExpired,
    OfferNotLive,
    ReasonRequired,
    RunCancelled,
)
from .changes import (
    accept_offer,
    cancel_enrolment,
    decline_offer,
    expire_due_offers,
    leave_waitlist,
    move_up,
    offer_free_places,
    offer_places_as_enrolment_opens,
    remind_offers_ending,
)
from .joining import JoinResult, Outcome, join_run, normalise_email, wait_for_any_date
from .run_changes import close_cancelled_run, people_to_tell, tell_run_changed
from .students import set_reminders

__all__ = [
    "EnrolmentClosed",
    "EnrolmentError",
    "EnrolmentNotOpenYet",
    "JoinResult",
    "OfferExpired",
    "OfferNotLive",
    "Outcome",
    "ReasonRequired",
    "RunCancelled",
    "accept_offer",
    "cancel_enrolment",
    "decline_offer",
    "expire_due_offers",
    "join_run",
    "leave_waitlist",
    "move_up",
    "normalise_email",
    "offer_free_places",
    "offer_places_as_enrolment_opens",
    "remind_offers_ending",
    "set_reminders",
    "wait_for_any_date",
    "close_cancelled_run",
    "tell_run_changed",
    "people_to_tell",
]
