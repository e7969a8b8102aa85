"""A member of staff sets up a new course in the Wagtail admin, the public find it, and staff enrol
someone who phoned: in a real browser, on a phone and on a desktop.

It proves the staff screens fit together end to end: publishing a course page under "Course dates",
adding a co-delivered run with a session on "Course runs", the new date appearing on the public
course dates page, and "Enrol someone" putting a caller on the run's register and emailing them
their confirmation. On the way it checks the staff screens that are ours (the register and "Enrol
someone") against WCAG 2.2 AA, and that on a phone the links staff need are not cut off."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CourseIndexPage, Term

from .conftest import WIDTHS

COURSE = "Gardening for wellbeing"
CALLER = "Priya Kaur"
CALLER_EMAIL = "priya.kaur@example.org"


def sign_in(page):
    page.go("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("recovery-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oxfordshire Recovery College")


def type_rich_text(page, label: str, text: str):
    """Type into the Draftail editor under a label, key by key (draft-js misses text set all at
    once). The editor has no accessible name of its own, so its visible label is what we go by."""
    label = page.locator(":scope > label", has_text=label)
    panel = page.locator(".w-panel__wrapper").filter(has=label)
    panel.get_by_role("textbox").click()
    page.keyboard.type(text)
    # Draftail copies the text into the form every 250 ms: a person never clicks Publish that fast.
    expect(panel.locator("[data-draftail-input]")).to_have_value(re.compile(re.escape(text)))


def type_date(box, value: str):
    """Type into a Wagtail date or time input, then Tab on as a person would, which closes its
    calendar. The calendar opens a moment after focus: tabbing away sooner would leave it opening
    over the fields and buttons below, so wait to see it first."""
    box.fill(value)
    expect(box.page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    box.press("Tab")
    expect(box).to_have_value(value)


def choose(page, button: str, item: str):
    """Pick something in one of Wagtail's chooser pop-ups, searching first where it offers that."""
    page.get_by_role("button", name=button).click()
    dialog = page.get_by_role("dialog")
    search = dialog.get_by_role("textbox", name="Search term")
    if search.count():
        search.fill(item)
    dialog.get_by_role("link", name=item, exact=True).click()
    expect(dialog).to_be_hidden()


def publish_course(page):
    page.go(f"/admin/pages/{CourseIndexPage.objects.get().pk}/")
    page.get_by_role("link", name="Add child page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New: Course")
    page.get_by_role("textbox", name="Title").fill(COURSE)
    page.get_by_role("textbox", name="Summary").fill(
        "Grow something, get outside and meet people, whatever the weather."
    )
    page.get_by_role("checkbox", name="Wellbeing and lifestyle").check()
    type_rich_text(page, "Who it is for", "Anyone who would like to try gardening.")
    type_rich_text(page, "What you will learn", "How growing things can lift your mood.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text(f"Page '{COURSE}' created and published.")


def add_run(page, first_session: dt.date):
    term = Term.objects.filter(ends_on__gte=first_session).order_by("starts_on").first()
    page.go("/admin/course_runs/")
    page.get_by_role("link", name="Add course run").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New: Course run")
    choose(page, "Choose a page (Course)", COURSE)
    choose(page, "Choose term", term.name)
    choose(page, "Choose location", "Oxford hub")
    page.get_by_role("spinbutton", name="Capacity").fill("12")
    an_hour_ago = timezone.localtime() - dt.timedelta(hours=1)
    type_date(page.get_by_label("Enrolment opens"), f"{an_hour_ago:%Y-%m-%d %H:%M}")
    type_date(page.get_by_label("Enrolment closes"), f"{first_session:%Y-%m-%d} 09:00")
    # Co-delivery: one Expert by Experience and one Expert by Training.
    page.get_by_role("checkbox", name="Jo Whitfield (Expert by Experience)").check()
    page.get_by_role("checkbox", name="Ravi Sharma (Expert by Training)").check()
    session = page.get_by_role("region", name="Session 1")
    type_date(session.get_by_label("Date"), f"{first_session:%Y-%m-%d}")
    type_date(session.get_by_label("Start time"), "10:00")
    type_date(session.get_by_label("End time"), "12:30")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("status")).to_contain_text(f"Course run '{COURSE} ({term.name})' created.")


