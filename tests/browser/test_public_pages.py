"""Every public page, checked in Chromium at a phone's width and a desktop's: axe-core finds no
WCAG 2.2 AA violation, nothing makes a person scroll sideways, the crisis panel is one link away,
and the page's HTML, CSS and JavaScript stay within the budget. Run with -s to see each page's
weight. Forms in their empty, error and success states are in test_form_states.py."""

import pytest
from wagtail.models import Page

from courses.models import CoursePage, CourseRun, Location

from .conftest import DESKTOP, WIDTHS

BUDGET_BYTES = 150 * 1024  # HTML + CSS + JS transferred for one page, images aside


def public_paths() -> list[str]:
    """Every kind of public page the demo has: each content page, and course pages that show a
    full run, an online run, and the most dates. Then the pages that are not Wagtail pages, and
    the course dates page as people use it: filtered, near a postcode, with a date it cannot read,
    with nothing found, and on its second page."""
    runs = list(CourseRun.objects.with_places().select_related("course"))
    full = next(run for run in runs if run.spaces_left == 0)
    online = next(run for run in runs if run.is_online)
    busiest = max(CoursePage.objects.live(), key=lambda course: course.runs.count())
    course_pages = {full.course.url, online.course.url, busiest.url}
    other_pages = [
        page.url for page in Page.objects.live().public().filter(depth__gt=1).not_type(CoursePage).specific()
    ]
    venue = Location.objects.filter(runs__isnull=False).order_by("pk").first()
    return [
        *other_pages,
        *sorted(course_pages),
        f"/course-dates/?topic={full.course.topics.first().slug}&has_spaces=on&time_of_day=morning",
        f"/course-dates/?postcode={venue.postcode.split()[0]}",
        "/course-dates/?date_from=31/02/2027",
        "/course-dates/?q=zzzz",
        "/course-dates/?page=2",
        "/prospectus/",
        "/accessibility-statement/",
        "/search/?q=sleep",
        "/search/",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_public_page_passes_axe_reflows_signposts_crisis_help_and_stays_light(open_page, width):
    page = open_page(width)
    problems, weights = [], {}
    for path in public_paths():
        page.go(path)
        problems += page.problems(path)
        weights[path] = page.weight()
    page.goto("/no-such-page/")  # the 404 page is public too
    problems += page.problems("404 page")

    assert problems == []
    assert {path: str(weight) for path, weight in weights.items() if weight.total > BUDGET_BYTES} == {}
    if width == DESKTOP:
        print("\nPage weight, compressed (HTML + CSS + JS):")
        for path, weight in sorted(weights.items(), key=lambda item: -item[1].total):
            print(f"  {weight}  {path}")


@pytest.mark.parametrize(("width", "zoom"), [(320, 1), (640, 2)], ids=["320px", "1280px-at-200%"])
def test_pages_reflow_at_320px_and_at_200_percent_zoom(open_page, width, zoom):
    """WCAG 1.4.10 and 1.4.4: at 320 CSS pixels (a 1280 px screen at 400%) and at 200% zoom on a
    1280 px screen, everything is readable without scrolling sideways."""
    page = open_page(width, zoom=zoom)
    overflowing = {}
    for path in public_paths():
        page.go(path)
        if found := page.overflows_sideways():
            overflowing[path] = found
    assert overflowing == {}
