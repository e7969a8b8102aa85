"""What students read: every kind of email built from a real ledger row, with its facts in both
the text and HTML parts, links that open working pages, joining details only when they should
be there, nothing private, discreet subjects. Staff's own wording, checked and previewed:
tests/test_email_wording.py; one message for many people: tests/test_email_batches.py."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from courses.models import CourseRun
from enrolment import services
from enrolment.links import Purpose
from enrolment.models import Offer
from notices import content, reminder_rules, wording
from notices.models import Kind, Notice, ReminderSettings

from .email_helpers import (
    TITLE,
    both,
    preheader,
    signed,
    uk_day,
    understanding_anxiety_run,  # noqa: F401 (the fixture `run`)
)
from .notice_helpers import (
    CHANGE,
    FACILITATOR_EMAIL,
    SITE_URL,
    SUPPORT_NEEDS,
    html_of,
    links_in,
    make_run,
    make_student,
    notice_for,
    notice_of,
    open_ok,
)

# What each email lets the student do, as (link purpose, row): the row is the ledger row's subject.
ACTIONS = {
    Kind.SIGN_IN: {Purpose.SIGN_IN: "student"},
    Kind.CONFIRMED: {Purpose.CANCEL: "subject"},
    Kind.WAITLISTED: {Purpose.LEAVE: "subject"},
    Kind.OFFERED: {Purpose.ACCEPT: "subject", Purpose.DECLINE: "subject"},
    Kind.OFFER_ENDING: {Purpose.ACCEPT: "subject", Purpose.DECLINE: "subject"},
    Kind.OFFER_EXPIRED: {},
    Kind.CANCELLED: {},
    Kind.RUN_CANCELLED: {},
    Kind.RUN_CHANGED: {Purpose.CANCEL: "subject"},
    Kind.REMINDER_FIRST: {Purpose.CANCEL: "subject"},
    Kind.REMINDER_SESSION: {Purpose.CANCEL: "subject"},
    Kind.ENROLMENT_OPEN: {},  # one plain link to the enrol page: enrolling asks who they are
    Kind.FEEDBACK: {Purpose.FEEDBACK: "subject"},
}
OTHER_DATES = (Kind.OFFER_EXPIRED, Kind.CANCELLED, Kind.RUN_CANCELLED)


@pytest.mark.parametrize("kind", Kind.values)
def test_every_email_has_our_words_its_footer_and_only_working_links(client, run, kind):
    student = make_student("Ana")
    notice = notice_of(kind, run, student)
    message = content.build_email(notice)
    text, html = both(message)
    ours = wording.DEFAULTS[kind]

    assert message.to == [student.email]
    assert message.subject == ours.subject and TITLE.lower() not in message.subject.lower()
    assert TITLE.lower() not in preheader(html).lower() and preheader(html).strip()
    assert message.extra_headers["Message-ID"] == f"<notice-{notice.pk}@recovery-college.example.org>"
    assert message.metadata == {"notice": str(notice.pk)} and message.tags == [kind]
    assert "background-color:#005eb8" in html and "Test Recovery College" in html
    for part in (text, html):
        assert "Hello Ana," in part
        assert (TITLE in part) == (kind != Kind.SIGN_IN)
        assert "Need help now?" in part and "116 123" in part
        assert "01865 000111" in part and "hello@college.example" in part
        assert "We will still email you about your bookings" in part
        assert SUPPORT_NEEDS not in part and FACILITATOR_EMAIL not in part
        assert "{" not in part  # every placeholder was filled in

    subject = {"student": student.pk, "subject": notice.subject_id}
    expected = {(purpose, subject[row]) for purpose, row in ACTIONS[kind].items()}
    assert signed(message) == expected | {(Purpose.STOP_REMINDERS, student.pk)}
    urls = links_in(message)
    assert (f"{SITE_URL}/my-courses/" in urls) == (kind != Kind.SIGN_IN)
    assert (f"{SITE_URL}{run.course.url}" in urls) == (kind in OTHER_DATES)
    for url in urls:
        open_ok(client, url)


def test_the_confirmation_says_when_where_who_and_how_to_get_there(run):
    student = make_student("Ana")
    services.join_run(run_id=run.pk, student=student, places=2, supporter_name="Kim")
    message = content.build_email(notice_for(Kind.CONFIRMED, student))
    first = run.sessions.first().date
    for part in both(message):
        for week in range(3):
            assert f"{uk_day(first + dt.timedelta(weeks=week))}, 10am to midday" in part
        for fact in (
            "Understanding anxiety Hub",
            "Unit 4, Mill Street",
            "Witney",
            "OX28 6AB",
            "Bus S1 stops outside.",
            "Two blue badge spaces at the front.",
            "Use the side door",
            "Step-free access",
            "Hearing loop",
            "Accessible toilet",
            "Not known, please ask us",
            "Jo Bloggs, Expert by Experience",
            "Dr Sam Patel, Expert by Training",
            "2 places: one for you and one for your supporter, Kim",
        ):
            assert fact in part, fact
        assert "Joining online" not in part and "video call" not in part  # an in-person course


def test_the_confirmation_carries_a_calendar_of_every_session_without_joining_details(course_index, college):
    run = make_run(course_index, format=CourseRun.Format.ONLINE, sessions=3)
    student = make_student()
    services.join_run(run_id=run.pk, student=student)
    message = content.build_email(notice_for(Kind.CONFIRMED, student))
    ((name, ics, mimetype),) = message.attachments
    assert (name, mimetype) == ("course-dates.ics", "text/calendar")
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert [event.decoded("dtstart") for event in events] == [s.starts_at for s in run.sessions.all()]
    assert "secret-4821" not in ics


def test_joining_details_wait_for_the_last_reminder_when_there_will_be_one(course_index, college):
    run = make_run(course_index, format=CourseRun.Format.ONLINE, sessions=3)
    student = make_student()
    services.join_run(run_id=run.pk, student=student)
    confirmation = content.build_email(notice_for(Kind.CONFIRMED, student))
    for part in both(confirmation):
        assert "secret-4821" not in part and "We will email you how to join before the session" in part

    first = notice_of(Kind.REMINDER_FIRST, run, student)  # a week before: not the last reminder
    last = notice_of(Kind.REMINDER_SESSION, run, student)  # the day before: the last one
    assert not reminder_rules.is_last_reminder(first.kind, first.session, is_first=True)
    for part in both(content.build_email(first)):
        assert "secret-4821" not in part and "We will email you how to join" in part
    for part in both(content.build_email(last)):
        assert "video.example.org/room/secret-4821" in part and "passcode 9911" in part and "How to join" in part


@pytest.mark.parametrize("reason", ["last reminder already due", "reminders off", "no reminders at all"])
def test_the_confirmation_gives_joining_details_when_no_reminder_will(course_index, college, reason):
    config = ReminderSettings.load()
    config.first_session_days_before, config.every_session_days_before = 7, 3
    config.send_reminders = reason != "no reminders at all"
    config.save()
    soon = reason == "last reminder already due"
    first_date = timezone.localdate() + dt.timedelta(days=2 if soon else 21)
    run = make_run(course_index, format=CourseRun.Format.BLENDED, first_date=first_date)
    student = make_student(reminders_off=reason == "reminders off")
    services.join_run(run_id=run.pk, student=student)
    message = content.build_email(notice_for(Kind.CONFIRMED, student))
    for part in both(message):
        assert "room/secret-4821" in part and "passcode 9911" in part and "Understanding anxiety Hub" in part
        assert ("You have switched off reminder emails" in part) == (reason == "reminders off")
    assert "secret-4821" not in message.attachments[0][1]


@pytest.mark.parametrize("kind", [Kind.WAITLISTED, Kind.OFFERED, Kind.OFFER_ENDING, Kind.RUN_CHANGED])
def test_joining_details_never_go_in_waiting_list_offer_or_change_emails(course_index, college, kind):
    config = ReminderSettings.load()
    config.send_reminders = False  # so a confirmed place would get them at once
    config.save()
    run = make_run(course_index, format=CourseRun.Format.ONLINE, capacity=2)
    for part in both(content.build_email(notice_of(kind, run, make_student()))):
        assert "secret-4821" not in part and "video call" in part


def test_waiting_list_emails_say_where_you_are_in_the_queue(run):
    ahead, student = make_student(), make_student("Ana")
    notice_of(Kind.WAITLISTED, run, ahead)
    services.join_run(run_id=run.pk, student=student)
    for part in both(content.build_email(notice_for(Kind.WAITLISTED, student))):
        assert "you are number 2 in the queue" in part  # our words
        assert "Where you are: number 2 in the queue" in part and "Places you asked for: 1 place" in part


def test_waiting_for_any_date_names_the_places_that_suit(run):
    student = make_student("Ana")
    for _ in range(run.capacity):  # full, so they wait (a place free now would be offered at once, alone)
        services.join_run(run_id=run.pk, student=make_student())
    services.wait_for_any_date(course=run.course, student=student, online_ok=True, location_ids=[run.location_id])
    message = content.build_email(notice_for(Kind.WAITLISTED, student))
    entry_id = notice_for(Kind.WAITLISTED, student).subject_id
    for part in both(message):
        assert "the next dates online or at Understanding anxiety Hub" in part
        assert "in the queue for the next dates that suit you" in part
    assert (Purpose.LEAVE, entry_id) in signed(message)


def test_an_offer_says_until_when_in_uk_words(run):
    student = make_student("Ana")
    notice = notice_of(Kind.OFFERED, run, student)
    ends = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=2), dt.time(15)))
    Offer.objects.filter(pk=notice.subject_id).update(expires_at=ends)
    words = f"until 3pm on {ends:%A} {ends.day} {ends:%B}"
    message = content.build_email(notice)
    assert words in preheader(html_of(message))
    for part in both(message):
        assert words in part and "1 place" in part and "Accept the place" in part


def test_a_changed_course_says_what_changed_and_how_it_is_now(run):
    message = content.build_email(notice_of(Kind.RUN_CHANGED, run, make_student()))
    first = run.sessions.first().date
    for part in both(message):
        assert CHANGE in part and f"{uk_day(first)}, 10am to midday" in part and "OX28 6AB" in part
    assert message.attachments[0][0] == "course-dates.ics"


def test_a_cancelled_course_apologises_and_points_to_other_dates(run):
    for part in both(content.build_email(notice_of(Kind.RUN_CANCELLED, run, make_student()))):
        assert "We are very sorry" in part and "Your place on these dates is cancelled" in part
        assert "See other dates for this course" in part


def test_a_reminder_names_the_session_and_the_place(run):
    message = content.build_email(notice_of(Kind.REMINDER_FIRST, run, make_student()))
    first = run.sessions.first().date
    for part in both(message):
        assert f"{uk_day(first)}, 10am to midday" in part and "Session 1 of 3" in part
        assert "Unit 4, Mill Street" in part and "Step-free access" in part


def test_the_sign_in_link_is_on_its_own_line_and_signs_in(client, run, django_capture_on_commit_callbacks):
    student = make_student("Ana", email="ana@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/my-courses/sign-in/", {"email": "ana@example.org"})
    (message,) = mail.outbox
    link = re.search(r"^http://testserver(/link/\S+/)$", message.body, flags=re.M)[1]
    assert "within 1 hour" in message.body and "If you did not ask for it" in message.body
    assert Notice.objects.get(kind=Kind.SIGN_IN, student=student).status == Notice.Status.SENT
    assert client.post(link).url == "/my-courses/"


def test_student_names_are_text_not_markup(run):
    student = make_student("<b>Ana</b> & co")
    services.join_run(run_id=run.pk, student=student)
    message = content.build_email(notice_for(Kind.CONFIRMED, student))
    assert "Hello <b>Ana</b> & co," in message.body
    assert "Hello &lt;b&gt;Ana&lt;/b&gt; &amp; co," in html_of(message)
