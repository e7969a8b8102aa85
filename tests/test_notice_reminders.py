"""Reminders: found by sweeping the database, owed once per (kind, enrolment, session), sent at
the right UK wall-clock time either side of a clock change, and never late to someone who
enrolled after the reminder was due."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone

from enrolment import services
from enrolment.models import Enrolment
from notices import reminder_rules, reminders, sending
from notices.models import Kind, Notice, ReminderSettings

from .concurrency import all_at_once
from .factories import make_course, make_run, make_student

UTC = dt.UTC
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Sleep well")


def enrolled(run, *, at: dt.datetime | None = None, **student_fields):
    student = make_student(**student_fields)
    services.join_run(run_id=run.pk, student=student)
    enrolment = Enrolment.objects.get(run=run, student=student)
    if at:
        Enrolment.objects.filter(pk=enrolment.pk).update(created_at=at)
    return enrolment


def run_on(course, first_date: dt.date, **fields):
    """A run open for enrolment now, whose first session is on `first_date`."""
    return make_run(course, first_date=first_date, enrolment_opens=timezone.now() - dt.timedelta(days=1), **fields)


def reminders_owed(kind=None):
    rows = Notice.objects.filter(kind__in=[kind] if kind else [Kind.REMINDER_FIRST, Kind.REMINDER_SESSION])
    return sorted(rows.values_list("kind", "subject_id", "session__date"))


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    "session_day, reminder_utc",
    [
        # Clocks go forward at 1am on Sunday 28 March 2027. A 10am session that Sunday (09:00 UTC)
        # is reminded at 10am on Saturday, which is 10:00 UTC: 25 hours before, not 24.
        (dt.date(2027, 3, 28), utc(2027, 3, 27, 10)),
        # A 10am Monday session the day after: reminded at 10am BST on the Sunday of the change.
        (dt.date(2027, 3, 29), utc(2027, 3, 28, 9)),
        # Clocks go back at 2am on Sunday 31 October 2027: 10am that Sunday is 10:00 UTC, and the
        # reminder at 10am BST on Saturday is 09:00 UTC, 25 hours before.
        (dt.date(2027, 10, 31), utc(2027, 10, 30, 9)),
    ],
)
def test_the_day_before_reminder_comes_at_the_same_uk_time_across_a_clock_change(course, session_day, reminder_utc):
    run = run_on(course, session_day, start=dt.time(10), end=dt.time(12))
    enrolment = enrolled(run)
    session = run.sessions.get()
    assert reminder_rules.due_at(session, reminder_rules.rules()[1]) == reminder_utc
    assert reminder_utc.astimezone(LONDON).time() == dt.time(10)

    just_before = reminder_utc - dt.timedelta(seconds=1)
    reminders.owe_due_reminders(now=just_before)
    assert reminders_owed(Kind.REMINDER_SESSION) == []
    reminders.owe_due_reminders(now=reminder_utc)
    assert reminders_owed(Kind.REMINDER_SESSION) == [(Kind.REMINDER_SESSION, enrolment.pk, session_day)]


def test_the_week_before_reminder_is_for_the_first_session_and_the_day_before_for_each(course):
    first = dt.date(2027, 5, 4)  # a Tuesday; three weekly sessions
    run = run_on(course, first, sessions=3)
    enrolment = enrolled(run)
    for day in range(-8, 16):
        reminders.owe_due_reminders(
            now=timezone.make_aware(dt.datetime.combine(first + dt.timedelta(days=day), dt.time(10, 30)))
        )
    assert reminders_owed() == [
        (Kind.REMINDER_FIRST, enrolment.pk, first),
        (Kind.REMINDER_SESSION, enrolment.pk, first),
        (Kind.REMINDER_SESSION, enrolment.pk, first + dt.timedelta(weeks=1)),
        (Kind.REMINDER_SESSION, enrolment.pk, first + dt.timedelta(weeks=2)),
    ]


def test_running_the_reminder_sweep_twice_sends_each_reminder_once(course):
    run = run_on(course, dt.date(2027, 5, 4))
    people = [enrolled(run) for _ in range(3)]
    day_before = utc(2027, 5, 3, 9, 30)
    assert reminders.owe_due_reminders(now=day_before) == 3
    assert reminders.owe_due_reminders(now=day_before + dt.timedelta(minutes=1)) == 0
    ids = list(Notice.objects.filter(kind=Kind.REMINDER_SESSION).values_list("pk", flat=True))
    sending.send_notices(ids, now=day_before)
    sending.send_notices(ids, now=day_before)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.student.email for e in people)


def test_someone_who_enrolled_after_a_reminder_was_due_does_not_get_it_late(course):
    run = run_on(course, dt.date(2027, 5, 4))
    week_before = utc(2027, 4, 27, 9)  # 10am BST
    early = enrolled(run, at=week_before - dt.timedelta(days=1))
    late = enrolled(run, at=week_before + dt.timedelta(hours=1))
    reminders.owe_due_reminders(now=week_before + dt.timedelta(hours=2))
    assert reminders_owed() == [(Kind.REMINDER_FIRST, early.pk, dt.date(2027, 5, 4))]
    reminders.owe_due_reminders(now=utc(2027, 5, 3, 9))  # the day before: both are owed that one
    assert {subject for kind, subject, _ in reminders_owed(Kind.REMINDER_SESSION)} == {early.pk, late.pk}


def test_after_an_outage_only_the_latest_reminder_due_is_sent(course):
    run = run_on(course, dt.date(2027, 5, 4))
    enrolment = enrolled(run, at=utc(2027, 4, 1))
    reminders.owe_due_reminders(now=utc(2027, 5, 3, 12))  # the sweep was down for a week
    assert reminders_owed() == [(Kind.REMINDER_SESSION, enrolment.pk, dt.date(2027, 5, 4))]


def test_no_reminders_once_the_session_has_started_or_the_run_is_cancelled(course):
    started = run_on(course, dt.date(2027, 5, 4))
    enrolled(started, at=utc(2027, 4, 1))
    reminders.owe_due_reminders(now=utc(2027, 5, 4, 9, 30))  # 10:30 BST, half an hour in
    cancelled = run_on(course, dt.date(2027, 6, 1))
    enrolled(cancelled, at=utc(2027, 4, 1))
    cancelled.status = "cancelled"
    cancelled.save()
    reminders.owe_due_reminders(now=utc(2027, 5, 31, 9, 30))
    assert reminders_owed() == []


def test_colleges_can_change_or_switch_off_the_offsets(course):
    run = run_on(course, dt.date(2027, 5, 4))
    enrolment = enrolled(run, at=utc(2027, 4, 1))
    config = ReminderSettings.load()
    config.first_session_days_before, config.every_session_days_before = 3, 0
    config.save()
    reminders.owe_due_reminders(now=utc(2027, 4, 30, 9, 30))
    assert reminders_owed() == []
    reminders.owe_due_reminders(now=utc(2027, 5, 1, 9, 30))
    assert reminders_owed() == [(Kind.REMINDER_FIRST, enrolment.pk, dt.date(2027, 5, 4))]
    config.send_reminders = False
    config.save()
    Notice.objects.all().delete()
    reminders.owe_due_reminders(now=utc(2027, 5, 1, 9, 30))
    assert reminders_owed() == []


def test_the_last_reminder_before_a_session_is_the_one_with_joining_details(course):
    run = run_on(course, dt.date(2027, 5, 4), sessions=2, format="online")
    first, second = run.sessions.all()
    assert reminder_rules.is_last_reminder(Kind.REMINDER_SESSION, first, is_first=True)
    assert not reminder_rules.is_last_reminder(Kind.REMINDER_FIRST, first, is_first=True)
    assert reminder_rules.is_last_reminder(Kind.REMINDER_SESSION, second, is_first=False)
    config = ReminderSettings.load()
    config.every_session_days_before = 0
    config.save()
    assert reminder_rules.is_last_reminder(Kind.REMINDER_FIRST, first, is_first=True)


def test_reminders_are_not_sent_to_people_who_switched_them_off_or_cancelled(course):
    run = run_on(course, dt.date(2027, 5, 4))
    stays, switched_off, cancels = (enrolled(run, at=utc(2027, 4, 1)) for _ in range(3))
    services.set_reminders(student_id=switched_off.student_id, wanted=False)
    reminders.owe_due_reminders(now=utc(2027, 5, 3, 9, 30))
    services.cancel_enrolment(enrolment_id=cancels.pk)  # after the reminder was written
    ids = list(Notice.objects.filter(kind=Kind.REMINDER_SESSION).values_list("pk", flat=True))
    sending.send_notices(ids, now=utc(2027, 5, 3, 9, 30))
    assert [m.to for m in mail.outbox] == [[stays.student.email]]
    sent_to = {n.student_id for n in Notice.objects.filter(kind=Kind.REMINDER_SESSION, status="sent")}
    assert sent_to == {stays.student_id}


def test_people_without_email_are_on_the_call_list_for_each_reminder(course):
    run = run_on(course, dt.date(2027, 5, 4))
    enrolment = enrolled(run, at=utc(2027, 4, 1), email=None, phone="01865 000000")
    reminders.owe_due_reminders(now=utc(2027, 5, 3, 9, 30))
    call = Notice.objects.to_call().get()
    assert (call.kind, call.subject_id, call.session.date) == (Kind.REMINDER_SESSION, enrolment.pk, dt.date(2027, 5, 4))


@pytest.mark.postgres
def test_two_sweeps_at_the_same_moment_owe_each_reminder_once(
    transactional_db, django_db_serialized_rollback, course_index
):
    # Serialized rollback puts back Wagtail's root page for the tests after this one.
    run = run_on(make_course(course_index), dt.date(2027, 5, 4), capacity=60)
    for _ in range(40):
        enrolled(run, at=utc(2027, 4, 1))
    now = utc(2027, 5, 3, 9, 30)
    returned, errors, _ = all_at_once(lambda _: reminders.owe_due_reminders(now=now), list(range(4)), workers=4)
    assert errors == []
    assert Notice.objects.filter(kind=Kind.REMINDER_SESSION).count() == 40
    assert Notice.objects.values("key").distinct().count() == Notice.objects.count()
