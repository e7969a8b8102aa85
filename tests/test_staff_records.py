"""Staff maintaining student records made before today's rules (issue 13, item 6): a record from
before the 18-or-over question can still be corrected, and deleting a student is their erasure,
the same as "delete my data", after a page that says what will happen."""

from enrolment import services
from enrolment.models import StateChange, Student, WaitlistEntry

from .enrolment_admin_helpers import adult, student_form, text
from .factories import make_student


def test_a_record_from_before_the_18_or_over_question_can_be_given_a_new_phone_number(staff_client):
    student = make_student(name="Robin", confirmed_adult=False, phone="01865 111111")
    response = staff_client.post(
        f"/admin/students/edit/{student.pk}/",
        student_form(first_name="Robin", phone="07700 900999", confirmed_adult=""),
    )
    assert response.status_code == 302, text(response)
    student.refresh_from_db()
    assert student.phone == "+447700900999"


def test_adding_a_student_still_asks_them_to_confirm_they_are_18_or_over(staff_client):
    response = staff_client.post("/admin/students/new/", student_form(phone="01865 000000", confirmed_adult=""))
    assert "confirm they are 18 or over" in text(response)
    assert not Student.objects.exists()


def test_the_delete_page_says_what_will_happen_to_their_place_and_details(staff_client, run):
    student = adult(email="pat@example.org")
    services.join_run(run_id=run.pk, student=student)
    page = text(staff_client.get(f"/admin/students/delete/{student.pk}/"))
    assert "referenced" not in page
    assert "given up and offered to the next person waiting" in page
    assert "Understanding anxiety" in page
    assert "Yes, delete their details" in page


def test_deleting_a_student_erases_them_as_delete_my_data_does_and_frees_their_place(staff_client, run, staff):
    student = adult(email="pat@example.org", phone="07700 900123")
    services.join_run(run_id=run.pk, student=student)
    waiting = adult(email="next@example.org")
    services.join_run(run_id=run.pk, student=adult(email="two@example.org"))
    services.join_run(run_id=run.pk, student=waiting)
    assert WaitlistEntry.objects.filter(student=waiting).exists()

    response = staff_client.post(
        f"/admin/students/delete/{student.pk}/", {"asked_by": "student", "how": "phone", "confirm": "on"}, follow=True
    )

    assert response.status_code == 200
    assert "Their details have been deleted" in text(response)
    student.refresh_from_db()
    assert (student.first_name, student.email, student.phone) == ("Deleted", None, "")
    assert student.forgotten_at is not None
    assert Student.objects.filter(pk=student.pk).exists()  # kept, anonymous, for the figures
    assert not run.enrolments.holding_places().filter(student=student).exists()
    forgotten = StateChange.objects.get(student=student, to_state="forgotten")
    assert forgotten.actor == staff
    # Their place went to whoever was waiting, as the service does for "delete my data".
    assert not WaitlistEntry.objects.filter(student=waiting, status=WaitlistEntry.Status.WAITING).exists()


def test_a_student_with_no_places_is_erased_not_refused(staff_client):
    student = make_student(name="Alex", confirmed_adult=False, email="alex@example.org")
    response = staff_client.post(
        f"/admin/students/delete/{student.pk}/", {"asked_by": "student", "how": "phone", "confirm": "on"}, follow=True
    )
    assert "cannot be deleted" not in text(response)
    student.refresh_from_db()
    assert student.forgotten_at is not None and student.email is None
