"""The email task's time limits: one setting bounds how long a row can stay `sending`, and a
task stopped by its soft limit in the middle of a provider call leaves that email to be tried
again, not marked as failed for staff to chase. (The kill itself: tests/test_notices_worker.py.)"""

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.test import override_settings

from enrolment import services
from notices import sending, tasks
from notices.dispatch import enqueue
from notices.models import Notice

from . import scripted_backend
from .factories import make_course, make_run, make_student

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_script():
    scripted_backend.ANSWERS.clear()
    scripted_backend.CALLS.clear()


def test_the_hard_limit_bounds_the_task_and_the_sweeps_rescue_alike():
    assert tasks.send_notices.time_limit == settings.NOTICE_SEND_TIME_LIMIT == 120
    assert tasks.send_notices.soft_time_limit == 90
    assert sending.SENDING_TIMEOUT.total_seconds() == settings.NOTICE_SEND_TIME_LIMIT


@override_settings(EMAIL_BACKEND="tests.scripted_backend.EmailBackend")
def test_an_email_cut_off_by_the_soft_limit_is_tried_again_later(course_index):
    student = make_student()
    services.join_run(run_id=make_run(make_course(course_index)).pk, student=student)
    notice = Notice.objects.get(student=student, kind="confirmed")
    scripted_backend.ANSWERS.append(SoftTimeLimitExceeded())

    assert sending.send_notices([notice.pk]) == {"retry": 1}

    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING and "tried again" in notice.problem


def test_a_row_the_broker_never_took_is_swept_at_once_when_it_returns(course_index, monkeypatch):
    student = make_student()
    services.join_run(run_id=make_run(make_course(course_index)).pk, student=student)
    notice = Notice.objects.get(student=student, kind="confirmed")

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("Redis is down")

    monkeypatch.setattr(tasks.send_notices, "apply_async", broker_down)
    enqueue([notice.pk])

    notice.refresh_from_db()
    # Not "queued two minutes ago": the first sweep after Redis returns hands it over.
    assert notice.status == Notice.Status.PENDING and notice.queued_at is None
