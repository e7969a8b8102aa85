"""Reading the booking state: whether a run can be joined, places taken and free, who is waiting
for a run and in what order, and when joining ends. Only reads: every change goes through
enrolment.services, which uses these too. Each is an indexed query that does not read the whole
queue, so a page or a join costs the same with 5,000 people waiting as with none."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import CoursePage, CourseRun, Facilitator
from courses.rules import missing_expertise
from enrolment.models import (
    Attendance,
    Enrolment,
    EnrolmentSettings,
    LearningPlan,
    Offer,
    StateChange,
    WaitlistEntry,
    WalkIn,
)
from enrolment.models.places import Source
from home.models import CollegeSettings
from home.templatetags.site_tags import nhs_day_and_time

from . import errors
from .certificates import Certificate, CoFacilitator


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


def _queue(run_id, course_id, location_id, *, online: bool):
    """The queue rule, written once: people waiting for the run itself, and 'any date' waiters the
    run suits (online, or at a venue they chose), less anyone already holding a place on it. Each
    argument is a value (one run) or an OuterRef to runs the database is listing (many at once)."""

    def deeper(ref):  # the same run, seen from a subquery one level further in
        return OuterRef(ref) if isinstance(ref, OuterRef) else ref

    enrolled = Enrolment.objects.holding_places().filter(run_id=deeper(run_id)).values("student_id")
    if online:
        any_date_suits = Q(online_ok=True)
    else:
        chosen = WaitlistEntry.locations.through.objects.filter(
            waitlistentry_id=OuterRef("pk"), location_id=deeper(location_id)
        )
        any_date_suits = Exists(chosen)
    return (
        WaitlistEntry.objects.waiting()
        .filter(course_id=course_id)
        .filter(Q(run_id=run_id) | (Q(run__isnull=True) & any_date_suits))
        .exclude(student_id__in=enrolled)
    )


def waiting_queue(run: CourseRun):
    """Everyone waiting who this run suits (specific and any-date waiters together), as a query
    in queue order. The suitability test runs in the database, so callers can count, test or
    take the front of the queue without reading it (a join costs the same with 5,000 waiting)."""
    return _queue(run.pk, run.course_id, run.location_id, online=run.is_online).in_queue_order()


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


def waiting_count_expression():
    """How many are in a run's queue (run = OuterRef("pk")), as a subquery for annotating many runs
    at once, by the same rule as waiting_queue. The staff dashboard ranks waiting lists by it."""

    def queue_size(online: bool):
        queue = _queue(OuterRef("pk"), OuterRef("course_id"), OuterRef("location_id"), online=online)
        counted = queue.order_by().values("course_id").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted), 0)

    return Case(When(format=CourseRun.Format.ONLINE, then=queue_size(True)), default=queue_size(False))


# Attendance (the "Take the register" page and the run's register).


def attendance_for(session) -> dict[int, Attendance]:
    """The marks taken at one session, by enrolment id. Someone with no entry is not marked yet."""
    return {a.enrolment_id: a for a in Attendance.objects.filter(session=session).select_related("marked_by")}


def walk_ins_for(session) -> list[WalkIn]:
    """Who walked in to one session without a place, in the order they were added."""
    return list(WalkIn.objects.filter(session=session))


def marks_by_enrolment(run: CourseRun) -> dict[int, dict[int, str]]:
    """Every mark on a run: {enrolment id: {session id: mark}}, for the register's grid."""
    marks: dict[int, dict[int, str]] = {}
    rows = Attendance.objects.filter(session__run=run).values_list("enrolment_id", "session_id", "mark")
    for enrolment_id, session_id, mark in rows:
        marks.setdefault(enrolment_id, {})[session_id] = mark
    return marks


@dataclass(frozen=True)
class SessionAttendance:
    """One session's figures. `present` counts people with a place; walk-ins are counted apart,
    so the attendance rate of those enrolled stays true, and `in_the_room` adds them together."""

    session: object
    present: int
    absent: int
    apologies: int
    not_marked: int
    walk_ins: int

    @property
    def in_the_room(self) -> int:
        return self.present + self.walk_ins


