"""The checks every public form that names a person makes before anything is booked or asked for,
in this order, so the enrol form and "email me when it opens" cannot drift apart."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import redirect, render

from courses.models import CourseRun

from .. import limits, services
from ..models import Student
from ..models.places import Source
from ..services.students import find_or_create_student


@dataclass(frozen=True)
class Screened:
    response: HttpResponse | None = None  # answer now, without touching the form again
    student: Student | None = None  # who is asking, once the form is fine and within limits
    passed: bool = False  # the form is fine and within limits


def screen_person(
    request, form, student: Student | None, *, run: CourseRun, bot_goes_to: str, find_student: bool = True
) -> Screened:
    """Under 18: the kind page. A bot (the honeypot): the answer a person gets, so it learns nothing.
    Too many tries from this address or for this email: a form error. Otherwise the student: the
    signed-in one, or found or created from the form (a known student's details are never changed:
    anyone can type anyone's email); `find_student=False` leaves that to the caller, to do in the
    transaction that books. With neither a response nor `passed`, show the form again."""
    if getattr(form, "is_under_18", False):
        return Screened(response=render(request, "enrolment/under_18.html", {"run": run}))
    if getattr(form, "is_bot", False):
        return Screened(response=redirect(bot_goes_to, run_id=run.pk))
    if limits.too_many_from_address(request, "enrol"):
        form.add_error(None, limits.TOO_MANY)
        return Screened()
    if not form.is_valid():
        return Screened()
    email = student.email if student else services.normalise_email(form.cleaned_data["email"])
    if limits.too_many_for_email(request, "enrol", email):
        form.add_error(None, limits.TOO_MANY)
        return Screened()
    if student is None and find_student:
        student, _ = student_from_form(form)
    return Screened(student=student, passed=True)


def student_from_form(form) -> tuple[Student, bool]:
    """The student behind a valid public form, found by email or created; and whether created."""
    return find_or_create_student(form.cleaned_data, consent_how=Source.ONLINE)
