"""The course dates page on a phone shows courses straight away: the filters come after them,
one "Filter courses" link away, and the choices in use are tags above the results. And the web
prospectus lines its tables' columns up from course to course."""

from pathlib import Path

from playwright.sync_api import expect

from courses.models import Topic

from .conftest import DESKTOP, PHONE

FIRST_SCREENS = 800  # px from the top of the page: about one and a half phone screens
SHOTS = Path("/tmp/issue13-shots")


def first_card_top(page) -> float:
    return page.evaluate(
        "document.querySelector('ul.college-results > li').getBoundingClientRect().top + window.scrollY"
    )


def test_on_a_phone_the_first_course_starts_near_the_top(open_page):
    page = open_page(PHONE)
    page.go("/course-dates/")
    top = first_card_top(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "item8-course-dates-375.png"), full_page=False)
    assert top <= FIRST_SCREENS, f"the first course starts {top:.0f}px down the page"


def test_without_javascript_a_phone_user_reaches_the_filters_and_removes_a_choice_by_its_tag(open_page):
    topic = Topic.objects.filter(courses__runs__isnull=False).order_by("pk").first()
    page = open_page(PHONE, javascript=False)
    page.go("/course-dates/")
    page.get_by_role("link", name="Filter courses").click()
    topic_box = page.get_by_label("Topic")
    expect(topic_box).to_be_in_viewport()
    topic_box.select_option(topic.slug)
    page.get_by_role("button", name="Show courses").click()

    tag = page.get_by_role("link", name=f"Remove: {topic.name}")
    expect(tag).to_be_visible()
    assert first_card_top(page) <= FIRST_SCREENS + 100  # the tags take a line or two
    page.screenshot(path=str(SHOTS / "item8-course-dates-375-filtered.png"), full_page=False)
    tag.click()
    expect(page.get_by_role("link", name=f"Remove: {topic.name}")).to_have_count(0)
    expect(page.locator("ul.college-results > li").first).to_be_visible()


def test_web_prospectus_columns_line_up_from_course_to_course(open_page):
    page = open_page(DESKTOP)
    page.go("/prospectus/")
    lefts = page.evaluate("""[...document.querySelectorAll('.college-print-course table')].map(
        table => [...table.querySelectorAll('thead th')].map(th => Math.round(th.getBoundingClientRect().left)))""")
    assert len(lefts) >= 2, "the demo prospectus needs two courses"
    assert all(columns == lefts[0] for columns in lefts), lefts
