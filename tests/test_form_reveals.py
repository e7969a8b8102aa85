"""What a person sees of the enrolment form's revealed questions, the course dates filter's date
boxes and the error summary, as the server sends them: the page without JavaScript.
tests/browser/test_reveals.py drives the same pages in a browser, with JavaScript and without."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict
from django.utils import timezone

from courses.forms import parse_day_month_year
from enrolment.models import Enrolment, WaitlistEntry
from enrolment.session import KEY as SIGNED_IN

from .factories import fill, make_course, make_run, make_student
from .test_enrolment_pages import form_data

FOCUSABLE = {"input", "select", "textarea"}


@pytest.fixture
def run(course_index):
    return make_run(
        make_course(course_index, "Sleep well"), capacity=3, first_date=timezone.localdate() + dt.timedelta(days=10)
    )


@pytest.fixture
def full_run(run):
    fill(run, 3)
    return run


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def revealed_by(page: BeautifulSoup, input_id: str):
    """The container a choice reveals, found as NHS.UK frontend's script finds it."""
    choice = page.find(id=input_id)
    controls = choice.get("data-aria-controls") or choice.get("aria-controls")
    assert controls, f"{input_id} reveals nothing"
    container = page.find(id=controls)
    assert container is not None, f"{input_id} reveals #{controls}, which is not on the page"
    return container


def is_hidden_once_scripted(container) -> bool:
    return any(name.endswith("__conditional--hidden") for name in container["class"])


def summary_links(page: BeautifulSoup) -> list[tuple[str, object]]:
    """Each error summary link, and the element it takes a person to (None if nothing is there)."""
    summary = page.select_one(".nhsuk-error-summary")
    assert summary is not None, "no error summary"
    return [
        (link.get_text(strip=True), page.find(id=link["href"].removeprefix("#")))
        for link in summary.select("a[href^='#']")
    ]


def assert_every_link_goes_to_a_field(page: BeautifulSoup) -> None:
    links = summary_links(page)
    assert links
    for message, target in links:
        assert target is not None, f"'{message}' links to nothing"
        assert target.name in FOCUSABLE and target.get("type") != "hidden", f"'{message}' links to {target}"
    # In the order the fields come on the page, so the summary reads like the form.
    order = [element["id"] for element in page.find_all(FOCUSABLE, id=True)]
    positions = [order.index(target["id"]) for _, target in links]
    assert positions == sorted(positions), [message for message, _ in links]


# The enrolment form's revealed questions


def test_their_name_is_revealed_by_the_supporter_tick_box_and_shown_without_javascript(client, run):
    page = soup(client.get(f"/enrol/{run.pk}/"))
    container = revealed_by(page, "id_bring_supporter")
    assert "nhsuk-checkboxes__conditional" in container["class"]
    name = container.find("input", id="id_supporter_name")
    assert name is not None and name["type"] == "text"
    assert container.find("label", attrs={"for": "id_supporter_name"}).get_text(strip=True) == "Their name"
    # Hidden only once NHS.UK frontend's script runs: its CSS hides --hidden only under this class,
    # which the page's own script adds to <body>. Without JavaScript the question is simply there.
    assert is_hidden_once_scripted(container)
    assert "nhsuk-frontend-supported" not in page.body.get("class", [])
    assert page.find_all(id="id_supporter_name") == [name]  # asked once, inside the reveal


def test_a_full_course_reveals_where_only_for_any_dates(client, full_run):
    page = soup(client.get(f"/enrol/{full_run.pk}/"))
    these, any_dates = page.find(id="id_which_dates_0"), page.find(id="id_which_dates_1")
    assert these.has_attr("checked") and any_dates["value"] == "any"
    assert not these.get("data-aria-controls") and not these.get("aria-controls")
    container = revealed_by(page, "id_which_dates_1")
    assert "nhsuk-radios__conditional" in container["class"] and is_hidden_once_scripted(container)
    assert container.find("legend").get_text(strip=True) == "Where could you go?"
    # Only where this course runs: here one venue, and no online dates.
    assert [box["value"] for box in container.select("input[name=any_where]")] == [str(full_run.location_id)]


