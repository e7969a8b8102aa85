"""Issue 13 item 5: a run whose enrolment has not opened shows when it opens (not an Enrol button
and spaces), and people can ask for one email when it opens, sent by the sweep through the ledger."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import CourseRun
from enrolment import services
from enrolment.models import EnrolmentOpensAlert, Student
from enrolment.services import alerts
from enrolment.services.forgetting import forget_student
from enrolment.tasks import offer_places_as_enrolment_opens
from notices import content
from notices.models import Kind, Notice

from .factories import make_course, make_run, make_student
from .notice_helpers import claimed
from .sign_in_helpers import ask_for_link, emailed_link

pytestmark = pytest.mark.django_db

# 9am UK time, in February: no clock change to think about.
OPENS = timezone.make_aware(dt.datetime(timezone.localdate().year + 1, 2, 22, 9, 0))
OPENS_WORDS = f"{OPENS:%A} 22 February {OPENS.year} at 9am"
AFTER = OPENS + dt.timedelta(minutes=1)


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Sleep well")


@pytest.fixture
def later_run(course):
    """Enrolment opens on 22 February next year at 9am; the course starts a month after."""
    return make_run(course, capacity=16, first_date=OPENS.date() + dt.timedelta(days=30), enrolment_opens=OPENS)


@pytest.fixture
def open_run(course):
    return make_run(course, capacity=16, first_date=timezone.localdate() + dt.timedelta(days=10))


def details(**changes):
    data = {"first_name": "Ana", "last_name": "Lopes", "email": "ana@example.org", "adult": "yes", "website": ""}
    data.update(changes)
    return data


def ask(client, run, **changes):
    return client.post(f"/enrol/{run.pk}/", details(**changes))


def sign_in(client, student) -> None:
    ask_for_link(client, student.email)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"


def opening_emails(**filters) -> list[Notice]:
    return list(Notice.objects.filter(kind=Kind.ENROLMENT_OPEN, **filters))


# What the public see


def test_the_course_page_shows_when_enrolment_opens_instead_of_enrol_and_spaces(client, course, later_run, open_run):
    html = client.get(course.url).content.decode()
    later = html[html.index(f'id="run-{later_run.pk}"') :]
    later = later[: later.index("</section>")]
    assert f"Enrolment opens on {OPENS_WORDS}." in later
    assert "spaces left" not in later and ">Enrol<" not in later and "nhsuk-button" not in later
    assert f'href="/enrol/{later_run.pk}/">Email me when enrolment opens' in later
    assert "for Sleep well starting" in later  # the link names the course for screen readers
    # The run that is open keeps its Enrol button and spaces.
    assert html.count("16 spaces left") == 1 and html.count(">Enrol<") == 1


def test_the_course_dates_list_shows_when_enrolment_opens_instead_of_spaces(client, later_run, open_run):
    html = client.get("/course-dates/").content.decode()
    assert html.count("16 spaces left") == 1
    assert f"Enrolment opens on {OPENS_WORDS}" in html
    assert html.count("Email me when enrolment opens") == 1


def test_a_cancelled_run_still_says_it_is_cancelled(client, later_run):
    CourseRun.objects.filter(pk=later_run.pk).update(status=CourseRun.Status.CANCELLED)
    later_run.refresh_from_db()
    assert not later_run.opens_later
    html = client.get(f"/enrol/{later_run.pk}/").content.decode()
    assert "cancelled" in html and "Email me when it opens" not in html


def test_the_enrol_address_says_when_it_opens_and_offers_the_short_form(client, later_run):
    html = client.get(f"/enrol/{later_run.pk}/").content.decode()
    assert f"Enrolment for these dates opens on <strong>{OPENS_WORDS}</strong>." in html
    for text in (
        "First name",
        "Last name",
        "Email address",
        "Are you 18 or over?",
        "privacy notice",
        "Email me when it opens",
    ):
        assert text in html, text
    assert "I am joining as" not in html and "9:00AM" not in html


# Asking


def test_asking_keeps_one_alert_and_says_we_will_email_the_masked_address(client, later_run):
    response = ask(client, later_run)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "We will email you when enrolment opens" in page and "a•••@example.org" in page
    student = Student.objects.get()
    assert (student.first_name, student.email) == ("Ana", "ana@example.org")
    assert EnrolmentOpensAlert.objects.filter(student=student, run=later_run, sent_at=None).count() == 1
    assert not Notice.objects.exists()  # nothing is emailed until it opens


def test_asking_twice_or_for_someone_we_know_changes_nothing_and_looks_the_same(client, later_run):
    known = make_student("Ana", email="ana@example.org", phone="01632960001")
    first = ask(client, later_run, first_name="Someone", last_name="Else")
    second = ask(client, later_run, email=" ANA@example.org ")
    assert first.url == second.url
    known.refresh_from_db()
    assert (known.first_name, known.phone) == ("Ana", "01632960001")  # never overwritten
    assert Student.objects.count() == 1 and EnrolmentOpensAlert.objects.count() == 1


def test_a_signed_in_student_presses_one_button(client, later_run):
    student = make_student("Ben")
    sign_in(client, student)
    html = client.get(f"/enrol/{later_run.pk}/").content.decode()
    assert "You are signed in as <strong>Ben" in html and "First name" not in html
    assert client.post(f"/enrol/{later_run.pk}/").status_code == 302
    assert client.post(f"/enrol/{later_run.pk}/").status_code == 302
    assert list(EnrolmentOpensAlert.objects.values_list("student_id", flat=True)) == [student.pk]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"email": ""}, "Enter your email address"),
        ({"email": "ana@example"}, "Enter an email address in the correct format, like name@example.com"),
        ({"email": '"<b>x</b>"@example.org'}, "Enter your email address without quotation marks"),
        ({"first_name": ""}, "Enter your first name"),
        ({"adult": ""}, "Tell us if you are 18 or over"),
    ],
)
def test_bad_answers_get_kind_errors_and_nothing_is_saved(client, later_run, changes, message):
    response = ask(client, later_run, **changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "There is a problem" in html
    assert not Student.objects.exists() and not EnrolmentOpensAlert.objects.exists()


def test_under_18s_are_turned_away_kindly_and_nothing_is_kept(client, later_run):
    html = ask(client, later_run, adult="no").content.decode()
    assert "Our courses are for adults" in html
    assert not Student.objects.exists() and not EnrolmentOpensAlert.objects.exists()


def test_a_bot_filling_the_hidden_field_sees_the_same_answer_and_nothing_is_kept(client, later_run):
    response = ask(client, later_run, website="http://spam.example")
    assert response.status_code == 302 and "we-will-email-you" in response.url
    assert not Student.objects.exists() and not EnrolmentOpensAlert.objects.exists()


def test_asking_about_a_run_already_open_is_refused_by_the_service(open_run):
    with pytest.raises(services.EnrolmentError):
        alerts.ask_to_be_told_when_open(run_id=open_run.pk, student=make_student())


# The sweep


def asked(run, name="Ana") -> Student:
    student = make_student(name)
    alerts.ask_to_be_told_when_open(run_id=run.pk, student=student, now=OPENS - dt.timedelta(days=30))
    return student


def test_the_sweep_emails_once_when_enrolment_opens_not_before(later_run):
    ana = asked(later_run)
    assert alerts.tell_those_waiting_for_opening(now=OPENS - dt.timedelta(seconds=1)) == 0
    assert opening_emails() == []

    assert alerts.tell_those_waiting_for_opening(now=AFTER) == 1
    assert alerts.tell_those_waiting_for_opening(now=AFTER + dt.timedelta(minutes=1)) == 0
    (notice,) = opening_emails(student=ana, run=later_run)
    assert notice.key == f"enrolment_open:{later_run.pk}:{ana.pk}"
    assert EnrolmentOpensAlert.objects.get().sent_at == AFTER

    message = content.build_email(claimed(notice))  # as the worker builds it (it is due in the future here)
    assert message.subject == "Enrolment is open" and "Sleep well" not in message.subject
    assert "You asked us to email you when enrolment opened for Sleep well" in message.body
    assert later_run.location.name in message.body
    first = later_run.sessions.first().date
    assert f"{first:%A} {first.day} {first:%B %Y}, 10am to midday" in message.body
    assert re.search(rf"Enrol on these dates:\n\S+/enrol/{later_run.pk}/\n", message.body)


def test_two_sweeps_at_once_owe_one_email(later_run):
    ana = asked(later_run)
    alerts.tell_those_waiting_for_opening(now=AFTER)
    # A second sweep that read the alert before the first marked it: the ledger key holds.
    EnrolmentOpensAlert.objects.update(sent_at=None)
    alerts.tell_those_waiting_for_opening(now=AFTER)
    assert len(opening_emails(student=ana)) == 1


def test_the_beat_task_that_offers_places_as_enrolment_opens_also_tells_those_who_asked(later_run):
    CourseRun.objects.filter(pk=later_run.pk).update(enrolment_opens=timezone.now() - dt.timedelta(minutes=1))
    ana = asked_now(later_run)
    offer_places_as_enrolment_opens.run()
    assert len(opening_emails(student=ana)) == 1


def asked_now(run) -> Student:
    student = make_student("Ana")
    EnrolmentOpensAlert.objects.create(student=student, run=run)
    return student


def test_no_email_about_a_run_cancelled_meanwhile(later_run):
    asked(later_run)
    CourseRun.objects.filter(pk=later_run.pk).update(status=CourseRun.Status.CANCELLED)
    assert alerts.tell_those_waiting_for_opening(now=AFTER) == 0
    assert opening_emails() == [] and EnrolmentOpensAlert.objects.get().sent_at == AFTER


def test_no_email_to_someone_who_enrolled_or_joined_the_waiting_list_meanwhile(later_run):
    ana, ben, cy = asked(later_run, "Ana"), asked(later_run, "Ben"), asked(later_run, "Cy")
    services.join_run(run_id=later_run.pk, student=ana, source="phone", now=OPENS - dt.timedelta(days=1))
    services.wait_for_any_date(
        course=later_run.course,
        student=ben,
        online_ok=True,
        location_ids=[later_run.location_id],
        now=OPENS - dt.timedelta(days=1),
    )
    services.offer_places_as_enrolment_opens(now=AFTER)  # Ben is offered a place, as the beat task does first
    assert alerts.tell_those_waiting_for_opening(now=AFTER) == 1
    assert [n.student for n in opening_emails()] == [cy]
    assert not EnrolmentOpensAlert.objects.filter(sent_at=None).exists()


# Forgetting


def test_forgetting_a_student_removes_their_alerts(later_run):
    ana = asked(later_run)
    forget_student(student_id=ana.pk)
    assert not EnrolmentOpensAlert.objects.exists()
    assert alerts.tell_those_waiting_for_opening(now=AFTER) == 0


# My courses


def test_my_courses_lists_the_dates_asked_about_and_stops_the_email(client, later_run):
    ana = asked(later_run)
    sign_in(client, ana)
    html = client.get("/my-courses/").content.decode()
    assert "Courses you asked us to tell you about" in html
    assert f"Enrolment opens on {OPENS_WORDS}. We will email you then." in html
    assert client.get(f"/my-courses/enrolment-opens/{later_run.pk}/stop/").status_code == 405  # only a POST acts
    response = client.post(f"/my-courses/enrolment-opens/{later_run.pk}/stop/")
    assert response.url == "/my-courses/"
    html = client.get("/my-courses/").content.decode()
    assert "We will not email you when enrolment opens for Sleep well." in html
    assert "Courses you asked us to tell you about" not in html
    assert not EnrolmentOpensAlert.objects.exists()
    assert alerts.tell_those_waiting_for_opening(now=AFTER) == 0


def test_stopping_someone_elses_email_changes_nothing(client, later_run):
    asked(later_run, "Ana")
    sign_in(client, make_student("Ben"))
    client.post(f"/my-courses/enrolment-opens/{later_run.pk}/stop/")
    assert EnrolmentOpensAlert.objects.count() == 1
