"""A student's own data on the demo college, at a phone's width and a desktop's: "Download
everything we hold about you" gives the ZIP, and the optional equality questions are answered once;
staff's Delete page asks who asked, how and why. No WCAG 2.2 AA violation, no sideways scrolling."""

import pytest
from playwright.sync_api import expect

from enrolment.models import Student
from equality.models import EqualityResponse, EqualitySettings

from .conftest import WIDTHS
from .people import submit
from .test_form_states import h1, sign_in


def ask_every_question() -> None:
    settings = EqualitySettings.load()
    for name in ("age_band", "gender", "ethnicity", "disability", "sexual_orientation"):
        setattr(settings, f"ask_{name}", True)
    settings.save()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_student_downloads_their_data_and_answers_the_equality_questions_once(open_page, width):
    ask_every_question()
    student = Student.objects.exclude(email="").filter(forgotten_at__isnull=True).order_by("-pk").first()
    page = open_page(width)
    sign_in(page, student.email)
    expect(h1(page)).to_have_text("Your courses")

    page.get_by_role("link", name="Download everything we hold about you").click()
    expect(h1(page)).to_have_text("Download everything we hold about you")
    problems = page.problems("your data")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data").click()
    assert download.value.suggested_filename.startswith(f"subject-access-student-{student.pk}-")

    page.go("/my-courses/")
    page.get_by_role("link", name="Answer questions about you").click()
    expect(h1(page)).to_have_text("About you")
    problems += page.problems("about you, the questions")
    before = EqualityResponse.objects.count()
    page.get_by_label("25 to 34").check()
    submit(page)
    expect(h1(page)).to_have_text("Your courses")
    expect(page.get_by_text("Thank you. We have saved your answers.")).to_be_visible()
    assert EqualityResponse.objects.count() == before + 1

    page.go("/my-courses/about-you/")
    expect(h1(page)).to_have_text("You have answered already")
    problems += page.problems("about you, answered")
    assert problems == []


def test_staff_delete_page_asks_who_asked_how_and_why(open_page):
    student = Student.objects.filter(forgotten_at__isnull=True).order_by("pk").first()
    staff = open_page(WIDTHS[1].values[0])
    staff.go("/admin/login/")
    staff.get_by_label("Username").fill("admin")
    staff.get_by_label("Password").fill("recovery-demo")
    staff.get_by_role("button", name="Sign in").click()
    staff.go(f"/admin/students/delete/{student.pk}/")
    expect(staff.get_by_role("group", name="Who asked")).to_be_visible()
    expect(staff.get_by_role("group", name="How they asked")).to_be_visible()
    expect(staff.get_by_label("Anything to note (optional)")).to_be_visible()
    assert staff.axe_violations("delete a student's details") == []
