"""Issue 17, item 6: every staff action on a booking or a student, and every download of people's
details, is in Wagtail's history (the student's or run's History page) and in the staff log
(Reports > Staff log, college admins only), in plain words, with who did it, and labelled without
anyone's name. Students' own changes are in StateChange only."""

import csv
import io

import pytest
from wagtail.models import ModelLogEntry

from enrolment import services
from enrolment.links import Purpose, link_path
from enrolment.models import Enrolment, StateChange, Student, WalkIn
from notices.models import Notice

from .enrolment_admin_helpers import adult, enrol_form, enrol_url, new_student, run_edit_form, student_form, text
from .factories import fill
from .role_helpers import notice, signed_in, staff_user

SURNAME = "Quincewhistle"


def named_user(username: str, group: str, first: str, last: str):
    user = staff_user(username, group)
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def coordinator(db):
    return named_user("cora", "Course coordinator", "Cora", "Ordinator")


@pytest.fixture
def admin_user(db):
    return named_user("ada_admin", "College admin", "Addy", "Minister")


@pytest.fixture
def coordinator_client(client, coordinator):
    return signed_in(client, coordinator)


def history(client, student) -> str:
    return text(client.get(f"/admin/students/history/{student.pk}/"))


def staff_log(client, **filters) -> str:
    """The staff log's list of entries (the page's own results, without the filters' user names)."""
    response = client.get("/admin/reports/staff-log/results/", filters)
    assert response.status_code == 200
    return text(response)


def add_and_enrol_by_phone(client, run) -> tuple[Student, Enrolment]:
    client.post("/admin/students/new/", student_form(first_name="Zebedee", last_name=SURNAME, phone="01865 000000"))
    student = Student.objects.get(last_name=SURNAME)
    client.post(enrol_url(run), enrol_form(student), follow=True)
    return student, Enrolment.objects.get(student=student)


def test_a_coordinators_changes_to_a_student_are_on_their_history_in_plain_words(coordinator_client, run):
    student, enrolment = add_and_enrol_by_phone(coordinator_client, run)
    coordinator_client.post(
        f"/admin/students/edit/{student.pk}/",
        student_form(first_name="Zebedee", last_name=SURNAME, phone="01865 000111"),
    )
    session = run.sessions.order_by("date").first()
    coordinator_client.post(
        f"/admin/enrolment/runs/{run.pk}/sessions/{session.pk}/mark/", {"enrolment": enrolment.pk, "mark": "present"}
    )
    coordinator_client.post(
        f"/admin/enrolment/runs/{run.pk}/places/{enrolment.pk}/cancel/", {"reason": "Phoned: moving house"}
    )

    inspect = text(coordinator_client.get(f"/admin/students/inspect/{student.pk}/"))
    assert "staff history</a>" in inspect
    page = history(coordinator_client, student)
    assert "Added them as a student" in page
    assert "Gave them a place: Understanding anxiety (by phone)" in page
    assert "Changed their details (Phone" in page
    assert "Marked attendance: Understanding anxiety (present, session on" in page
    assert "Cancelled their place: Understanding anxiety. Reason: Phoned: moving house" in page
    assert page.count("Cora Ordinator") >= 5
    # Wagtail's own "Created"/"Edited" entries would carry their name as the label: there are none.
    assert not ModelLogEntry.objects.filter(action__in=["wagtail.create", "wagtail.edit"]).exists()


def test_moving_someone_up_and_taking_them_off_a_waiting_list_are_on_their_history(coordinator_client, run):
    fill(run, run.capacity)
    first, second = (services.join_run(run_id=run.pk, student=adult()).entry for _ in range(2))
    coordinator_client.post(
        f"/admin/enrolment/runs/{run.pk}/waiting/{second.pk}/move-up/", {"ahead_of": first.pk, "reason": "Urgent"}
    )
    coordinator_client.post(f"/admin/enrolment/runs/{run.pk}/waiting/{first.pk}/remove/")
    assert "Moved them up a waiting list: Understanding anxiety. Reason: Urgent" in history(
        coordinator_client, second.student
    )
    assert "Took them off a waiting list: Understanding anxiety" in history(coordinator_client, first.student)
    # Joining the list themselves (services called without staff) is not a staff action.
    assert "Put them on a waiting list" not in history(coordinator_client, first.student)


def test_downloads_are_logged_with_what_and_how_many_rows(coordinator_client, run):
    add_and_enrol_by_phone(coordinator_client, run)
    response = coordinator_client.get("/admin/students/", {"export": "csv", "q": SURNAME})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert SURNAME in rows[1]
    coordinator_client.get(f"/admin/enrolment/runs/{run.pk}/register/download/xlsx/")

    students_list = ModelLogEntry.objects.get(action="college.export.students")
    # A search is noted as used, never its words: they may be someone's name.
    assert students_list.data["rows"] == 1 and students_list.data["filters"] == {"search": "used"}
    assert SURNAME not in str(students_list.data)
    run_history = text(coordinator_client.get(f"/admin/course_runs/history/{run.pk}/"))
    assert "Downloaded the register (xlsx, 1 row)" in run_history and "Cora Ordinator" in run_history


