"""Writes the demo's history: a past term whose runs have ended, with people who booked, waited,
cancelled, came or did not, walked in and gave feedback; and one run under way today. Everything
goes through the services staff and students use (the waiting list, offers, cancelling, the
register, feedback), dated when it would have happened, so the figures staff see are the ones the
real rules produce.

Two writes do not, and say why where they happen: places on a run with room are one insert per
run, as the builder fills the demo's other runs (`book`); and the college cancelling a run is a
save in the admin, whose signal would stamp today's date (`cancelled_by_the_college`).

Seeded per run, so the same day always writes the same history. A run that is already there is
left alone with everything on it, so loading the demo again changes nothing."""

import datetime as dt
import math
import random
from collections import Counter
from contextlib import contextmanager

from django.utils import timezone

from courses.models import CourseRun
from enrolment import services
from enrolment.models import Enrolment, Offer, Student
from enrolment.models.places import Source
from enrolment.services.attendance import add_walk_in, mark_attendance
from enrolment.services.feedback import CHIME_FIELDS, ask_for_feedback, can_answer, record_answer
from enrolment.services.records import connect_ledger
from enrolment.services.students import find_or_create_student
from notices.ledger import owe

from .content.history import (
    AGREEMENT_SPREAD,
    CANCELLATION_REASONS,
    COULD_DO_BETTER,
    EXPERIENCE_WEIGHTS,
    WALK_INS,
    WHAT_HELPED,
)
from .runs import DEMO_STUDENTS, Catalogue, ensure_run, joining_as
from .schedule import RunPlan

# The past term's own students. The first DEMO_STUDENTS come to it too, and have places on runs
# still to come, so reports of those terms show returning students as well as new ones.
PAST_STUDENTS = 48
# Which of the past term's runs (by their place in the plan) the college cancelled, and which had
# more people than places: two of its waiting list got places when others cancelled, two never did.
CANCELLED_RUN, OVERSUBSCRIBED_RUN = 2, 0
WAITING_BEYOND_CAPACITY = 4
# Someone walked in to the first session of these runs (by their place in the plan).
WALKED_IN = dict(zip((1, 3), WALK_INS, strict=True))
PLACES_GIVEN_UP = 2
# Every register mark goes through the service (seven queries each), so the other runs book at most
# this many people: enough for believable figures, and loading the demo stays quick.
MOST_BOOKED = 12
JOIN_EVERY = dt.timedelta(hours=5)
ANSWERS_FEEDBACK = 0.65
GIVES_CHIME = 0.6


@contextmanager
def emails_sent_at_the_time():
    """The past term's emails (confirmations, offers, cancellations, requests for feedback) went
    out when it happened, long before this demo site existed. Owed now, the demo's worker would
    send them all the minute it starts. So while the history is written the ledger port owes
    nothing; the real ledger is plugged back in afterwards, whatever happens."""
    connect_ledger(lambda kind, **facts: None)
    try:
        yield
    finally:
        connect_ledger(owe)


def write_history(
    past: list[RunPlan],
    in_progress: RunPlan,
    catalogue: Catalogue,
    students: list[Student],
    staff,
    now: dt.datetime,
    created: Counter,
) -> None:
    """Write the past term's runs and the run in progress, each with what happened on it."""
    pool = students + ensure_past_students(created)
    with emails_sent_at_the_time():
        for number, plan in enumerate(past):
            run = written(ensure_run(plan, catalogue, created))
            if run is None:
                continue
            created["past runs"] += 1
            rng = random.Random(f"history/{'/'.join(map(str, plan.key))}")
            if number == CANCELLED_RUN:
                cancelled_by_the_college(run, rng.sample(pool, 5), staff, created)
                continue
            extra = WAITING_BEYOND_CAPACITY if number == OVERSUBSCRIBED_RUN else 0
            size = plan.capacity + extra if extra else round(min(plan.capacity, MOST_BOOKED) * rng.uniform(0.6, 0.95))
            book(run, rng.sample(pool, size), staff, created)
            if extra:
                give_up_places_to_the_waiting_list(run, rng, staff, created)
            else:
                give_up_places(run, rng, staff, created)
            take_registers(run, rng, staff, now, created)
            if number in WALKED_IN:
                first = run.session_list[0]
                add_walk_in(session_id=first.pk, name=WALKED_IN[number], actor=staff, now=first.starts_at)
                created["walk-ins"] += 1
            give_feedback(run, rng, created)
        run = written(ensure_run(in_progress, catalogue, created))
        if run is not None:
            rng = random.Random(f"in-progress/{'/'.join(map(str, in_progress.key))}")
            book(run, rng.sample(pool, in_progress.capacity - 1), staff, created)
            take_registers(run, rng, staff, now, created)


def written(run: CourseRun | None) -> CourseRun | None:
    """The run as the database now holds it, sessions in date order with their ids."""
    return run and CourseRun.objects.prefetch_related("sessions").get(pk=run.pk)


def ensure_past_students(created: Counter) -> list[Student]:
    """The past term's own students, through the service the enrolment form uses: an existing
    email address finds its student, so a second load adds nobody."""
    found = []
    for number in range(DEMO_STUDENTS + 1, DEMO_STUDENTS + PAST_STUDENTS + 1):
        details = {
            "first_name": "Demo",
            "last_name": f"Student {number}",
            "email": f"demo.student{number}@example.org",
            "joining_as": joining_as(number),
        }
        student, new = find_or_create_student(details, consent_how="online")
        created["demo students"] += new
        found.append(student)
    return found


