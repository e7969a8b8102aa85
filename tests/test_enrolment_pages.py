"""Enrolling through the public pages, as a student would."""

import datetime as dt

import pytest
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment, Student, WaitlistEntry
from notices.models import Notice

from .factories import fill, make_course, make_run, make_student
from .sign_in_helpers import ask_for_link, emailed_link


@pytest.fixture
def run(course_index):
    return make_run(
        make_course(course_index, "Sleep well"), capacity=3, first_date=timezone.localdate() + dt.timedelta(days=10)
    )


def form_data(**changes):
    data = {
        "first_name": "Ana",
        "last_name": "Lopes",
        "email": "ana@example.org",
        "phone": "",
        "adult": "yes",
        "postcode": "ox4 1aa",
        "joining_as": "lived_experience",
        "support_needs": "",
        "heard_about": "",
        "contact_by": "email",
        "consent": "on",
        "supporter_name": "",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, run, **changes):
    return client.post(f"/enrol/{run.pk}/", form_data(**changes))


def visible_text(response) -> str:
    return response.content.decode()


def test_the_form_has_labels_hints_and_the_run_details(client, run):
    html = client.get(f"/enrol/{run.pk}/").content.decode()
    for text in [
        "Enrol on Sleep well",
        "First name",
        "Are you 18 or over?",
        "I am joining as",
        "Only college staff and the people who teach your course",
        "privacy notice",
        'autocomplete="email"',
    ]:
        assert text in html, text


def test_enrolling_online_books_a_place_and_says_check_your_email(client, run):
    response = post(client, run, supporter_name="")
    assert response.status_code == 302
    student = Student.objects.get()
    assert (student.email, student.postcode, student.consent_how) == ("ana@example.org", "OX4 1AA", "online")
    assert Enrolment.objects.holding_places().filter(run=run, student=student).exists()
    assert Notice.objects.filter(kind="confirmed", student=student).exists()
    page = client.get(response.url).content.decode()
    assert "check your email" in page and "a•••@example.org" in page


def test_a_returning_student_is_matched_by_email_and_never_duplicated(client, run, course_index):
    known = make_student("Ana", email="ana@example.org", phone="01632960001")
    post(client, run, email="  ANA@Example.org ", first_name="Someone", last_name="Else", phone="")
    assert Student.objects.count() == 1
    known.refresh_from_db()
    assert (known.first_name, known.phone) == ("Ana", "01632960001")  # a public form never overwrites
    assert Enrolment.objects.filter(student=known).exists()


def test_the_page_after_enrolling_reveals_nothing_about_the_email(client, run):
    def page_after(email):
        return client.get(post(client, run, email=email).url).content.decode()

    fresh = page_after("new@example.org")
    again = page_after("new@example.org")  # already booked
    fill(run, 5)
    waiting = page_after("nei@example.org")  # waitlisted
    assert fresh == again
    assert fresh.replace("n•••", "X") == waiting.replace("n•••", "X")
    assert WaitlistEntry.objects.filter(student__email="nei@example.org").exists()


def test_bringing_a_supporter_takes_two_places(client, run):
    post(client, run, bring_supporter="on", supporter_name="Sam (my carer)")
    enrolment = Enrolment.objects.get()
    assert (enrolment.places, enrolment.supporter_name) == (2, "Sam (my carer)")


