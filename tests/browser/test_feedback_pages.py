"""The feedback form a student opens from the email sent after their course, at a phone's width, on
someone from the demo college's past term who came but has not answered yet. What only a browser
shows: no WCAG 2.2 AA violation and no sideways scrolling at 375 px; sent empty, the error summary
takes focus and its link takes focus to the first question; a good answer reaches the thank-you
page; the link opened again says we already have their answer. (What is kept, and who may answer,
is tested through the test client in tests/test_feedback.py.) And with JavaScript off, the form
still sends."""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CourseRun
from demo.terms import past_term
from enrolment.links import Purpose, link_path
from enrolment.models import Enrolment, FeedbackAnswer
from enrolment.services.feedback import attended

from .conftest import PHONE
from .people import submit
from .test_form_states import h1
from .test_reveals import focused_id

# Every wait in these tests ends within this, so a page that never comes fails instead of hanging.
WAIT_MS = 10_000
ERROR = "Select how your experience was overall, or select don't know"


def someone_who_came_and_has_not_answered() -> Enrolment:
    runs = CourseRun.objects.filter(term__slug=past_term(timezone.localdate()).slug)
    answered = FeedbackAnswer.objects.filter(run=OuterRef("run"), student=OuterRef("student"))
    return (
        attended(Enrolment.objects.filter(run__in=runs))
        .exclude(Exists(answered))
        .select_related("run__course")
        .order_by("pk")
        .first()
    )


def phone_page(open_page, *, javascript: bool = True):
    page = open_page(PHONE, javascript=javascript)
    page.set_default_timeout(WAIT_MS)
    page.set_default_navigation_timeout(WAIT_MS)
    return page


def test_the_form_on_a_phone_points_to_the_first_question_then_thanks_and_knows_it_was_answered(open_page):
    enrolment = someone_who_came_and_has_not_answered()
    link = link_path(Purpose.FEEDBACK, enrolment.pk)
    page = phone_page(open_page)

    page.go(link)
    expect(h1(page)).to_have_text("Tell us how the course went", timeout=WAIT_MS)
    expect(page.get_by_text(enrolment.run.course.title).first).to_be_visible(timeout=WAIT_MS)
    problems = page.problems("feedback form")

    submit(page)  # nothing chosen
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused(timeout=WAIT_MS)
    problems += page.problems("feedback form, sent empty")
    summary.get_by_role("link", name=ERROR).click()
    assert focused_id(page) == "id_experience_0"  # the first answer of the first question
    assert not FeedbackAnswer.objects.filter(run=enrolment.run, student=enrolment.student).exists()

    page.get_by_role("radio", name="Very good").check()
    page.get_by_label("What helped? (optional)").fill("Meeting people who understand")
    hope = page.get_by_role("group", name="I feel more hopeful about my future")
    hope.get_by_role("radio", name="Agree", exact=True).check()
    submit(page)
    expect(h1(page)).to_have_text("Thank you for your feedback", timeout=WAIT_MS)
    problems += page.problems("feedback, thank you")
    answer = FeedbackAnswer.objects.get(run=enrolment.run, student=enrolment.student)
    assert (answer.experience, answer.what_helped, answer.hope, answer.meaning) == (
        "very_good",
        "Meeting people who understand",
        4,
        None,
    )

    page.go(link)  # the email opened again, days later
    expect(h1(page)).to_have_text("We already have your feedback", timeout=WAIT_MS)
    expect(page.locator("main form[method=post]")).to_have_count(0, timeout=WAIT_MS)
    problems += page.problems("feedback, already answered")
    assert problems == []


def test_without_javascript_the_form_still_sends_an_answer_on_a_phone(open_page):
    enrolment = someone_who_came_and_has_not_answered()
    page = phone_page(open_page, javascript=False)

    page.go(link_path(Purpose.FEEDBACK, enrolment.pk))
    assert page.overflows_sideways() == []
    page.get_by_role("radio", name="Don't know").check()
    submit(page)

    expect(h1(page)).to_have_text("Thank you for your feedback", timeout=WAIT_MS)
    assert FeedbackAnswer.objects.get(run=enrolment.run, student=enrolment.student).experience == "dont_know"
