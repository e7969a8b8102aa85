"""The pages an emailed link opens about a place someone is waiting for, at a phone's width and a
desktop's: turning down an offer, leaving a waiting list and an offer that ran out, each as the
question and as the answer. No WCAG 2.2 AA violation, no sideways scrolling, crisis help one link
away, and each time the page the person meant to reach (its heading), not a "this link is not
working" page that would pass axe just as well. (Accepting an offer and cancelling a place are in
test_student_journey.py; stopping reminders in test_form_states.py.)"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from enrolment import services
from enrolment.links import Purpose, link_path
from enrolment.models import Enrolment, Offer, WaitlistEntry

from ..factories import make_student
from .conftest import WIDTHS
from .people import run_with_one_space_left, submit


def h1(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.parametrize("width", WIDTHS)
def test_turning_down_leaving_and_a_lapsed_offer_pass_axe_and_show_the_page_meant(open_page, width):
    run = run_with_one_space_left()
    holder, kit, lee, sam = (
        make_student(name, email=f"{name.lower()}@example.org") for name in ("Hana", "Kit", "Lee", "Sam")
    )
    services.join_run(run_id=run.pk, student=holder)  # the last space
    entries = {
        student.first_name: services.join_run(run_id=run.pk, student=student).entry for student in (kit, lee, sam)
    }
    assert [entry.status for entry in entries.values()] == [WaitlistEntry.Status.WAITING] * 3
    page = open_page(width)

    # Lee leaves the waiting list from the link in their email.
    page.go(link_path(Purpose.LEAVE, entries["Lee"].pk))
    expect(h1(page)).to_have_text("Leave the waiting list?")
    problems = page.problems("leave the waiting list?")
    submit(page)
    expect(h1(page)).to_have_text("Done")
    expect(page.get_by_text("You have left the waiting list.")).to_be_visible()
    problems += page.problems("left the waiting list")

    # Hana cancels; Kit, first in the queue, is offered the place and turns it down.
    services.cancel_enrolment(enrolment_id=Enrolment.objects.get(run=run, student=holder).pk)
    offer = Offer.objects.live().get(entry__student=kit)
    page.go(link_path(Purpose.DECLINE, offer.pk))
    expect(h1(page)).to_have_text("Turn down this place?")
    problems += page.problems("turn down this place?")
    submit(page)
    expect(h1(page)).to_have_text("Done")
    expect(page.get_by_text("We have offered the place to someone else.")).to_be_visible()
    problems += page.problems("place turned down")

    # Sam is offered it next, but answers after the hold has run out.
    offer = Offer.objects.live().get(entry__student=sam)
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    # The link says so straight away, with no button to press (the sweep passes the place on).
    page.go(link_path(Purpose.ACCEPT, offer.pk))
    expect(h1(page)).to_have_text(run.course.title)
    expect(page.get_by_text("The time to answer this offer ended at", exact=False)).to_be_visible()
    expect(page.locator("main form[method=post] button")).to_have_count(0)
    problems += page.problems("offer ran out")
    assert problems == []
