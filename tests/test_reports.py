"""Reports for commissioners: every figure of a hand-built college (tests/report_helpers.py says
who came when), worked out by hand in the comments, for each way of splitting it; then which runs
a period holds, at its edges, and what a report costs in queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enrolment.selectors import completed_enrolment_ids
from reports.figures import Period, Split, build_report

from .factories import make_course, make_location, make_run, make_student
from .report_helpers import NOW, P, build_college, chime, enrol, figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def college(course_index):
    return build_college(course_index)


def report(college, split):
    return build_report(Period.of_term(college.term), split, now=NOW)


# Oxford Hub: R1 (and R4, cancelled). Enrolments S1 S2 S3 S4 (S4 cancelled); S1 came to R0 before.
# Marks 4 + 4 + 2 = 10, present 3 + 1 = 4 (40%). Starters S1, S2; completer S1 (3 >= 2): 50%.
# No-show S3. Unmet: W1 (S6 got R3, the same course). Feedback: S1 very good: 1 of 1.
HUB = {
    "runs": 1,
    "cancelled runs": 1,
    "enrolments": 4,
    "cancelled enrolments": 1,
    "unique": 4,
    "new": 3,
    "attendance": (4, 10, 40),
    "walk-ins": 1,
    "completion": (1, 2, 50),
    "no-shows": 1,
    "unmet": 1,
    "feedback": (1, 1, 100),
    "chime": chime(connectedness=4.0, hope=5.0),
}
# Banbury Library: R2. S2 and S5, both new here. Marks 2 + 1 = 3, present 2 (67%). Starter and
# completer S2 (2 >= 1): 100%. No-show S5 (apologies only). Unmet: W2. Feedback: don't know, 0 of 1.
SPOKE = {
    "runs": 1,
    "cancelled runs": 0,
    "enrolments": 2,
    "cancelled enrolments": 0,
    "unique": 2,
    "new": 2,
    "attendance": (2, 3, 67),
    "walk-ins": 0,
    "completion": (1, 1, 100),
    "no-shows": 1,
    "unmet": 1,
    "feedback": (0, 1, 0),
    "chime": chime(hope=3.0),
}
# Online: R3. S6 and S7. Marks 2 + 3 = 5, present 2 + 1 = 3 (60%). Starters S6, S7; completer S6
# (2 >= 2): 50%. No no-shows. Two walk-ins. Feedback: S6 good.
ONLINE = {
    "runs": 1,
    "cancelled runs": 0,
    "enrolments": 2,
    "cancelled enrolments": 0,
    "unique": 2,
    "new": 2,
    "attendance": (3, 5, 60),
    "walk-ins": 2,
    "completion": (1, 2, 50),
    "no-shows": 0,
    "unmet": 0,
    "feedback": (1, 1, 100),
    "chime": chime(connectedness=2.0, hope=4.0, empowerment=5.0),
}
# The whole term: 3 runs held, R4 cancelled (S1's place there is in no figure). 8 enrolments, 1
# cancelled; 7 people, 6 new (not S1). Present 9 of 18 marks: 50%. Completers 3 of 5 starters: 60%.
# No-shows S3, S5. Unmet W1, W2. Friends and Family Test: 2 of 3 (don't know counts): 67%.
# Hope (5 + 3 + 4) / 3 = 4.0; connectedness (4 + 2) / 2 = 3.0; empowerment 5.0; nobody scored the rest.
TOTAL = {
    "runs": 3,
    "cancelled runs": 1,
    "enrolments": 8,
    "cancelled enrolments": 1,
    "unique": 7,
    "new": 6,
    "attendance": (9, 18, 50),
    "walk-ins": 3,
    "completion": (3, 5, 60),
    "no-shows": 2,
    "unmet": 2,
    "feedback": (2, 3, 67),
    "chime": chime(connectedness=3.0, hope=4.0, empowerment=5.0),
}


def by_label(result):
    return {row.label: figures(row) for row in result.rows}


def test_the_whole_term(college):
    result = report(college, Split.NONE)
    assert by_label(result) == {"Total": TOTAL}
    assert result.period.label == "Summer 2026"


def test_split_by_location_lists_venues_then_online(college):
    result = report(college, Split.LOCATION)
    assert [row.label for row in result.rows] == ["Total", "Banbury Library", "Oxford Hub", "Online"]
    assert by_label(result) == {"Total": TOTAL, "Banbury Library": SPOKE, "Oxford Hub": HUB, "Online": ONLINE}


def test_split_by_format_is_hub_spoke_online(college):
    result = report(college, Split.FORMAT)
    assert by_label(result) == {"Total": TOTAL, "Hub": HUB, "Spoke": SPOKE, "Online": ONLINE}
    assert [row.label for row in result.rows] == ["Total", "Hub", "Spoke", "Online"]


def test_split_by_topic_counts_a_run_under_each_of_its_topics(college):
    # Anxiety: R1 (Understanding anxiety), R2 (Sleep well), R3: everything held, so the total's
    # figures, but R4 (Living well) is Sleep's, so no cancelled run. Sleep: R2 and R4 (cancelled).
    # 8 + 2 enrolments: more than the total's 8, as the page says they may be.
    result = report(college, Split.TOPIC)
    assert by_label(result) == {
        "Total": TOTAL,
        "Anxiety": {**TOTAL, "cancelled runs": 0},
        "Sleep": {**SPOKE, "cancelled runs": 1},
    }


def test_split_by_joining_as_follows_each_person(college):
    result = report(college, Split.JOINING_AS)
    rows = by_label(result)
    assert list(rows) == [
        "Total",
        "Someone with lived experience",
        "A carer or supporter",
        "A staff member",
        "Other",
        "Not given",
    ]
    # Runs and walk-ins are not people: in the total only.
    assert rows["Total"] == TOTAL
    none = {"runs": None, "cancelled runs": None, "walk-ins": None}
    nothing = {"feedback": (0, 0, None), "chime": chime(), "unmet": 0, "no-shows": 0}
    # S1 (R1), S2 (R1, R2), S6 (R3): 4 places, 3 people, new S2 and S6. Marks 4 + 4 + 2 + 2 = 12,
    # present 3 + 1 + 2 + 2 = 8 (67%). Starters 4, completers S1 R1, S2 R2, S6 R3 (75%). S6 waited
    # for R1 but got R3: not unmet. All three feedback answers are theirs.
    assert rows["Someone with lived experience"] == {
        **TOTAL,
        **none,
        "enrolments": 4,
        "cancelled enrolments": 0,
        "unique": 3,
        "new": 2,
        "attendance": (8, 12, 67),
        "completion": (3, 4, 75),
        "no-shows": 0,
        "unmet": 0,
    }
    # S3 (R1: A A) and S7 (R3: P A A): present 1 of 5 (20%); starter S7, no completer; no-show S3.
    assert rows["A carer or supporter"] == {
        **none,
        **nothing,
        "enrolments": 2,
        "cancelled enrolments": 0,
        "unique": 2,
        "new": 2,
        "attendance": (1, 5, 20),
        "completion": (0, 1, 0),
        "no-shows": 1,
    }
    # S4 cancelled before R1 began: counted as an enrolment and a person, never a no-show.
    assert rows["A staff member"] == {
        **none,
        **nothing,
        "enrolments": 1,
        "cancelled enrolments": 1,
        "unique": 1,
        "new": 1,
        "attendance": (0, 0, None),
        "completion": (0, 0, None),
    }
    # W1 only waited (for R1, and for R4, which the college cancelled: counted once).
    assert rows["Other"] == {
        **none,
        **nothing,
        "enrolments": 0,
        "cancelled enrolments": 0,
        "unique": 0,
        "new": 0,
        "attendance": (0, 0, None),
        "completion": (0, 0, None),
        "unmet": 1,
    }
    # S5 (R2: apologies, then unmarked): a no-show; W2 waited for R2.
    assert rows["Not given"] == {
        **none,
        **nothing,
        "enrolments": 1,
        "cancelled enrolments": 0,
        "unique": 1,
        "new": 1,
        "attendance": (0, 1, 0),
        "completion": (0, 0, None),
        "no-shows": 1,
        "unmet": 1,
    }


def test_completers_agree_with_the_completion_rule(college):
    """The report counts completers in one query for every run; the lead's rule, run by run,
    must give the same people."""
    result = report(college, Split.LOCATION)
    by_run = {"R1": "Oxford Hub", "R2": "Banbury Library", "R3": "Online"}
    for name, label in by_run.items():
        row = next(row for row in result.rows if row.label == label)
        assert row.completers == len(completed_enrolment_ids(college.runs[name], now=NOW))


def test_runs_still_running_have_no_completers_or_no_shows(college):
    # On 19 May R1 (last session 25 May) and R3 (20 May) are still running; R2 ended on 12 May.
    # Only R2 counts: starter and completer S2, no-show S5. Attendance counts every mark so far.
    result = build_report(Period.of_term(college.term), now=dt.datetime(2026, 5, 19, 12, tzinfo=dt.UTC))
    assert figures(result.total)["completion"] == (1, 1, 100)
    assert figures(result.total)["no-shows"] == 1
    assert figures(result.total)["attendance"] == (9, 18, 50)


def test_a_run_whose_register_was_never_taken_has_no_no_shows(course_index):
    # Nobody knows who came, so the two places are neither no-shows nor starters.
    run = make_run(make_course(course_index), first_date=dt.date(2026, 3, 2), sessions=2)
    for _ in range(2):
        enrol(run, make_student())
    march = build_report(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), now=NOW)
    assert figures(march.total)["no-shows"] == 0
    assert figures(march.total)["completion"] == (0, 0, None)
    assert figures(march.total)["attendance"] == (0, 0, None)


def test_a_date_range_holds_runs_whose_first_session_is_inside_it(course_index):
    course = make_course(course_index, "Finding hope")
    venue = make_location()
    dates = {
        "day before": dt.date(2026, 2, 28),
        "first day": dt.date(2026, 3, 1),
        "last day": dt.date(2026, 3, 31),
        "day after": dt.date(2026, 4, 1),
    }
    runs = {name: make_run(course, first_date=day, sessions=3, location=venue) for name, day in dates.items()}
    for run in runs.values():
        enrol(run, make_student(), [P])
    march = build_report(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), now=NOW)
    # The first and last days count; a run that began the day before does not, though its
    # other sessions are in March.
    assert (march.total.runs, march.total.enrolments) == (2, 2)
    one_day = build_report(Period(dt.date(2026, 3, 31), dt.date(2026, 3, 31)), now=NOW)
    assert one_day.total.runs == 1
    assert one_day.period.label == "31 March 2026 to 31 March 2026"


def test_new_means_no_place_on_a_run_that_began_before_the_period(course_index):
    course = make_course(course_index, "Finding hope")
    venue = make_location()
    came_before, booked_cancelled_run, brand_new = make_student(), make_student(), make_student()
    earlier = make_run(course, first_date=dt.date(2026, 2, 2), location=venue)
    cancelled = make_run(course, first_date=dt.date(2026, 2, 3), location=venue, status="cancelled")
    enrol(earlier, came_before, [P])
    enrol(cancelled, booked_cancelled_run)
    march_run = make_run(course, first_date=dt.date(2026, 3, 2), location=venue)
    for student in (came_before, booked_cancelled_run, brand_new):
        enrol(march_run, student)
    march = build_report(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), now=NOW)
    # A run the college cancelled is in no figure, so booking one does not stop someone being new.
    assert (march.total.unique_students, march.total.new_students) == (3, 2)


def queries_for(course_index, how_many: int, month: int) -> int:
    """Queries for a report of `how_many` runs in that month of 2026, each with a person who came."""
    course = make_course(course_index)
    venue = make_location()
    for _ in range(how_many):
        run = make_run(course, first_date=dt.date(2026, month, 2), sessions=2, location=venue, facilitators=[])
        enrol(run, make_student(joining_as="carer"), [P, P])
    period = Period(dt.date(2026, month, 1), dt.date(2026, month, 28))
    with CaptureQueriesContext(connection) as queries:
        result = build_report(period, Split.TOPIC, now=NOW)
    assert (result.total.runs, result.total.completers) == (how_many, how_many)
    return len(queries)


def test_a_report_costs_the_same_queries_for_20_runs_as_for_200(course_index):
    assert queries_for(course_index, 20, month=2) == queries_for(course_index, 200, month=3) == 10
