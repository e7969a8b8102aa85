"""A student's learning plan on the demo college, at a phone's width and a desktop's: the plan page
empty, with a slip and saved; My courses listing courses on their topics; and staff reading the
shared plan on the student's admin page. No WCAG 2.2 AA violation, no sideways scrolling."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CourseRun
from enrolment.models import Student
from enrolment.selectors import open_for_enrolment

from .conftest import WIDTHS
from .people import submit
from .test_form_states import h1, sign_in

GOALS = "Feel calmer on busy days and meet people"


def a_topic_with_open_dates():
    runs = open_for_enrolment(CourseRun.objects.upcoming().order_by("pk"), now=timezone.now())
    return next(topic for run in runs for topic in run.course.topics.all())


@pytest.mark.parametrize("width", WIDTHS)
def test_a_student_writes_and_shares_a_plan_and_staff_read_it(open_page, width):
    student = Student.objects.exclude(email="").filter(forgotten_at__isnull=True).order_by("pk").first()
    topic = a_topic_with_open_dates()
    page = open_page(width)
    sign_in(page, student.email)
    expect(h1(page)).to_have_text("Your courses")
    page.get_by_role("link", name="Start your learning plan").click()
    expect(h1(page)).to_have_text("Your learning plan")
    problems = page.problems("learning plan, empty")

    page.get_by_label("What would you like to learn or work towards? (optional)").fill("a" * 2001)
    submit(page)
    expect(page.get_by_role("link", name="Your goals must be 2000 characters or fewer")).to_be_visible()
    problems += page.problems("learning plan, with a slip")

    page.get_by_label("What would you like to learn or work towards? (optional)").fill(GOALS)
    page.get_by_label(topic.name, exact=True).check()
    page.get_by_label("Yes, staff can see it").check()
    submit(page)
    expect(h1(page)).to_have_text("Your courses")
    expect(page.get_by_role("heading", name="Courses that match your interests")).to_be_visible()
    problems += page.problems("my courses, with a plan")

    staff = open_page(width)
    staff.go("/admin/login/")
    staff.get_by_label("Username").fill("admin")
    staff.get_by_label("Password").fill("recovery-demo")
    staff.get_by_role("button", name="Sign in").click()
    staff.go(f"/admin/students/inspect/{student.pk}/")
    expect(staff.get_by_role("heading", name="Learning plan")).to_be_visible()
    expect(staff.get_by_text(GOALS)).to_be_visible()
    assert staff.overflows_sideways() == []
    problems += staff.axe_violations("student's page, shared plan")
    assert problems == []
