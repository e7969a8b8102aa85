"""Staff following up what the ledger could not do by email, through the real admin pages: people
to phone, emails that failed, addresses that do not work, and a student's email history."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

from enrolment import services
from enrolment.models import Offer, Student
from notices.addresses import mark_undeliverable
from notices.models import Kind, Notice

from .enrolment_admin_helpers import adult, student_form, text
from .factories import fill

CALLS = "/admin/notices/people-to-call/"
NOT_SENT = "/admin/notices/emails-not-sent/"


def owed(student, kind, status=Notice.Status.TO_CALL, **fields) -> Notice:
    now = timezone.now()
    channel = Notice.Channel.PHONE if status in (Notice.Status.TO_CALL, Notice.Status.CALLED) else Notice.Channel.EMAIL
    return Notice.objects.create(
        key=f"{kind}:{uuid.uuid4().hex}",
        kind=kind,
        student=student,
        status=status,
        channel=channel,
        created_at=fields.pop("created_at", now),
        due_at=now,
        **fields,
    )


# People to call


def test_people_to_call_shows_what_to_tell_each_person_oldest_first(staff_client, run):
    session = run.session_list[0]
    later = owed(
        adult(name="Robin", phone="07700 900123"),
        Kind.RUN_CHANGED,
        run=run,
        details="The course now meets in the garden room.",
    )
    earlier = owed(
        adult(name="Alex", phone="01865 000000"),
        Kind.REMINDER_SESSION,
        run=run,
        session=session,
        created_at=timezone.now() - timezone.timedelta(days=1),
    )
    page = text(staff_client.get(CALLS))
    assert "People to call (2)" in page
    assert page.index("Alex") < page.index("Robin")
    assert "07700 900123" in page and "01865 000000" in page
    assert "Reminder before each session" in page and "Understanding anxiety" in page
    assert f"{session.date:%-d %B %Y}" in page and "10am" in page
    assert "The course now meets in the garden room." in page
    assert f"/admin/notices/people-to-call/{earlier.pk}/called/" in page
    assert f"/admin/notices/people-to-call/{later.pk}/called/" in page


def test_offers_are_not_on_people_to_call_but_linked_to(staff_client, run):
    owed(adult(name="Robin"), Kind.OFFERED, run=run)
    page = text(staff_client.get(CALLS))
    assert "People to call (0)" in page and "Robin" not in page
    assert "/admin/enrolment/offers-to-phone/" in page


def test_called_records_who_and_when(staff_client, staff, run):
    notice = owed(adult(name="Robin"), Kind.RUN_CANCELLED, run=run)
    response = staff_client.post(f"{CALLS}{notice.pk}/called/", follow=True)
    assert "Recorded that you phoned Robin" in text(response)
    notice.refresh_from_db()
    assert (notice.status, notice.handled_by) == (Notice.Status.CALLED, staff)
    assert notice.sent_at is not None
    assert "People to call (0)" in text(staff_client.get(CALLS))


def test_a_call_recorded_twice_is_recorded_once(staff_client, staff, run):
    notice = owed(adult(), Kind.RUN_CANCELLED, run=run)
    staff_client.post(f"{CALLS}{notice.pk}/called/")
    called_at = Notice.objects.get(pk=notice.pk).sent_at
    response = staff_client.post(f"{CALLS}{notice.pk}/called/", follow=True)
    assert "already been recorded" in text(response)
    assert Notice.objects.get(pk=notice.pk).sent_at == called_at


def test_called_is_a_post(staff_client, run):
    notice = owed(adult(), Kind.RUN_CANCELLED, run=run)
    assert staff_client.get(f"{CALLS}{notice.pk}/called/").status_code == 405
    assert Notice.objects.get(pk=notice.pk).status == Notice.Status.TO_CALL


def test_an_offer_to_someone_whose_email_stopped_working_is_on_offers_to_phone(staff_client, run):
    fill(run, 2)
    student = adult(name="Robin")
    services.join_run(run_id=run.pk, student=student)
    services.cancel_enrolment(enrolment_id=run.enrolments.first().pk)
    offer = Offer.objects.get(entry__student=student)
    assert not offer.by_phone
    mark_undeliverable(student, reason="Emails to this address bounce.")
    assert "Robin" in text(staff_client.get("/admin/enrolment/offers-to-phone/"))


# Emails not sent


def test_failed_emails_show_why_and_can_be_tried_again(staff_client, staff, run, django_capture_on_commit_callbacks):
    student = adult(name="Robin", email="robin@example.org")
    services.join_run(run_id=run.pk, student=student)
    notice = Notice.objects.get(student=student, kind=Kind.CONFIRMED)
    Notice.objects.filter(pk=notice.pk).update(
        status=Notice.Status.FAILED, attempts=8, problem="Email provider error 422: Invalid 'From' address"
    )
    page = text(staff_client.get(NOT_SENT))
    assert "Robin" in page and "Invalid &#x27;From&#x27; address" in page
    with django_capture_on_commit_callbacks() as queued:
        response = staff_client.post(f"{NOT_SENT}{notice.pk}/send-again/", follow=True)
    assert "will be sent again" in text(response)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.handled_by) == (Notice.Status.PENDING, 8, staff)
    assert notice.due_at <= timezone.now()
    assert mail.outbox == []  # nothing goes until the change commits
    for callback in queued:  # the commit hands it to the email queue (run at once in tests)
        callback()
    # What Robin and the staff member notice: the email arrives, once, and leaves the list.
    assert [message.to for message in mail.outbox] == [["robin@example.org"]]
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (Notice.Status.SENT, 9)
    assert "Robin" not in text(staff_client.get(NOT_SENT))


def test_an_email_to_an_address_that_does_not_work_is_not_tried_again(staff_client):
    student = adult()
    notice = owed(student, Kind.CONFIRMED, status=Notice.Status.FAILED)
    mark_undeliverable(student, reason="Emails to this address bounce.")
    assert f"{notice.pk}/send-again/" not in text(staff_client.get(NOT_SENT))
    response = staff_client.post(f"{NOT_SENT}{notice.pk}/send-again/", follow=True)
    assert "Their email address is not working" in text(response)
    assert Notice.objects.get(pk=notice.pk).status == Notice.Status.FAILED


def test_addresses_that_do_not_work_are_listed_and_can_be_cleared(staff_client):
    student = adult(name="Robin")
    mark_undeliverable(student, reason="They marked our email as spam.")
    page = text(staff_client.get(NOT_SENT))
    assert "Robin" in page and "They marked our email as spam." in page
    response = staff_client.post(f"/admin/notices/students/{student.pk}/address-checked/", follow=True)
    assert f"Emails will go to {student.email} again" in text(response)
    student.refresh_from_db()
    assert (student.email_undeliverable_at, student.email_problem) == (None, "")


# The student's page


def test_a_students_page_shows_the_email_problem_reminders_and_email_history(staff_client, staff, run):
    student = adult(name="Robin", reminders_off=True)
    owed(
        student,
        Kind.CONFIRMED,
        status=Notice.Status.SENT,
        run=run,
        sent_at=timezone.now(),
        created_at=timezone.now() - timezone.timedelta(days=2),
    )
    called = owed(student, Kind.RUN_CHANGED, run=run, created_at=timezone.now() - timezone.timedelta(days=1))
    staff_client.post(f"{CALLS}{called.pk}/called/")
    mark_undeliverable(student, reason="Emails to this address bounce.")
    page = text(staff_client.get(f"/admin/students/inspect/{student.pk}/"))
    assert "We are not emailing" in page and "Emails to this address bounce." in page
    assert f"/admin/notices/students/{student.pk}/address-checked/" in page
    assert "switched off" in page
    assert page.index("Course dates or place changed") < page.index("Enrolment confirmed")  # newest first
    assert "Phoned (by Sam Staff)" in page


def test_clearing_from_the_students_page_comes_back_to_it(staff_client):
    student = adult()
    mark_undeliverable(student, reason="Emails to this address bounce.")
    page = f"/admin/students/inspect/{student.pk}/"
    response = staff_client.post(f"/admin/notices/students/{student.pk}/address-checked/", {"next": page})
    assert response.url == page
    assert "We are not emailing" not in text(staff_client.get(page))


def test_changing_a_students_email_clears_the_mark(staff_client):
    student = adult(name="Robin", email="old@example.org")
    mark_undeliverable(student, reason="Emails to this address bounce.")
    data = student_form(first_name="Robin", last_name=student.last_name, email="new@example.org", contact_by="email")
    assert staff_client.post(f"/admin/students/edit/{student.pk}/", data).status_code == 302
    student.refresh_from_db()
    assert (student.email, student.email_undeliverable_at) == ("new@example.org", None)


def test_saving_a_student_without_changing_their_email_keeps_the_mark(staff_client):
    student = adult(name="Robin", email="old@example.org")
    mark_undeliverable(student, reason="Emails to this address bounce.")
    data = student_form(first_name="Robin", last_name="Jones", email="old@example.org", contact_by="email")
    staff_client.post(f"/admin/students/edit/{student.pk}/", data)
    student.refresh_from_db()
    assert student.last_name == "Jones" and student.email_undeliverable_at is not None


# Who may


@pytest.mark.parametrize("path", [CALLS, NOT_SENT])
def test_people_without_enrolment_access_are_refused(db, client, path):
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 302 and response.url == "/admin/"
    assert "People to call" not in text(client.get("/admin/"))


def test_staff_who_may_only_view_cannot_act(client, run):
    viewer = get_user_model().objects.create_user("viewer", "viewer@example.org", "pw")
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_enrolment"]))
    client.force_login(viewer)
    notice = owed(adult(), Kind.RUN_CANCELLED, run=run)
    student = adult()
    mark_undeliverable(student, reason="Emails to this address bounce.")
    assert client.get(CALLS).status_code == 200
    client.post(f"{CALLS}{notice.pk}/called/")
    client.post(f"/admin/notices/students/{student.pk}/address-checked/")
    assert Notice.objects.get(pk=notice.pk).status == Notice.Status.TO_CALL
    assert Student.objects.get(pk=student.pk).email_undeliverable_at is not None


def test_buttons_need_the_csrf_token(staff, run):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    notice = owed(adult(), Kind.RUN_CANCELLED, run=run)
    assert client.post(f"{CALLS}{notice.pk}/called/").status_code == 403
    assert Notice.objects.get(pk=notice.pk).status == Notice.Status.TO_CALL
