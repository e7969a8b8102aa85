"""What students read: every kind of email built from a real ledger row, with its facts in both
the text and HTML parts, links that open working pages, joining details only when they should
be there, nothing private, discreet subjects; and staff's own wording, checked and previewed."""

import datetime as dt
import json
import re

import pytest
from anymail.backends.mailgun import EmailBackend as MailgunBackend
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from courses.models import CourseRun
from enrolment import services
from enrolment.links import Purpose, read_link
from enrolment.models import Offer
from notices import content, reminder_rules, reminders, sending, wording
from notices.models import Kind, Notice, ReminderSettings, Wording

from .notice_helpers import (
    CHANGE,
    FACILITATOR_EMAIL,
    SITE_URL,
    SUPPORT_NEEDS,
    claimed,
    html_of,
    links_in,
    make_run,
    make_student,
    notice_for,
    notice_of,
    open_ok,
)

TITLE = "Understanding anxiety"
ADD_URL = "/admin/snippets/notices/wording/add/"


def uk_day(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


def signed(message) -> set[tuple[str, int]]:
    found = set()
    for url in links_in(message):
        match = re.search(r"/link/([^/]+)/$", url)
        if match:
            link = read_link(match[1])
            found.add((link.purpose, link.object_id))
    return found


def preheader(html: str) -> str:
    return re.search(r'<div style="display:none;[^"]*">([^&<]*)', html)[1]


def both(message) -> tuple[str, str]:
    return message.body, html_of(message)


@pytest.fixture
def run(course_index, college):
    return make_run(course_index, TITLE, capacity=2)


@pytest.fixture
def staff_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("staff", "staff@example.org", "pw"))
    return client


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


def test_staff_wording_replaces_ours_and_keeps_the_facts(run):
    Wording.objects.create(
        kind=Kind.CONFIRMED,
        subject="See you soon, {first_name}",
        preview="",
        body="Dear {first_name},\n\nSee you on {first_date} for {course}.\n"
        "Bring a <pen> & paper.\n\nCall {college_phone} any time.",
    )
    student = make_student("Ana")
    services.join_run(run_id=run.pk, student=student)
    message = content.build_email(notice_for(Kind.CONFIRMED, student))
    text, html = both(message)
    first = uk_day(run.sessions.first().date)
    assert message.subject == "See you soon, Ana"
    assert preheader(html) == wording.DEFAULTS[Kind.CONFIRMED].preview  # blank: ours, not the body
    assert f"Dear Ana,\n\nSee you on {first} for {TITLE}.\nBring a <pen> & paper.\n\nCall 01865 000111" in text
    assert f"See you on {first} for {TITLE}.<br>Bring a &lt;pen&gt; &amp; paper.</p>" in html
    assert "Thank you for enrolling" not in text
    for part in (text, html):
        assert f"{first}, 10am to midday" in part and "Cancel my place" in part


@pytest.mark.parametrize("kind", Kind.values)
def test_every_placeholder_an_email_allows_is_filled_in(run, kind):
    names = wording.PLACEHOLDERS[kind]
    Wording.objects.create(kind=kind, subject="Hello", body="\n".join(f"{name}=[{{{name}}}]" for name in names))
    text = content.build_email(notice_of(kind, run, make_student("Ana"))).body
    filled = dict(re.findall(r"^(\w+)=\[(.*)\]$", text, flags=re.M))
    assert set(filled) == set(names) and all(value and "{" not in value for value in filled.values()), filled
    assert filled["first_name"] == "Ana" and filled["college_phone"] == "01865 000111"


def test_the_validation_names_an_unknown_placeholder_and_lists_the_allowed_ones():
    with pytest.raises(ValidationError) as refused:
        wording.validate(Kind.OFFERED, subject="A place for you", preview="", body="Hello {frist_name}")
    (message,) = refused.value.message_dict["body"]
    assert message.startswith("We do not recognise the placeholder {frist_name}.")
    assert "{first_name}" in message and "{offer_ends}" in message and "{position}" not in message
    assert wording.problems(Kind.OFFERED, "body", "Hello {first_name") == [
        "A curly bracket is missing its partner. Placeholders look like {first_name}, with one bracket on each side."
    ]
    assert wording.problems(Kind.OFFERED, "body", "Hello {first_name.__class__}")  # no reaching into objects
    for kind, ours in wording.DEFAULTS.items():
        wording.validate(kind, subject=ours.subject, preview=ours.preview, body=ours.body, course_titles=[TITLE])


