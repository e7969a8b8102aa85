"""The figures commissioners ask for, counted from enrolment's records when asked (reads only).

A report covers a period, a term or a date range, and may be split by location, topic, format or
"joining as". How each figure is counted (the report page says the same, in "How these figures
are counted"):

- A run is in the period when its first session is on or between the two dates; for a term, the
  runs of that term. Runs the college cancelled are left out of every figure except "runs
  cancelled".
- Enrolments: places booked on those runs (each booking once, whatever its status); those later
  cancelled are also shown on their own.
- Unique students: different people with an enrolment. New students: those of them with no
  enrolment on any run whose first session was before the period began.
- Attendance rate: "present" marks out of all marks (present, absent and sent apologies) of people
  with a place, at sessions of those runs. Walk-ins are counted apart and not in the rate.
- Completion rate: on runs that have ended, completers out of starters. A starter was present at
  least once; a completer attended the run's number of sessions to complete (the rule of
  enrolment.selectors `completed_enrolment_ids` and `sessions_needed`, for many runs at once:
  `completed_among`).
- No-shows: places still held on ended runs whose register was taken at least once, by people
  never marked present.
- Unmet demand: people who joined the waiting list of a run in the period and got no place on
  any run of that course in the period. ("Any date" waits are for no one run, so not counted.)
- Feedback: answers given about those runs; the NHS Friends and Family Test figure is "very good"
  or "good" out of ALL answers, "don't know" included (NHS England's definition); each CHIME
  average is over the answers that gave that statement a score (1 to 5).

Split by topic, a run counts under each of its course's topics, so the rows need not add up to
the total. Split by "joining as", figures about runs rather than people (runs, runs cancelled,
walk-ins) are in the total row only.

The cost is ten queries however many runs and people are counted (the runs, their sessions and
topics, then one each for enrolments, marks, completers, earlier enrolments, walk-ins, waiting
lists and feedback): the rows they return are added up here, in one pass each."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, F
from django.utils import timezone

from courses.models import CourseRun, Location, Term
from enrolment.models import Attendance, Enrolment, FeedbackAnswer, Student, WaitlistEntry, WalkIn
from enrolment.models.feedback import CHIME_STATEMENTS
from enrolment.selectors import completed_among, has_ended

TOTAL = "Total"
ONLINE = "Online"
NO_TOPIC = "No topic"
NOT_GIVEN = "Not given"
POSITIVE = (FeedbackAnswer.Experience.VERY_GOOD, FeedbackAnswer.Experience.GOOD)
CHIME_NAMES = [name for name, _ in CHIME_STATEMENTS]


class Split(models.TextChoices):
    NONE = "none", "No split: the whole college"
    LOCATION = "location", "Location"
    TOPIC = "topic", "Topic"
    FORMAT = "format", "Format (hub, spoke or online)"
    JOINING_AS = "joining_as", "Joining as"


# The fixed groups of a split, in the order people expect; location and topic groups are the
# ones the period's runs have, in alphabetical order.
FORMAT_GROUPS = ["Hub", "Spoke", ONLINE]
JOINING_AS_GROUPS = [label for _, label in Student.JoiningAs.choices] + [NOT_GIVEN]
JOINING_AS_LABELS = dict(Student.JoiningAs.choices)


@dataclass(frozen=True)
class Period:
    starts_on: dt.date
    ends_on: dt.date
    term: Term | None = None

    @classmethod
    def of_term(cls, term: Term) -> "Period":
        return cls(term.starts_on, term.ends_on, term)

    @property
    def label(self) -> str:
        if self.term:
            return self.term.name
        return f"{self.starts_on:%-d %B %Y} to {self.ends_on:%-d %B %Y}"

    def runs(self):
        """Every run in the period, cancelled ones too, with `first_date` annotated."""
        runs = CourseRun.objects.with_dates()
        if self.term:
            return runs.filter(term=self.term)
        return runs.filter(first_date__gte=self.starts_on, first_date__lte=self.ends_on)


@dataclass(frozen=True)
class Rate:
    """A part of a whole, such as present marks of all marks."""

    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.part / self.whole) if self.whole else None


@dataclass(frozen=True)
class Mean:
    """An average score from 1 to 5 over `count` answers."""

    total: int
    count: int

    @property
    def value(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None


@dataclass
class Row:
    """One group's figures. Sets of student ids, so a person counts once in each group."""

    label: str
    runs: int | None = 0  # None: not split this way (runs are not people)
    runs_cancelled: int | None = 0
    enrolments: int = 0
    enrolments_cancelled: int = 0
    students: set = field(default_factory=set)
    new: set = field(default_factory=set)
    marks: int = 0
    present: int = 0
    walk_ins: int | None = 0
    starters: int = 0
    completers: int = 0
    no_shows: int = 0
    unmet: set = field(default_factory=set)
    answers: int = 0
    positive: int = 0
    chime_totals: dict = field(default_factory=lambda: {name: [0, 0] for name in CHIME_NAMES})

    @property
    def unique_students(self) -> int:
        return len(self.students)

    @property
    def new_students(self) -> int:
        return len(self.new)

    @property
    def unmet_demand(self) -> int:
        return len(self.unmet)

    @property
    def attendance_rate(self) -> Rate:
        return Rate(self.present, self.marks)

    @property
    def completion_rate(self) -> Rate:
        return Rate(self.completers, self.starters)

    @property
    def fft_positive(self) -> Rate:
        return Rate(self.positive, self.answers)

    def chime(self, name: str) -> Mean:
        return Mean(*self.chime_totals[name])


