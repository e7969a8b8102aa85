"""Shared set-up for the staff enrolment admin tests: adults, and the form data staff would type.
The signed-in superuser (`staff`, `staff_client`) and the small `run` are fixtures in conftest.py."""

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
