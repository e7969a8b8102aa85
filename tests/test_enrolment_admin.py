"""The staff side of enrolment in the Wagtail admin, through its real pages and forms: adding
students, enrolling someone who phoned or sent a paper form, and who may do it. The waiting list,
registers and offers to phone are in test_enrolment_admin_waiting.py."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from courses.models import CourseRun
from enrolment import services
from enrolment.models import Enrolment, StateChange, Student, WaitlistEntry

from .enrolment_admin_helpers import adult, enrol_form, enrol_url, new_student, student_form, text
from .factories import fill, make_student

# Students


def test_staff_can_add_a_student_who_has_only_a_phone_number(staff_client):
    response = staff_client.post("/admin/students/new/", student_form(phone="01865 000000"))
    assert response.status_code == 302
    student = Student.objects.get(last_name="Jones")
    assert (student.email, student.phone, student.consent_how) == (None, "+441865000000", "phone")
    assert student.confirmed_adult and student.consent_at is not None


def test_a_student_must_have_some_way_to_reach_them(staff_client):
    response = staff_client.post("/admin/students/new/", student_form())
    assert "Give at least one way to reach them" in text(response)
    by_email_without_one = student_form(postal_address="1 Cowley Road", contact_by="email")
    response = staff_client.post("/admin/students/new/", by_email_without_one)
    assert "They have no email address" in text(response)
    assert not Student.objects.exists()


def test_a_duplicate_email_is_refused_kindly_and_emails_are_normalised(staff_client):
    adult(email="pat@example.org")
    response = staff_client.post("/admin/students/new/", student_form(email="  Pat@Example.ORG "))
    assert "We already have a student with this email address" in text(response)
    assert Student.objects.count() == 1
    staff_client.post("/admin/students/new/", student_form(email=" New@Example.ORG ", contact_by="email"))
    assert Student.objects.filter(email="new@example.org").exists()


def test_staff_must_confirm_the_student_is_18_or_over(staff_client):
    response = staff_client.post("/admin/students/new/", student_form(phone="01865 000000", confirmed_adult=""))
    assert "confirm they are 18 or over" in text(response)
    assert not Student.objects.exists()


def test_students_can_be_found_by_name_phone_or_postcode(staff_client):
    adult(name="Robin", phone="07700 900123", postcode="OX4 1AA")
    adult(name="Alex")
    for query in ["Robin", "900123", "ox4"]:
        listing = text(staff_client.get("/admin/students/", {"q": query}))
        assert "Robin" in listing and "Alex" not in listing


def test_a_students_page_shows_their_support_needs_places_and_history(staff_client, run, staff):
    student = adult(support_needs="Needs a quiet room")
    services.join_run(run_id=run.pk, student=student, source="phone", actor=staff)
    page = text(staff_client.get(f"/admin/students/inspect/{student.pk}/"))
    assert "Needs a quiet room" in page
    assert "Understanding anxiety" in page
    assert "Sam Staff" in page  # who made the change


def test_a_student_with_places_on_record_is_kept_anonymous_when_deleted(staff_client, run):
    # Deleting is erasure (see test_staff_records.py): the rows stay for the record, without a name.
    student = adult()
    services.join_run(run_id=run.pk, student=student)
    staff_client.post(
        f"/admin/students/delete/{student.pk}/", {"asked_by": "student", "how": "phone", "confirm": "on"}, follow=True
    )
    assert Student.objects.get(pk=student.pk).forgotten_at is not None


# Enrolling on someone's behalf


def test_enrolling_by_phone_records_the_source_and_the_member_of_staff(staff_client, run, staff):
    student = adult()
    response = staff_client.post(enrol_url(run), enrol_form(student), follow=True)
    assert f"{student} is enrolled." in text(response)
    enrolment = Enrolment.objects.get(student=student)
    assert (enrolment.source, enrolment.created_by) == ("phone", staff)
    change = StateChange.objects.get(subject="enrolment", subject_id=enrolment.pk)
    assert (change.actor, change.actor_label) == (staff, "staff")


def test_someone_new_on_a_paper_form_is_added_and_enrolled_with_their_supporter(staff_client, run):
    data = {
        **enrol_form(source="paper", places="2", supporter_name="Jo"),
        **new_student(postal_address="2 Iffley Road\nOxford", contact_by="post", consent_how="paper"),
    }
    staff_client.post(enrol_url(run), data)
    enrolment = Enrolment.objects.get()
    student = enrolment.student
    assert (student.last_name, student.email, student.consent_how) == ("Jones", None, "paper")
    assert (enrolment.source, enrolment.places, enrolment.supporter_name) == ("paper", 2, "Jo")


def test_when_the_run_is_full_they_join_the_waiting_list_and_staff_see_their_number(staff_client, run):
    fill(run, 2)
    student = adult()
    response = staff_client.post(enrol_url(run), enrol_form(student), follow=True)
    assert "on the waiting list at number 1" in text(response)
    assert WaitlistEntry.objects.get(student=student).source == "phone"


def test_enrolling_beyond_capacity_needs_a_reason_which_is_recorded(staff_client, run, staff):
    fill(run, 2)
    student = adult()
    response = staff_client.post(enrol_url(run), enrol_form(student, beyond_capacity="on"))
    assert "Give a reason for enrolling them beyond capacity" in text(response)
    assert not Enrolment.objects.filter(student=student).exists()
    assert not WaitlistEntry.objects.exists()

    with_reason = enrol_form(student, beyond_capacity="on", over_capacity_reason="Referred by GP")
    staff_client.post(enrol_url(run), with_reason)
    enrolment = Enrolment.objects.get(student=student)
    assert enrolment.over_capacity
    change = StateChange.objects.get(subject="enrolment", subject_id=enrolment.pk)
    assert (change.reason, change.actor) == ("Referred by GP", staff)
    assert "Beyond capacity" in text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/"))


def test_enrolling_someone_twice_creates_nothing_new(staff_client, run):
    student = adult()
    staff_client.post(enrol_url(run), enrol_form(student))
    response = staff_client.post(enrol_url(run), enrol_form(student), follow=True)
    assert "already enrolled on this course, so nothing has changed" in text(response)
    assert Enrolment.objects.count() == 1


def test_a_service_refusal_is_shown_on_the_form_and_nothing_is_kept(staff_client, run):
    CourseRun.objects.filter(pk=run.pk).update(status=CourseRun.Status.CANCELLED)
    response = staff_client.post(enrol_url(run), {**enrol_form(), **new_student(phone="01865 000000")})
    assert "this course has been cancelled" in text(response)
    assert not Student.objects.exists()  # the new student was not kept either


def test_someone_who_has_not_confirmed_they_are_18_or_over_is_not_enrolled(staff_client, run):
    student = make_student()  # e.g. added before the college asked everyone
    response = staff_client.post(enrol_url(run), enrol_form(student))
    assert "They have not told us they are 18 or over" in text(response)
    assert not Enrolment.objects.exists()


def test_staff_can_find_a_student_to_enrol(staff_client, run):
    student = adult(name="Robin")
    page = text(staff_client.get(enrol_url(run), {"q": "robin"}))
    assert f"?student={student.pk}" in page
    assert f"Enrolling {student}" in text(staff_client.get(enrol_url(run), {"student": student.pk}))


# Who may use these pages


@pytest.mark.parametrize(
    "path", ["/admin/enrolment/offers-to-phone/", "/admin/enrolment/runs/{run}/register/", "/admin/students/"]
)
def test_people_without_enrolment_access_are_refused(client, run, path):
    url = path.format(run=run.pk)
    member = get_user_model().objects.create_user("member", "member@example.org", "pw")
    client.force_login(member)
    assert client.get(url).url.startswith("/admin/login/")
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 302 and response.url == "/admin/"


def test_only_staff_with_enrolment_access_see_the_menu_items(client, staff_client):
    assert "Offers to phone" in text(staff_client.get("/admin/"))
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    menu = text(client.get("/admin/"))
    assert "Offers to phone" not in menu and "Students" not in menu


def test_refused_users_change_nothing(client, run):
    student = adult()
    client.force_login(get_user_model().objects.create_user("member", "member@example.org", "pw"))
    client.post(enrol_url(run), enrol_form(student))
    assert not Enrolment.objects.exists()


def test_changes_need_the_csrf_token(staff, run):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert client.post(enrol_url(run), enrol_form(adult())).status_code == 403
    assert not Enrolment.objects.exists()
