"""The words staff read in the admin (issue 13, item 10): every email they can reword is listed,
a run is not cancelled without saying who will be told, times read as on the public pages, the
course editor shows its dates, and email problems say what really happened."""

import html
import re

import pytest

from courses.models import CourseRun
from enrolment import services
from notices.models import Kind, Notice, Wording

from .enrolment_admin_helpers import adult, text
from .factories import co_facilitators, make_course, make_location, make_run, make_term
from .test_co_delivery import run_form

WORDING_URL = "/admin/snippets/notices/wording/"


# Email wording


def test_every_email_is_listed_with_ours_marked_where_staff_have_not_changed_it(staff_client):
    row = Wording.objects.create(kind=Kind.CONFIRMED, subject="You have a place", preview="", body="Hello")
    page = text(staff_client.get(WORDING_URL))
    assert "no email wording to display" not in page
    for kind in Kind:
        assert kind.label in page
    assert page.count("Using our suggested words") == len(Kind) - 1
    assert f"/admin/snippets/notices/wording/edit/{row.pk}/" in page
    assert "/admin/snippets/notices/wording/add/?kind=offered" in page


def test_with_no_wording_saved_every_email_can_be_changed(staff_client):
    page = text(staff_client.get(WORDING_URL))
    assert page.count("Using our suggested words") == len(Kind)
    add = text(staff_client.get("/admin/snippets/notices/wording/add/?kind=offered"))
    assert 'value="offered" selected' in add or "Place offered" in add


# Cancelling a run


def cancel_form(run, **overrides):
    session = run.sessions.get()
    data = run_form(
        run.course,
        run.term,
        run.location,
        list(run.facilitators.all()),
        status="cancelled",
        **{
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(session.pk),
            "sessions-0-date": f"{session.date:%Y-%m-%d}",
            "capacity": str(run.capacity),
        },
    )
    return {**data, **overrides}


def small_run(course_index, capacity=2):
    return make_run(
        make_course(course_index, "Sleep well"),
        capacity=capacity,
        term=make_term(),
        location=make_location("Witney"),
        facilitators=co_facilitators(),
    )


def test_cancelling_a_run_with_people_on_it_asks_first_and_says_how_many_will_be_told(staff_client, course_index):
    run = small_run(course_index)
    for _ in range(3):  # two places and one waiting
        services.join_run(run_id=run.pk, student=adult())
    url = f"/admin/course_runs/edit/{run.pk}/"

    page = text(staff_client.post(url, cancel_form(run)))

    assert "3 people are enrolled, offered a place or waiting" in page
    assert "Yes, cancel it and tell 3 people" in page
    run.refresh_from_db()
    assert not run.is_cancelled  # nothing happens until they confirm

    # Pressing "Yes" posts again everything staff typed, with the confirmation.
    confirmed = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page):
        confirmed.setdefault(name, []).append(html.unescape(value))
    assert confirmed["confirm_cancellation"] == ["yes"]
    response = staff_client.post(url, confirmed)
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.is_cancelled
    assert not run.enrolments.holding_places().exists()


def test_cancelling_a_run_nobody_is_on_needs_no_confirming(staff_client, course_index):
    run = small_run(course_index)
    response = staff_client.post(f"/admin/course_runs/edit/{run.pk}/", cancel_form(run))
    assert response.status_code == 302
    assert CourseRun.objects.get(pk=run.pk).is_cancelled


# Times as the public pages write them


def test_staff_pages_write_times_as_the_public_pages_do(staff_client, course_index):
    from .test_enrolment_admin_waiting import phone_offer

    run = small_run(course_index, capacity=2)
    register = " ".join(text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/")).split())
    assert "10am to midday" in register and "a.m." not in register
    sheet = text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/sign-in-sheet/"))
    assert "10am" in sheet and "a.m." not in sheet
    phone_offer(run)
    calls = " ".join(text(staff_client.get("/admin/enrolment/offers-to-phone/")).split())
    assert "10am, Witney" in calls and "10:00 a.m." not in calls
    # The moments records were made (an offer's end, when it was made) read the same way.
    register = " ".join(text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/")).split())
    for page in (calls, register):
        assert not re.search(r"\d:\d\d [ap]\.m\.", page), re.findall(r".{30}\d:\d\d [ap]\.m\.", page)


# The course editor shows the course's dates


def test_the_course_editor_lists_the_courses_runs_with_links(staff_client, course_index):
    run = small_run(course_index)
    other = make_run(make_course(course_index, "Hope and recovery"))
    page = text(staff_client.get(f"/admin/pages/{run.course.pk}/edit/"))
    assert "Dates of this course" in page
    assert f"/admin/course_runs/edit/{run.pk}/" in page
    assert f"/admin/enrolment/runs/{run.pk}/register/" in page
    assert f"/admin/course_runs/edit/{other.pk}/" not in page  # only this course's dates


# The register explains a skip


def test_the_register_says_why_someone_needing_two_places_was_passed_over(staff_client, course_index):
    from enrolment.models import Enrolment

    run = small_run(course_index, capacity=2)
    leaving = adult()
    services.join_run(run_id=run.pk, student=leaving)
    services.join_run(run_id=run.pk, student=adult())
    services.join_run(run_id=run.pk, student=adult(name="Kim"), places=2, supporter_name="Jo")
    services.join_run(run_id=run.pk, student=adult(name="Lee"))
    services.cancel_enrolment(enrolment_id=Enrolment.objects.get(student=leaving).pk)

    register = " ".join(text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/")).split())
    assert "Needs 2 places together. 1 place was offered to someone behind them" in register
    assert "They keep number 1" in register


# What the email provider said


class ProviderReply:
    def __init__(self, status_code, body):
        self.status_code, self.reason, self._body = status_code, "Bad Request", body

    def json(self):
        return self._body


def mailgun_error(status, body):
    from anymail.exceptions import AnymailAPIError

    return AnymailAPIError("", status_code=status, response=ProviderReply(status, body), esp_name="Mailgun")


def test_a_mailgun_refusal_of_the_address_keeps_its_reason_and_marks_the_address():
    from notices import esp

    failure = esp.classify(
        mailgun_error(400, {"message": "'to' parameter is not a valid address. please check documentation"})
    )
    assert "not a valid address" in failure.reason
    assert failure.undeliverable and not failure.temporary  # so no "Try again" that cannot help


def test_another_mailgun_400_keeps_the_providers_reason_and_leaves_the_address_alone():
    from notices import esp

    failure = esp.classify(mailgun_error(400, {"message": "Domain college.example is not allowed to send"}))
    assert failure.reason == "Email provider error 400: Domain college.example is not allowed to send"
    assert not failure.undeliverable and not failure.temporary


@pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailWarning")
def test_a_spam_complaint_about_a_delivered_email_is_not_shown_as_unsent(client, staff_client):
    from .factories import make_student
    from .webhook_helpers import POSTMARK_SPAM_COMPLAINT, owed, postmark

    student = make_student(email="spam@example.com")
    delivered = owed(student, Kind.CONFIRMED, status=Notice.Status.SENT)
    assert postmark(client, {**POSTMARK_SPAM_COMPLAINT, "Metadata": {"notice": str(delivered.pk)}}).status_code == 200

    delivered.refresh_from_db()
    assert delivered.status == Notice.Status.SENT
    assert delivered.problem == "It arrived, but they marked it as spam, so we have stopped emailing them."
    student.refresh_from_db()
    assert student.email_undeliverable_at is not None
    not_sent = " ".join(text(staff_client.get("/admin/notices/emails-not-sent/")).split())
    assert "It did not arrive" not in not_sent
