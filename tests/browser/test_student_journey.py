"""A student's whole journey in a real browser, at a phone's width and a desktop's: find a course
by its topic and place and then "near me", enrol, read the confirmation email, open the booking
from it and cancel; the first person on the waiting list is offered the place and accepts it."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CourseRun
from enrolment.models import Enrolment

from .conftest import WIDTHS
from .people import Person, email_to, fill_enrolment_form, read_email, run_with_one_space_left, submit

ANA = Person("Ana", "Silva", "ana.silva@example.org")
BEN = Person("Ben", "Okafor", "ben.okafor@example.org")


def result_cards(page):
    return page.locator("ul.college-results > li")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_student_enrols_cancels_and_the_first_person_waiting_gets_the_place(open_page, width):
    run = run_with_one_space_left()
    course, venue = run.course, run.location
    topic = course.topics.first()
    starts = f"starting {run.first_session.date:%-d %B}"

    # Ana looks for courses on the topic at the place she can get to, with spaces.
    ana = open_page(
        width, geolocation={"latitude": venue.latitude, "longitude": venue.longitude}, permissions=["geolocation"]
    )
    ana.go("/course-dates/")
    ana.get_by_label("Topic").select_option(label=topic.name)
    ana.get_by_label("Where", exact=True).select_option(label=venue.name)
    ana.get_by_label("Only show courses with spaces").check()
    ana.get_by_role("button", name="Show courses").click()
    expect(result_cards(ana).filter(has_text=venue.name).get_by_role("link", name=course.title)).to_be_visible()
    expect(result_cards(ana).filter(has_text="Full")).to_have_count(0)
    problems = ana.problems("filtered course dates")

    # Then she asks for what is nearest to where she is: her venue comes first.
    ana.go("/course-dates/")
    ana.get_by_role("button", name="Use my location").click()
    expect(ana.get_by_role("heading", name="nearest first")).to_be_visible()
    expect(result_cards(ana).first).to_contain_text(venue.name)
    expect(result_cards(ana).first).to_contain_text("Less than 1 mile away")
    problems += ana.problems("course dates near me")

    # She enrols on the run from its course page.
    ana.go(course.url)
    ana.get_by_role("link", name=f"Enrol on {course.title} {starts}").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text(f"Enrol on {course.title}")
    fill_enrolment_form(ana, ANA)
    submit(ana)
    expect(ana.get_by_role("heading", level=1)).to_contain_text("check your email")
    problems += ana.problems("thank you")
    assert Enrolment.objects.get(student__email=ANA.email).status == Enrolment.Status.CONFIRMED

    # Ben wants the same run, now full, and joins its waiting list.
    ben = open_page(width)
    ben.go(course.url)
    ben.get_by_role("link", name=f"Join the waiting list for {course.title} {starts}").click()
    problems += ben.problems("enrolment form, full run")
    fill_enrolment_form(ben, BEN)
    ben.get_by_role("radio", name="These dates only").check()
    submit(ben)
    expect(ben.get_by_role("heading", level=1)).to_contain_text("check your email")
    read_email(ben, email_to(BEN.email, "waiting list"))
    expect(ben.get_by_text("you are number 1 in the queue")).to_be_visible()

    # Ana reads her confirmation, follows its link and cancels.
    read_email(ana, email_to(ANA.email, "Your place is booked"))
    expect(ana.get_by_text(f"Your place on {course.title} is booked")).to_be_visible()
    ana.get_by_role("link", name="Cancel my place").click()
    expect(ana.get_by_role("heading", level=1)).to_have_text("Cancel your place?")
    expect(ana.get_by_text(course.title).first).to_be_visible()
    problems += ana.problems("cancel your place?")
    submit(ana)
    expect(ana.get_by_role("heading", level=1)).to_have_text("Done")
    expect(ana.get_by_text("Your place is cancelled")).to_be_visible()
    problems += ana.problems("place cancelled")

    # Ben is offered the place by email, and takes it.
    read_email(ben, email_to(BEN.email, "A place has come up"))
    ben.get_by_role("link", name="Accept the place").click()
    expect(ben.get_by_role("heading", level=1)).to_have_text("Accept your place?")
    expect(
        ben.get_by_text(re.compile(r"keeping this place for you until (midday|midnight|\d{1,2}(:\d\d)?[ap]m) on"))
    ).to_be_visible()
    problems += ben.problems("accept your place?")
    submit(ben)
    expect(ben.get_by_text("You have a place")).to_be_visible()
    problems += ben.problems("place accepted")
    assert Enrolment.objects.get(student__email=BEN.email, run=run).status == Enrolment.Status.CONFIRMED
    assert CourseRun.objects.with_places().get(pk=run.pk).spaces_left == 0
    email_to(BEN.email, "Your place is booked")
    assert problems == []
