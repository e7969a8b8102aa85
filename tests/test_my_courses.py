"""'My courses' and the links in emails, as a student uses them: no passwords, nothing changes on
a GET, links expire and state-changing links work once."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from enrolment import services
from enrolment.links import Purpose, link_path
from enrolment.models import Enrolment, Offer, StateChange, Student, WaitlistEntry

from .factories import fill, make_course, make_run, make_student
from .sign_in_helpers import ask_for_link, emailed_link


@pytest.fixture
def run(course_index):
    return make_run(
        make_course(course_index, "Sleep well"),
        capacity=1,
        sessions=3,
        first_date=timezone.localdate() + dt.timedelta(days=10),
    )


def sign_in(client, student) -> None:
    ask_for_link(client, student.email)
    link = emailed_link(mail.outbox[-1])
    assert client.post(link).url == "/my-courses/"


def changes() -> int:
    return StateChange.objects.count()


def test_asking_for_a_link_looks_the_same_whether_or_not_we_know_the_email(client, run):
    make_student("Ana", email="ana@example.org")
    known = ask_for_link(client, "ANA@example.org ")
    known_page = client.get(known.url).content.decode()
    unknown = ask_for_link(client, "amy@example.org")
    unknown_page = client.get(unknown.url).content.decode()
    assert known.url == unknown.url
    assert known_page.replace("a•••@example.org", "X") == unknown_page.replace("a•••@example.org", "X")
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "Hello Ana" in mail.outbox[0].body


def test_opening_a_sign_in_link_changes_nothing_until_the_button_is_pressed_and_then_works_once(client, run):
    student = make_student("Ana", email="ana@example.org")
    ask_for_link(client, student.email)
    link = emailed_link(mail.outbox[0])
    assert "Show my courses" in client.get(link).content.decode()  # a mail scanner's visit
    assert client.get("/my-courses/").url == "/my-courses/sign-in/"
    assert client.post(link).url == "/my-courses/"
    assert "Your courses" in client.get("/my-courses/").content.decode()
    other_browser = client.__class__()
    reused = other_browser.post(link)
    assert reused.status_code == 400 and "already been used" in reused.content.decode()


@pytest.mark.parametrize(
    "token, message",
    [
        ("not-a-real-token", "not working"),
        (None, "not working"),  # a real token with one character changed
    ],
)
def test_tampered_links_are_refused_kindly(client, run, token, message):
    student = make_student()
    enrolment = services.join_run(run_id=run.pk, student=student).enrolment
    if token is None:
        path = link_path(Purpose.CANCEL, enrolment.pk)
        token = path.split("/")[2][:-3] + "abc"
    before = changes()
    for method in (client.get, client.post):
        response = method(f"/link/{token}/")
        assert response.status_code == 400 and message in response.content.decode()
    assert changes() == before
    assert Enrolment.objects.get().status == Enrolment.Status.CONFIRMED


def test_expired_links_are_refused_kindly(client, run, monkeypatch):
    from enrolment import links

    enrolment = services.join_run(run_id=run.pk, student=make_student()).enrolment
    path = link_path(Purpose.CANCEL, enrolment.pk)
    monkeypatch.setitem(links.LIFETIME, Purpose.CANCEL, dt.timedelta(seconds=-1))
    response = client.post(path)
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert Enrolment.objects.get().status == Enrolment.Status.CONFIRMED


def test_cancelling_from_an_email_link_frees_the_place_for_the_first_person_waiting(client, run):
    enrolment = services.join_run(run_id=run.pk, student=make_student()).enrolment
    waiting = services.join_run(run_id=run.pk, student=make_student()).entry
    path = link_path(Purpose.CANCEL, enrolment.pk)
    before = changes()
    page = client.get(path).content.decode()
    assert "Cancel your place?" in page and "Sleep well" in page
    assert changes() == before
    done = client.post(path).content.decode()
    assert "Your place is cancelled" in done
    assert Offer.objects.live().get().entry == waiting
    again = client.post(path).content.decode()
    assert "already been cancelled" in again
    assert Offer.objects.count() == 1


def test_accepting_and_declining_offers_from_email_links(client, run):
    fill(run, 1)
    first, second = (services.join_run(run_id=run.pk, student=make_student()).entry for _ in range(2))
    services.cancel_enrolment(enrolment_id=Enrolment.objects.get().pk)
    offer = Offer.objects.live().get()
    assert offer.entry == first
    assert "Turn down the place" in client.get(link_path(Purpose.DECLINE, offer.pk)).content.decode()
    client.post(link_path(Purpose.DECLINE, offer.pk))
    second_offer = Offer.objects.live().get()
    assert second_offer.entry == second
    accepted = client.post(link_path(Purpose.ACCEPT, second_offer.pk)).content.decode()
    assert "You have a place" in accepted
    assert Enrolment.objects.holding_places().get(run=run).student == second.student
    assert "already turned this place down" in client.post(link_path(Purpose.DECLINE, offer.pk)).content.decode()


def test_a_late_acceptance_is_refused_kindly(client, run):
    fill(run, 1)
    services.join_run(run_id=run.pk, student=make_student())
    services.cancel_enrolment(enrolment_id=Enrolment.objects.get().pk)
    offer = Offer.objects.live().get()
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    page = client.post(link_path(Purpose.ACCEPT, offer.pk)).content.decode()
    assert "time to accept this place has run out" in page
    assert not Enrolment.objects.holding_places().filter(run=run).exists()


def test_an_offer_past_its_end_says_so_before_and_after_the_sweep_records_it(client, run):
    fill(run, 1)
    services.join_run(run_id=run.pk, student=make_student())
    services.cancel_enrolment(enrolment_id=Enrolment.objects.get().pk)
    offer = Offer.objects.live().get()
    ended = timezone.now() - dt.timedelta(minutes=1)
    Offer.objects.filter(pk=offer.pk).update(expires_at=ended)
    for purpose in (Purpose.ACCEPT, Purpose.DECLINE):  # still "live" in the database: the sweep has not run
        page = " ".join(client.get(link_path(purpose, offer.pk)).content.decode().split())
        assert "The time to answer this offer ended at" in page and "keeping it for you" not in page
    services.expire_due_offers()
    for purpose in (Purpose.ACCEPT, Purpose.DECLINE):  # the sweep has closed it: nobody answered it
        page = " ".join(client.get(link_path(purpose, offer.pk)).content.decode().split())
        assert "The time to answer this offer ended at" in page and "already" not in page


def test_my_courses_lists_places_waiting_lists_and_offers_and_hides_other_peoples(client, run, course_index):
    student = make_student("Ana", email="ana@example.org")
    other_run = make_run(make_course(course_index, "Healthy eating"), capacity=5)
    services.join_run(run_id=other_run.pk, student=student)
    fill(run, 1)
    services.join_run(run_id=run.pk, student=make_student())
    entry = services.join_run(run_id=run.pk, student=student).entry
    someone_else = services.join_run(run_id=other_run.pk, student=make_student()).enrolment
    sign_in(client, student)
    page = client.get("/my-courses/").content.decode()
    assert "Healthy eating" in page and f"/calendar/runs/{other_run.pk}.ics" in page
    assert "You are number 2 on the waiting list" in page
    assert client.get(f"/my-courses/cancel/{someone_else.pk}/").status_code == 404
    assert client.post(f"/my-courses/cancel/{someone_else.pk}/").status_code == 404
    assert Enrolment.objects.get(pk=someone_else.pk).status == Enrolment.Status.CONFIRMED
    client.post(f"/my-courses/leave/{entry.pk}/")
    assert WaitlistEntry.objects.get(pk=entry.pk).status == WaitlistEntry.Status.LEFT


def test_changing_details_checks_them_and_saves_only_good_ones(client, run):
    student = make_student("Ana", email="ana@example.org")
    sign_in(client, student)
    details = {
        "first_name": "Ana",
        "last_name": "Lopes",
        "phone": "12345",
        "postal_address": "",
        "postcode": "",
        "contact_by": "phone",
        "support_needs": "",
        "reminders": "yes",
    }
    bad = client.post("/my-courses/details/", details).content.decode()
    assert "Enter a UK phone number" in bad and "There is a problem" in bad
    assert Student.objects.get().phone == ""
    client.post("/my-courses/details/", {**details, "phone": "07700 900 982"})
    assert (Student.objects.get().phone, Student.objects.get().contact_by) == ("+447700900982", "phone")


def test_students_switch_reminders_off_and_on_in_their_details(client, run):
    student = make_student("Ana", email="ana@example.org")
    sign_in(client, student)
    details = {
        "first_name": "Ana",
        "last_name": "Lopes",
        "phone": "",
        "postal_address": "",
        "postcode": "",
        "contact_by": "email",
        "support_needs": "",
    }
    missing = client.post("/my-courses/details/", details).content.decode()
    assert "Choose whether you would like reminder emails" in missing
    client.post("/my-courses/details/", {**details, "reminders": "no"})
    assert Student.objects.get().reminders_off
    page = client.get("/my-courses/details/").content.decode()
    assert 'value="no" checked' in page and 'value="yes" checked' not in page
    client.post("/my-courses/details/", {**details, "reminders": "yes"})
    assert not Student.objects.get().reminders_off


def test_the_stop_reminders_link_explains_first_and_its_button_switches_them_off(client, run):
    student = make_student("Ana", email="ana@example.org")
    link = link_path(Purpose.STOP_REMINDERS, student.pk)
    page = client.get(link).content.decode()
    assert "Stop reminder emails?" in page and "still email you about your bookings" in page
    assert not Student.objects.get().reminders_off  # opening the link changed nothing
    client.post(link)
    assert Student.objects.get().reminders_off
    again = client.get(link).content.decode()
    assert "already switched off" in again


def test_deleting_my_data_erases_details_gives_up_places_and_signs_out(client, run):
    student = make_student("Ana", email="ana@example.org", support_needs="Hearing loop")
    services.join_run(run_id=run.pk, student=student)
    waiting = services.join_run(run_id=run.pk, student=make_student()).entry
    sign_in(client, student)
    assert "cannot be undone" in client.get("/my-courses/delete-my-data/").content.decode()
    client.post("/my-courses/delete-my-data/")
    student.refresh_from_db()
    assert (student.email, student.first_name, student.support_needs) == (None, "Deleted", "")
    assert student.forgotten_at is not None
    assert Offer.objects.live().get().entry == waiting
    assert client.get("/my-courses/").url == "/my-courses/sign-in/"
    ask_for_link(client, "ana@example.org")
    assert len(mail.outbox) == 1  # only the sign-in before deleting


def test_a_signed_in_student_enrols_again_without_typing_their_details(client, run, course_index):
    student = make_student("Ana", email="ana@example.org")
    sign_in(client, student)
    other = make_run(make_course(course_index, "Healthy eating"), capacity=5)
    page = client.get(f"/enrol/{other.pk}/").content.decode()
    assert "You are signed in as" in page and 'name="email"' not in page
    response = client.post(f"/enrol/{other.pk}/", {"bring_supporter": "on", "supporter_name": "Bo"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(run=other)
    assert (enrolment.student, enrolment.places, enrolment.supporter_name) == (student, 2, "Bo")


def test_signing_out_ends_the_session(client, run):
    sign_in(client, make_student(email="ana@example.org"))
    assert client.get("/my-courses/sign-out/").status_code == 405  # a GET changes nothing
    client.post("/my-courses/sign-out/")
    assert client.get("/my-courses/").url == "/my-courses/sign-in/"


def test_a_course_the_college_cancelled_is_not_listed_as_a_place_the_student_cancelled(client, run, course_index):
    from courses.models import CourseRun

    student = make_student("Ana", email="ana@example.org")
    services.join_run(run_id=run.pk, student=student)
    own_run = make_run(make_course(course_index, "Healthy eating"), capacity=5)
    own = services.join_run(run_id=own_run.pk, student=student).enrolment
    services.cancel_enrolment(enrolment_id=own.pk)
    run.status = CourseRun.Status.CANCELLED
    run.save()
    sign_in(client, student)
    page = client.get("/my-courses/").content.decode()
    college_part, _, own_part = page.partition("Places you cancelled")
    assert "The college cancelled this course" in college_part and "Sleep well" in college_part
    assert f"on {timezone.localdate():%-d %B %Y}" in college_part
    assert "You do not need to do anything" in college_part
    assert run.course.url in college_part  # how to find other dates
    assert "Healthy eating" in own_part and "Sleep well" not in own_part
    # The same bar as every other page's words (tests/test_plain_english.py): calm and plain.
    from .plain_english_helpers import (
        GRADE_AT_MOST,
        LONGEST_SENTENCE_WORDS,
        READING_EASE_AT_LEAST,
        alarming,
        longest_sentence,
        reading,
    )

    assert alarming(page) == []
    ease, grade, _, text = reading(page)
    assert ease >= READING_EASE_AT_LEAST and grade <= GRADE_AT_MOST
    assert len(longest_sentence(text).split()) <= LONGEST_SENTENCE_WORDS
