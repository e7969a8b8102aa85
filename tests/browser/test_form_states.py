"""Each form a student uses, in its empty, error and success states, at a phone's width and a
desktop's: no WCAG 2.2 AA violation, no sideways scrolling, crisis help one link away. The error
states are reached by doing what people do: sending the form empty or with a slip in it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CourseRun
from enrolment.links import Purpose, link_path
from enrolment.models import Student
from enrolment.selectors import open_for_enrolment

from .conftest import WIDTHS
from .people import Person, email_to, fill_enrolment_form, read_email, submit

CARA = Person("Cara", "Jones", "cara.jones@example.org")


def h1(page):
    return page.get_by_role("heading", level=1)


def full_and_open_runs() -> tuple[CourseRun, CourseRun]:
    runs = open_for_enrolment(CourseRun.objects.upcoming().with_places().order_by("pk"), now=timezone.now())
    return (next(run for run in runs if run.spaces_left == 0), next(run for run in runs if run.spaces_left > 0))


def a_closed_run() -> CourseRun:
    """The college cancels a run: its enrolment page must say so kindly."""
    run = CourseRun.objects.filter(sessions__date__gt=timezone.localdate() + dt.timedelta(days=3)).first()
    run.status = CourseRun.Status.CANCELLED
    run.save()
    return run


def open_sign_in_link(page, email: str) -> None:
    read_email(page, email_to(email, "sign in"))
    page.get_by_role("link", name="Sign in").first.click()
    expect(h1(page)).to_have_text("Sign in to see your courses")


def sign_in(page, email: str) -> None:
    page.go("/my-courses/sign-in/")
    page.get_by_label("Email address").fill(email)
    submit(page)
    open_sign_in_link(page, email)
    submit(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_enrolment_form_empty_with_mistakes_and_sent(open_page, width):
    full, open_run = full_and_open_runs()
    page = open_page(width)
    page.go(f"/enrol/{open_run.pk}/")
    problems = page.problems("enrolment form, empty")
    submit(page)
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    problems += page.problems("enrolment form, sent empty")
    fill_enrolment_form(page, CARA)
    page.get_by_label("Email address").fill("cara.jones@example")
    submit(page)
    expect(page.get_by_role("link", name="Enter an email address in the correct format")).to_be_visible()
    problems += page.problems("enrolment form, email with a slip")
    page.get_by_label("Email address").fill(CARA.email)
    submit(page)
    expect(h1(page)).to_contain_text("check your email")
    problems += page.problems("thank you")

    page.go(f"/enrol/{full.pk}/")
    problems += page.problems("enrolment form, full run")
    page.get_by_role("radio", name="The first place on any dates").check()
    page.get_by_role("checkbox", name=full.location.name if full.location else "Online").uncheck()
    submit(page)
    expect(page.get_by_role("link", name="Choose at least one place")).to_be_visible()
    problems += page.problems("enrolment form, any dates but nowhere chosen")

    page.go(f"/enrol/{open_run.pk}/")
    fill_enrolment_form(page, Person("Dan", "Young", "dan@example.org"))
    page.get_by_role("radio", name="No").first.check()
    submit(page)
    expect(h1(page)).to_have_text("Our courses are for adults")  # not the form again, with an error
    problems += page.problems("under 18")

    page.go(f"/enrol/{a_closed_run().pk}/")
    problems += page.problems("enrolment closed")
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_my_courses_and_its_forms_empty_with_mistakes_and_done(open_page, width):
    student = max(
        Student.objects.exclude(email="").prefetch_related("enrolments"), key=lambda student: student.enrolments.count()
    )
    page = open_page(width)
    page.go("/my-courses/sign-in/")
    problems = page.problems("sign in, empty")
    page.get_by_label("Email address").fill("not an email")
    submit(page)
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    problems += page.problems("sign in, with a slip")
    page.get_by_label("Email address").fill(student.email)
    submit(page)
    problems += page.problems("sign in, link sent")

    open_sign_in_link(page, student.email)
    problems += page.problems("sign in, confirm")
    submit(page)
    expect(h1(page)).to_have_text("Your courses")
    problems += page.problems("my courses")

    page.go("/my-courses/details/")
    problems += page.problems("change details, as they are")
    page.get_by_label("First name").fill("")
    submit(page)
    expect(page.get_by_role("link", name="Enter your first name")).to_be_visible()
    problems += page.problems("change details, with a slip")
    page.get_by_label("First name").fill("Sam")
    submit(page)
    expect(h1(page)).to_have_text("Your courses")
    problems += page.problems("my courses, details saved")

    page.go(link_path(Purpose.STOP_REMINDERS, student.pk))
    problems += page.problems("stop reminders, confirm")
    submit(page)
    problems += page.problems("stop reminders, done")

    page.goto("/link/not-a-real-link/")
    problems += page.problems("a broken link")

    page.go("/my-courses/")
    page.get_by_role("button", name="Sign out").click()
    problems += page.problems("signed out")

    sign_in(page, student.email)
    page.go("/my-courses/delete-my-data/")
    problems += page.problems("delete my details, confirm")
    submit(page)
    problems += page.problems("details deleted")
    assert problems == []
