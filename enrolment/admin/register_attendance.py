"""What the run's register shows about attendance and cancellations: each person's mark at every
session, and who cancelled each place and why. Read through enrolment.selectors; kept apart from
register.py so the register view stays a list of what it shows."""

from courses.models import CourseRun
from enrolment.models import Attendance, Enrolment, StateChange
from enrolment.selectors import cancellation_reasons, marks_by_enrolment

MARK_WORDS = dict(Attendance.Mark.choices)


def add_attendance(run: CourseRun, enrolments: list[Enrolment]) -> None:
    """Give each enrolment `session_marks` ([(session number, what was marked)]) and `attended`
    (sessions marked present), for the register's Attendance column."""
    marks = marks_by_enrolment(run)
    sessions = run.session_list
    for enrolment in enrolments:
        theirs = marks.get(enrolment.pk, {})
        enrolment.session_marks = [
            (number, MARK_WORDS.get(theirs.get(session.pk), "not marked"))
            for number, session in enumerate(sessions, start=1)
        ]
        enrolment.attended = sum(1 for mark in theirs.values() if mark == Attendance.Mark.PRESENT)


def add_cancellation_reasons(run: CourseRun, cancelled: list[Enrolment]) -> None:
    """Give each cancelled enrolment `cancelled_why`: who cancelled it and the reason they gave."""
    changes = cancellation_reasons(run)
    for enrolment in cancelled:
        enrolment.cancelled_why = describe(changes.get(enrolment.pk))


def describe(change: StateChange | None) -> str:
    if change is None:
        return "No reason recorded"
    if change.actor_label == "staff":
        actor = change.actor
        who = f"By {actor.get_full_name() or actor.get_username()}" if actor else "By a member of staff"
    elif change.actor_label == "student":
        who = "By the student"
    else:
        who = "By the college"
    return f"{who}: {change.reason}" if change.reason else who