def test_signed_in_students_get_the_same_reveals(client, full_run):
    student = make_student("Ana", email="ana@example.org")
    session = client.session
    session[SIGNED_IN] = student.pk
    session.save()
    page = soup(client.get(f"/enrol/{full_run.pk}/"))
    assert "You are signed in as" in page.get_text()
    assert revealed_by(page, "id_bring_supporter").find(id="id_supporter_name")
    assert revealed_by(page, "id_which_dates_1").find(id="id_any_where_0")
    response = client.post(f"/enrol/{full_run.pk}/", {"bring_supporter": "on", "which_dates": "any"})
    page = soup(response)
    for input_id in ("id_bring_supporter", "id_which_dates_1"):
        assert not is_hidden_once_scripted(revealed_by(page, input_id))
    assert_every_link_goes_to_a_field(page)


def test_a_missing_name_comes_back_open_with_its_error_in_the_nhs_markup(client, run):
    page = soup(client.post(f"/enrol/{run.pk}/", form_data(bring_supporter="on", supporter_name="  ")))
    container = revealed_by(page, "id_bring_supporter")
    assert not is_hidden_once_scripted(container)
    group = container.select_one(".nhsuk-form-group--error")
    error = group.select_one(".nhsuk-error-message")
    assert error["id"] == "id_supporter_name-error" and "Enter your carer or supporter's name" in error.get_text()
    name = group.find("input", id="id_supporter_name")
    assert "nhsuk-input--error" in name["class"] and name["aria-describedby"] == "id_supporter_name-error"
    assert page.find(id="id_bring_supporter").has_attr("checked")
    assert summary_links(page) == [("Enter your carer or supporter's name", name)]


def test_no_place_chosen_for_any_dates_comes_back_open(client, full_run):
    page = soup(client.post(f"/enrol/{full_run.pk}/", form_data(which_dates="any")))
    container = revealed_by(page, "id_which_dates_1")
    assert not is_hidden_once_scripted(container)
    assert page.find(id="id_which_dates_1").has_attr("checked")
    assert "Choose at least one place" in container.select_one(".nhsuk-error-message").get_text()
    [(message, target)] = summary_links(page)
    assert message.startswith("Choose at least one place") and target["id"] == "id_any_where_0"
    assert target.find_parent(id=container["id"]) is container


def test_what_is_left_in_a_question_no_longer_asked_is_ignored_not_refused(client, full_run):
    """Someone ticks, types a name, unticks: the name is still in the (hidden) box and is sent.
    It must not stop them enrolling, even if it would not be valid."""
    response = client.post(
        f"/enrol/{full_run.pk}/", form_data(supporter_name="x" * 500, which_dates="these", any_where=["nowhere"])
    )
    assert response.status_code == 302
    entry = WaitlistEntry.objects.get()
    assert (entry.run, entry.places, entry.supporter_name) == (full_run, 1, "")


def test_a_supporter_name_typed_and_kept_books_two_places(client, run):
    assert client.post(f"/enrol/{run.pk}/", form_data(bring_supporter="on", supporter_name="Sam")).status_code == 302
    assert Enrolment.objects.get().places == 2


# The error summary


def test_every_error_summary_link_on_the_enrolment_form_goes_to_its_field(client, full_run):
    everything_wrong = {
        "email": "not an email",
        "phone": "123",
        "postcode": "<b>",
        "bring_supporter": "on",
        "which_dates": "any",
        "contact_by": "phone",
    }
    page = soup(client.post(f"/enrol/{full_run.pk}/", everything_wrong))
    assert_every_link_goes_to_a_field(page)
    targets = [target["id"] for _, target in summary_links(page)]
    assert "id_adult_0" in targets and "id_consent" in targets  # a group's first radio; a single tick box
    summary = page.select_one(".nhsuk-error-summary")
    # NHS.UK frontend's ErrorSummary takes focus on page load and moves focus on click from this.
    assert summary["data-module"] == "nhsuk-error-summary" and summary.select_one("[role=alert]")


def test_every_error_summary_link_on_the_course_dates_page_goes_to_its_field(client, course_index):
    page = soup(
        client.get(
            "/course-dates/",
            {
                "date_from": "31/2/2027",
                "date_to": "soon",
                "topic": "astrology",
                "day": "9",
                "q": "x" * 101,
                "lat": "north",
                "lng": "west",
            },
        )
    )
    assert_every_link_goes_to_a_field(page)
    assert {target["id"] for _, target in summary_links(page)} == {
        "id_q",
        "id_topic",
        "id_date_from",
        "id_date_to",
        "id_day_0",
    }
    # A hidden field's message (the location from "Use my location") has nowhere to go: plain text, once.
    summary = page.select_one(".nhsuk-error-summary")
    location = [item for item in summary.select("li") if "We could not use your location" in item.get_text()]
    assert len(location) == 1 and location[0].find("a") is None


