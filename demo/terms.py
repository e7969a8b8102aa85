"""Term dates for the demo college, worked out from today so the demo never goes stale.

Pure date maths, no database: the planner in `schedule.py` and the tests both use it."""

import datetime as dt
from dataclasses import dataclass

MONDAY = 0
# A term nearly over is not worth showing: its runs would all be in the past within days.
MIN_TIME_LEFT = dt.timedelta(weeks=2)
# The demo's past term ended at least this long ago. Feedback is asked only of runs that ended in
# the last week (enrolment.services.feedback.ASK_WITHIN), so starting the demo emails nobody about it.
PAST_TERM_ENDED_BEFORE = dt.timedelta(weeks=2)


@dataclass(frozen=True)
class TermDates:
    name: str
    slug: str
    starts_on: dt.date
    ends_on: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def nth_monday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    first_monday = first + dt.timedelta(days=(MONDAY - first.weekday()) % 7)
    return first_monday + dt.timedelta(weeks=n - 1)


def terms_of_year(year: int) -> list[TermDates]:
    """A school-like year. 'Mid July' and 'mid December' are pinned to the 15th so a term's
    dates never depend on the day the demo was built."""
    return [
        _term("Spring", nth_monday(year, 1, 2), dt.date(year, 3, 31)),
        _term("Summer", nth_monday(year, 4, 3), dt.date(year, 7, 15)),
        _term("Autumn", nth_monday(year, 9, 2), dt.date(year, 12, 15)),
    ]


def _term(season: str, starts_on: dt.date, ends_on: dt.date) -> TermDates:
    name = f"{season} {starts_on.year}"
    slug = name.lower().replace(" ", "-")
    return TermDates(name=name, slug=slug, starts_on=starts_on, ends_on=ends_on)


def current_term(today: dt.date) -> TermDates | None:
    """The term running today, or None in a holiday or when under two weeks of it are left."""
    term = next((term for term in terms_of_year(today.year) if term.contains(today)), None)
    if term is None or term.ends_on - today < MIN_TIME_LEFT:
        return None
    return term


def next_terms(today: dt.date, count: int = 2) -> list[TermDates]:
    candidates = terms_of_year(today.year) + terms_of_year(today.year + 1)
    return [term for term in candidates if term.starts_on > today][:count]


def demo_terms(today: dt.date) -> list[TermDates]:
    """Every term the demo shows: the one under way (if worth showing) and the next two."""
    current = current_term(today)
    return ([current] if current else []) + next_terms(today)


def past_term(today: dt.date) -> TermDates:
    """The latest term that ended at least two weeks ago: the demo's history, with its registers,
    completions and feedback."""
    candidates = terms_of_year(today.year - 1) + terms_of_year(today.year)
    return [term for term in candidates if term.ends_on <= today - PAST_TERM_ENDED_BEFORE][-1]


def term_under_way(today: dt.date) -> TermDates:
    """The term today falls in, however little of it is left; in a holiday, the next one. The
    demo's run in progress belongs to it."""
    return next((term for term in terms_of_year(today.year) if term.contains(today)), None) or next_terms(today, 1)[0]
