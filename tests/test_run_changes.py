"""When the college cancels a run or changes its dates, times or place, everyone holding, offered or
waiting for a place is told once; a cancellation also lets every place go."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from enrolment import services
from enrolment.models import Enrolment, Offer, WaitlistEntry
from notices.models import Kind, Notice

from .enrolment_admin_helpers import run_edit_form
from .factories import make_course, make_location, make_run, make_student


@pytest.fixture
def staff_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("staff", "staff@example.org", "pw"))
    return client


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Sleep well")


@pytest.fixture
def full_run(course):
    """Ada and Ben enrolled; Eve (waiting for any date of the course) holding an offer; Di waiting."""
    run = make_run(course, capacity=3, sessions=2, enrolment_opens=timezone.now() - dt.timedelta(days=1))
    people = {name: make_student(name) for name in ("Ada", "Ben", "Cy", "Di", "Eve")}
    for name in ("Ada", "Ben", "Cy"):
        services.join_run(run_id=run.pk, student=people[name])
    services.wait_for_any_date(course=course, student=people["Eve"], online_ok=True, location_ids=[run.location_id])
    services.join_run(run_id=run.pk, student=people["Di"])
    services.cancel_enrolment(enrolment_id=Enrolment.objects.get(student=people["Cy"]).pk)  # Eve is offered it
    assert Offer.objects.live().get().entry.student == people["Eve"]
    return run, people


def told(kind):
    return sorted(Notice.objects.filter(kind=kind).values_list("student__first_name", flat=True))


def test_cancelling_a_run_in_the_admin_lets_every_place_go_and_tells_everyone_once(staff_client, full_run):
    run, people = full_run
    response = staff_client.post(
        f"/admin/course_runs/edit/{run.pk}/", run_edit_form(run, status="cancelled", confirm_cancellation="yes")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not Enrolment.objects.holding_places().filter(run=run).exists()
    assert Offer.objects.get(run=run).status == Offer.Status.WITHDRAWN
    assert WaitlistEntry.objects.get(student=people["Di"]).status == WaitlistEntry.Status.CANCELLED
    # Waiting for any date of the course: back in that queue, for the other runs.
    assert WaitlistEntry.objects.get(student=people["Eve"]).status == WaitlistEntry.Status.WAITING
    assert told(Kind.RUN_CANCELLED) == ["Ada", "Ben", "Di", "Eve"]

    run.refresh_from_db()
    staff_client.post(f"/admin/course_runs/edit/{run.pk}/", run_edit_form(run, capacity="4"))
    assert told(Kind.RUN_CANCELLED) == ["Ada", "Ben", "Di", "Eve"]  # saving it again tells nobody twice
    assert told(Kind.RUN_CHANGED) == []


def test_moving_a_session_tells_those_enrolled_offered_and_waiting_what_changed(staff_client, full_run):
    run, people = full_run
    second = run.sessions.all()[1]
    response = staff_client.post(
        f"/admin/course_runs/edit/{run.pk}/",
        run_edit_form(run, **{"sessions-1-start_time": "14:00", "sessions-1-end_time": "16:00"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert told(Kind.RUN_CHANGED) == ["Ada", "Ben", "Di", "Eve"]
    details = Notice.objects.filter(kind=Kind.RUN_CHANGED).first().details
    day = f"{second.date:%A %-d %B %Y}"
    assert f"No longer happening: {day}, 10am to midday." in details
    assert f"New date or time: {day}, 2pm to 4pm." in details


def test_moving_to_another_venue_says_where_it_now_meets(staff_client, full_run):
    run, _ = full_run
    old_venue, new_venue = run.location.name, make_location("Banbury Library")
    staff_client.post(f"/admin/course_runs/edit/{run.pk}/", run_edit_form(run, location=new_venue.pk))
    assert (
        Notice.objects.filter(kind=Kind.RUN_CHANGED).first().details
        == f"The course now meets at Banbury Library (it was at {old_venue})."
    )


def test_saving_without_a_change_students_would_notice_tells_nobody(staff_client, full_run):
    run, _ = full_run
    staff_client.post(f"/admin/course_runs/edit/{run.pk}/", run_edit_form(run, capacity="5"))
    assert told(Kind.RUN_CHANGED) == []


def test_someone_without_email_is_on_the_call_list_when_their_course_is_cancelled(course):
    run = make_run(course, enrolment_opens=timezone.now() - dt.timedelta(days=1))
    phone_only = make_student("Fay", email=None, phone="01865 000000")
    services.join_run(run_id=run.pk, student=phone_only)
    run.status = "cancelled"
    run.save()
    call = Notice.objects.to_call().get()
    assert (call.kind, call.student, call.channel) == (Kind.RUN_CANCELLED, phone_only, Notice.Channel.PHONE)
