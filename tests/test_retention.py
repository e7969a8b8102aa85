"""Keeping personal details no longer than needed (issue 17, item 2): each rule of
privacy/retention.py erases what it should on the day after its limit and nothing the day before,
follows the college's settings, changes nothing when run again, and leaves the commissioners'
figures exactly as they were. Time is passed in (`now=`), never the clock's."""

import datetime as dt
import logging
import re

import pytest
from axes.models import AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session as BrowserSession
from django.core import mail, signing
from django.test import TestCase
from django.utils import timezone

from enrolment import links, services
from enrolment.models import Enrolment, StateChange, Student, WaitlistEntry, WalkIn
from enrolment.services.joining import join_run
from notices.models import AppliedTrackingEvent, Notice
from privacy import retention, tasks
from privacy.models import RetentionSettings
from reports.figures import Period, Split, build_report

from .factories import make_course, make_run, make_student
from .report_helpers import NOW as REPORT_NOW
from .report_helpers import build_college, figures
from .role_helpers import signed_in, staff_user
from .sign_in_helpers import ask_for_link, emailed_link

ENDED_ON = dt.date(2026, 10, 5)  # the last (only) session of the run most tests use
LONG_AGO = timezone.make_aware(dt.datetime(2026, 9, 1, 9))


def noon(day: dt.date, days_after: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=days_after), dt.time(12)))


@pytest.fixture
def ended_run(course_index):
    return make_run(make_course(course_index, "Sleep well"), first_date=ENDED_ON, sessions=1)


def joined_long_ago(student: Student) -> Student:
    """As if they had enrolled before the run, not today (the test's clock)."""
    Student.objects.filter(pk=student.pk).update(created_at=LONG_AGO, updated_at=LONG_AGO)
    Enrolment.objects.filter(student=student).update(created_at=LONG_AGO)
    WaitlistEntry.objects.filter(student=student).update(created_at=LONG_AGO)
    return student


def reload(row):
    row.refresh_from_db()
    return row


# Supporters' names


def test_a_supporters_name_goes_the_day_after_the_limit_and_not_before(ended_run):
    enrolment = Enrolment.objects.create(run=ended_run, student=make_student(), places=2, supporter_name="Pat Carer")
    wait = WaitlistEntry.objects.create(
        student=make_student(), course=ended_run.course, run=ended_run, queue_key=LONG_AGO, supporter_name="Lee Friend"
    )

    assert retention.apply_retention(now=noon(ENDED_ON, 30))["supporter_names"] == 0
    assert reload(enrolment).supporter_name == "Pat Carer"
    assert reload(wait).supporter_name == "Lee Friend"

    assert retention.apply_retention(now=noon(ENDED_ON, 31))["supporter_names"] == 2
    assert reload(enrolment).supporter_name == "" and reload(wait).supporter_name == ""
    assert enrolment.places == 2  # the supporter's place is still counted


def test_a_wait_for_any_date_keeps_the_name_while_it_lasts_and_loses_it_after_it_ends(ended_run):
    live = WaitlistEntry.objects.create(
        student=make_student(), course=ended_run.course, queue_key=LONG_AGO, supporter_name="Still Waiting"
    )
    ended = WaitlistEntry.objects.create(
        student=make_student(), course=ended_run.course, queue_key=LONG_AGO, supporter_name="Gave Up"
    )
    left_at = noon(ENDED_ON)
    services.leave_waitlist(entry_id=ended.pk, now=left_at)

    retention.apply_retention(now=left_at + dt.timedelta(days=30))
    assert reload(ended).supporter_name == "Gave Up"
    retention.apply_retention(now=left_at + dt.timedelta(days=31))
    assert reload(ended).supporter_name == ""
    retention.apply_retention(now=left_at + dt.timedelta(days=400))
    assert reload(live).supporter_name == "Still Waiting"


# Support needs


def test_support_needs_go_once_every_run_of_theirs_has_ended_past_the_limit(ended_run):
    student = make_student(support_needs="I use a wheelchair and need step-free access")
    Enrolment.objects.create(run=ended_run, student=student)
    joined_long_ago(student)

    assert retention.apply_retention(now=noon(ENDED_ON, 30))["support_needs"] == 0
    assert reload(student).support_needs.startswith("I use a wheelchair")
    assert retention.apply_retention(now=noon(ENDED_ON, 31))["support_needs"] == 1
    assert reload(student).support_needs == ""
    assert student.first_name != "Deleted"  # only the support needs: they are still a student


