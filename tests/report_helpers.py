"""A small college with known answers for the reports tests (tests/test_reports*.py).

Summer 2026 (1 April to 31 July 2026), three runs held and one cancelled:

    R1  Understanding anxiety  Oxford Hub (hub)        4 sessions from Mon 4 May, needs 2 to complete
    R2  Sleep well             Banbury Library (spoke) 2 sessions from Tue 5 May, needs 1
    R3  Understanding anxiety  online                  3 sessions from Wed 6 May, needs 2
    R4  Living well            Oxford Hub              cancelled by the college (S1 had a place)
    R0  Understanding anxiety  Oxford Hub              Spring 2026, first session 10 January (S1 came)

Topics: Understanding anxiety -> Anxiety; Sleep well -> Anxiety and Sleep; Living well -> Sleep.

Students (joining as): S1, S2, S6 lived experience; S3, S7 carers; S4 staff; S5 not given;
W1 other and W2 not given only wait.

    R1: S1 P P P A (3 present)  S2 P Ap A A (1)  S3 A A (0, a no-show)  S4 cancelled, no marks
        one walk-in at session 1; W1 and S6 wait for it (S6 gets a place on R3, the same course)
    R2: S2 P P (2)  S5 Ap - (0, a no-show); W2 waits for it
    R3: S6 P P - (2)  S7 P A A (1); two walk-ins at session 2
    Feedback: S1 on R1 very good (hope 5, connectedness 4); S2 on R2 don't know (hope 3);
              S6 on R3 good (hope 4, connectedness 2, empowerment 5)

Every run has ended by NOW."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from courses.models import CourseRun, Location
from enrolment.models import Attendance, Enrolment, FeedbackAnswer, Student, WaitlistEntry, WalkIn

from .factories import make_course, make_location, make_run, make_student, make_term, make_topic

CHIME_NAMES = ("connectedness", "hope", "identity", "meaning", "empowerment")
NOW = timezone.make_aware(dt.datetime(2026, 9, 1, 12))
P, A, AP = Attendance.Mark.PRESENT, Attendance.Mark.ABSENT, Attendance.Mark.APOLOGIES


def mark(run: CourseRun, enrolment: Enrolment, marks) -> None:
    """Marks for each session in order; None leaves a session unmarked."""
    for session, value in zip(run.sessions.all(), marks, strict=False):
        if value:
            Attendance.objects.create(session=session, enrolment=enrolment, mark=value, marked_at=NOW)


def enrol(run: CourseRun, student: Student, marks=(), **fields) -> Enrolment:
    enrolment = Enrolment.objects.create(run=run, student=student, **fields)
    mark(run, enrolment, marks)
    return enrolment


def walk_ins(run: CourseRun, session_number: int, how_many: int) -> None:
    session = list(run.sessions.all())[session_number - 1]
    for number in range(how_many):
        WalkIn.objects.create(session=session, name=f"Walk-in {number}", added_at=NOW)


def wait(run: CourseRun, student: Student, **fields) -> WaitlistEntry:
    return WaitlistEntry.objects.create(student=student, course=run.course, run=run, queue_key=NOW, **fields)


def answer(run: CourseRun, student: Student, experience: str, **chime) -> FeedbackAnswer:
    return FeedbackAnswer.objects.create(run=run, student=student, experience=experience, created_at=NOW, **chime)


@dataclass
class College:
    term: object
    runs: dict
    students: dict
    hub: Location
    spoke: Location


def build_college(course_index, *, hub_name: str = "Oxford Hub", topic_name: str = "Anxiety") -> College:
    term = make_term("Summer 2026", dt.date(2026, 4, 1), dt.date(2026, 7, 31))
    spring = make_term("Spring 2026", dt.date(2026, 1, 5), dt.date(2026, 3, 31))
    hub = make_location(hub_name, kind=Location.Kind.HUB, slug="hub")
    spoke = make_location("Banbury Library", kind=Location.Kind.SPOKE)
    anxiety, sleep = make_topic(topic_name, slug="anxiety"), make_topic("Sleep")
    anxiety_course = make_course(course_index, "Understanding anxiety", topics=[anxiety])
    sleep_course = make_course(course_index, "Sleep well", topics=[anxiety, sleep])
    living_course = make_course(course_index, "Living well", topics=[sleep])

    def run(course, first_date, sessions, **fields):
        return make_run(course, first_date=first_date, sessions=sessions, term=fields.pop("term", term), **fields)

    runs = {
        "R0": run(anxiety_course, dt.date(2026, 1, 10), 2, location=hub, term=spring),
        "R1": run(anxiety_course, dt.date(2026, 5, 4), 4, location=hub),
        "R2": run(sleep_course, dt.date(2026, 5, 5), 2, location=spoke),
        "R3": run(anxiety_course, dt.date(2026, 5, 6), 3, format=CourseRun.Format.ONLINE),
        "R4": run(living_course, dt.date(2026, 5, 7), 2, location=hub, status=CourseRun.Status.CANCELLED),
    }
    joining = {
        "S1": "lived_experience",
        "S2": "lived_experience",
        "S3": "carer",
        "S4": "staff",
        "S5": "",
        "S6": "lived_experience",
        "S7": "carer",
        "W1": "other",
        "W2": "",
    }
    s = {name: make_student(name, joining_as=value) for name, value in joining.items()}
    r0, r1, r2, r3, r4 = (runs[name] for name in ("R0", "R1", "R2", "R3", "R4"))

    enrol(r0, s["S1"], [P, P])
    enrol(r1, s["S1"], [P, P, P, A])
    enrol(r1, s["S2"], [P, AP, A, A])
    enrol(r1, s["S3"], [A, A])
    enrol(r1, s["S4"], status=Enrolment.Status.CANCELLED, cancelled_at=NOW)
    walk_ins(r1, 1, 1)
    wait(r1, s["W1"])
    wait(r1, s["S6"], status=WaitlistEntry.Status.LEFT)
    enrol(r2, s["S2"], [P, P])
    enrol(r2, s["S5"], [AP, None])
    wait(r2, s["W2"])
    enrol(r3, s["S6"], [P, P, None])
    enrol(r3, s["S7"], [P, A, A])
    walk_ins(r3, 2, 2)
    enrol(r4, s["S1"], status=Enrolment.Status.CANCELLED, cancelled_at=NOW)
    wait(r4, s["W1"])

    answer(r1, s["S1"], FeedbackAnswer.Experience.VERY_GOOD, hope=5, connectedness=4)
    answer(r2, s["S2"], FeedbackAnswer.Experience.DONT_KNOW, hope=3)
    answer(r3, s["S6"], FeedbackAnswer.Experience.GOOD, hope=4, connectedness=2, empowerment=5)
    return College(term=term, runs=runs, students=s, hub=hub, spoke=spoke)


def figures(row) -> dict:
    """A row's figures as plain values, to compare with the ones worked out by hand."""
    return {
        "runs": row.runs,
        "cancelled runs": row.runs_cancelled,
        "enrolments": row.enrolments,
        "cancelled enrolments": row.enrolments_cancelled,
        "unique": row.unique_students,
        "new": row.new_students,
        "attendance": (row.present, row.marks, row.attendance_rate.percent),
        "walk-ins": row.walk_ins,
        "completion": (row.completers, row.starters, row.completion_rate.percent),
        "no-shows": row.no_shows,
        "unmet": row.unmet_demand,
        "feedback": (row.positive, row.answers, row.fft_positive.percent),
        "chime": {name: row.chime(name).value for name in CHIME_NAMES},
    }


def chime(connectedness=None, hope=None, identity=None, meaning=None, empowerment=None) -> dict:
    return {
        "connectedness": connectedness,
        "hope": hope,
        "identity": identity,
        "meaning": meaning,
        "empowerment": empowerment,
    }
