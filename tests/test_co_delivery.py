"""Every bookable run is co-delivered by an Expert by Experience and an Expert by Training."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.models import CourseRun, Facilitator
from courses.rules import check_co_delivery, missing_expertise

from .factories import make_course, make_facilitator, make_location, make_term

EXPERIENCE, TRAINING = Facilitator.Expertise.EXPERIENCE, Facilitator.Expertise.TRAINING
NEXT_MONTH = timezone.now() + dt.timedelta(days=30)


def people(*expertise):
    return [Facilitator(name=f"Person {n}", expertise=kind) for n, kind in enumerate(expertise)]


@pytest.mark.parametrize(
    "team, missing",
    [
        ((EXPERIENCE, TRAINING), []),
        ((EXPERIENCE, EXPERIENCE, TRAINING), []),
        ((EXPERIENCE,), ["Expert by Training"]),
        ((TRAINING, TRAINING), ["Expert by Experience"]),
        ((), ["Expert by Experience", "Expert by Training"]),
    ],
)
def test_missing_expertise_names_what_a_team_lacks(team, missing):
    assert missing_expertise(people(*team)) == missing


def test_a_run_open_for_enrolment_without_both_experts_is_refused():
    with pytest.raises(ValidationError) as error:
        check_co_delivery(facilitators=people(TRAINING), cancelled=False, enrolment_closes=NEXT_MONTH)
    assert "Missing: Expert by Experience" in str(error.value)


def test_cancelled_and_closed_runs_are_left_alone():
    check_co_delivery(facilitators=[], cancelled=True, enrolment_closes=NEXT_MONTH)
    check_co_delivery(facilitators=[], cancelled=False, enrolment_closes=timezone.now() - dt.timedelta(days=1))


# The same rule through the Wagtail admin, as staff meet it.


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw")
    client.force_login(user)
    return client


def run_form(course, term, venue, facilitators, **overrides):
    first = timezone.localdate() + dt.timedelta(days=21)
    data = {
        "course": course.pk,
        "term": term.pk,
        "status": "scheduled",
        "format": "in_person",
        "location": venue.pk,
        "online_joining_details": "",
        "capacity": "12",
        "enrolment_opens": (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "enrolment_closes": f"{first - dt.timedelta(days=1):%Y-%m-%d} 17:00",
        "facilitators": [f.pk for f in facilitators],
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-date": f"{first:%Y-%m-%d}",
        "sessions-0-start_time": "10:00",
        "sessions-0-end_time": "12:00",
        "sessions-0-id": "",
        "sessions-0-ORDER": "1",
        "sessions-0-DELETE": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def course_bits(course_index):
    return make_course(course_index, "Sleep well"), make_term(), make_location("Witney")


def test_admin_refuses_a_run_with_only_experts_by_training(staff_client, course_bits):
    trainers = [make_facilitator(TRAINING), make_facilitator(TRAINING)]
    response = staff_client.post("/admin/course_runs/new/", run_form(*course_bits, trainers))
    assert response.status_code == 200
    assert "Every course is co-delivered" in response.content.decode()
    assert not CourseRun.objects.exists()


def test_admin_saves_a_co_delivered_run_with_its_sessions(staff_client, course_bits):
    team = [make_facilitator(EXPERIENCE), make_facilitator(TRAINING)]
    response = staff_client.post("/admin/course_runs/new/", run_form(*course_bits, team))
    assert response.status_code == 302, response.content.decode()[:2000]
    run = CourseRun.objects.get()
    assert set(run.facilitators.all()) == set(team)
    assert run.sessions.count() == 1


def test_admin_lets_staff_cancel_a_run_whatever_its_team(staff_client, course_bits):
    response = staff_client.post(
        "/admin/course_runs/new/", run_form(*course_bits, [make_facilitator(TRAINING)], status="cancelled")
    )
    assert response.status_code == 302
    assert CourseRun.objects.get().is_cancelled


def test_admin_asks_for_a_place_unless_the_run_is_online(staff_client, course_bits):
    team = [make_facilitator(EXPERIENCE), make_facilitator(TRAINING)]
    response = staff_client.post("/admin/course_runs/new/", run_form(*course_bits, team, location=""))
    assert "Choose where this course meets" in response.content.decode()
    response = staff_client.post("/admin/course_runs/new/", run_form(*course_bits, team, location="", format="online"))
    assert response.status_code == 302


def test_admin_lists_runs_with_places_taken(staff_client, course_bits):
    team = [make_facilitator(EXPERIENCE), make_facilitator(TRAINING)]
    staff_client.post("/admin/course_runs/new/", run_form(*course_bits, team))
    response = staff_client.get("/admin/course_runs/", {"q": "Sleep"})
    assert response.status_code == 200
    assert "0 of 12" in response.content.decode()