def test_support_needs_stay_for_a_place_still_to_come_or_a_live_wait(course_index, ended_run):
    later_run = make_run(make_course(course_index, "Living well"), first_date=ENDED_ON + dt.timedelta(days=60))
    booked_again = make_student(support_needs="Needs a quiet room")
    waiting = make_student(support_needs="Hard of hearing")
    for student in (booked_again, waiting):
        Enrolment.objects.create(run=ended_run, student=student)
    Enrolment.objects.create(run=later_run, student=booked_again)
    WaitlistEntry.objects.create(student=waiting, course=ended_run.course, queue_key=LONG_AGO)  # any date
    joined_long_ago(booked_again), joined_long_ago(waiting)

    retention.apply_retention(now=noon(ENDED_ON, 45))
    assert reload(booked_again).support_needs == "Needs a quiet room"
    assert reload(waiting).support_needs == "Hard of hearing"


# Walk-ins


def test_walk_ins_details_are_replaced_after_their_session_but_they_still_count(ended_run):
    session = ended_run.sessions.get()
    walk_in = WalkIn.objects.create(
        session=session, name="Sam Door", phone="+447700900123", email="sam@example.org", added_at=noon(ENDED_ON)
    )
    retention.apply_retention(now=noon(ENDED_ON, 30))
    assert reload(walk_in).name == "Sam Door"

    assert retention.apply_retention(now=noon(ENDED_ON, 31))["walk_ins"] == 1
    assert (reload(walk_in).name, walk_in.phone, walk_in.email) == ("Walk-in", "", "")
    assert WalkIn.objects.filter(session=session).count() == 1


# Email records


def notice(student, *, status=Notice.Status.SENT, created_at, kind="confirmed") -> Notice:
    return Notice.objects.create(
        key=f"test:{student.pk}:{status}:{int(created_at.timestamp())}",
        kind=kind,
        status=status,
        student=student,
        created_at=created_at,
        due_at=created_at,
        sent_at=created_at if status == Notice.Status.SENT else None,
        details="The venue moved to Room 4",
        problem="550 mailbox ana@example.org unavailable",
        message_id="<provider-123@mail.example>",
    )


def test_email_records_lose_their_personal_parts_after_the_limit_but_the_row_stays(db):
    student = make_student()
    owed = noon(ENDED_ON)
    sent = notice(student, created_at=owed)
    still_to_send = notice(student, status=Notice.Status.PENDING, created_at=owed)
    to_phone = notice(student, status=Notice.Status.TO_CALL, created_at=owed)

    retention.apply_retention(now=owed + dt.timedelta(days=89))
    assert reload(sent).message_id == "<provider-123@mail.example>"

    assert retention.apply_retention(now=owed + dt.timedelta(days=91))["email_records"] == 1
    reload(sent)
    assert (sent.details, sent.problem, sent.message_id) == ("", "", "")
    assert (sent.kind, sent.status, sent.sent_at) == ("confirmed", Notice.Status.SENT, owed)  # the proof stays
    assert reload(still_to_send).details and reload(to_phone).details


def test_tracking_event_digests_are_deleted_after_the_limit(db):
    applied = noon(ENDED_ON)
    AppliedTrackingEvent.objects.create(digest="a" * 64, applied_at=applied)
    AppliedTrackingEvent.objects.create(digest="b" * 64, applied_at=applied + dt.timedelta(days=5))

    retention.apply_retention(now=applied + dt.timedelta(days=89))
    assert AppliedTrackingEvent.objects.count() == 2

    retention.apply_retention(now=applied + dt.timedelta(days=91))
    assert list(AppliedTrackingEvent.objects.values_list("digest", flat=True)) == ["b" * 64]


# Students with no activity


def test_a_student_with_no_activity_for_three_years_is_forgotten_as_if_they_asked(ended_run):
    student = make_student("Ana", email="ana@example.org", phone="+447700900456", support_needs="Anxious in groups")
    enrolment = Enrolment.objects.create(run=ended_run, student=student)
    joined_long_ago(student)
    three_years_on = noon(dt.date(2029, 10, 5))  # the run ended on 5 October 2026

    assert retention.apply_retention(now=three_years_on - dt.timedelta(days=1))["inactive_students"] == 0
    assert reload(student).forgotten_at is None

    assert retention.apply_retention(now=three_years_on + dt.timedelta(days=1))["inactive_students"] == 1
    reload(student)
    assert student.forgotten_at is not None
    assert (student.first_name, student.email, student.phone, student.support_needs) == ("Deleted", None, "", "")
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()  # still counted, anonymous
    forgotten = StateChange.objects.get(student=student, to_state="forgotten")
    assert forgotten.actor_label == "system" and forgotten.reason.endswith("retention): no activity for 3 years")


