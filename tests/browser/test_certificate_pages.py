"""Certificates of attendance on the demo college, in a real browser: a student downloads theirs from
My courses, and staff see who completed on a run's register and download the same certificate, at a
phone's width and a desktop's, with no WCAG 2.2 AA violation and no sideways scrolling. What the
PDF says and who may have it are tested in test_certificates.py."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CourseRun, Session
from enrolment.models import Enrolment, EnrolmentSettings, Student
from enrolment.services.attendance import mark_attendance

from .conftest import WIDTHS
from .test_form_states import h1, sign_in


def a_course_zoe_completed() -> Enrolment:
    """A demo course's run moved to last month, with Zoë present at both of its two sessions."""
    run = CourseRun.objects.filter(status=CourseRun.Status.SCHEDULED).order_by("pk").first()
    Session.objects.filter(run=run).delete()
    first = timezone.localdate() - dt.timedelta(days=30)
    for week in range(2):
        Session.objects.create(
            run=run, date=first + dt.timedelta(weeks=week), start_time=dt.time(10), end_time=dt.time(12)
        )
    zoe = Student.objects.create(
        first_name="Zoë", last_name="Ní Bhriain-Wiśniewska", email="zoe.ni.bhriain@example.org", confirmed_adult=True
    )
    place = Enrolment.objects.create(run=run, student=zoe)
    for session in Session.objects.filter(run=run):
        mark_attendance(session_id=session.pk, enrolment_id=place.pk, mark="present", actor=None)
    setting = EnrolmentSettings.load()
    setting.certificates = True
    setting.save()
    return place


@pytest.mark.parametrize("width", WIDTHS)
def test_a_student_and_staff_download_the_certificate(open_page, width):
    place = a_course_zoe_completed()
    page = open_page(width)
    sign_in(page, place.student.email)
    expect(h1(page)).to_have_text("Your courses")
    link = page.get_by_role("link", name="Download your certificate (PDF)")
    expect(link).to_have_count(1)
    expect(link).to_contain_text(place.run.course.title)  # for screen readers, hidden from sight
    problems = page.problems("my courses, with a certificate")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("certificate-of-attendance-")

    staff = open_page(width)
    staff.go("/admin/login/")
    staff.get_by_label("Username").fill("admin")
    staff.get_by_label("Password").fill("recovery-demo")
    staff.get_by_role("button", name="Sign in").click()
    staff.go(f"/admin/enrolment/runs/{place.run_id}/register/")
    expect(staff.get_by_text("To complete: attend 1 of 2 sessions.")).to_be_visible()
    row = staff.locator("tr", has_text="Zoë Ní Bhriain-Wiśniewska")
    expect(row).to_contain_text("Completed")
    assert staff.overflows_sideways() == []
    problems += staff.axe_violations("register, with who completed")
    with staff.expect_download() as download:
        row.get_by_role("link", name="Certificate (PDF)").click()
    assert (
        download.value.suggested_filename == f"certificate-of-attendance-{place.run.session_list[-1].date:%Y-%m-%d}.pdf"
    )
    assert problems == []
