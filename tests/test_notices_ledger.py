"""The email ledger: each message owed is written with the change that owes it, then sent exactly
once, whatever the broker, the provider or the worker does meanwhile."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from enrolment import services
from enrolment.models import Student
from enrolment.services.forgetting import forget_student
from notices import sending, sweep
from notices.models import Notice, ReminderSettings

from . import scripted_backend
from .factories import make_course, make_run, make_student

SCRIPTED = override_settings(EMAIL_BACKEND="tests.scripted_backend.EmailBackend")


@pytest.fixture(autouse=True)
def _fresh_script():
    scripted_backend.ANSWERS.clear()
    scripted_backend.CALLS.clear()


@pytest.fixture
def run(course_index):
    return make_run(make_course(course_index, "Sleep well"), capacity=1, sessions=2)


def enrol(run, student=None):
    student = student or make_student()
    services.join_run(run_id=run.pk, student=student)
    return student


def confirmation(student) -> Notice:
    return Notice.objects.get(kind="confirmed", student=student)


def test_the_message_is_written_with_the_change_and_vanishes_with_it(run):
    with pytest.raises(RuntimeError), transaction.atomic():
        enrol(run, make_student())
        raise RuntimeError("the request failed after enrolling")
    assert not Notice.objects.exists()
    student = enrol(run)
    assert confirmation(student).status == Notice.Status.PENDING


def test_the_enrolment_queues_its_email_once_it_has_committed(run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        student = enrol(run)
        assert mail.outbox == []  # nothing leaves before the booking is safely stored
    assert len(callbacks) >= 1
    assert [m.to for m in mail.outbox] == [[student.email]]
    assert confirmation(student).status == Notice.Status.SENT


def test_sending_twice_sends_once(run):
    student = enrol(run)
    notice = confirmation(student)
    assert sending.send_notices([notice.pk]) == {"sent": 1}
    assert sending.send_notices([notice.pk]) == {}  # a redelivered task finds nothing to claim
    assert len(mail.outbox) == 1


def test_a_row_another_worker_is_sending_is_left_alone(run):
    notice = confirmation(enrol(run))
    sending.claim([notice.pk], now=timezone.now())  # a worker is in the middle of sending it
    assert sending.send_notices([notice.pk]) == {}
    assert mail.outbox == []


def test_a_worker_that_died_before_recording_is_replaced_by_the_sweep(run):
    notice = confirmation(enrol(run))
    claimed_at = timezone.now()
    sending.claim([notice.pk], now=claimed_at)  # ...and then the worker was killed
    # Within the email task's hard time limit the worker may still be alive.
    sweep.sweep(now=claimed_at + sending.SENDING_TIMEOUT - dt.timedelta(seconds=1))
    assert Notice.objects.get(pk=notice.pk).status == Notice.Status.SENDING
    later = claimed_at + sending.SENDING_TIMEOUT + dt.timedelta(seconds=1)
    with mock.patch("notices.dispatch.enqueue") as enqueue:
        sweep.sweep(now=later)
    assert enqueue.call_args.args[0] == [notice.pk]
    sending.send_notices([notice.pk], now=later)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, len(mail.outbox)) == (Notice.Status.SENT, 2, 1)


def test_the_late_outcome_of_a_worker_presumed_dead_does_not_overwrite_its_successor(run):
    notice = confirmation(enrol(run))
    first = sending.claim([notice.pk], now=timezone.now())[0]
    later = timezone.now() + sending.SENDING_TIMEOUT + dt.timedelta(seconds=1)
    sending.rescue_stuck(now=later)
    sending.send_notices([notice.pk], now=later)  # the successor sends it
    sending._finish(first, Notice.Status.FAILED, problem="slow worker gave up")
    assert Notice.objects.get(pk=notice.pk).status == Notice.Status.SENT


def test_with_the_broker_down_the_booking_still_succeeds_and_the_sweep_sends_later(
    run, django_capture_on_commit_callbacks
):
    broken = mock.patch("notices.tasks.send_notices.apply_async", side_effect=ConnectionError("redis down"))
    with broken, django_capture_on_commit_callbacks(execute=True):
        student = enrol(run)
    assert mail.outbox == []
    notice = confirmation(student)
    assert notice.status == Notice.Status.PENDING
    # The broker never took it, so the first sweep once the broker is back hands it over, without
    # waiting REQUEUE_AFTER as for a message that reached the queue and may still be on its way.
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.sweep(now=timezone.now())["queued"] == 1
    assert [m.to for m in mail.outbox] == [[student.email]]


@SCRIPTED
def test_a_temporary_provider_failure_is_retried_later_with_growing_waits(run):
    scripted_backend.ANSWERS.extend([scripted_backend.provider_error(503), scripted_backend.provider_error(429)])
    notice = confirmation(enrol(run))
    assert sending.send_notices([notice.pk]) == {"retry": 1}
    notice.refresh_from_db()
    first_wait = notice.due_at - timezone.now()
    assert notice.status == Notice.Status.PENDING and "503" in notice.problem
    assert dt.timedelta(seconds=30) < first_wait < dt.timedelta(minutes=2)
    assert sending.send_notices([notice.pk]) == {}  # not due yet
    sending.send_notices([notice.pk], now=notice.due_at)
    notice.refresh_from_db()
    assert notice.due_at - timezone.now() > first_wait  # 2 minutes after the second failure
    sending.send_notices([notice.pk], now=notice.due_at)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, len(mail.outbox)) == (Notice.Status.SENT, 3, 1)


@SCRIPTED
def test_a_permanent_provider_refusal_fails_at_once_and_is_kept_for_staff(run):
    scripted_backend.ANSWERS.append(scripted_backend.provider_error(422))
    notice = confirmation(enrol(run))
    sending.send_notices([notice.pk])
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FAILED and "422" in notice.problem
    assert list(Notice.objects.failed()) == [notice]


@SCRIPTED
def test_giving_up_after_the_colleges_number_of_attempts(run):
    settings = ReminderSettings.load()
    settings.max_attempts = 2
    settings.save()
    scripted_backend.ANSWERS.extend([scripted_backend.provider_error(500)] * 2)
    notice = confirmation(enrol(run))
    sending.send_notices([notice.pk])
    sending.send_notices([notice.pk], now=Notice.objects.get(pk=notice.pk).due_at)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (Notice.Status.FAILED, 2)


@SCRIPTED
def test_a_refused_address_is_marked_and_nothing_more_is_emailed_to_it(run, course_index):
    scripted_backend.ANSWERS.append("refused")
    student = enrol(run)
    sending.send_notices([confirmation(student).pk])
    student.refresh_from_db()
    assert student.email_undeliverable_at is not None
    other = make_run(make_course(course_index), capacity=1)
    services.join_run(run_id=other.pk, student=student)
    later = Notice.objects.get(kind="confirmed", student=student, run=other)
    assert later.status == Notice.Status.SKIPPED
    assert len(scripted_backend.CALLS) == 1


def test_without_email_offers_and_reminders_go_on_the_call_list_and_the_rest_is_not_needed(run):
    enrol(run)  # takes the one place
    phone_only = make_student(email=None, phone="01865 000000")
    services.join_run(run_id=run.pk, student=phone_only)
    waiting = Notice.objects.get(student=phone_only)
    assert (waiting.kind, waiting.status) == ("waitlisted", Notice.Status.SKIPPED)
    services.cancel_enrolment(enrolment_id=run.enrolments.get().pk)
    offer = Notice.objects.get(student=phone_only, kind="offered")
    assert (offer.channel, offer.status) == (Notice.Channel.PHONE, Notice.Status.TO_CALL)
    assert list(Notice.objects.to_call()) == [offer]


def test_someone_who_asked_to_be_forgotten_is_owed_nothing(run):
    student = enrol(run)
    forget_student(student_id=student.pk)
    assert Student.objects.get(pk=student.pk).email is None
    sending.send_notices(list(Notice.objects.values_list("pk", flat=True)))
    assert mail.outbox == []
    assert not Notice.objects.filter(status__in=["pending", "sent"]).exists()


def test_only_ids_go_to_the_broker_never_names_or_addresses(run, django_capture_on_commit_callbacks):
    with (
        mock.patch("notices.tasks.send_notices.apply_async") as queued,
        django_capture_on_commit_callbacks(execute=True),
    ):
        enrol(run, make_student("Ana", email="ana@example.org", support_needs="panic attacks"))
    (args,), kwargs = queued.call_args.kwargs["args"], queued.call_args.kwargs
    assert all(isinstance(notice_id, int) for notice_id in args)
    assert kwargs["queue"] == "email"
    assert "ana" not in repr(queued.call_args).lower() and "panic" not in repr(queued.call_args)
