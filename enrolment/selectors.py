"""Reading the booking state: whether a run can be joined, places taken and free, who is waiting
for a run and in what order, and when joining ends. Only reads: every change goes through
enrolment.services, which uses these too. Each is an indexed query that does not read the whole
queue, so a page or a join costs the same with 5,000 people waiting as with none."""

import datetime as dt

from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from courses.models import CourseRun
from courses.rules import missing_expertise
from enrolment.models import Enrolment, EnrolmentSettings, Offer, WaitlistEntry
from enrolment.models.places import Source
from home.templatetags.site_tags import nhs_day_and_time

from . import errors


def places_taken_expression():
    """A run's places taken (run = OuterRef("pk")): confirmed enrolments plus places held by live
    offers, each counting one or two places (a student with a supporter takes two). The one rule:
    CourseRun.objects.with_places() annotates it (through courses/places.py) and places_taken uses it."""

    def total(queryset):
        summed = queryset.filter(run=OuterRef("pk")).order_by().values("run").annotate(n=Sum("places"))
        return Coalesce(Subquery(summed.values("n")), 0)

    return total(Enrolment.objects.holding_places()) + total(Offer.objects.live())


def places_taken(run: CourseRun) -> int:
    """Places taken on one run now (the rule in places_taken_expression)."""
    return CourseRun.objects.filter(pk=run.pk).with_places().values_list("places_taken", flat=True).get()


def free_places(run: CourseRun) -> int:
    """Places nobody holds or is being offered."""
    return max(run.capacity - places_taken(run), 0)


def joining_deadline(run: CourseRun) -> dt.datetime | None:
    """Nobody new joins once the college's 'last joining session' has started."""
    sessions = run.session_list  # in date order; the prefetched list when a listing has one
    if not sessions:
        return None
    number = EnrolmentSettings.load().last_joining_session
    return sessions[min(number, len(sessions)) - 1].starts_at


def check_can_join(run: CourseRun, *, now: dt.datetime, source: str) -> None:
    """The one rule for whether a run can take anyone new right now: raises a named EnrolmentError
    (whose message is safe to show) when it cannot. Staff taking a phone call (any other `source`)
    may enrol outside the online enrolment window and on a course not yet published."""
    if run.is_cancelled:
        raise errors.RunCancelled()
    if missing_expertise(run.facilitators.all()):
        raise errors.EnrolmentClosed()  # a run that is not co-delivered is never bookable
    deadline = joining_deadline(run)
    if deadline is None or now >= deadline:
        raise errors.EnrolmentClosed()
    if source == Source.ONLINE:
        if not run.course.live:
            raise errors.EnrolmentClosed()
        if now < run.enrolment_opens:
            raise errors.EnrolmentNotOpenYet(
                f"Enrolment for these dates opens on {nhs_day_and_time(run.enrolment_opens)}."
            )
        if now >= run.enrolment_closes:
            raise errors.EnrolmentClosed()


def open_for_enrolment(runs, *, now: dt.datetime) -> list[CourseRun]:
    """The runs among `runs` anyone could enrol on online right now, in the order given. Read in
    Python by check_can_join, so the rule is never written a second time as a query."""
    return [
        run for run in runs.select_related("course").prefetch_related("facilitators", "sessions") if _joinable(run, now)
    ]


def _joinable(run: CourseRun, now: dt.datetime) -> bool:
    try:
        check_can_join(run, now=now, source=Source.ONLINE)
    except errors.EnrolmentError:
        return False
    return True


def waiting_queue(run: CourseRun):
    """Everyone waiting who this run suits (specific and any-date waiters together), as a query
    in queue order. The suitability test runs in the database, so callers can count, test or
    take the front of the queue without reading it (a join costs the same with 5,000 waiting)."""
    enrolled = Enrolment.objects.holding_places().filter(run=run).values("student_id")
    if run.is_online:
        any_date_suits = Q(online_ok=True)
    else:
        venue_chosen = WaitlistEntry.locations.through.objects.filter(location_id=run.location_id)
        any_date_suits = Q(pk__in=venue_chosen.values("waitlistentry_id"))
    return (
        WaitlistEntry.objects.waiting()
        .filter(course_id=run.course_id)
        .filter(Q(run_id=run.pk) | (Q(run__isnull=True) & any_date_suits))
        .exclude(student_id__in=enrolled)
        .in_queue_order()
    )


def waiting_for(run: CourseRun) -> list[WaitlistEntry]:
    """The whole queue, read: for staff pages that list it, never for joining."""
    return list(waiting_queue(run).select_related("student").prefetch_related("locations"))


def someone_waiting_fits(run: CourseRun, free: int) -> bool:
    """Is anyone waiting whose party fits the places free? One indexed EXISTS query."""
    return free > 0 and waiting_queue(run).filter(places__lte=free).exists()


def position_of(entry: WaitlistEntry) -> int | None:
    """1 for the front of the queue; None once they are no longer waiting. A COUNT of those ahead
    (indexed on run or course, then queue_key, pk), so it does not read the queue."""
    if entry.status != WaitlistEntry.Status.WAITING or entry.run_id is None:
        return None
    ahead = Q(queue_key__lt=entry.queue_key) | Q(queue_key=entry.queue_key, pk__lt=entry.pk)
    return waiting_queue(entry.run).filter(ahead).order_by().count() + 1