@dataclass
class Report:
    period: Period
    split: str
    rows: list[Row]  # the total first, then each group

    @property
    def total(self) -> Row:
        return self.rows[0]

    @property
    def groups(self) -> list[Row]:
        return self.rows[1:]

    @property
    def split_label(self) -> str:
        return Split(self.split).label


def _format_group(run: CourseRun) -> str:
    if run.is_online or run.location is None:
        return ONLINE
    return "Hub" if run.location.kind == Location.Kind.HUB else "Spoke"


def _run_groups(split: str, run: CourseRun) -> list[str]:
    if split == Split.LOCATION:
        return [ONLINE if run.is_online or run.location is None else run.location.name]
    if split == Split.TOPIC:
        return [topic.name for topic in run.course.topics.all()] or [NO_TOPIC]
    if split == Split.FORMAT:
        return [_format_group(run)]
    return []


class _Tally:
    """Rows by group label, and which groups a run's or a person's figures go to."""

    def __init__(self, split: str):
        self.split = split
        self.rows = {TOTAL: Row(TOTAL)}
        fixed = {Split.FORMAT: FORMAT_GROUPS, Split.JOINING_AS: JOINING_AS_GROUPS}.get(split, [])
        for label in fixed:
            self.rows[label] = self._new_row(label)

    def _new_row(self, label: str) -> Row:
        if self.split == Split.JOINING_AS:
            return Row(label, runs=None, runs_cancelled=None, walk_ins=None)
        return Row(label)

    def about_run(self, run: CourseRun) -> list[Row]:
        """Figures about a run itself (runs, walk-ins): the total and the run's groups."""
        return [self.rows[TOTAL]] + [self._row(label) for label in _run_groups(self.split, run)]

    def about_person(self, run: CourseRun, joining_as: str) -> list[Row]:
        """Figures about someone on a run: the run's groups, or their "joining as" group."""
        if self.split == Split.JOINING_AS:
            return [self.rows[TOTAL], self._row(JOINING_AS_LABELS.get(joining_as, NOT_GIVEN))]
        return self.about_run(run)

    def _row(self, label: str) -> Row:
        if label not in self.rows:
            self.rows[label] = self._new_row(label)
        return self.rows[label]

    def ordered(self) -> list[Row]:
        total, *groups = self.rows.values()
        if self.split not in (Split.FORMAT, Split.JOINING_AS):
            last = {ONLINE, NO_TOPIC}
            groups.sort(key=lambda row: (row.label in last, row.label.lower()))
        return [total, *groups]