def test_the_admin_refuses_unknown_placeholders_and_course_words_on_the_lock_screen(staff_client, run):
    form = {
        "kind": Kind.CONFIRMED,
        "subject": "Booked: {course}",
        "preview": "Your anxiety course",
        "body": "Hello {first_name}, see you on {frist_date}.",
    }
    page = staff_client.post(ADD_URL, form).content.decode()
    assert "We do not recognise the placeholder {frist_date}" in page and "{first_date}" in page
    assert "{course} cannot go in the subject" in page
    assert "Please leave &quot;anxiety&quot; out of the preview" in page
    assert not Wording.objects.exists()
    form.update(subject="Booked for {first_date}", preview="See you soon", body="Hello {first_name}.")
    assert staff_client.post(ADD_URL, form).status_code == 302
    assert Wording.objects.get().subject == "Booked for {first_date}"


def test_the_add_form_starts_from_our_words_for_the_email_chosen(staff_client, run):
    page = staff_client.get(ADD_URL + "?kind=offered").content.decode()
    assert 'value="A place has come up for you"' in page and "{offer_ends}" in page
    assert "We are keeping it for you until {offer_ends}." in page
    assert "Email wording" in staff_client.get("/admin/").content.decode()  # in the menu
    row = Wording.objects.create(kind=Kind.OFFERED, subject="Good news", body="Hello {first_name}")
    edit = staff_client.get(f"/admin/snippets/notices/wording/edit/{row.pk}/").content.decode()
    assert "Our suggested words for this email" in edit and "A place has come up for you" in edit


def test_the_live_preview_shows_the_real_layout_with_made_up_details(staff_client, run):
    preview_url = "/admin/snippets/notices/wording/preview/"
    form = {
        "kind": Kind.REMINDER_SESSION,
        "subject": "See you soon",
        "preview": "",
        "body": "Hello {first_name},\n\nYour session of {course} is on {session_date}.",
    }
    assert staff_client.post(preview_url, form).json() == {"is_valid": True, "is_available": True}
    page = staff_client.get(preview_url).content.decode()
    assert "Hello Alex," in page and "Building confidence" in page  # the made-up student and course
    assert "background-color:#005eb8" in page and "Need help now?" in page and "See you soon" in page
    assert "video.example.org/join" in page  # the last reminder shows where joining details go
    assert SUPPORT_NEEDS not in page and TITLE not in page


def mailgun_batch(settings, run, students):
    settings.EMAIL_PROVIDER, settings.EMAIL_BATCH_SENDING = "mailgun", True
    for student in students:
        services.join_run(run_id=run.pk, student=student)
    reminders.owe_due_reminders(now=run.sessions.first().starts_at - dt.timedelta(days=1))
    return [claimed(n) for n in Notice.objects.filter(kind=Kind.REMINDER_SESSION).order_by("pk")]


def test_a_mailgun_batch_shares_one_body_with_each_persons_details_as_merge_data(settings, run):
    ana, bo = make_student("Ana"), make_student("Bo <Jo>")
    notices = mailgun_batch(settings, run, [ana, bo])
    message = content.build_batch(notices)
    text, html = both(message)
    assert message.to == [ana.email, bo.email]
    assert "Hello %recipient.first_name%," in text and "Hello %recipient.first_name_html%," in html
    assert "%recipient.manage_url%" in text and 'href="%recipient.manage_url%"' in html
    assert "%recipient.stop_url%" in text and 'href="%recipient.stop_url%"' in html
    assert "Ana" not in text + html and "Bo" not in text + html  # nobody's details in the shared body
    assert message.merge_metadata == {n.student.email: {"notice": str(n.pk)} for n in notices}
    assert message.merge_headers[bo.email] == {"Message-ID": f"<notice-{notices[1].pk}@recovery-college.example.org>"}
    for notice in notices:
        values = message.merge_data[notice.student.email]
        manage, stop = (read_link(re.search(r"/link/([^/]+)/$", values[key])[1]) for key in ("manage_url", "stop_url"))
        assert (manage.purpose, manage.object_id) == (Purpose.CANCEL, notice.subject_id)
        assert (stop.purpose, stop.object_id) == (Purpose.STOP_REMINDERS, notice.student_id)
    assert message.merge_data[bo.email]["first_name_html"] == "Bo &lt;Jo&gt;"
    # What anymail would post to Mailgun: one call, each person's values as recipient variables.
    backend = MailgunBackend(api_key="test-key", sender_domain="mg.example.org")
    payload = backend.build_message_payload(message, backend.send_defaults)
    payload.serialize_data()
    variables = json.loads(payload.data["recipient-variables"])
    assert variables[ana.email]["first_name"] == "Ana" and variables[ana.email]["v:notice"] == str(notices[0].pk)


def test_reminders_for_one_session_go_as_one_message_when_the_provider_takes_batches(settings, run):
    notices = mailgun_batch(settings, run, [make_student("Ana"), make_student("Bo")])
    due = run.sessions.first().starts_at - dt.timedelta(days=1)
    assert sending.send_notices([n.pk for n in notices], now=due) == {Notice.Status.SENT: 2}
    (message,) = mail.outbox
    assert sorted(message.to) == sorted(n.student.email for n in notices)
    assert set(message.merge_data) == set(message.to)
