"""Handing freed places to the people waiting for them (who is waiting, in what order, and how
many places are free are read by enrolment/selectors.py).

The fairness rule: freed places go to people in queue order. Someone whose party does not fit
the places free (a student with a supporter needs two places together, both or neither) keeps
their position and is skipped for now; the next person whose party fits gets the place. So nobody
is offered a place while someone ahead of them who could take it waits, and no place sits empty
while anyone who could take it waits."""

import datetime as dt

from django.db.models import Q

from courses.models import CourseRun
from enrolment.models import Enrolment, EnrolmentSettings, Offer, WaitlistEntry
from enrolment.selectors import free_places, joining_deadline, waiting_queue

from .records import publish, record
from .spaces import tell_pages_if_filled_or_reopened


def offer_expiry(run: CourseRun, now: dt.datetime) -> dt.datetime | None:
    """When an offer made now runs out: after the college's hold window, or sooner if the next
    session starts sooner (nobody should get a place after the session they needed it for)."""
    hold = dt.timedelta(hours=EnrolmentSettings.load().offer_hold_hours)
    deadline = joining_deadline(run)
    if deadline is None or now >= deadline:
        return None
    next_start = next((s.starts_at for s in run.sessions.order_by("date", "start_time") if s.starts_at > now), deadline)
    return min(now + hold, next_start, deadline)


def enrolment_has_opened(run: CourseRun, now: dt.datetime) -> bool:
    """Places are handed out only once a run's enrolment has opened, so waiting for 'any date'
    (or a place freed early) never gets anyone in ahead of those waiting for it to open. After
    enrolment closes, people already waiting still get freed places until the late-joining limit."""
    return now >= run.enrolment_opens


def fill_freed_places(run: CourseRun, *, now: dt.datetime, actor=None, freed: int = 0) -> int:
    """Offer (or, with automatic confirmation, give) free places to the people waiting, and
    say how many people were offered or given one. The caller holds the run's lock, and says how
    many places it has just freed, so the public pages hear when the run has room again or, once
    the places are offered, has filled (spaces.py)."""
    if run.is_cancelled or (not freed and not enrolment_has_opened(run, now)):
        return 0  # the sweep offers them when enrolment opens (offer_places_as_enrolment_opens)
    free = free_places(run)
    given, still_free = _hand_out(run, free, now=now, actor=actor)
    tell_pages_if_filled_or_reopened(free_before=free - freed, free_after=still_free)
    return given


def _hand_out(run: CourseRun, free: int, *, now: dt.datetime, actor) -> tuple[int, int]:
    """(people offered or given a place, places still free)."""
    if free == 0 or not enrolment_has_opened(run, now):
        return 0, free
    expires_at = offer_expiry(run, now)
    if expires_at is None:
        return 0, free
    given = 0
    automatic = EnrolmentSettings.load().automatic_confirmation
    # Late-bound on purpose: the generator reads the places still free as this loop hands them out.
    for entry in _fitting_in_queue_order(run, lambda: free):  # noqa: B023
        if entry.places > free:
            continue  # a party that does not fit keeps its place in the queue
        if not still_waiting(entry):
            continue  # an any-date waiter offered a place on another run, or who just left
        if automatic:
            enrol_from_waitlist(entry, run, now=now, actor=actor)
        else:
            make_offer(entry, run, expires_at=expires_at, now=now, actor=actor)
        given += 1
        free -= entry.places
        if free == 0:
            break
    return given, free


def _fitting_in_queue_order(run: CourseRun, free, page: int = 20):
    """Waiting parties that fit the places still free, a page at a time in queue order: a freed
    place is usually taken by the first of them, so a long queue is not read. Each page starts
    after the last entry seen, so rows changed meanwhile (offered, enrolled) never shift it."""
    queue = waiting_queue(run).select_related("student")
    after = Q()
    while free() > 0:
        batch = list(queue.filter(after, places__lte=free())[:page])
        yield from batch
        if len(batch) < page:
            return
        last = batch[-1]
        after = Q(queue_key__gt=last.queue_key) | Q(queue_key=last.queue_key, pk__gt=last.pk)


def still_waiting(entry: WaitlistEntry) -> bool:
    """Re-read under a row lock. Any-date waiters can be reached from several runs, each under its
    own run lock, so the entry row is what makes one of them win (and a 'leave' stick)."""
    return WaitlistEntry.objects.select_for_update().filter(pk=entry.pk, status=WaitlistEntry.Status.WAITING).exists()


def make_offer(entry: WaitlistEntry, run: CourseRun, *, expires_at: dt.datetime, now: dt.datetime, actor) -> Offer:
    """Hold a freed place for the person at the front of the queue and owe them the offer."""
    offer = Offer.objects.create(
        entry=entry,
        run=run,
        places=entry.places,
        offered_at=now,
        expires_at=expires_at,
        by_phone=not entry.student.can_be_emailed,
    )
    set_entry_status(entry, WaitlistEntry.Status.OFFERED, run=run, now=now, actor=actor)
    record("offer", offer, student=entry.student, run=run, from_state="", to_state=offer.status, actor=actor, now=now)
    publish("offered", offer, student=entry.student, run=run, now=now)
    return offer


def enrol_from_waitlist(entry: WaitlistEntry, run: CourseRun, *, now: dt.datetime, actor) -> Enrolment:
    """Give a waiting person the place (an accepted offer, or automatic confirmation) and owe them
    the confirmation."""
    enrolment = Enrolment.objects.create(
        run=run,
        student=entry.student,
        places=entry.places,
        supporter_name=entry.supporter_name,
        source=entry.source,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    set_entry_status(entry, WaitlistEntry.Status.ENROLLED, run=run, now=now, actor=actor)
    record(
        "enrolment",
        enrolment,
        student=entry.student,
        run=run,
        from_state="",
        to_state=enrolment.status,
        actor=actor,
        reason="from the waiting list",
        now=now,
    )
    publish("confirmed", enrolment, student=entry.student, run=run, now=now)
    return enrolment


def set_entry_status(entry: WaitlistEntry, status: str, *, run, now, actor, reason: str = "") -> None:
    """Move a waiting-list entry to `status`, recording the move."""
    previous, entry.status = entry.status, status
    entry.save(update_fields=["status"])
    record(
        "waitlist",
        entry,
        student=entry.student,
        run=run,
        from_state=previous,
        to_state=status,
        actor=actor,
        reason=reason,
        now=now,
    )


def cancel_place(enrolment: Enrolment, *, run, actor, reason: str, now) -> None:
    """Mark a confirmed place cancelled and record who did it and why; the caller holds the run's
    lock, owes the right email and hands the freed places on."""
    enrolment.status, enrolment.cancelled_at = Enrolment.Status.CANCELLED, now
    enrolment.save(update_fields=["status", "cancelled_at"])
    record(
        "enrolment",
        enrolment,
        student=enrolment.student,
        run=run,
        from_state="confirmed",
        to_state=enrolment.status,
        actor=actor,
        reason=reason,
        now=now,
    )
