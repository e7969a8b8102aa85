"""Completing a course: attending at least N of a run's sessions (half, rounded up, unless staff
set a number), decided only once the last session is over. The rule as functions
(enrolment.selectors), and the run's edit form refusing a number nobody could reach."""

import datetime as dt

import pytest
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment
from enrolment.selectors import completed_enrolment_ids, has_completed, sessions_needed
from enrolment.services.attendance import add_walk_in, mark_attendance

from .enrolment_admin_helpers import run_edit_form
from .factories import make_course, make_run, make_student

NOW = timezone.now()
LONG_AGO = timezone.localdate() - dt.timedelta(days=70)  # six weekly sessions all over


@pytest.fixture
def course(course_index):
    return make_course(course_index, "Understanding anxiety")


def past_run(course, sessions: int, **fields) -> CourseRun:
    return make_run(course, sessions=sessions, first_date=LONG_AGO, **fields)


def fresh(run: CourseRun) -> CourseRun:
    """The run as a new request reads it (its list of sessions is kept once read)."""
    return CourseRun.objects.get(pk=run.pk)


def enrol(run: CourseRun, name: str = "Robin") -> Enrolment:
    return Enrolment.objects.create(run=run, student=make_student(name))


def marks(run: CourseRun, enrolment: Enrolment, *words: str) -> None:
    """Mark one person at the run's sessions in order: "present", "absent" or "apologies"."""
    for session, word in zip(run.session_list, words, strict=False):
        mark_attendance(session_id=session.pk, enrolment_id=enrolment.pk, mark=word, actor=None)


@pytest.mark.parametrize("sessions, needed", [(1, 1), (2, 1), (5, 3), (6, 3)])
def test_without_a_number_half_the_sessions_rounded_up_are_needed(course, sessions, needed):
    assert sessions_needed(past_run(course, sessions)) == needed


def test_a_number_staff_set_is_the_rule(course):
    run = past_run(course, 6, sessions_to_complete=2)
    assert sessions_needed(run) == 2
    two, one = enrol(run, "Two"), enrol(run, "One")
    marks(run, two, "present", "absent", "present")
    marks(run, one, "present", "absent", "absent")
    assert completed_enrolment_ids(run, now=NOW) == {two.pk}


def test_a_session_taken_out_never_leaves_the_number_out_of_reach(course):
    run = past_run(course, 4, sessions_to_complete=4)
    robin = enrol(run)
    marks(run, robin, "present", "present", "present")
    run.session_list[3].delete()  # the fourth session was called off
    run = fresh(run)
    assert sessions_needed(run) == 3
    assert has_completed(Enrolment.objects.get(pk=robin.pk), now=NOW)


def test_nobody_completes_before_the_last_session_ends(course):
    run = past_run(course, 2)
    robin = enrol(run)
    marks(run, robin, "present", "present")
    ends = run.last_session.ends_at
    assert completed_enrolment_ids(run, now=ends - dt.timedelta(minutes=1)) == set()
    assert completed_enrolment_ids(run, now=ends) == {robin.pk}


def test_a_run_the_college_cancelled_completes_nobody(course):
    run = past_run(course, 2)
    robin = enrol(run)
    marks(run, robin, "present", "present")
    CourseRun.objects.filter(pk=run.pk).update(status=CourseRun.Status.CANCELLED)
    assert completed_enrolment_ids(fresh(run), now=NOW) == set()


def test_only_sessions_marked_present_count(course):
    run = past_run(course, 3)  # 2 needed
    came_twice, sent_apologies, absent, not_marked = (enrol(run, name) for name in ("Ash", "Bo", "Cy", "Di"))
    marks(run, came_twice, "present", "absent", "present")
    marks(run, sent_apologies, "present", "apologies", "apologies")
    marks(run, absent, "absent", "present", "absent")
    assert completed_enrolment_ids(run, now=NOW) == {came_twice.pk}
    assert not has_completed(not_marked, now=NOW)


def test_a_place_given_up_after_the_last_session_still_completed(course):
    run = past_run(course, 2)
    robin = enrol(run)
    marks(run, robin, "present", "present")
    Enrolment.objects.filter(pk=robin.pk).update(status=Enrolment.Status.CANCELLED)
    assert completed_enrolment_ids(run, now=NOW) == {robin.pk}


def test_walk_ins_never_complete(course):
    run = past_run(course, 2)
    for session in run.session_list:
        add_walk_in(session_id=session.pk, name="Sky Walker", actor=None)
    assert completed_enrolment_ids(run, now=NOW) == set()


# The number through the run's edit form in the admin, as staff meet it.


@pytest.fixture
def four_sessions(course):
    return make_run(course, sessions=4, capacity=10)


def test_the_run_form_refuses_more_sessions_than_the_run_has_and_changes_nothing(staff_client, four_sessions):
    url = f"/admin/course_runs/edit/{four_sessions.pk}/"
    response = staff_client.post(url, run_edit_form(four_sessions, sessions_to_complete="6", capacity="11"))
    assert response.status_code == 200
    assert "This run has 4 sessions, so nobody could attend 6." in response.content.decode()
    run = fresh(four_sessions)
    assert (run.sessions_to_complete, run.capacity, run.sessions.count()) == (None, 10, 4)


def test_the_run_form_counts_the_sessions_left_after_one_is_taken_out(staff_client, four_sessions):
    url = f"/admin/course_runs/edit/{four_sessions.pk}/"
    response = staff_client.post(
        url, run_edit_form(four_sessions, sessions_to_complete="4", **{"sessions-3-DELETE": "on"})
    )
    assert "This run has 3 sessions, so nobody could attend 4." in response.content.decode()
    assert fresh(four_sessions).sessions.count() == 4


def test_the_run_form_saves_a_number_the_run_can_meet(staff_client, four_sessions):
    url = f"/admin/course_runs/edit/{four_sessions.pk}/"
    response = staff_client.post(url, run_edit_form(four_sessions, sessions_to_complete="4"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert fresh(four_sessions).sessions_to_complete == 4
    assert sessions_needed(fresh(four_sessions)) == 4
