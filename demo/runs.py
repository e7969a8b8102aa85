"""Writes the planned terms and course runs (with sessions, facilitators and a few demo students'
enrolments) to the database. What to create is decided in `schedule.py`; this only writes it.

A run is matched by (course, term, format, location). An existing run is left exactly as it is,
enrolments included: saving it again would bump `updated_at`."""

from collections import Counter
from dataclasses import dataclass

from courses.models import CoursePage, CourseRun, Facilitator, Location, Session, Term
from courses.rules import check_co_delivery
from enrolment.models import Enrolment, Student

from .records import find_or_create
from .schedule import RunPlan
from .terms import TermDates

DEMO_STUDENTS = 24  # more than the largest capacity, so a run can be filled to the last place
JOINING_AS = (
    Student.JoiningAs.LIVED_EXPERIENCE,
    Student.JoiningAs.LIVED_EXPERIENCE,
    Student.JoiningAs.CARER,
    Student.JoiningAs.LIVED_EXPERIENCE,
    Student.JoiningAs.STAFF,
    Student.JoiningAs.LIVED_EXPERIENCE,
    Student.JoiningAs.CARER,
    Student.JoiningAs.OTHER,
)
# Each filled run starts further along the list of students, so runs do not all share one class.
STUDENT_OFFSET = 7


@dataclass(frozen=True)
class Catalogue:
    """The rows a run plan refers to, by the natural keys the plan uses."""

    courses: dict[str, CoursePage]
    terms: dict[str, Term]
    locations: dict[str, Location]
    facilitators: dict[str, Facilitator]


def ensure_terms(term_dates: list[TermDates], created: Counter) -> dict[str, Term]:
    # The term under way is often the current or next term as well: each is written once.
    term_dates = list({term.slug: term for term in term_dates}.values())
    return {
        term.slug: find_or_create(
            Term,
            {"slug": term.slug},
            {"name": term.name, "starts_on": term.starts_on, "ends_on": term.ends_on},
            created,
            "terms",
        )
        for term in term_dates
    }


def ensure_students(created: Counter) -> list[Student]:
    return [
        find_or_create(
            Student,
            {"email": f"demo.student{n}@example.org"},
            {"first_name": "Demo", "last_name": f"Student {n}", "joining_as": joining_as(n)},
            created,
            "demo students",
        )
        for n in range(1, DEMO_STUDENTS + 1)
    ]


def joining_as(number: int) -> str:
    """Demo student `number` joins as someone with lived experience (most), a carer, staff or other."""
    return JOINING_AS[number % len(JOINING_AS)]


def ensure_runs(plans: list[RunPlan], catalogue: Catalogue, created: Counter) -> list[Student]:
    """Write the planned runs, filling a few with demo students. Returns the demo students."""
    students = ensure_students(created)
    for number, plan in enumerate(plans):
        run = ensure_run(plan, catalogue, created)
        if run is not None and plan.places_taken:
            start = number * STUDENT_OFFSET % len(students)
            rotated = students[start:] + students[:start]
            enrol_demo_students(run, rotated[: plan.places_taken], created)
    return students


def ensure_run(plan: RunPlan, catalogue: Catalogue, created: Counter) -> CourseRun | None:
    """Create the planned run with its sessions and team, or return None if it already exists."""
    key = {
        "course": catalogue.courses[plan.course],
        "term": catalogue.terms[plan.term],
        "format": plan.format,
        "location": catalogue.locations[plan.location] if plan.location else None,
    }
    if CourseRun.objects.filter(**key).exists():
        return None
    team = [catalogue.facilitators[name] for name in plan.experience + plan.training]
    check_co_delivery(facilitators=team, cancelled=False, enrolment_closes=plan.enrolment_closes)
    run = CourseRun(
        **key,
        capacity=plan.capacity,
        online_joining_details=plan.online_joining_details,
        enrolment_opens=plan.enrolment_opens,
        enrolment_closes=plan.enrolment_closes,
    )
    # A ClusterableModel saves its sessions and facilitators along with itself, in one save().
    run.sessions = [Session(date=s.date, start_time=s.start_time, end_time=s.end_time) for s in plan.sessions]
    run.facilitators = team
    run.full_clean()
    run.save()
    created["course runs"] += 1
    created["sessions"] += len(plan.sessions)
    return run


def enrol_demo_students(run: CourseRun, students: list[Student], created: Counter) -> None:
    Enrolment.objects.bulk_create(
        [Enrolment(run=run, student=student, status=Enrolment.Status.CONFIRMED) for student in students]
    )
    created["enrolments"] += len(students)