def test_the_staff_log_finds_a_staff_members_actions_and_one_students(client, coordinator, admin_user, run):
    coordinator_client = signed_in(client, coordinator)
    student, _ = add_and_enrol_by_phone(coordinator_client, run)
    coordinator_client.get("/admin/students/", {"export": "xlsx"})
    other = adult()
    services.join_run(run_id=run.pk, student=other, actor=admin_user, source="phone")

    admin_client = signed_in(client, admin_user)
    by_cora = staff_log(admin_client, user=coordinator.pk)
    assert "Gave them a place: Understanding anxiety (by phone)" in by_cora
    assert "Downloaded the students list (xlsx, 1 row)" in by_cora
    assert "Addy Minister" not in by_cora and by_cora.count("Gave them a place:") == 1
    by_student = staff_log(admin_client, student=other.pk)
    assert "Addy Minister" in by_student and "Cora Ordinator" not in by_student
    enrolled = staff_log(admin_client, action="college.place.enrol")
    assert enrolled.count("Gave them a place: Understanding anxiety (by phone)") == 2 and "Downloaded" not in enrolled


def test_no_log_entry_is_labelled_with_a_students_name(coordinator_client, run):
    student, enrolment = add_and_enrol_by_phone(coordinator_client, run)
    coordinator_client.post(
        f"/admin/enrolment/runs/{run.pk}/places/{enrolment.pk}/cancel/", {"reason": "Changed their mind"}
    )
    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert len(labels) >= 3
    assert labels.count(f"Student {student.pk}") >= 3
    assert not [label for label in labels if SURNAME in label or "Zebedee" in label]


def test_a_students_own_cancellation_is_in_state_changes_but_not_the_staff_log(client, run):
    enrolment = services.join_run(run_id=run.pk, student=adult()).enrolment
    client.post(link_path(Purpose.CANCEL, enrolment.pk))
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CANCELLED
    change = StateChange.objects.get(subject_id=enrolment.pk, to_state="cancelled")
    assert change.actor_label == "student"
    assert not ModelLogEntry.objects.filter(action__startswith="college.").exists()


def test_only_college_admins_open_the_staff_log(client, coordinator, run):
    facilitator = named_user("fay", "Facilitator", "Fay", "Silitator")
    add_and_enrol_by_phone(signed_in(client, coordinator), run)
    for user in (facilitator, coordinator):
        response = signed_in(client, user).get("/admin/reports/staff-log/")
        assert response.status_code == 302 and response.url == "/admin/"
    # Wagtail's Site history is open to every member of staff, but lists only what they have
    # permissions on: a facilitator sees none of the coordinator's actions on students.
    page = text(signed_in(client, facilitator).get("/admin/reports/site-history/"))
    assert "Gave them a place" not in page and "Added them as a student" not in page


def test_calls_walk_ins_and_cancelling_a_run_are_logged_where_staff_look(coordinator_client, run):
    student, _ = add_and_enrol_by_phone(coordinator_client, run)
    call = notice(student, run, Notice.Status.TO_CALL, Notice.Channel.PHONE)
    coordinator_client.post(f"/admin/notices/people-to-call/{call.pk}/called/")
    assert "Recorded a phone call to them" in history(coordinator_client, student)

    session = run.sessions.order_by("date").first()
    walk_ins = f"/admin/enrolment/runs/{run.pk}/sessions/{session.pk}/walk-ins/"
    coordinator_client.post(walk_ins, {"name": "Wanda Walkinshaw", "phone": "", "email": ""})
    coordinator_client.post(f"{walk_ins}{WalkIn.objects.get().pk}/remove/")
    coordinator_client.post(
        f"/admin/course_runs/edit/{run.pk}/", run_edit_form(run, status="cancelled", confirm_cancellation="yes")
    )
    page = text(coordinator_client.get(f"/admin/course_runs/history/{run.pk}/"))
    assert "Added someone who walked in (session on" in page
    assert "Took a walk-in off a session (session on" in page
    assert "Cancelled the run and told everyone on it (1 person told)" in page
    assert "Walkinshaw" not in str(list(ModelLogEntry.objects.values_list("label", "data")))


def test_someone_new_added_while_enrolling_is_logged_as_added(coordinator_client, run):
    coordinator_client.post(enrol_url(run), {**enrol_form(), **new_student(last_name=SURNAME, phone="01865 000000")})
    page = history(coordinator_client, Student.objects.get(last_name=SURNAME))
    assert "Added them as a student (while enrolling)" in page
    assert "Gave them a place: Understanding anxiety (by phone)" in page


def test_a_report_download_is_logged_with_its_filters(coordinator_client, run):
    response = coordinator_client.get("/admin/reports/download/csv/", {"term": run.term_id, "split": "topic"})
    assert "attachment" in response["Content-Disposition"]
    entry = ModelLogEntry.objects.get(action="college.export.report")
    assert entry.data["filters"] == {"term": str(run.term_id), "split": "topic"}
    assert entry.user_id == response.wsgi_request.user.pk and entry.label.startswith("Site ")
