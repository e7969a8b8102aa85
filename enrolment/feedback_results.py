"""What students said after their courses, added up for staff: reads only (writes are in
services/feedback.py).

Nobody is named. Counts from 1 to 4 show as "fewer than 5", with no percentage, so a facilitator
cannot work out who gave an answer from a small group; the two free-text questions are listed
apart and in alphabetical order, so one person's answers cannot be put back together, or matched
to the order people left the room."""

from dataclasses import dataclass
from itertools import combinations

from django.db.models import Avg, Count, Q, QuerySet

from courses.models import CourseRun, Facilitator
from home.downloads import hide_small_count

from .models import FeedbackAnswer
from .models.feedback import CHIME_STATEMENTS

POSITIVE = (FeedbackAnswer.Experience.VERY_GOOD, FeedbackAnswer.Experience.GOOD)


@dataclass(frozen=True)
class ExperienceRow:
    label: str
    count: int | str  # "fewer than 5" for 1 to 4
    percent: int | None  # None where the count is hidden


@dataclass(frozen=True)
class ChimeRow:
    statement: str
    average: float | None  # 1 (strongly disagree) to 5 (strongly agree), to 1 decimal place
    answered: int | str


@dataclass(frozen=True)
class FeedbackResults:
    answers: int | str
    experience: list[ExperienceRow]
    positive_percent: int | None  # "very good" or "good", of all answers (the NHS's own measure)
    chime: list[ChimeRow]  # no average where 1 to 4 people answered: it would give their answers away
    what_helped: list[str]
    could_do_better: list[str]


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _shown_percent(count: int, whole: int) -> int | None:
    return None if 1 <= count <= 4 else _percent(count, whole)


def feedback_results(answers: QuerySet) -> FeedbackResults:
    """The figures and comments for a set of FeedbackAnswer rows (a course's runs, or the runs a
    pair of facilitators led), in a handful of queries whatever their number."""
    answers = answers.order_by()
    total = answers.count()
    by_choice = dict(answers.values("experience").annotate(n=Count("id")).values_list("experience", "n"))
    chime_figures = answers.aggregate(
        **{f"{name}_avg": Avg(name) for name, _ in CHIME_STATEMENTS},
        **{f"{name}_n": Count("id", filter=Q(**{f"{name}__isnull": False})) for name, _ in CHIME_STATEMENTS},
    )
    texts = answers.values_list("what_helped", "could_do_better")
    positive = sum(by_choice.get(choice, 0) for choice in POSITIVE)
    return FeedbackResults(
        answers=hide_small_count(total),
        experience=[
            ExperienceRow(label, hide_small_count(count), _shown_percent(count, total))
            for value, label in FeedbackAnswer.Experience.choices
            for count in [by_choice.get(value, 0)]
        ],
        positive_percent=_shown_percent(positive, total),
        chime=[
            ChimeRow(
                statement,
                None if chime_figures[f"{name}_n"] < 5 else round(chime_figures[f"{name}_avg"], 1),
                hide_small_count(chime_figures[f"{name}_n"]),
            )
            for name, statement in CHIME_STATEMENTS
        ],
        what_helped=sorted(helped for helped, _ in texts if helped),
        could_do_better=sorted(better for _, better in texts if better),
    )


def for_course(course_id: int) -> QuerySet:
    """Answers about every run of the course."""
    return FeedbackAnswer.objects.filter(run__course_id=course_id)


def for_pair(first_id: int, second_id: int) -> QuerySet:
    """Answers about runs both facilitators led (whoever else helped)."""
    runs = CourseRun.objects.filter(facilitators=first_id).filter(facilitators=second_id).values("pk")
    return FeedbackAnswer.objects.filter(run__in=runs)


def pairs_for_course(course_id: int) -> list[tuple[Facilitator, Facilitator]]:
    """Each pair of facilitators who led a run of the course that has answers, Expert by
    Experience first, as the course pages list them."""
    runs = CourseRun.objects.filter(course_id=course_id, feedback_answers__isnull=False).distinct()
    pairs = set()
    for run in runs.prefetch_related("facilitators"):
        people = sorted(run.facilitators.all(), key=lambda f: (f.expertise != Facilitator.Expertise.EXPERIENCE, f.name))
        pairs.update(combinations(people, 2))
    return sorted(pairs, key=lambda pair: (pair[0].name, pair[1].name))
