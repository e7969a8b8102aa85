"""Changes after joining: cancelling, answering or running out of an offer, leaving the waiting
list, and staff moving someone up. Every freed place goes straight to the queue (queue.py)."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment, EnrolmentSettings, Offer, WaitlistEntry

from .. import errors
from .locking import lock_run
from .queue import cancel_place, enrol_from_waitlist, fill_freed_places, set_entry_status
from .records import publish, record


def cancel_enrolment(
    *, enrolment_id: int, actor="student", reason: str = "", now: dt.datetime | None = None
) -> Enrolment:
    """Cancel a confirmed enrolment and hand its places to the people waiting. Cancelling twice
    changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        run_id = Enrolment.objects.values_list("run_id", flat=True).get(pk=enrolment_id)
        run = lock_run(run_id)
        enrolment = Enrolment.objects.select_related("student").get(pk=enrolment_id)
        if enrolment.status != Enrolment.Status.CONFIRMED:
            return enrolment
        cancel_place(enrolment, run=run, actor=actor, reason=reason, now=now)
        publish("cancelled", enrolment, student=enrolment.student, run=run, now=now)
        # The follow-on offer is the rules' doing.
        fill_freed_places(run, now=now, actor="system", freed=enrolment.places)
        return enrolment


def _locked_offer(offer_id: int):
    run_id = Offer.objects.values_list("run_id", flat=True).get(pk=offer_id)
    run = lock_run(run_id)
    offer = Offer.objects.select_related("entry__student").get(pk=offer_id)
    return run, offer


def accept_offer(*, offer_id: int, actor="student", now: dt.datetime | None = None) -> Enrolment:
    """Turn a live offer into an enrolment. Raises OfferExpired after the hold ran out (and
    passes the place on), OfferNotLive when it was already answered."""
    now = now or timezone.now()
    with transaction.atomic():
        run, offer = _locked_offer(offer_id)
        if offer.status == Offer.Status.LIVE and now >= offer.expires_at:
            _close_offer(run, offer, Offer.Status.EXPIRED, WaitlistEntry.Status.EXPIRED, actor="system", now=now)
        if offer.status == Offer.Status.LIVE:
            _set_offer_status(run, offer, Offer.Status.ACCEPTED, actor=actor, now=now)
            return enrol_from_waitlist(offer.entry, run, now=now, actor=actor)
        if offer.status != Offer.Status.EXPIRED:
            raise errors.OfferNotLive()
    # Raised once the block has committed, so a late acceptance still passes the place on.
    raise errors.OfferExpired()


def decline_offer(*, offer_id: int, actor="student", now: dt.datetime | None = None) -> Offer:
    """Turn down a live offer; the place goes to the next person waiting. Raises OfferNotLive
    when it was already answered or ran out."""
    now = now or timezone.now()
    with transaction.atomic():
        run, offer = _locked_offer(offer_id)
        if offer.status != Offer.Status.LIVE:
            raise errors.OfferNotLive()
        _close_offer(run, offer, Offer.Status.DECLINED, WaitlistEntry.Status.DECLINED, actor=actor, now=now)
        return offer