def attendance_summary(run: CourseRun) -> list[SessionAttendance]:
    """Per session of the run, in date order: present, absent, apologies, people with a place not
    yet marked, and walk-ins. A mark made before someone cancelled still counts (they were there);
    'not marked' counts only people who hold a place now. Four small queries, whatever the run's size."""
    marks = Attendance.objects.filter(session__run=run)
    counts = {
        (row["session_id"], row["mark"]): row["n"]
        for row in marks.order_by().values("session_id", "mark").annotate(n=Count("id"))
    }
    holding = Enrolment.objects.holding_places().filter(run=run)
    marked_holding = dict(
        marks.filter(enrolment__in=holding)
        .order_by()
        .values("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    walk_ins = dict(
        WalkIn.objects.filter(session__run=run)
        .order_by()
        .values("session_id")
        .annotate(n=Count("id"))
        .values_list("session_id", "n")
    )
    holding_count = holding.count()
    return [
        SessionAttendance(
            session=session,
            present=counts.get((session.pk, Attendance.Mark.PRESENT), 0),
            absent=counts.get((session.pk, Attendance.Mark.ABSENT), 0),
            apologies=counts.get((session.pk, Attendance.Mark.APOLOGIES), 0),
            not_marked=holding_count - marked_holding.get(session.pk, 0),
            walk_ins=walk_ins.get(session.pk, 0),
        )
        for session in run.session_list
    ]


# Completion: attending enough of a run's sessions (reports, certificates, the register).


def sessions_needed(run: CourseRun) -> int:
    """The run's completion rule: attend at least this many sessions. Half, rounded up, unless
    staff set a number; never more than the run has, so a session taken out cannot make
    completing impossible."""
    total = len(run.session_list)
    if run.sessions_to_complete:
        return min(run.sessions_to_complete, total)
    return -(-total // 2)


def sessions_attended(run: CourseRun) -> dict[int, int]:
    """How many sessions each enrolment on the run was marked present at, by enrolment id."""
    rows = (
        Attendance.objects.filter(session__run=run, mark=Attendance.Mark.PRESENT)
        .order_by()
        .values("enrolment_id")
        .annotate(n=Count("id"))
    )
    return {row["enrolment_id"]: row["n"] for row in rows}


def has_ended(run: CourseRun, *, now: dt.datetime) -> bool:
    """Whether the run's last session is over: nobody completes a course still running."""
    last = run.last_session
    return last is not None and last.ends_at <= now


def completed_enrolment_ids(run: CourseRun, *, now: dt.datetime) -> set[int]:
    """The places on a run whose holders completed it: the run has ended, and they were present
    at no fewer sessions than `sessions_needed`. A place cancelled after the last session still
    completed (they came); a run the college cancelled completes nobody."""
    if not _completion_decided(run, now):
        return set()
    needed = sessions_needed(run)
    return {enrolment_id for enrolment_id, n in sessions_attended(run).items() if n >= needed}


def has_completed(enrolment: Enrolment, *, now: dt.datetime) -> bool:
    """Whether this one place completed its run (see `completed_enrolment_ids`)."""
    return enrolment.pk in completed_enrolment_ids(enrolment.run, now=now)


def completed_among(enrolments: list[Enrolment], *, now: dt.datetime) -> set[int]:
    """Which of these places, on any runs, completed their run: the rule of `completed_enrolment_ids`
    in one query, for a student's list of courses. Give enrolments with their runs and sessions
    loaded (select_related("run"), prefetch_related("run__sessions"))."""
    candidates = [enrolment for enrolment in enrolments if _completion_decided(enrolment.run, now)]
    if not candidates:
        return set()
    rows = (
        Attendance.objects.filter(
            enrolment__in=candidates, mark=Attendance.Mark.PRESENT, session__run_id=F("enrolment__run_id")
        )
        .order_by()
        .values("enrolment_id")
        .annotate(n=Count("id"))
    )
    attended = {row["enrolment_id"]: row["n"] for row in rows}
    return {e.pk for e in candidates if attended.get(e.pk, 0) >= sessions_needed(e.run)}


def _completion_decided(run: CourseRun, now: dt.datetime) -> bool:
    # Nobody completes a run the college cancelled, nor one with a session still to come.
    return not run.is_cancelled and has_ended(run, now=now)


# Certificates of attendance (enrolment/certificates.py draws them).


def certificates_on() -> bool:
    """Whether the college gives certificates of attendance (Settings > Enrolment settings)."""
    return EnrolmentSettings.load().certificates


def certificate_ids(enrolments: list[Enrolment], *, now: dt.datetime) -> set[int]:
    """Which of these places may have a certificate of attendance: the college gives them, the run
    has ended, the place completed it, and the student has not asked us to delete their details
    (a certificate is their name; once that is gone there is nothing to certify). Loaded as for
    `completed_among`, with the student too."""
    if not enrolments or not certificates_on():
        return set()
    kept = [enrolment for enrolment in enrolments if enrolment.student.forgotten_at is None]
    return completed_among(kept, now=now)


def certificate_for(enrolment: Enrolment, *, now: dt.datetime) -> Certificate | None:
    """What this place's certificate of attendance says, or None when it may not have one (see
    `certificate_ids`). The facilitators: Experts by Experience first, then Experts by Training."""
    if enrolment.pk not in certificate_ids([enrolment], now=now):
        return None
    run = enrolment.run
    sessions = run.session_list
    student = enrolment.student
    leaders = sorted(run.facilitators.all(), key=lambda f: (f.expertise != Facilitator.Expertise.EXPERIENCE, f.name))
    return Certificate(
        college_name=CollegeSettings.load().name,
        student_name=f"{student.first_name} {student.last_name}".strip(),
        course_title=run.course.title,
        first_date=sessions[0].date,
        last_date=sessions[-1].date,
        attended=sessions_attended(run).get(enrolment.pk, 0),
        sessions=len(sessions),
        facilitators=tuple(CoFacilitator(f.name, f.get_expertise_display()) for f in leaders),
    )


def cancellation_reasons(run: CourseRun) -> dict[int, StateChange]:
    """For each cancelled enrolment on the run, the change that cancelled it (who and why), by
    enrolment id, so the register can say why each place was given up."""
    changes = StateChange.objects.filter(run=run, subject="enrolment", to_state=Enrolment.Status.CANCELLED)
    return {change.subject_id: change for change in changes.select_related("actor")}


def learning_plan_of(student) -> LearningPlan | None:
    """The student's own learning plan, for them to read and change, or None if they have not
    written one."""
    return LearningPlan.objects.filter(student=student).prefetch_related("topics").first()


def plan_staff_may_see(student) -> LearningPlan | None:
    """The student's learning plan only while they share it with staff; otherwise None, so a
    staff page cannot show what the student has not chosen to share."""
    return LearningPlan.objects.filter(student=student, shared_with_staff=True).prefetch_related("topics").first()


def runs_matching_interests(plan: LearningPlan | None, *, now: dt.datetime, limit: int = 5) -> list[CourseRun]:
    """Up to `limit` upcoming runs open for enrolment whose course has a topic in the student's
    plan, soonest first, leaving out runs they already hold a place on or wait for."""
    if plan is None:
        return []
    topics = list(plan.topics.all())
    if not topics:
        return []
    booked = Enrolment.objects.holding_places().filter(student_id=plan.student_id).values("run_id")
    waiting = WaitlistEntry.objects.filter(student_id=plan.student_id, status__in=WaitlistEntry.LIVE, run__isnull=False)
    runs = (
        CourseRun.objects.upcoming(timezone.localdate(now))
        .filter(course__in=CoursePage.objects.filter(topics__in=topics).values("pk"))
        .exclude(pk__in=booked)
        .exclude(pk__in=waiting.values("run_id"))
        .select_related("location")
    )
    return open_for_enrolment(runs, now=now)[:limit]
