"""Taking the register for a session in the Wagtail admin, through its real pages and forms:
marking each person present, absent or sent apologies, changing a mark, adding someone who walked
in, who may do it, and the register showing what was taken. The phone-sized page in a real
browser is in browser/test_take_register.py."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from enrolment import services
from enrolment.models import Attendance, Enrolment, StateChange, WalkIn
from enrolment.selectors import attendance_summary

from .enrolment_admin_helpers import adult, text
from .factories import make_course, make_run


def page_url(run, session) -> str:
    return f"/admin/enrolment/runs/{run.pk}/sessions/{session.pk}/"


def mark(client, run, session, enrolment, value):
    return client.post(page_url(run, session) + "mark/", {"enrolment": enrolment.pk, "mark": value})


def enrol(run, name="Robin") -> Enrolment:
    return Enrolment.objects.create(run=run, student=adult(name=name))


@pytest.fixture
def session(run):
    return run.session_list[0]


def test_marking_someone_present_saves_it_and_comes_back_to_them(staff_client, run, session):
    robin = enrol(run)
    response = mark(staff_client, run, session, robin, "present")
    assert response.status_code == 302
    assert response.url == page_url(run, session) + f"#person-{robin.pk}"
    page = text(staff_client.get(response.url))
    assert "Saved: <strong>Present</strong>" in page
    assert 'value="present" class="button attendance-chosen" aria-pressed="true"' in page
    assert 'value="absent" class="button button-secondary" aria-pressed="false"' in page
    assert "1 of 1 marked" in page


def test_a_mark_can_be_changed_and_each_change_is_recorded_once(staff_client, staff, run, session):
    robin = enrol(run)
    mark(staff_client, run, session, robin, "present")
    mark(staff_client, run, session, robin, "apologies")
    mark(staff_client, run, session, robin, "apologies")  # a double tap changes nothing
    attendance = Attendance.objects.get()
    assert (attendance.enrolment, attendance.mark, attendance.marked_by) == (robin, "apologies", staff)
    changes = StateChange.objects.filter(subject="attendance").values_list("from_state", "to_state", "actor")
    assert list(changes) == [("", "present", staff.pk), ("present", "apologies", staff.pk)]
    assert "Saved: <strong>Sent apologies</strong>" in text(staff_client.get(page_url(run, session)))


def test_nobody_without_a_place_on_this_run_can_be_marked(staff_client, run, session, course_index):
    elsewhere = enrol(make_run(make_course(course_index, "Sleep well")), name="Alex")
    cancelled = enrol(run, name="Sam")
    services.cancel_enrolment(enrolment_id=cancelled.pk, actor="student")
    for enrolment in (elsewhere, cancelled):
        response = mark(staff_client, run, session, enrolment, "present")
        assert response.url == page_url(run, session)
        assert "do not have a place on this course" in text(staff_client.get(response.url))
    assert not Attendance.objects.exists()
    robin = enrol(run)
    mark(staff_client, run, session, robin, "late")  # not one of the three buttons
    assert not Attendance.objects.exists()


def test_a_session_of_another_run_is_not_found(staff_client, run, course_index):
    other = make_run(make_course(course_index, "Sleep well"))
    assert staff_client.get(page_url(run, other.session_list[0])).status_code == 404


def test_someone_who_walked_in_is_added_once_and_counted(staff_client, run, session):
    robin = enrol(run)
    mark(staff_client, run, session, robin, "present")
    form = {"name": "  Jo   Bloggs ", "phone": "07700 900123", "email": "Jo@Example.org"}
    response = staff_client.post(page_url(run, session) + "walk-ins/", form)
    assert response.url == page_url(run, session) + "#walk-ins"
    staff_client.post(page_url(run, session) + "walk-ins/", {**form, "name": "jo bloggs"})  # sent twice
    walk_in = WalkIn.objects.get()
    assert (walk_in.name, walk_in.phone, walk_in.email) == ("Jo Bloggs", "+447700900123", "jo@example.org")
    assert "Walked in (1)" in text(staff_client.get(page_url(run, session)))
    figures = attendance_summary(run)[0]
    assert (figures.present, figures.walk_ins, figures.in_the_room, figures.not_marked) == (1, 1, 2, 0)
    register = text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/"))
    assert "1 present" in register and "1 walked in" in register


def test_a_walk_in_needs_a_name_and_can_be_taken_off_again(staff_client, run, session):
    response = staff_client.post(page_url(run, session) + "walk-ins/", {"name": "  ", "phone": "", "email": ""})
    assert response.status_code == 200
    assert "Enter the name of the person who walked in" in text(response)
    assert not WalkIn.objects.exists()
    staff_client.post(page_url(run, session) + "walk-ins/", {"name": "Jo Bloggs", "phone": "", "email": ""})
    walk_in = WalkIn.objects.get()
    staff_client.post(page_url(run, session) + f"walk-ins/{walk_in.pk}/remove/")
    assert not WalkIn.objects.exists()


def test_the_register_shows_each_sessions_attendance_and_links_to_take_it(staff_client, run):
    robin, alex = enrol(run), enrol(run, name="Alex")
    first, second, _ = run.session_list
    mark(staff_client, run, first, robin, "present")
    mark(staff_client, run, first, alex, "absent")
    mark(staff_client, run, second, alex, "apologies")
    summary = attendance_summary(run)
    assert [(s.present, s.absent, s.apologies, s.not_marked) for s in summary] == [
        (1, 1, 0, 0),
        (0, 0, 1, 1),
        (0, 0, 0, 2),
    ]
    register = text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/"))
    for session in run.session_list:
        assert f'href="{page_url(run, session)}"' in register
    assert "1 present, 1 absent, 0 sent apologies, 0 not marked" in register
    assert "Present at 1 of 3" in register  # Robin's row


def test_the_register_says_why_each_place_was_cancelled(staff_client, staff, run):
    robin = enrol(run)
    services.cancel_enrolment(enrolment_id=robin.pk, actor=staff, reason="Moved to Leeds")
    register = text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/"))
    assert "Moved to Leeds" in register and "Sam Staff" in register


def test_people_without_enrolment_access_cannot_see_or_take_the_register(client, run, session):
    robin = enrol(run)
    assert client.get(page_url(run, session)).url.startswith("/admin/login/")
    assert mark(client, run, session, robin, "present").url.startswith("/admin/login/")
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(page_url(run, session)).url == "/admin/"
    assert mark(client, run, session, robin, "present").url == "/admin/"
    client.post(page_url(run, session) + "walk-ins/", {"name": "Jo Bloggs"})
    assert not Attendance.objects.exists() and not WalkIn.objects.exists()


def test_staff_who_may_only_view_registers_cannot_mark_them(client, run, session):
    robin = enrol(run)
    viewer = get_user_model().objects.create_user("viewer", "viewer@example.org", "pw")
    viewer.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_enrolment"]))
    client.force_login(viewer)
    assert client.get(page_url(run, session)).status_code == 200
    assert mark(client, run, session, robin, "present").url == "/admin/"
    assert not Attendance.objects.exists()
