"""Plans the demo's course runs: which course, which days, where, and who teaches it.

Pure, no database: `builder.py` turns the plans into rows and the tests check the plans for any
date. Randomness is seeded per term, so the same day always gives the same plan."""

import datetime as dt
import itertools
import random
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from .content.catalogue import VENUE_ROTATION
from .content.college import PHONE
from .content.courses import (
    AFTERNOON,
    BLENDED,
    COURSES,
    EVENING,
    IN_PERSON,
    MORNING,
    ONLINE,
    Course,
)
from .terms import TermDates, current_term, next_terms

LONDON = ZoneInfo("Europe/London")
SLOT_TIMES = {
    MORNING: (dt.time(10), dt.time(12)),
    AFTERNOON: (dt.time(13, 30), dt.time(15, 30)),
    EVENING: (dt.time(18), dt.time(20)),
}
SATURDAY, SUNDAY = 5, 6
SATURDAY_SLOTS = (MORNING, AFTERNOON)
CURRENT_TERM_RUNS, NEXT_TERM_RUNS = 8, 20
SOONEST, LATEST = dt.timedelta(days=3), dt.timedelta(days=20)
# Most courses start in the first weeks of term, as at a real college.
START_WINDOW_SHARE = 0.6
ONLINE_SHARE = 0.25
CAPACITIES = (8, 10, 12, 12, 14, 15, 16, 18, 20)
ENROLMENT_OPENS_BEFORE_TERM = dt.timedelta(weeks=8)
ALREADY_OPEN_FOR = dt.timedelta(days=14)
OPEN_AT, CLOSE_AT = dt.time(9), dt.time(17)
SECOND_EXPERT_CHANCE = 0.2
FILLED_RUNS = 8
FULL_POSITIONS = (1, 4)  # of the filled runs, these are full; the rest have 1 or 2 places left


@dataclass(frozen=True)
class SessionPlan:
    date: dt.date
    start_time: dt.time
    end_time: dt.time


@dataclass(frozen=True)
class RunPlan:
    course: str
    term: str
    format: str
    location: str | None
    capacity: int
    sessions: tuple[SessionPlan, ...]
    enrolment_opens: dt.datetime
    enrolment_closes: dt.datetime
    experience: tuple[str, ...]
    training: tuple[str, ...]
    online_joining_details: str = ""
    places_taken: int = 0

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """What the builder matches an existing run by; the planner never repeats one."""
        return (self.course, self.term, self.format, self.location)

    @property
    def first_date(self) -> dt.date:
        return self.sessions[0].date


def london(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LONDON)


def plan_runs(today: dt.date, now: dt.datetime, courses: list[Course] = COURSES) -> list[RunPlan]:
    """Runs for the term under way (starting 3 to 20 days from today) and the next two terms."""
    plans: list[RunPlan] = []
    already_open = london(today - ALREADY_OPEN_FOR, OPEN_AT)
    current = current_term(today)
    if current is not None:
        window = (today + SOONEST, min(today + LATEST, current.ends_on))
        plans += plan_term(current, CURRENT_TERM_RUNS, window, already_open, courses)
    for index, term in enumerate(next_terms(today)):
        length = term.ends_on - term.starts_on
        window = (term.starts_on, term.starts_on + length * START_WINDOW_SHARE)
        opens = london(term.starts_on - ENROLMENT_OPENS_BEFORE_TERM, OPEN_AT)
        if current is None and index == 0:
            # Late in a term there is no current term to book; without this the demo would
            # have nothing bookable for a couple of weeks each July.
            opens = min(opens, already_open)
        plans += plan_term(term, NEXT_TERM_RUNS, window, opens, courses)
    return assign_fills(plans, now)


