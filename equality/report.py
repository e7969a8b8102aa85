"""The equality monitoring report: for each question, how many people gave each answer, in a term
or over all time. Only counts, never a row: nobody is listed, not even without a name.

Small numbers: on the page and in the download alike (these are special category data, and an
equality table is often pasted into other papers), every count from 1 to 4 reads "fewer than 5"
(home.downloads.hide_small_count), and so does a question's total. A total would let anyone
subtract the answers shown from it and find the one hidden: so when a question has exactly one
hidden answer, the next smallest answer is hidden too ("not shown"), leaving two unknowns that the
total cannot separate."""

from dataclasses import dataclass

from django.db.models import Count

from courses.models import Term
from home.downloads import FEWER_THAN_FIVE, Table, hide_small_count

from .models import EqualityResponse
from .questions import QUESTIONS

NOT_SHOWN = "not shown"
TOTAL = "Everyone who answered"


@dataclass(frozen=True)
class Line:
    answer: str
    figure: int | str  # a count, "fewer than 5" or "not shown"


@dataclass(frozen=True)
class QuestionCounts:
    heading: str
    lines: list[Line]
    total: int | str


def _hidden(counts: list[int]) -> set[int]:
    """Indexes of the counts not to show: 1 to 4, then, if only one is hidden, the next smallest
    count above 0, so that subtracting from the total finds neither."""
    small = {i for i, count in enumerate(counts) if 1 <= count <= 4}
    if len(small) == 1:
        others = [(count, i) for i, count in enumerate(counts) if count > 0 and i not in small]
        if others:
            small.add(min(others)[1])
    return small


def counts_for(question, responses) -> QuestionCounts:
    found = dict(responses.exclude(**{question.name: ""}).values_list(question.name).annotate(n=Count("pk")).order_by())
    counts = [found.get(code, 0) for code, _ in question.answers]
    hidden = _hidden(counts)
    lines = [
        Line(words, (FEWER_THAN_FIVE if 1 <= count <= 4 else NOT_SHOWN) if i in hidden else count)
        for i, ((_, words), count) in enumerate(zip(question.answers, counts, strict=True))
    ]
    return QuestionCounts(question.heading, lines, hide_small_count(sum(counts)))


def equality_report(term: Term | None) -> list[QuestionCounts]:
    """Every question, whether or not it is asked now: answers given while it was on still count."""
    responses = EqualityResponse.objects.all() if term is None else EqualityResponse.objects.filter(term=term)
    return [counts_for(question, responses) for question in QUESTIONS]


def report_table(report: list[QuestionCounts]) -> Table:
    table = Table(["Question", "Answer", "Number of people"])
    for question in report:
        table.rows += [[question.heading, line.answer, line.figure] for line in question.lines]
        table.rows.append([question.heading, TOTAL, question.total])
    return table