def test_an_email_or_a_new_booking_counts_as_activity(course_index, ended_run):
    emailed, booked = make_student(), make_student()
    for student in (emailed, booked):
        Enrolment.objects.create(run=ended_run, student=student)
        joined_long_ago(student)
    notice(emailed, created_at=noon(dt.date(2028, 6, 1)))
    later_run = make_run(make_course(course_index, "Living well"), first_date=dt.date(2028, 3, 1))
    Enrolment.objects.create(run=later_run, student=booked)

    retention.apply_retention(now=noon(dt.date(2029, 10, 10)))
    assert reload(emailed).forgotten_at is None and reload(booked).forgotten_at is None


def test_a_student_under_a_hold_is_not_forgotten_and_no_error_is_logged(ended_run, caplog):
    student = make_student("Ana", email="held@example.org")
    Enrolment.objects.create(run=ended_run, student=student)
    joined_long_ago(student)
    Student.objects.filter(pk=student.pk).update(erasure_hold_reason="Asked to keep by the safeguarding lead")

    with caplog.at_level(logging.ERROR, logger="privacy.retention"):
        counts = retention.apply_retention(now=noon(dt.date(2029, 10, 10)))
    assert counts["inactive_students"] == 0
    assert reload(student).email == "held@example.org" and reload(student).forgotten_at is None
    assert not caplog.records


# Staff sign-in records and browser sessions


def test_staff_sign_in_records_go_after_the_limit(db):
    signed_in_at = noon(ENDED_ON)
    for days in (0, 10):
        entry = AccessLog.objects.create(username="coordinator", ip_address="192.0.2.7", user_agent="Firefox")
        # attempt_time is set to the moment of saving: move it to when they signed in.
        AccessLog.objects.filter(pk=entry.pk).update(attempt_time=signed_in_at + dt.timedelta(days=days))
    retention.apply_retention(now=signed_in_at + dt.timedelta(days=89))
    assert AccessLog.objects.count() == 2

    assert retention.apply_retention(now=signed_in_at + dt.timedelta(days=91))["staff_sign_ins"] == 1
    assert AccessLog.objects.get().attempt_time == signed_in_at + dt.timedelta(days=10)


def test_expired_browser_sessions_are_deleted_and_live_ones_kept(db):
    now = noon(ENDED_ON)
    BrowserSession.objects.create(session_key="expired", session_data="", expire_date=now - dt.timedelta(minutes=1))
    BrowserSession.objects.create(session_key="live", session_data="", expire_date=now + dt.timedelta(hours=1))

    assert retention.apply_retention(now=now)["expired_sessions"] == 1
    assert list(BrowserSession.objects.values_list("session_key", flat=True)) == ["live"]


# The college's settings, and running twice


def test_the_colleges_settings_take_effect(ended_run):
    walk_in = WalkIn.objects.create(
        session=ended_run.sessions.get(), name="Sam Door", phone="+447700900123", added_at=noon(ENDED_ON)
    )
    student = make_student(support_needs="Needs a quiet room")
    Enrolment.objects.create(run=ended_run, student=student)
    joined_long_ago(student)
    rules = RetentionSettings.load()
    rules.walk_in_days, rules.support_needs_days = 7, 60
    rules.save()

    retention.apply_retention(now=noon(ENDED_ON, 8))
    assert reload(walk_in).name == "Walk-in"  # 7 days, not 30
    retention.apply_retention(now=noon(ENDED_ON, 45))
    assert reload(student).support_needs == "Needs a quiet room"  # 60 days, not 30


def test_college_admins_change_the_times_in_settings_and_coordinators_cannot(client, home_page):
    url = f"/admin/settings/privacy/retentionsettings/{RetentionSettings.load().pk}/"
    signed_in(client, staff_user("cora", "Course coordinator"))
    assert client.get(url).status_code in (302, 403)  # Wagtail sends them back to the dashboard
    signed_in(client, staff_user("ada", "College admin"))
    page = client.get(url)
    assert page.status_code == 200 and "walk-ins" in page.text.lower()

    values = {"support_needs_days": 45, "inactive_student_years": 5, "email_record_days": 60, "walk_in_days": 14}
    response = client.post(url, {**values, "staff_sign_in_days": 90})

    assert response.status_code == 302
    rules = RetentionSettings.load()
    assert {name: getattr(rules, name) for name in values} == values


