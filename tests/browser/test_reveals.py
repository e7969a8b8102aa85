"""The enrolment form's revealed questions and the error summary, in Chromium, as a person uses
them: with JavaScript the supporter's name and the "where" choices appear only when asked for and
keep what was typed; the error summary takes focus and its links take keyboard focus to the field.
Without JavaScript every question is simply there and the form still works. The markup behind
this is in tests/test_form_reveals.py."""

import itertools
import re

import pytest
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment, WaitlistEntry
from enrolment.models.places import Source
from enrolment.selectors import check_can_join
from enrolment.services import EnrolmentError

from .conftest import WIDTHS

SUBMIT = "main form[method=post] button"  # not the header's search button
_emails = itertools.count(1)


def open_runs() -> list[CourseRun]:
    """The demo's runs anyone could enrol on now, each with its spaces_left."""
    runs = []
    for run in CourseRun.objects.filter(course__live=True).with_places().select_related("course"):
        try:
            check_can_join(run, now=timezone.now(), source=Source.ONLINE)
        except EnrolmentError:
            continue
        runs.append(run)
    return runs


def run_with_spaces() -> CourseRun:
    return next(run for run in open_runs() if run.spaces_left >= 2)


def full_run() -> CourseRun:
    return next(run for run in open_runs() if run.spaces_left == 0)


def without_its_scripts(page) -> None:
    """From now on `page` gets each page's HTML with its scripts taken out: what a person without
    JavaScript gets, while axe-core, which needs JavaScript in the browser, can still run. (With
    javascript=False, axe_violations never returns: the browser runs no timers, so axe never ends.)"""

    def strip(route):
        if route.request.resource_type != "document":
            return route.continue_()
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(r"<script\b.*?</script>", "", response.text(), flags=re.S))

    page.route("**/*", strip)


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def about_me(page) -> str:
    """Fills in the 'About you' and 'Your details' questions; returns the email used."""
    email = f"reveal-test-{next(_emails)}@example.org"
    page.fill("#id_first_name", "Ana")
    page.fill("#id_last_name", "Lopes")
    page.fill("#id_email", email)
    page.check("#id_adult_0")
    page.check("#id_joining_as_0")
    page.check("#id_consent")
    return email


@pytest.mark.parametrize("width", WIDTHS)
def test_their_name_appears_only_after_ticking_and_keeps_what_was_typed(open_page, width):
    run = run_with_spaces()
    page = open_page(width)
    page.go(f"/enrol/{run.pk}/")
    name = page.locator("#id_supporter_name")
    assert not name.is_visible()
    assert page.get_attribute("#id_bring_supporter", "aria-expanded") == "false"
    assert page.axe_violations("enrol, supporter hidden") == []

    page.check("#id_bring_supporter")
    assert name.is_visible()
    assert page.get_attribute("#id_bring_supporter", "aria-expanded") == "true"
    name.fill("Sam Carer")
    assert page.axe_violations("enrol, supporter shown") == []

    page.uncheck("#id_bring_supporter")
    assert not name.is_visible()
    page.check("#id_bring_supporter")
    assert name.is_visible() and name.input_value() == "Sam Carer"

    email = about_me(page)
    page.click(SUBMIT)
    page.wait_for_url("**/thank-you/")
    enrolment = Enrolment.objects.get(student__email=email)
    assert (enrolment.run_id, enrolment.places, enrolment.supporter_name) == (run.pk, 2, "Sam Carer")


