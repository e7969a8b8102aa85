"""Taking the register on a phone in the room, in a real browser at 375 px with JavaScript off:
nothing scrolls sideways or is cut off, every button is big enough for a thumb (44 px), one press
saves a mark and comes back showing it, and the run's register stacks so the email column is not
cut off. The rules behind it are tested in test_attendance.py."""

from playwright.sync_api import expect

from courses.models import CourseRun
from enrolment.models import Attendance, Enrolment, Student

from .conftest import PHONE

# Every control of the page's own that is cut off by the screen's edge or smaller than 44 px (a thumb).
CONTROLS_OUT_OF_REACH = """() => {
    const limit = document.documentElement.clientWidth;
    const ours = '.attendance-sessions a, .attendance-list button, .attendance-list summary, #walk-ins button, '
               + '#walk-ins input';
    return [...document.querySelectorAll(ours)]
        .filter(el => el.getClientRects().length && !el.closest('.w-sr-only'))
        .filter(el => { const box = el.getBoundingClientRect();
                        return box.right > limit + 1 || box.left < -1 || box.height < 44 || box.width < 44; })
        .map(el => { const box = el.getBoundingClientRect();
                     return `${el.outerHTML.slice(0, 80)} ${Math.round(box.width)}x${Math.round(box.height)}`; });
}"""


def test_a_register_can_be_taken_on_a_phone_without_javascript(open_page):
    run = CourseRun.objects.filter(enrolments__status="confirmed").order_by("pk").first()
    student = Student.objects.create(
        first_name="Anastasia",
        last_name="Montgomery-Fairweather",
        email="anastasia.montgomery-fairweather.recovery@example.org",
        support_needs="Needs a seat near the door and a break every hour.",
    )
    enrolment = Enrolment.objects.create(run=run, student=student)
    session = run.session_list[0]

    page = signed_in(open_page(PHONE, javascript=False))

    page.go(f"/admin/enrolment/runs/{run.pk}/register/")
    assert page.overflows_sideways() == []
    email = page.get_by_role("cell", name=student.email)
    assert email.evaluate("cell => cell.getBoundingClientRect().right <= document.documentElement.clientWidth")
    page.get_by_role("link", name="Take the register for session 1").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Take the register")
    assert page.overflows_sideways() == []
    assert page.evaluate(CONTROLS_OUT_OF_REACH) == []
    page.get_by_role("button", name=f"Absent for {student}").click()

    assert page.url.endswith(f"#person-{enrolment.pk}")
    expect(page.get_by_role("button", name=f"Absent for {student}")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name=f"Present for {student}")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(f"#person-{enrolment.pk}")).to_contain_text("Saved: Absent")
    assert Attendance.objects.get(session=session, enrolment=enrolment).mark == "absent"

    # axe-core runs as JavaScript in the page, so the same page is checked again with it on.
    checked = signed_in(open_page(PHONE))
    checked.go(f"/admin/enrolment/runs/{run.pk}/sessions/{session.pk}/")
    assert checked.axe_violations("take the register") == []


def signed_in(page):
    page.go("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("recovery-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page
