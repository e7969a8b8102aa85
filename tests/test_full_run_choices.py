"""The enrol page of a full run, as a student meets it: the course's other dates that have spaces
now come first, one press from enrolling; "where could you go?" offers only the places this
course runs; and someone offered a place the moment they join the waiting list gets one email."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from courses.models import CourseRun
from enrolment import services
from enrolment.models import EnrolmentSettings, WaitlistEntry
from notices.models import Kind, Notice

from .factories import fill, make_course, make_location, make_run, make_student

TODAY = timezone.localdate()
OTHER_DATES = "Other dates with spaces"


def in_days(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Sleep well")


@pytest.fixture
def full_run(course):
    run = make_run(course, capacity=2, first_date=in_days(10), location=make_location("Cowley Hub"))
    fill(run, 2)
    return run


def enrol_links(html: str) -> list[str]:
    return re.findall(r'href="(/enrol/\d+/)"', html)


def page_of(client, run) -> str:
    response = client.get(f"/enrol/{run.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def where_values(html: str) -> set[str]:
    return set(re.findall(r'name="any_where"[^>]*value="([^"]+)"', html))


def form_data(**changes):
    data = {
        "first_name": "Ana",
        "last_name": "Lopes",
        "email": "ana@example.org",
        "adult": "yes",
        "joining_as": "lived_experience",
        "contact_by": "email",
        "consent": "on",
    }
    return data | changes


# Other dates with spaces


def test_a_full_run_lists_the_other_dates_open_now_soonest_first_with_a_link_to_enrol(client, course, full_run):
    later = make_run(course, first_date=in_days(40), capacity=12, location=make_location("Witney Hub"))
    sooner = make_run(course, first_date=in_days(20), capacity=5, format=CourseRun.Format.ONLINE)
    fill(sooner, 2)
    html = page_of(client, full_run)
    assert OTHER_DATES in html
    assert enrol_links(html) == [f"/enrol/{sooner.pk}/", f"/enrol/{later.pk}/"]
    assert "3 spaces left" in html and "12 spaces left" in html
    # One button per date, named for screen reader users, who hear the links out of context.
    assert html.count(">Enrol on these dates<") == 2
    assert f'<span class="nhsuk-u-visually-hidden"> starting {in_days(20):%-d %B}</span>' in html
    assert "Witney Hub" in html and f"Starts {in_days(40):%A %-d %B %Y}" in html
    # The form to wait for the full dates is still there, after them.
    assert html.index(OTHER_DATES) < html.index("Which dates would suit you?")

    there = page_of(client, sooner)
    assert "Which dates would suit you?" not in there and OTHER_DATES not in there
    response = client.post(f"/enrol/{sooner.pk}/", form_data())
    assert response.status_code == 302
    assert sooner.enrolments.filter(student__email="ana@example.org").exists()


def test_dates_nobody_can_enrol_on_now_are_not_offered(client, course, full_run):
    now = timezone.now()
    make_run(course, first_date=in_days(90), enrolment_opens=now + dt.timedelta(days=7))  # not open yet
    make_run(course, first_date=in_days(15), enrolment_closes=now - dt.timedelta(hours=1))  # closed
    make_run(course, first_date=in_days(20), status=CourseRun.Status.CANCELLED)
    fill(make_run(course, first_date=in_days(25), capacity=1), 1)
    make_run(course, first_date=in_days(-30), enrolment_opens=now - dt.timedelta(days=90))  # finished
    make_run(course, first_date=in_days(30), facilitators=[])  # not co-delivered: never bookable
    html = page_of(client, full_run)
    assert OTHER_DATES not in html and "Enrol on these dates" not in html  # nothing extra to say

    open_now = make_run(course, first_date=in_days(35))
    assert enrol_links(page_of(client, full_run)) == [f"/enrol/{open_now.pk}/"]


def test_a_run_with_spaces_does_not_point_elsewhere(client, course):
    run = make_run(course, first_date=in_days(10))
    make_run(course, first_date=in_days(20))
    assert OTHER_DATES not in page_of(client, run)


# Where could you go?


def test_where_choices_are_only_the_places_this_course_runs(client, course, full_run):
    others = [make_location(f"Unused venue {n}") for n in range(6)]
    witney = make_location("Witney Hub")
    make_run(course, first_date=in_days(30), location=witney, capacity=1)
    make_run(course, first_date=in_days(40), location=others[0], status=CourseRun.Status.CANCELLED)
    make_run(course, first_date=in_days(-40), location=others[1])  # finished
    html = page_of(client, full_run)
    assert where_values(html) == {str(full_run.location_id), str(witney.pk)}
    assert "Unused venue" not in html

    online = make_run(course, first_date=in_days(50), format=CourseRun.Format.ONLINE)
    assert where_values(page_of(client, full_run)) == {"online", str(full_run.location_id), str(witney.pk)}
    online.status = CourseRun.Status.CANCELLED
    online.save()
    assert "online" not in where_values(page_of(client, full_run))


def test_a_course_that_runs_in_one_place_still_offers_that_place(client, full_run):
    make_location("Somewhere else")
    html = page_of(client, full_run)
    assert where_values(html) == {str(full_run.location_id)}
    assert re.search(rf'value="{full_run.location_id}"[^>]*checked', html)


def test_a_venue_the_course_does_not_use_is_refused_kindly(client, full_run):
    elsewhere = make_location("Banbury Hub")
    response = client.post(f"/enrol/{full_run.pk}/", form_data(which_dates="any", any_where=[str(elsewhere.pk)]))
    assert response.status_code == 200
    assert "Select where you could go" in response.content.decode()
    assert not WaitlistEntry.objects.exists()


# One email, not two


def kinds_owed(student) -> list[str]:
    return list(Notice.objects.filter(student=student).order_by("pk").values_list("kind", flat=True))


def test_offered_a_place_the_moment_they_wait_for_any_date_they_get_only_the_offer(course, full_run):
    make_run(course, first_date=in_days(20), location=full_run.location)
    student = make_student()
    entry = services.wait_for_any_date(
        course=course, student=student, online_ok=False, location_ids=[full_run.location_id]
    )
    assert entry.status == WaitlistEntry.Status.OFFERED
    assert kinds_owed(student) == [Kind.OFFERED]


def test_given_a_place_at_once_with_automatic_confirmation_they_get_only_the_confirmation(course, full_run):
    settings = EnrolmentSettings.load()
    settings.automatic_confirmation = True
    settings.save()
    make_run(course, first_date=in_days(20), location=full_run.location)
    student = make_student()
    services.wait_for_any_date(course=course, student=student, online_ok=False, location_ids=[full_run.location_id])
    assert kinds_owed(student) == [Kind.CONFIRMED]


def test_waiting_with_nothing_free_gets_the_waiting_list_email_then_the_offer_later(course, full_run):
    student = make_student()
    services.wait_for_any_date(course=course, student=student, online_ok=False, location_ids=[full_run.location_id])
    assert kinds_owed(student) == [Kind.WAITLISTED]
    services.cancel_enrolment(enrolment_id=full_run.enrolments.first().pk)
    assert kinds_owed(student) == [Kind.WAITLISTED, Kind.OFFERED]


def test_joining_a_full_run_is_never_an_offer_in_the_same_breath(full_run):
    # join_run never hands out places itself (a free place with someone waiting who fits goes to
    # them), so a newcomer it puts on the waiting list is owed that email alone.
    ahead = make_student()
    services.join_run(run_id=full_run.pk, student=ahead)
    services.cancel_enrolment(enrolment_id=full_run.enrolments.first().pk)  # offered to `ahead`
    student = make_student()
    assert services.join_run(run_id=full_run.pk, student=student).outcome is services.Outcome.WAITLISTED
    assert kinds_owed(student) == [Kind.WAITLISTED]
