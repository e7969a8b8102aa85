"""Shared set-up for the staff enrolment admin tests: adults, the form data staff would type, and
a run's edit form as it stands (`run_edit_form`). The signed-in superuser (`staff`,
`staff_client`) and the small `run` are fixtures in conftest.py."""

from django.utils import timezone

from enrolment.models import Student

from .factories import make_student


def adult(**fields) -> Student:
    return make_student(confirmed_adult=True, **fields)


def student_form(**fields) -> dict:
    data = {
        "first_name": "Pat",
        "last_name": "Jones",
        "email": "",
        "phone": "",
        "postal_address": "",
        "postcode": "",
        "contact_by": "phone",
        "confirmed_adult": "on",
        "joining_as": "",
        "support_needs": "",
        "heard_about": "",
        "consent_how": "phone",
        "consent_at": "2026-11-20 10:00",
        "date_of_birth": "",
    }
    return {**data, **fields}


def enrol_form(student=None, **fields) -> dict:
    data = {
        "student": student.pk if student else "",
        "source": "phone",
        "places": "1",
        "supporter_name": "",
        "over_capacity_reason": "",
    }
    return {**data, **fields}


def new_student(**fields) -> dict:
    return {f"new-{name}": value for name, value in student_form(**fields).items()}


def enrol_url(run):
    return f"/admin/enrolment/runs/{run.pk}/enrol/"


def text(response) -> str:
    return response.content.decode()


def run_edit_form(run, **overrides) -> dict:
    """Everything the run's admin edit form posts, as it stands, with `overrides` changed."""
    sessions = list(run.sessions.all())
    data = {
        "course": run.course_id,
        "term": run.term_id,
        "status": run.status,
        "format": run.format,
        "location": run.location_id or "",
        "online_joining_details": run.online_joining_details,
        "capacity": str(run.capacity),
        "enrolment_opens": timezone.localtime(run.enrolment_opens).strftime("%Y-%m-%d %H:%M"),
        "enrolment_closes": timezone.localtime(run.enrolment_closes).strftime("%Y-%m-%d %H:%M"),
        "facilitators": [f.pk for f in run.facilitators.all()],
        "sessions_to_complete": str(run.sessions_to_complete or ""),
        "sessions-TOTAL_FORMS": str(len(sessions)),
        "sessions-INITIAL_FORMS": str(len(sessions)),
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    for n, session in enumerate(sessions):
        data |= {
            f"sessions-{n}-id": session.pk,
            f"sessions-{n}-date": f"{session.date:%Y-%m-%d}",
            f"sessions-{n}-start_time": f"{session.start_time:%H:%M}",
            f"sessions-{n}-end_time": f"{session.end_time:%H:%M}",
            f"sessions-{n}-ORDER": str(n + 1),
            f"sessions-{n}-DELETE": "",
        }
    return data | overrides