@pytest.mark.parametrize("width", WIDTHS)
def test_where_choices_appear_only_for_any_dates(open_page, width):
    run = full_run()
    page = open_page(width)
    page.go(f"/enrol/{run.pk}/")
    # Only the places this course runs (the demo's full runs are in person, at two venues each).
    place = page.locator("#id_any_where_0")
    assert page.is_checked("#id_which_dates_0") and not place.is_visible()

    page.check("#id_which_dates_1")
    assert place.is_visible()
    # Tied to its radio, without the aria-expanded that ARIA does not allow on radios.
    assert page.get_attribute("#id_which_dates_1", "aria-controls") == "conditional-id_which_dates"
    assert page.get_attribute("#id_which_dates_1", "aria-expanded") is None
    assert page.axe_violations("enrol, where shown") == []
    page.check("#id_which_dates_0")
    assert not place.is_visible()
    page.check("#id_which_dates_1")
    place.check()
    chosen = int(place.get_attribute("value"))

    email = about_me(page)
    page.click(SUBMIT)
    page.wait_for_url("**/thank-you/")
    entry = WaitlistEntry.objects.get(student__email=email)
    assert entry.run is None and {run.location_id, chosen} == set(entry.locations.values_list("pk", flat=True))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_error_summary_takes_focus_and_its_links_take_focus_to_each_field(open_page, width):
    run = full_run()
    page = open_page(width)
    page.go(f"/enrol/{run.pk}/")
    page.check("#id_bring_supporter")
    page.check("#id_which_dates_1")
    for box in page.locator("input[name=any_where]:checked").all():
        box.uncheck()
    page.click(SUBMIT)
    page.wait_for_load_state()

    assert "There is a problem" in page.inner_text(".nhsuk-error-summary")
    assert page.evaluate("document.activeElement.classList.contains('nhsuk-error-summary')")
    # The questions with errors come back open.
    assert page.locator("#id_supporter_name").is_visible() and page.locator("#id_any_where_0").is_visible()
    assert page.axe_violations("enrol with errors") == []

    links = page.locator(".nhsuk-error-summary a")
    targets = [links.nth(n).get_attribute("href").removeprefix("#") for n in range(links.count())]
    assert {"id_first_name", "id_adult_0", "id_consent", "id_supporter_name", "id_any_where_0"} <= set(targets)
    for n, target in enumerate(targets):
        links.nth(n).click()
        assert focused_id(page) == target, f"link {n + 1} ({target})"
        assert page.locator(f"#{target}").is_visible()

    # Fixing the name from there, by keyboard.
    page.locator(".nhsuk-error-summary a[href='#id_supporter_name']").click()
    page.keyboard.type("Sam Carer")
    assert page.input_value("#id_supporter_name") == "Sam Carer"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_date_typed_as_people_write_it_filters_and_a_wrong_one_says_how_to_fix_it(open_page, width):
    year = timezone.localdate().year + 1
    page = open_page(width)
    page.go(f"/course-dates/?date_from=31/2/{year}")
    assert page.evaluate("document.activeElement.classList.contains('nhsuk-error-summary')")
    page.click(".nhsuk-error-summary a[href='#id_date_from']")
    assert focused_id(page) == "id_date_from"
    assert page.input_value("#id_date_from") == f"31/2/{year}"
    assert page.axe_violations("course dates, wrong date") == []

    page.fill("#id_date_from", f"1 3 {year}")
    page.click(".college-filters button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".nhsuk-error-summary").count() == 0
    assert page.input_value("#id_date_from") == f"1/3/{year}"
    assert page.get_attribute("#id_date_from", "type") == "text"


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_every_question_is_there_and_the_form_still_works(open_page, width):
    page = open_page(width, javascript=False)
    run = full_run()
    page.go(f"/enrol/{run.pk}/")
    assert page.locator("#id_supporter_name").is_visible()
    assert page.locator("#id_any_where_0").is_visible()

    page.check("#id_bring_supporter")
    page.fill("#id_supporter_name", "Sam Carer")
    page.check("#id_which_dates_1")
    page.check("#id_any_where_0")
    chosen = int(page.get_attribute("#id_any_where_0", "value"))  # a venue: this course is not online
    email = about_me(page)
    page.click(SUBMIT)
    page.wait_for_url("**/thank-you/")
    entry = WaitlistEntry.objects.get(student__email=email)
    assert (entry.run, entry.places, entry.supporter_name) == (None, 2, "Sam Carer")
    assert chosen in entry.locations.values_list("pk", flat=True)

    # The error summary's links still go to the field: the browser follows them to its id.
    page.go(f"/enrol/{run_with_spaces().pk}/")
    page.check("#id_bring_supporter")
    page.click(SUBMIT)
    page.wait_for_load_state()
    page.click(".nhsuk-error-summary a[href='#id_supporter_name']")
    assert page.url.endswith("#id_supporter_name")
    assert page.locator("#id_supporter_name").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_the_form_with_every_question_showing_passes_axe(open_page, width):
    page = open_page(width)
    without_its_scripts(page)
    page.go(f"/enrol/{full_run().pk}/")
    assert page.locator("#id_supporter_name").is_visible() and page.locator("#id_any_where_0").is_visible()
    assert page.axe_violations("enrol without JavaScript") == []
    page.click(SUBMIT)
    page.wait_for_load_state()
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert page.axe_violations("enrol with errors, without JavaScript") == []