def book(run: CourseRun, people: list[Student], staff, created: Counter) -> None:
    """Places for as many people as the run holds, most booked online and some by phone; anyone
    beyond that asks through join_run, finds the run full and joins its waiting list.

    The places are written in one insert, as the builder fills the demo's other runs, not through
    join_run: at about 12 ms a person it would add over a second to every load of the demo, and
    taking a free place exercises no rule the history shows. Queueing does, so that goes through
    the service."""
    placed, beyond = people[: run.capacity], people[run.capacity :]
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                run=run,
                student=student,
                source=Source.PHONE if by_phone(turn) else Source.ONLINE,
                created_by=staff if by_phone(turn) else None,
            )
            for turn, student in enumerate(placed)
        ]
    )
    created["enrolments"] += len(placed)
    for turn, student in enumerate(beyond, start=len(placed)):
        services.join_run(
            run_id=run.pk,
            student=student,
            source=Source.PHONE if by_phone(turn) else Source.ONLINE,
            actor=staff if by_phone(turn) else None,
            now=run.enrolment_opens + JOIN_EVERY * (turn + 1),
        )
        created["waiting"] += 1


def by_phone(turn: int) -> bool:
    return turn % 4 == 3


def give_up_places(run: CourseRun, rng: random.Random, staff, created: Counter) -> None:
    """None, one or two people phone to give up their place in the fortnight before it starts."""
    confirmed = list(Enrolment.objects.holding_places().filter(run=run).order_by("pk"))
    for enrolment in rng.sample(confirmed, rng.choice((0, 1, 1, 2))):
        cancel(enrolment, rng, staff, run.session_list[0].starts_at - dt.timedelta(days=rng.randint(2, 14)), created)


def give_up_places_to_the_waiting_list(run: CourseRun, rng: random.Random, staff, created: Counter) -> None:
    """Two people give up their places a week before the start; each place is offered to the next
    person waiting, who accepts it that evening. The last two waiting never get a place."""
    confirmed = list(Enrolment.objects.holding_places().filter(run=run).order_by("pk"))
    when = run.enrolment_closes - dt.timedelta(days=7)
    for enrolment in rng.sample(confirmed, PLACES_GIVEN_UP):
        cancel(enrolment, rng, staff, when, created)
        offer = Offer.objects.live().get(run=run)
        services.accept_offer(offer_id=offer.pk, now=when + dt.timedelta(hours=5))
        created["places offered and taken"] += 1
        when += dt.timedelta(days=1)


def cancel(enrolment: Enrolment, rng: random.Random, staff, when: dt.datetime, created: Counter) -> None:
    services.cancel_enrolment(enrolment_id=enrolment.pk, actor=staff, reason=rng.choice(CANCELLATION_REASONS), now=when)
    created["places given up"] += 1


def cancelled_by_the_college(run: CourseRun, people: list[Student], staff, created: Counter) -> None:
    """Five people booked; ten days before the start the college cancelled the run. Cancelling is a
    save in the admin, whose signal would stamp today's date on everything it lets go, so the
    status is set directly and the service that lets every place go is called with the day it
    happened."""
    book(run, people, staff, created)
    CourseRun.objects.filter(pk=run.pk).update(status=CourseRun.Status.CANCELLED)
    when = run.session_list[0].starts_at - dt.timedelta(days=10)
    services.close_cancelled_run(run_id=run.pk, actor=staff, now=when)
    created["runs the college cancelled"] += 1


def take_registers(run: CourseRun, rng: random.Random, staff, now: dt.datetime, created: Counter) -> None:
    """The register of every session held before today, taken as it ends. Most people come to
    nearly every session; some stop coming after the first few; a few never come at all."""
    held = [session for session in run.session_list if session.date < timezone.localdate(now)]
    if not held:
        return
    for enrolment in Enrolment.objects.holding_places().filter(run=run).order_by("pk"):
        for number, mark in enumerate(marks_for(len(run.session_list), rng)[: len(held)]):
            mark_attendance(
                session_id=held[number].pk,
                enrolment_id=enrolment.pk,
                mark=mark,
                actor=staff,
                now=held[number].ends_at,
            )
            created["attendance marks"] += 1


def marks_for(sessions: int, rng: random.Random) -> list[str]:
    """One person's marks across a run of `sessions` sessions."""
    kind = rng.random()
    if kind < 0.07:  # booked and never came
        return [rng.choice(("absent", "apologies")) for _ in range(sessions)]
    if kind < 0.25:  # came at first, then stopped
        came = math.ceil(sessions / 3)
        return ["present"] * came + [rng.choice(("absent", "absent", "apologies")) for _ in range(sessions - came)]
    return [rng.choices(("present", "apologies", "absent"), weights=(88, 8, 4))[0] for _ in range(sessions)]


def give_feedback(run: CourseRun, rng: random.Random, created: Counter) -> None:
    """An hour after the last session everyone who came is asked (as the five-minute task does);
    about two in three answer over the next few days."""
    finished = run.session_list[-1].ends_at
    ask_for_feedback(finished + dt.timedelta(hours=1))
    for enrolment in Enrolment.objects.holding_places().filter(run=run).order_by("pk"):
        if rng.random() >= ANSWERS_FEEDBACK or not can_answer(enrolment):
            continue
        chime = {}
        if rng.random() < GIVES_CHIME:
            chime = {name: rng.choice(AGREEMENT_SPREAD) for name in CHIME_FIELDS if rng.random() < 0.85}
        record_answer(
            enrolment_id=enrolment.pk,
            experience=rng.choices(list(EXPERIENCE_WEIGHTS), weights=list(EXPERIENCE_WEIGHTS.values()))[0],
            what_helped=rng.choice(WHAT_HELPED) if rng.random() < 0.6 else "",
            could_do_better=rng.choice(COULD_DO_BETTER) if rng.random() < 0.3 else "",
            chime=chime,
            now=finished + dt.timedelta(days=rng.randint(1, 6)),
        )
        created["feedback answers"] += 1