def test_under_18s_are_turned_away_kindly_and_nothing_is_kept(client, run):
    response = post(client, run, adult="no")
    html = response.content.decode()
    assert "Our courses are for adults" in html and "0800 1111" in html
    assert not Student.objects.exists() and not Enrolment.objects.exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"first_name": ""}, "Enter your first name"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"phone": "12345"}, "Enter a UK phone number"),
        ({"adult": None}, "Tell us if you are 18 or over"),
        ({"consent": None}, "Tick the box to say we may keep your details"),
        ({"bring_supporter": "on"}, "Enter your carer or supporter&#x27;s name"),
        ({"contact_by": "phone"}, "Enter a phone number so we can call you"),
        ({"first_name": "A" * 101}, "First name must be 100 characters or fewer"),
        ({"last_name": "<script>alert(1)</script>"}, "Last name must only include letters"),
        ({"joining_as": "<b>x</b>"}, "Tell us how you are joining"),
        ({"postcode": "OX4 1AA OXFORD"}, "Postcode must be 10 characters or fewer"),
        ({"contact_by": "fax"}, "Select how you would like us to contact you"),
        ({"postcode": "<b>x</b>"}, "Enter a UK postcode"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(client, run, changes, message):
    response = post(client, run, **changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert "<script>alert(1)</script>" not in html
    assert not Student.objects.exists() and not Enrolment.objects.exists()


def test_unicode_and_apostrophes_in_names_are_welcome(client, run):
    post(client, run, first_name="Zoë-Siân", last_name="O'Brien 王")
    assert Student.objects.get().last_name == "O'Brien 王"


def test_bots_that_fill_the_hidden_field_get_nowhere(client, run):
    assert post(client, run, website="http://spam.example").status_code == 302
    assert not Student.objects.exists()


def test_closed_and_cancelled_runs_say_so_instead_of_showing_the_form(client, run):
    CourseRun.objects.filter(pk=run.pk).update(enrolment_closes=timezone.now() - dt.timedelta(hours=1))
    html = client.get(f"/enrol/{run.pk}/").content.decode()
    assert "enrolment for these dates is closed" in html and "First name" not in html
    assert post(client, run).status_code == 200 and not Enrolment.objects.exists()
    CourseRun.objects.filter(pk=run.pk).update(status=CourseRun.Status.CANCELLED)
    assert "this course has been cancelled" in client.get(f"/enrol/{run.pk}/").content.decode()
    assert post(client, run).status_code == 200 and not Enrolment.objects.exists()


def test_a_course_that_has_finished_says_so(client, course_index):
    past = make_run(make_course(course_index, "Last year"), first_date=timezone.localdate() - dt.timedelta(days=30))
    html = client.get(f"/enrol/{past.pk}/").content.decode()
    assert "enrolment for these dates is closed" in html and "First name" not in html
    assert post(client, past).status_code == 200 and not Enrolment.objects.exists()


def test_markup_typed_into_free_text_is_kept_as_text_and_never_runs(client, run):
    script = "<script>alert(1)</script>"
    post(client, run, support_needs=script, heard_about=script, bring_supporter="on", supporter_name=f"Bo {script}")
    student = Student.objects.get()
    assert student.support_needs == script
    from django.core import mail

    ask_for_link(client, "ana@example.org")
    link = emailed_link(mail.outbox[-1])
    client.post(link)
    page = client.get("/my-courses/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and script not in page


def test_a_full_course_offers_any_dates_that_suit(client, run):
    fill(run, 3)
    page = client.get(f"/enrol/{run.pk}/").content.decode()
    assert "Which dates would suit you?" in page and "Join the waiting list" in page
    missing = post(client, run, which_dates="any")
    assert "Choose at least one place, or online" in visible_text(missing)
    assert not WaitlistEntry.objects.exists()
    post(client, run, which_dates="any", any_where=[str(run.location_id)])  # online only if the course runs online
    entry = WaitlistEntry.objects.get()
    assert entry.run is None and not entry.online_ok and list(entry.locations.all()) == [run.location]


def test_too_many_enrolments_from_one_address_are_paused_kindly(client, run, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "enrol": {"ip": "2/h", "email": "10/h"}}
    for n in range(2):
        assert post(client, run, email=f"person{n}@example.org").status_code == 302
    paused = post(client, run, email="person3@example.org")
    assert paused.status_code == 200 and "paused it for now" in visible_text(paused)
    assert Student.objects.count() == 2


def test_too_many_sign_in_links_for_one_email_stop_the_mail_but_not_the_page(client, run, settings):
    from django.core import mail

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sign_in": {"ip": "30/h", "email": "2/h"}}
    make_student(email="ana@example.org")
    pages = [ask_for_link(client, "ana@example.org") for _ in range(4)]
    assert {page.url for page in pages} == {"/my-courses/sign-in/check-your-email/"}
    assert len(mail.outbox) == 2
