"""What goes in the files staff download: a run's register, and the waiting lists of every run
still to come. Each is a home.downloads.Table, which is written as CSV or XLSX and made safe there.

Support needs are a column only when the person downloading may see them (`support_needs=True`,
decided by permissions.can_see_support_needs); without it the column is left out, not emptied."""

from courses.models import CourseRun
from enrolment.models import Enrolment, Offer, Student, WaitlistEntry
from enrolment.selectors import waiting_for
from home.downloads import Table
from home.phones import display_phone

ENROLLED = "Enrolled"
OFFERED = "Offered a place"
WAITING = "Waiting"


def _person_headings(support_needs: bool) -> list[str]:
    return [
        "First name",
        "Last name",
        "Places",
        "Supporter",
        "Phone",
        "Email",
        "Prefers contact by",
        *(["Support needs"] if support_needs else []),
    ]


def _person(student: Student, places: int, supporter: str, support_needs: bool) -> list:
    return [
        student.first_name,
        student.last_name,
        places,
        supporter,
        display_phone(student.phone),
        student.email or "",
        student.get_contact_by_display(),
        *([student.support_needs] if support_needs else []),
    ]


def register_table(run: CourseRun, *, support_needs: bool) -> Table:
    """Everyone holding or waiting for a place on `run`, as the register page lists them: enrolled,
    then offered a place and not yet answered, then waiting in the order places are offered."""
    table = Table(
        headings=[
            "On the register as",
            "Number on the waiting list",
            *_person_headings(support_needs),
            "How they joined",
            "Since",
        ]
    )
    enrolments = run.enrolments.holding_places().select_related("student").order_by("created_at", "pk")
    for enrolment in enrolments:
        table.rows.append(_enrolled_row(enrolment, support_needs))
    offers = run.offers.live().select_related("entry__student").order_by("offered_at", "pk")
    for offer in offers:
        table.rows.append(_offered_row(offer, support_needs))
    for position, entry in enumerate(waiting_for(run), start=1):
        table.rows.append(
            [
                WAITING,
                position,
                *_person(entry.student, entry.places, entry.supporter_name, support_needs),
                entry.get_source_display(),
                entry.created_at,
            ]
        )
    return table


def _enrolled_row(enrolment: Enrolment, support_needs: bool) -> list:
    return [
        ENROLLED,
        None,
        *_person(enrolment.student, enrolment.places, enrolment.supporter_name, support_needs),
        enrolment.get_source_display(),
        enrolment.created_at,
    ]


def _offered_row(offer: Offer, support_needs: bool) -> list:
    entry = offer.entry
    return [
        OFFERED,
        None,
        *_person(entry.student, offer.places, entry.supporter_name, support_needs),
        entry.get_source_display(),
        offer.offered_at,
    ]


def waiting_lists_table(runs, *, support_needs: bool) -> Table:
    """The waiting list of each run in `runs`, run by run, each in queue order (the order freed
    places are offered). Someone waiting for "any date" is on the list of every run that suits
    them, as on each run's register, with their number in each queue."""
    table = Table(
        headings=[
            "Course",
            "Starts",
            "Where",
            "Run",
            "Number on the waiting list",
            "Waiting for",
            *_person_headings(support_needs),
            "How they joined",
            "Waiting since",
        ]
    )
    for run in runs:
        where = "Online" if run.is_online else (run.location.name if run.location else "")
        for position, entry in enumerate(waiting_for(run), start=1):
            table.rows.append(
                [
                    run.course.title,
                    run.first_date,
                    where,
                    run.pk,
                    position,
                    _waiting_for(entry),
                    *_person(entry.student, entry.places, entry.supporter_name, support_needs),
                    entry.get_source_display(),
                    entry.created_at,
                ]
            )
    return table


def _waiting_for(entry: WaitlistEntry) -> str:
    return "Any date" if entry.is_any_date else "These dates"