def find_course_as_the_public(page, first_session: dt.date):
    page.go("/course-dates/")
    page.get_by_label("Search courses").fill("gardening")
    page.get_by_role("button", name="Show courses").click()
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=COURSE))
    expect(card).to_contain_text(f"{first_session:%A %-d %B %Y}")
    expect(card).to_contain_text("Oxford hub")
    expect(card).to_contain_text("12 spaces left")
    card.get_by_role("link", name=COURSE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    expect(page.get_by_text("Grow something, get outside")).to_be_visible()
    expect(page.get_by_text(f"{first_session:%A %-d %B %Y}").first).to_be_visible()


def enrol_a_caller(page):
    page.go("/admin/course_runs/")
    search = page.get_by_role("textbox", name="Search term")
    search.fill("gardening")
    search.press("Enter")
    # Strict: the run is listed once, though the search also looks at its two facilitators' names.
    register = page.get_by_role("row").filter(has_text=COURSE).get_by_role("link", name="Register")
    assert not out_of_reach(register)
    register.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Register: {COURSE}")
    page.get_by_role("link", name="Enrol someone").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Enrol someone: {COURSE}")
    assert settled(page).axe_violations("Enrol someone") == []
    page.get_by_role("textbox", name="First name").fill("Priya")
    page.get_by_role("textbox", name="Last name").fill("Kaur")
    page.get_by_role("textbox", name="Email").fill(CALLER_EMAIL)
    page.get_by_role("textbox", name="Phone").fill("07700 900123")
    page.get_by_role("checkbox", name="They have told us they are 18 or over").check()
    expect(page.get_by_role("radio", name="Phone call")).to_be_checked()
    page.get_by_role("button", name="Enrol", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text(f"{CALLER} is enrolled.")
    expect(page.get_by_role("heading", name="Enrolled (1)")).to_be_visible()
    caller = page.get_by_role("row").filter(has_text=CALLER)
    expect(caller).to_contain_text("Phone (by admin)")
    assert not out_of_reach(caller.get_by_role("link", name="Cancel place"))
    assert settled(page).axe_violations("register") == []


def settled(page):
    """The page once Wagtail's message has finished sliding in: axe measures colour contrast as
    it is at that moment, and mid-animation it is not the contrast anyone reads."""
    page.evaluate(
        "() => Promise.all(document.getAnimations()"
        ".filter(a => a.effect.target?.closest('.messages')).map(a => a.finished))"
    )
    return page


def out_of_reach(link) -> bool:
    """Whether the link sits past the edge of a box that hides what overflows and cannot be
    scrolled, so a person can neither see it nor scroll to it. Wagtail's main column is such a box:
    on a phone it cuts off whatever in a wide table does not fit."""
    return link.evaluate("""link => {
        for (let box = link.parentElement; box; box = box.parentElement) {
            const overflow = getComputedStyle(box).overflowX;
            if (overflow === 'auto' || overflow === 'scroll') return false;
            if (overflow !== 'visible')
                return link.getBoundingClientRect().right > box.getBoundingClientRect().right + 1;
        }
        return false;
    }""")


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_publish_a_course_add_a_date_and_enrol_a_caller(open_page, settings, width):
    # The test database is SQLite in memory, where a second writer fails at once ("table is locked")
    # instead of waiting its turn as on a file or PostgreSQL: Wagtail's autosave racing the Publish
    # click would fail for reasons of the test's own making.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    first_session = timezone.localdate() + dt.timedelta(days=10)
    staff = open_page(width)
    staff.set_default_timeout(10_000)  # a missing button fails in seconds, not half a minute

    sign_in(staff)
    publish_course(staff)
    add_run(staff, first_session)
    find_course_as_the_public(open_page(width), first_session)
    enrol_a_caller(staff)

    [confirmation] = [message for message in mail.outbox if message.to == [CALLER_EMAIL]]
    assert confirmation.subject == "Your place is booked"
    assert COURSE in confirmation.body and f"{first_session:%-d %B %Y}" in confirmation.body