# The course dates filter's date boxes


def test_the_date_filters_are_plain_text_boxes_with_an_example(client, course_index):
    page = soup(client.get("/course-dates/"))
    for name, label in [("date_from", "Starting from"), ("date_to", "Starting by")]:
        box = page.find("input", id=f"id_{name}")
        assert box["type"] == "text" and box["name"] == name
        assert "nhsuk-input--width-10" in box["class"]
        hint = page.find(id=box["aria-describedby"])
        assert hint.get_text(strip=True) == "For example, 14/3/2027"
        assert page.find("label", attrs={"for": f"id_{name}"}).get_text(strip=True) == label
    assert not page.select("input[type=date]")


@pytest.mark.parametrize(
    "typed",
    [
        "14/3/2027",
        "14/03/2027",
        "14 3 2027",
        " 14  3  2027 ",
        "14-3-2027",
        "14.3.2027",
        "14/3/27",
        "14 March 2027",
        "14th mar 2027",
        "2027-03-14",
    ],
)
def test_dates_are_read_the_way_people_write_them(typed):
    assert parse_day_month_year(typed) == dt.date(2027, 3, 14)


@pytest.mark.parametrize(
    "typed",
    [
        "31/2/2027",
        "14/13/2027",
        "3/14/2027",
        "2027/3/14",
        "14/3",
        "next tuesday",
        "14/3/202",
        "99999999999/1/2027",
        "14 smarch 2027",
        "1/1/²⁰²⁷",
    ],
)
def test_dates_that_are_not_real_are_not_guessed(typed):
    assert parse_day_month_year(typed) is None


YEAR = timezone.localdate().year + 1  # always ahead, so the runs are always listed
Y2 = YEAR % 100


@pytest.fixture
def march_runs(course_index):
    return {
        title: make_run(make_course(course_index, title), first_date=day)
        for title, day in [
            ("Early", dt.date(YEAR, 3, 1)),
            ("Middle", dt.date(YEAR, 3, 14)),
            ("Late", dt.date(YEAR, 4, 2)),
        ]
    }


def listed(response) -> list[str]:
    return [run.course.title for run in response.context["runs"]]


@pytest.mark.parametrize(
    "date_from, date_to",
    [
        (f"14/3/{YEAR}", f"1/4/{YEAR}"),
        (f"14 3 {YEAR}", f"01 04 {YEAR}"),
        (f"14.3.{Y2}", f"1 April {YEAR}"),
        (f"{YEAR}-03-14", f"{YEAR}-04-01"),  # links made before these were text boxes
    ],
)
def test_typed_dates_filter_the_courses(client, march_runs, date_from, date_to):
    response = client.get("/course-dates/", {"date_from": date_from, "date_to": date_to})
    assert listed(response) == ["Middle"]
    page = soup(response)
    assert not page.select(".nhsuk-error-summary")
    # Shown back the way the hint writes dates, so a person sees how we read them.
    shown = (page.find(id="id_date_from")["value"], page.find(id="id_date_to")["value"])
    assert shown == (f"14/3/{YEAR}", f"1/4/{YEAR}")
    assert QueryDict(response.context["page_query"])["date_from"] == date_from  # next pages keep it


def test_a_date_box_left_with_a_space_in_it_is_empty_not_wrong(client, march_runs):
    response = client.get("/course-dates/", {"date_from": " ", "date_to": ""})
    assert listed(response) == ["Early", "Middle", "Late"] and b"There is a problem" not in response.content


def test_a_date_that_is_not_real_says_how_to_fix_it_and_keeps_what_was_typed(client, march_runs):
    response = client.get("/course-dates/", {"date_from": f"31/2/{YEAR}"})
    assert listed(response) == ["Early", "Middle", "Late"]  # that filter is ignored, nothing else breaks
    page = soup(response)
    message = "Enter a real date for 'starting from', for example 14/3/2027"
    assert summary_links(page) == [(message, page.find(id="id_date_from"))]
    box = page.find(id="id_date_from")
    assert box["value"] == f"31/2/{YEAR}" and "nhsuk-input--error" in box["class"]
    assert box["aria-describedby"] == "id_date_from-hint id_date_from-error"
    assert message in page.find(id="id_date_from-error").get_text()
