"""A facilitator on their phone, in a real browser at 375 px: signed in with the Facilitator role
and their record linked to their account, they find their runs under "Your course runs", take a
register from there, and another run's register is not found. The full role table is in
tests/test_roles.py."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from courses.models import CourseRun
from enrolment.models import Attendance, Enrolment

from .conftest import PHONE

PASSWORD = "a-long-facilitator-password"


def test_a_facilitator_takes_their_own_register_on_a_phone(open_page):
    run = CourseRun.objects.filter(enrolments__status="confirmed").order_by("pk").first()
    other = CourseRun.objects.exclude(facilitators__in=run.facilitators.all()).order_by("pk").first()
    facilitator = run.facilitators.order_by("pk").first()
    user = get_user_model().objects.create_user("fay", "fay@college.example", PASSWORD)
    user.groups.add(Group.objects.get(name="Facilitator"))
    facilitator.user = user
    facilitator.save()
    enrolment = Enrolment.objects.filter(run=run, status="confirmed").select_related("student").first()
    session = run.session_list[0]

    page = open_page(PHONE)
    page.go("/admin/login/")
    page.get_by_label("Username").fill("fay")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.go("/admin/enrolment/your-runs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your course runs")
    assert page.overflows_sideways() == []
    assert page.axe_violations("your course runs") == []
    expect(page.get_by_role("link", name=run.course.title, exact=True).first).to_be_visible()
    page.get_by_role("link", name=f"Take the register for {run.course.title} on {session.date:%-d %B}").first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Take the register")
    page.get_by_role("button", name=f"Present for {enrolment.student}", exact=True).click()
    expect(page.locator(f"#person-{enrolment.pk}")).to_contain_text("Saved: Present")
    assert Attendance.objects.get(session=session, enrolment=enrolment).marked_by == user

    response = page.goto(f"/admin/enrolment/runs/{other.pk}/register/")
    assert response.status == 404