def plan_term(
    term: TermDates, count: int, window: tuple[dt.date, dt.date], opens: dt.datetime, courses: list[Course]
) -> list[RunPlan]:
    rng = random.Random(f"{term.slug}/{window[0].isoformat()}")
    order = rng.sample(courses, len(courses))
    first_venue = rng.randrange(len(VENUE_ROTATION))
    venues = itertools.islice(itertools.cycle(VENUE_ROTATION), first_venue, None)
    used: set[tuple] = set()
    plans = []
    for day, run_format in zip(start_days(window, count, rng), format_mix(count, rng), strict=True):
        location = None if run_format == ONLINE else next(venues)
        course = pick_course(order, term, day, run_format, location, used)
        if course is None:
            continue
        order.append(order.pop(order.index(course)))  # to the back, so every course gets a turn
        plan = plan_run(course, term, day, run_format, location, opens, rng)
        used.add(plan.key)
        plans.append(plan)
    return plans


def start_days(window: tuple[dt.date, dt.date], count: int, rng: random.Random) -> list[dt.date]:
    """`count` first-session dates spread through the window, never on a Sunday."""
    first, last = window
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    days = [day for day in days if day.weekday() != SUNDAY]
    picks = (min(len(days) - 1, i * len(days) // count + rng.randrange(2)) for i in range(count))
    return sorted(days[pick] for pick in picks)


def format_mix(count: int, rng: random.Random) -> list[str]:
    online = round(count * ONLINE_SHARE)
    blended = max(1, count // 10)
    formats = [ONLINE] * online + [BLENDED] * blended + [IN_PERSON] * (count - online - blended)
    rng.shuffle(formats)
    return formats


def pick_course(
    order: list[Course], term: TermDates, day: dt.date, run_format: str, location: str | None, used: set[tuple]
) -> Course | None:
    """The first course in `order` that can run this way and still finish within the term."""
    weeks_left = (term.ends_on - day).days // 7 + 1
    for course in order:
        if (
            run_format in course.formats
            and course.weeks <= weeks_left
            and (course.slug, term.slug, run_format, location) not in used
        ):
            return course
    return None


def plan_run(
    course: Course,
    term: TermDates,
    day: dt.date,
    run_format: str,
    location: str | None,
    opens: dt.datetime,
    rng: random.Random,
) -> RunPlan:
    start, end = SLOT_TIMES[pick_slot(course, day, rng)]
    sessions = tuple(SessionPlan(day + dt.timedelta(weeks=n), start, end) for n in range(course.weeks))
    experience, training = pick_team(course, rng)
    return RunPlan(
        course=course.slug,
        term=term.slug,
        format=run_format,
        location=location,
        capacity=rng.choice(CAPACITIES),
        sessions=sessions,
        enrolment_opens=opens,
        enrolment_closes=london(day - dt.timedelta(days=1), CLOSE_AT),
        experience=experience,
        training=training,
        online_joining_details="" if run_format == IN_PERSON else joining_details(course, term),
    )


def pick_slot(course: Course, day: dt.date, rng: random.Random) -> str:
    allowed = SATURDAY_SLOTS if day.weekday() == SATURDAY else tuple(SLOT_TIMES)
    return rng.choice([slot for slot in course.times if slot in allowed])


def pick_team(course: Course, rng: random.Random) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One Expert by Experience and one by Training; now and then a second of the first kind."""
    pair = len(course.experience) > 1 and rng.random() < SECOND_EXPERT_CHANCE
    return tuple(rng.sample(course.experience, 2 if pair else 1)), (rng.choice(course.training),)


def joining_details(course: Course, term: TermDates) -> str:
    return (
        "Join by video call: "
        f"https://video.example.org/recovery-college/{course.slug}-{term.slug}\n"
        "The call opens 10 minutes before the start. You can keep your camera off.\n"
        f"Stuck? Call us on {PHONE} and we will talk you through it."
    )


def assign_fills(plans: list[RunPlan], now: dt.datetime) -> list[RunPlan]:
    """Make a few runs full or nearly full, preferring runs already open for enrolment and
    skipping every other one so full runs sit among runs with spaces."""
    order = sorted(range(len(plans)), key=lambda i: (plans[i].enrolment_opens > now, plans[i].first_date, i))
    filled = list(plans)
    for position, index in enumerate(order[::2][:FILLED_RUNS]):
        gap = 0 if position in FULL_POSITIONS else 1 + position % 2
        filled[index] = replace(plans[index], places_taken=plans[index].capacity - gap)
    return filled