def expire_due_offers(*, now: dt.datetime | None = None) -> int:
    """Close every live offer whose hold has run out and pass each place on. Run periodically."""
    now = now or timezone.now()
    expired = 0
    for offer_id in Offer.objects.live().filter(expires_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            run, offer = _locked_offer(offer_id)
            if offer.status == Offer.Status.LIVE:
                _close_offer(run, offer, Offer.Status.EXPIRED, WaitlistEntry.Status.EXPIRED, actor="system", now=now)
                expired += 1
    return expired


def remind_offers_ending(*, now: dt.datetime | None = None) -> int:
    """Tell each person holding an offer, once, that it ends soon: `offer_reminder_hours` before
    the end, or halfway through a hold shorter than twice that. Run periodically."""
    now = now or timezone.now()
    lead = dt.timedelta(hours=EnrolmentSettings.load().offer_reminder_hours)
    reminded = 0
    unreminded = (
        Offer.objects.live()
        .filter(reminded_at__isnull=True, expires_at__gt=now)
        .select_related("entry__student", "run")
    )
    for offer in unreminded:
        if now < offer.expires_at - min(lead, (offer.expires_at - offer.offered_at) / 2):
            continue
        with transaction.atomic():
            # The conditional update is the claim: two sweeps at once remind a person once.
            if Offer.objects.live().filter(pk=offer.pk, reminded_at__isnull=True).update(reminded_at=now):
                publish("offer_ending", offer, student=offer.entry.student, run=offer.run, now=now)
                reminded += 1
    return reminded


def leave_waitlist(
    *, entry_id: int, actor="student", reason: str = "", now: dt.datetime | None = None
) -> WaitlistEntry:
    """Leave a waiting list, turning down any place offered meanwhile. Leaving twice changes nothing."""
    now = now or timezone.now()
    for _ in range(3):
        with transaction.atomic():
            # Lock order is always run, then entry (as fill_freed_places does), so no deadlock.
            offer_run_id = Offer.objects.live().filter(entry_id=entry_id).values_list("run_id", flat=True).first()
            run_id = offer_run_id or WaitlistEntry.objects.values_list("run_id", flat=True).get(pk=entry_id)
            run = lock_run(run_id) if run_id else None
            entry = WaitlistEntry.objects.select_for_update().select_related("student").get(pk=entry_id)
            offer = Offer.objects.live().filter(entry=entry).select_related("entry__student").first()
            if offer and offer.run_id != run_id:
                continue  # offered a place on another run since we looked: try again under that run's lock
            if offer:
                _close_offer(
                    run,
                    offer,
                    Offer.Status.DECLINED,
                    WaitlistEntry.Status.DECLINED,
                    actor=actor,
                    now=now,
                    reason=reason,
                )
            elif entry.status == WaitlistEntry.Status.WAITING:
                set_entry_status(entry, WaitlistEntry.Status.LEFT, run=entry.run, now=now, actor=actor, reason=reason)
            return entry
    raise errors.EnrolmentError()


def move_up(*, entry_id: int, ahead_of_id: int, reason: str, actor, now: dt.datetime | None = None) -> WaitlistEntry:
    """Staff only, with a reason: put one person just ahead of another in the same queue."""
    now = now or timezone.now()
    if not getattr(actor, "pk", None):
        raise errors.EnrolmentError("Only staff can move someone up a waiting list.")
    if not reason.strip():
        raise errors.ReasonRequired()
    with transaction.atomic():
        run_id = WaitlistEntry.objects.values_list("run_id", flat=True).get(pk=entry_id)
        if run_id:
            lock_run(run_id)
        entry = WaitlistEntry.objects.select_for_update().select_related("student").get(pk=entry_id)
        ahead_of = WaitlistEntry.objects.get(pk=ahead_of_id)
        same_queue = (ahead_of.course_id, ahead_of.run_id) == (entry.course_id, entry.run_id)
        if not same_queue or {entry.status, ahead_of.status} != {WaitlistEntry.Status.WAITING}:
            raise errors.EnrolmentError("They are not both waiting in the same queue, so nobody was moved.")
        if (entry.queue_key, entry.pk) < (ahead_of.queue_key, ahead_of.pk):
            return entry  # already ahead
        # Halfway between ahead_of and whoever is just in front of them, so two moves never tie.
        before = (
            WaitlistEntry.objects.filter(
                course_id=entry.course_id, run_id=entry.run_id, queue_key__lt=ahead_of.queue_key
            )
            .exclude(pk=entry.pk)
            .order_by("-queue_key")
            .values_list("queue_key", flat=True)
            .first()
        )
        gap = (ahead_of.queue_key - before) / 2 if before else dt.timedelta(seconds=1)
        entry.queue_key = ahead_of.queue_key - gap
        entry.save(update_fields=["queue_key"])
        record(
            "waitlist",
            entry,
            student=entry.student,
            run=entry.run,
            from_state=entry.status,
            to_state=entry.status,
            actor=actor,
            reason=f"moved up: {reason.strip()}",
            now=now,
        )
        return entry


def offer_free_places(*, run_id: int, now: dt.datetime | None = None) -> None:
    """After staff raise a run's capacity (or re-open it), offer the new places to those waiting."""
    with transaction.atomic():
        fill_freed_places(lock_run(run_id), now=now or timezone.now(), actor="system")


def offer_places_as_enrolment_opens(*, now: dt.datetime | None = None) -> int:
    """Offer the free places of every run whose enrolment is open to the people waiting for it,
    in queue order. Places are never offered before a run's enrolment opens, so this is how the
    waiting list (specific and 'any date' waiters) is considered the minute it opens. Run
    periodically; a second run finds the places already held by offers, so nobody is offered twice."""
    now = now or timezone.now()
    waited_for = WaitlistEntry.objects.waiting().values("course_id")
    runs = (
        CourseRun.objects.upcoming(timezone.localdate(now))
        .with_places()
        .filter(enrolment_opens__lte=now, course_id__in=waited_for, places_taken__lt=F("capacity"))
        .values_list("pk", flat=True)
    )
    given = 0
    for run_id in list(runs):
        with transaction.atomic():
            given += fill_freed_places(lock_run(run_id), now=now, actor="system")
    return given


def _set_offer_status(run, offer: Offer, status: str, *, actor, now) -> None:
    previous, offer.status, offer.decided_at = offer.status, status, now
    offer.save(update_fields=["status", "decided_at"])
    record(
        "offer", offer, student=offer.entry.student, run=run, from_state=previous, to_state=status, actor=actor, now=now
    )


def _close_offer(run, offer: Offer, offer_status: str, entry_status: str, *, actor, now, reason: str = "") -> None:
    _set_offer_status(run, offer, offer_status, actor=actor, now=now)
    set_entry_status(offer.entry, entry_status, run=run, now=now, actor=actor, reason=reason)
    if offer_status == Offer.Status.EXPIRED:
        publish("offer_expired", offer, student=offer.entry.student, run=run, now=now)
    fill_freed_places(run, now=now, actor="system", freed=offer.places)
