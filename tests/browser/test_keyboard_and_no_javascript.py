"""Enrolling without a mouse, and without JavaScript. Keyboard only: every stop shows where focus
is, stops come in reading order, and focus never gets stuck. Without JavaScript: the course list,
"near me" by postcode, enrolling and cancelling all still work."""

import pytest
from playwright.sync_api import expect

from enrolment.models import Enrolment

from .conftest import WIDTHS
from .people import Person, email_to, fill_enrolment_form, read_email, run_with_one_space_left, submit

# Where focus is now, whether a person can see it, and whether it comes after the last stop in
# the page's reading order. NHS.UK draws focus as a yellow background with a thick underline or
# outline; for radios and checkboxes it is drawn around the label's circle or box (::before).
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const drawn = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                     || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 235, 59)';
  const label = el.labels && el.labels[0];
  const visible = drawn(style) || (['radio', 'checkbox'].includes(el.type) && !!label
                                   && drawn(getComputedStyle(label, '::before')));
  const previous = window.__lastFocus;
  const inOrder = !previous || previous === el
                  || !!(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  window.__lastFocus = el;
  return {id: el.id, tag: el.tagName.toLowerCase(), visible, inOrder,
          text: (el.innerText || el.value || '').trim().slice(0, 40)};
}"""

ANSWERS = {"id_first_name": "Eve", "id_last_name": "Adams", "id_email": "eve.adams@example.org"}
TICKS = {"id_adult_0", "id_joining_as_0", "id_consent"}  # Yes; lived experience; I agree


@pytest.mark.parametrize("width", WIDTHS)
def test_a_student_enrols_with_the_keyboard_alone(open_page, width):
    run = run_with_one_space_left()
    page = open_page(width)
    page.go(f"/enrol/{run.pk}/")
    stops, seen = [], set()

    # The first stop is the skip link, and it takes focus past the header.
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert first["text"] == "Skip to main content" and first["visible"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "maincontent"
    page.evaluate("window.__lastFocus = document.activeElement")

    for _ in range(80):  # a trap would keep focus in one place until this runs out
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        stops.append(stop)
        if stop["id"] in ANSWERS:
            page.keyboard.type(ANSWERS[stop["id"]])
        elif stop["id"] in TICKS and stop["id"] not in seen:
            page.keyboard.press("Space")
        seen.add(stop["id"])
        if stop["tag"] == "button" and stop["text"] == "Enrol":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"never reached the Enrol button: {stops[-5:]}")

    expect(page.get_by_role("heading", level=1)).to_contain_text("check your email")
    assert [stop for stop in stops if not stop["visible"]] == []
    assert [stop for stop in stops if not stop["inOrder"]] == []
    assert Enrolment.objects.get(student__email=ANSWERS["id_email"]).run == run


def test_focus_reaches_the_end_of_every_kind_of_page_and_comes_back(open_page):
    """No trap: tabbing on from the top reaches the footer's last link, then leaves the page."""
    run = run_with_one_space_left()
    page = open_page()
    for path in ["/", "/course-dates/", run.course.url, f"/enrol/{run.pk}/", "/my-courses/sign-in/"]:
        page.go(path)
        last_link = page.locator("footer a").last.get_attribute("href")
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('href')") == last_link:
                break
        else:
            pytest.fail(f"{path}: focus never reached the footer")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('footer')") is None, path


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_a_student_finds_a_course_near_them_enrols_and_cancels(open_page, width):
    run = run_with_one_space_left()
    course, venue = run.course, run.location
    page = open_page(width, javascript=False)

    page.go("/course-dates/")
    expect(page.get_by_role("button", name="Use my location")).to_be_hidden()  # it needs JavaScript
    page.get_by_label("Your postcode").fill(venue.postcode)
    page.get_by_role("button", name="Show courses").click()
    expect(page.get_by_role("heading", name="nearest first")).to_be_visible()
    page.locator("ul.college-results > li").filter(has_text=venue.name).get_by_role(
        "link", name=course.title
    ).first.click()
    page.get_by_role("link", name=f"Enrol on {course.title} starting {run.first_session.date:%-d %B}").click()
    person = Person("Fay", "Khan", "fay.khan@example.org")
    fill_enrolment_form(page, person)
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("check your email")
    assert Enrolment.objects.get(student__email=person.email).status == Enrolment.Status.CONFIRMED

    read_email(page, email_to(person.email, "Your place is booked"))
    page.get_by_role("link", name="Cancel my place").click()
    submit(page)
    expect(page.get_by_text("Your place is cancelled")).to_be_visible()
    assert Enrolment.objects.get(student__email=person.email).status == Enrolment.Status.CANCELLED
