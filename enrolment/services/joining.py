"""Joining a run: enrolling when there is room, otherwise joining its waiting list; and waiting
for 'any date' of a course. Called by the enrolment pages, the staff admin and the tests."""

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from courses.models import CoursePage, CourseRun
from enrolment.models import Enrolment, Offer, Student, WaitlistEntry
from enrolment.models.places import Source

from .. import errors
from ..selectors import check_can_join, position_of, someone_waiting_fits
from .locking import lock_run
from .queue import fill_freed_places
from .records import publish, record
from .spaces import tell_pages_if_filled_or_reopened


class Outcome(Enum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    ALREADY_ENROLLED = "already_enrolled"
    ALREADY_WAITING = "already_waiting"


@dataclass(frozen=True)
class JoinResult:
    outcome: Outcome
    enrolment: Enrolment | None = None
    entry: WaitlistEntry | None = None
    position: int | None = None


def normalise_email(email: str | None) -> str | None:
    """How we match a returning student: case and surrounding spaces ignored."""
    cleaned = (email or "").strip().lower()
    return cleaned or None


def join_run(
    *,
    run_id: int,
    student: Student,
    places: int = 1,
    supporter_name: str = "",
    source: str = Source.ONLINE,
    actor=None,
    over_capacity_reason: str = "",
    now: dt.datetime | None = None,
    known_run: CourseRun | None = None,
    tell_position: bool = True,
    new_student: bool = False,
) -> JoinResult:
    """Enrol `student` on the run if there is room for their party and nobody waiting could take
    it; otherwise put them on its waiting list. Asking twice changes nothing.

    Staff may enrol beyond capacity by giving `over_capacity_reason` (recorded). Raises
    EnrolmentError subclasses when the run cannot take anyone. Side effects: state change and
    outbox rows in the same transaction. `known_run`: the run as the caller read it moments ago
    (see lock_run). `tell_position=False` leaves the result's position out: counting the people
    ahead costs more the longer the queue, and the public form does not show it (the email does).
    `new_student`: created in the caller's transaction, so they hold nothing to look for (the
    database's one-place-per-run constraints still stand behind that)."""
    with transaction.atomic():
        run = lock_run(run_id, known=known_run)
        # Stamped after the lock, so queue order is the order in which requests got the lock.
        now = now or timezone.now()
        check_can_join(run, now=now, source=source)
        taken, claim = _places_taken_and_claim(run, None if new_student else student)
        if isinstance(claim, Enrolment):
            return JoinResult(Outcome.ALREADY_ENROLLED, enrolment=claim)
        if isinstance(claim, WaitlistEntry):
            position = position_of(claim) if tell_position else None
            return JoinResult(Outcome.ALREADY_WAITING, entry=claim, position=position)
        if isinstance(claim, Offer):
            # Waiting for any date of the course and already offered a place on this run: that
            # offer is their way in (enrolling as well would give them the run twice).
            return JoinResult(Outcome.ALREADY_WAITING, entry=claim.entry)
        free = max(run.capacity - taken, 0)
        normal = places <= free and not someone_waiting_fits(run, free)
        if normal or over_capacity_reason:
            # Past the normal rule (over capacity, or ahead of someone waiting) only by a staff
            # decision, which is flagged and keeps its reason.
            override = "" if normal else over_capacity_reason
            enrolment = _enrol(run, student, places, supporter_name, source, actor, override, now)
            tell_pages_if_filled_or_reopened(free_before=free, free_after=free - places)
            return JoinResult(Outcome.ENROLLED, enrolment=enrolment)
        entry = _wait(run, student, places, supporter_name, source, actor, now)
        return JoinResult(Outcome.WAITLISTED, entry=entry, position=position_of(entry) if tell_position else None)


def _places_taken_and_claim(
    run: CourseRun, student: Student | None
) -> tuple[int, Enrolment | WaitlistEntry | Offer | None]:
    """The run's places taken, and the place, wait or offer the student already has on it (the
    first found, in that order), in one statement: read after the lock, so both are current.
    Without a student, only the places taken."""
    runs = CourseRun.objects.filter(pk=run.pk).with_places()
    if student is None:
        return runs.values_list("places_taken", flat=True).get(), None

    def first(rows):
        return Subquery(rows.filter(run=OuterRef("pk")).order_by().values("pk")[:1])

    taken, enrolment_id, entry_id, offer_id = (
        runs.annotate(
            enrolment_id=first(Enrolment.objects.holding_places().filter(student=student)),
            entry_id=first(WaitlistEntry.objects.filter(student=student, status__in=WaitlistEntry.LIVE)),
            offer_id=first(Offer.objects.live().filter(entry__student=student)),
        )
        .values_list("places_taken", "enrolment_id", "entry_id", "offer_id")
        .get()
    )
    if enrolment_id:
        return taken, Enrolment.objects.get(pk=enrolment_id)
    if entry_id:
        return taken, WaitlistEntry.objects.get(pk=entry_id)
    if offer_id:
        return taken, Offer.objects.select_related("entry").get(pk=offer_id)
    return taken, None


def _enrol(run, student, places, supporter_name, source, actor, over_capacity_reason, now) -> Enrolment:
    over = bool(over_capacity_reason)
    if over and not getattr(actor, "pk", None):
        raise errors.EnrolmentError("Only staff can enrol someone beyond a course's capacity.")
    enrolment = Enrolment.objects.create(
        run=run,
        student=student,
        places=places,
        supporter_name=supporter_name,
        source=source,
        over_capacity=over,
        created_by=_user(actor),
    )
    record(
        "enrolment",
        enrolment,
        student=student,
        run=run,
        from_state="",
        to_state=enrolment.status,
        actor=actor,
        reason=over_capacity_reason if over else "",
        now=now,
    )
    publish("confirmed", enrolment, student=student, run=run, now=now)
    return enrolment


def _wait(run, student, places, supporter_name, source, actor, now) -> WaitlistEntry:
    entry = WaitlistEntry.objects.create(
        student=student,
        course_id=run.course_id,
        run=run,
        places=places,
        supporter_name=supporter_name,
        source=source,
        queue_key=now,
    )
    record("waitlist", entry, student=student, run=run, from_state="", to_state=entry.status, actor=actor, now=now)
    publish("waitlisted", entry, student=student, run=run, now=now)
    return entry


def wait_for_any_date(
    *,
    course: CoursePage,
    student: Student,
    online_ok: bool,
    location_ids=(),
    places: int = 1,
    supporter_name: str = "",
    source: str = Source.ONLINE,
    actor=None,
    now: dt.datetime | None = None,
) -> WaitlistEntry:
    """Wait for the first place on any run of `course` that suits (online and/or chosen venues).
    If a suitable run already has room, the place is offered straight away."""
    if not online_ok and not location_ids:
        raise errors.EnrolmentError("Choose at least one place, or online, so we know which dates suit you.")
    with transaction.atomic():
        # Locking the student makes two simultaneous "any date" requests from one person queue up,
        # so the second finds the first's entry instead of breaking the one-entry-per-course rule.
        Student.objects.select_for_update().filter(pk=student.pk).first()
        now = now or timezone.now()
        entry = WaitlistEntry.objects.filter(
            student=student, course=course, run__isnull=True, status__in=WaitlistEntry.LIVE
        ).first()
        if entry:
            return entry
        entry = WaitlistEntry.objects.create(
            student=student,
            course=course,
            online_ok=online_ok,
            places=places,
            supporter_name=supporter_name,
            source=source,
            queue_key=now,
        )
        entry.locations.set(location_ids)
        record(
            "waitlist",
            entry,
            student=student,
            run=None,
            from_state="",
            to_state=entry.status,
            actor=actor,
            reason="any date",
            now=now,
        )
        for run in CourseRun.objects.upcoming(timezone.localdate(now)).filter(course=course):
            fill_freed_places(lock_run(run.pk), now=now, actor=actor)
        entry.refresh_from_db()
        # Offered (or given) a place at once, they are owed that email alone: "you are on the
        # waiting list" followed a second later by "a place has come up" only confuses.
        if entry.status == WaitlistEntry.Status.WAITING:
            publish("waitlisted", entry, student=student, run=None, now=now)
        return entry


def _user(actor):
    return actor if getattr(actor, "pk", None) else None
