"""The fixtures the security header tests share: a run, Ana's place on it, and a client signed in
as Ana. Each is registered under its short name (`run`, `enrolled`, `signed_in`) in the modules
that import it, where `run` wins over the conftest's."""

import pytest
from django.core import mail

from enrolment.models import Enrolment

from .factories import make_course, make_run, make_student
from .sign_in_helpers import ask_for_link, emailed_link


@pytest.fixture(name="run")
def sleep_well_run(course_index):
    return make_run(make_course(course_index, "Sleep well"))


@pytest.fixture(name="enrolled")
def anas_place(run):
    student = make_student("Ana", email="ana@example.org")
    return Enrolment.objects.create(run=run, student=student)


@pytest.fixture(name="signed_in")
def ana_signed_in(client, enrolled):
    ask_for_link(client, enrolled.student.email)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"
    return client