def test_running_twice_changes_nothing_more(ended_run):
    student = make_student(support_needs="Needs a quiet room")
    Enrolment.objects.create(run=ended_run, student=student, places=2, supporter_name="Pat Carer")
    WalkIn.objects.create(session=ended_run.sessions.get(), name="Sam Door", added_at=noon(ENDED_ON))
    notice(student, created_at=noon(ENDED_ON))
    joined_long_ago(student)
    later = noon(dt.date(2030, 1, 1))

    first = retention.apply_retention(now=later)
    assert first["supporter_names"] == first["walk_ins"] == first["email_records"] == first["inactive_students"] == 1
    changes = StateChange.objects.count()
    assert set(retention.apply_retention(now=later).values()) == {0}
    assert StateChange.objects.count() == changes


# The key one: the commissioners' figures do not move


def every_split(term) -> dict:
    return {
        split: [figures(row) for row in build_report(Period.of_term(term), split, now=REPORT_NOW).rows]
        for split in Split.values
    }


def test_the_report_figures_are_the_same_after_everything_is_erased(course_index):
    college = build_college(course_index)
    Student.objects.update(support_needs="Private words about my health", phone="+447700900789")
    Enrolment.objects.update(supporter_name="Pat Carer")
    WaitlistEntry.objects.update(supporter_name="Lee Friend")
    WalkIn.objects.update(phone="+447700900123", email="walkin@example.org")
    for student in college.students.values():
        notice(student, created_at=REPORT_NOW)
    before = every_split(college.term)
    # Past every limit, the three years without activity too (students were made today).
    later = timezone.now() + dt.timedelta(days=3 * 366 + 60)

    counts = retention.apply_retention(now=later)

    assert every_split(college.term) == before
    assert counts["inactive_students"] == len(college.students)
    assert not Student.objects.filter(forgotten_at__isnull=True).exists()
    assert set(Student.objects.values_list("email", "phone", "support_needs")) == {(None, "", "")}
    assert not Enrolment.objects.exclude(supporter_name="").exists()
    assert not WaitlistEntry.objects.exclude(supporter_name="").exists()
    assert set(WalkIn.objects.values_list("name", "phone", "email")) == {("Walk-in", "", "")}
    assert not Notice.objects.exclude(message_id="").exists()


# The nightly task


def test_beat_runs_the_task_every_night_and_it_logs_counts_only(db, caplog):
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "privacy.tasks.apply_retention")
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}
    assert tasks.apply_retention.name == "privacy.tasks.apply_retention"
    make_student("Ana", email="ana@example.org")

    with caplog.at_level(logging.INFO, logger="privacy.retention"):
        counts = tasks.apply_retention()

    assert counts["inactive_students"] == 0
    assert "Retention applied: supporter_names 0" in caplog.text
    assert "Ana" not in caplog.text and "@" not in caplog.text


# Links in emails hold nothing personal


def payload_of(path: str) -> dict:
    token = re.fullmatch(r"/link/([^/]+)/", path).group(1)
    return signing.loads(token, salt=links.SALT)


def test_sign_in_and_action_links_carry_only_ids_and_a_nonce(client, college, course_index):
    student = make_student("Ana", email="ana.bloggs@example.org", phone="+447700900456")
    ask_for_link(client, "ana.bloggs@example.org")
    sign_in = payload_of(emailed_link(mail.outbox[-1]))
    run = make_run(make_course(course_index, "Sleep well"), capacity=3)
    with TestCase.captureOnCommitCallbacks(execute=True):
        enrolment = join_run(run_id=run.pk, student=student).enrolment
    action = payload_of(emailed_link(mail.outbox[-1]))

    assert sign_in == {"p": "sign-in", "id": student.pk, "n": reload(student).link_nonce}
    assert action["id"] == enrolment.pk and set(action) == {"p", "id", "n"}
    for payload in (sign_in, action):
        text = str(payload).lower()
        assert not any(word in text for word in ("ana", "bloggs", "example.org", "7700900456"))