def build_report(period: Period, split: str = Split.NONE, *, now: dt.datetime | None = None) -> Report:
    """Every figure for the period, split as asked, in ten queries whatever its size."""
    now = now or timezone.now()
    tally = _Tally(split)
    all_runs = list(
        period.runs().select_related("course", "location").prefetch_related("sessions", "course__topics").order_by()
    )
    runs = {run.pk: run for run in all_runs if not run.is_cancelled}
    for run in all_runs:
        for row in tally.about_run(run):
            if run.is_cancelled:
                row.runs_cancelled += 1
            else:
                row.runs += 1
    # The runs just read, not a fresh query: a run cancelled a moment later stays in every figure.
    held = list(runs)

    enrolments = list(
        Enrolment.objects.filter(run__in=held)
        .order_by()
        .annotate(joining_as=F("student__joining_as"))
        .only("pk", "run_id", "student_id", "status")
    )
    for enrolment in enrolments:
        enrolment.run = runs[enrolment.run_id]  # loaded above, with its sessions
    present_by_enrolment, registers_taken = _count_marks(held, tally, {e.pk: e for e in enrolments})
    completed = completed_among(enrolments, now=now)  # the completion rule, in one query
    previous = _students_seen_before(period, held)

    for enrolment in enrolments:
        run, student_id = enrolment.run, enrolment.student_id
        present = present_by_enrolment.get(enrolment.pk, 0)
        ended = has_ended(run, now=now)
        for row in tally.about_person(run, enrolment.joining_as):
            row.enrolments += 1
            row.enrolments_cancelled += enrolment.status == Enrolment.Status.CANCELLED
            row.students.add(student_id)
            if student_id not in previous:
                row.new.add(student_id)
            if ended and present:
                row.starters += 1
                row.completers += enrolment.pk in completed
            confirmed = enrolment.status == Enrolment.Status.CONFIRMED
            if ended and not present and confirmed and run.pk in registers_taken:
                row.no_shows += 1

    walk_ins = WalkIn.objects.filter(session__run__in=held).order_by().values("session__run_id").annotate(n=Count("id"))
    for walk_in in walk_ins:
        for row in tally.about_run(runs[walk_in["session__run_id"]]):
            if row.walk_ins is not None:
                row.walk_ins += walk_in["n"]

    _count_unmet_demand(held, tally, runs, enrolments)
    _count_feedback(held, tally, runs)
    return Report(period=period, split=split, rows=tally.ordered())


def _count_marks(held, tally: _Tally, enrolments: dict) -> tuple[dict[int, int], set[int]]:
    """Adds up the marks; returns how many times each enrolment was present, and the runs whose
    register was taken (a run with any mark)."""
    present_by_enrolment, registers_taken = {}, set()
    marks = (
        Attendance.objects.filter(session__run__in=held)
        .order_by()
        .values("enrolment_id", "mark")
        .annotate(n=Count("id"))
        .values_list("enrolment_id", "mark", "n")
    )
    for enrolment_id, mark, n in marks:
        enrolment = enrolments.get(enrolment_id)
        if enrolment is None:  # booked and marked since the enrolments were read: in the next report
            continue
        registers_taken.add(enrolment.run_id)
        if mark == Attendance.Mark.PRESENT:
            present_by_enrolment[enrolment_id] = n
        for row in tally.about_person(enrolment.run, enrolment.joining_as):
            row.marks += n
            row.present += n if mark == Attendance.Mark.PRESENT else 0
    return present_by_enrolment, registers_taken


def _students_seen_before(period: Period, held) -> set[int]:
    """Students of the period who had an enrolment on a run (not cancelled by the college) whose
    first session was before the period began."""
    earlier = (
        CourseRun.objects.with_dates()
        .filter(first_date__lt=period.starts_on)
        .exclude(status=CourseRun.Status.CANCELLED)
        .exclude(pk__in=period.runs().values("pk"))
        .values("pk")
    )
    return set(
        Enrolment.objects.filter(run__in=earlier, student__in=Enrolment.objects.filter(run__in=held).values("student"))
        .order_by()
        .values_list("student_id", flat=True)
        .distinct()
    )


def _count_unmet_demand(held, tally: _Tally, runs: dict, enrolments: list) -> None:
    placed = {(enrolment.run.course_id, enrolment.student_id) for enrolment in enrolments}
    waits = (
        WaitlistEntry.objects.filter(run__in=held)
        .order_by()
        .values_list("run_id", "student_id", "student__joining_as")
        .distinct()
    )
    for run_id, student_id, joining_as in waits:
        run = runs[run_id]
        if (run.course_id, student_id) not in placed:
            for row in tally.about_person(run, joining_as):
                row.unmet.add(student_id)


def _count_feedback(held, tally: _Tally, runs: dict) -> None:
    answers = (
        FeedbackAnswer.objects.filter(run__in=held)
        .order_by()
        .values_list("run_id", "student__joining_as", "experience", *CHIME_NAMES)
    )
    for run_id, joining_as, experience, *scores in answers:
        for row in tally.about_person(runs[run_id], joining_as):
            row.answers += 1
            row.positive += experience in POSITIVE
            for name, score in zip(CHIME_NAMES, scores, strict=True):
                if score is not None:
                    row.chime_totals[name][0] += score
                    row.chime_totals[name][1] += 1
