"""Phone numbers (issue 14, item 5): however someone types a number, we keep one spelling of it
(E.164, "+441865123456") and show it back the UK way ("01865 123456"). A number that cannot be
rung gets the same kind message as before, and nothing is saved."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone

from enrolment import services
from enrolment.models import Student
from home.phones import display_phone

from .enrolment_admin_helpers import adult, student_form, text
from .factories import make_course, make_run, make_student
from .sign_in_helpers import ask_for_link, emailed_link

KIND_ERROR = "Enter a UK phone number, like 01632 960 001 or 07700 900 982"

TYPED = [
    ("01865 123456", "+441865123456"),
    ("(01865) 123 456", "+441865123456"),
    ("07700 900123", "+447700900123"),
    ("+44 7700 900123", "+447700900123"),
    ("0044 1865 123456", "+441865123456"),
    ("+44 (0)1865 123-456", "+441865123456"),
    ("01632 960 001", "+441632960001"),  # the example in our own error message
    ("+33 1 42 68 53 00", "+33142685300"),  # from abroad, in + form
]
NOT_NUMBERS = ["12345", "01865 12345", "07700 900123 ext 4", "call me", "+44 7700 900123 or 07700 900456"]


@pytest.fixture
def run(course_index):
    return make_run(
        make_course(course_index, "Sleep well"), capacity=3, first_date=timezone.localdate() + dt.timedelta(days=10)
    )


def enrol(client, run, phone):
    return client.post(
        f"/enrol/{run.pk}/",
        {
            "first_name": "Ana",
            "last_name": "Lopes",
            "email": "ana@example.org",
            "phone": phone,
            "adult": "yes",
            "postcode": "",
            "joining_as": "lived_experience",
            "support_needs": "",
            "heard_about": "",
            "contact_by": "phone",
            "consent": "on",
            "supporter_name": "",
            "website": "",
        },
    )


def sign_in(client, student):
    ask_for_link(client, student.email)
    client.post(emailed_link(mail.outbox[-1]))


@pytest.mark.parametrize("typed, stored", TYPED)
def test_the_enrol_form_takes_a_number_written_any_usual_way_and_stores_one_spelling(client, run, typed, stored):
    assert enrol(client, run, typed).status_code == 302
    assert Student.objects.get().phone == stored


@pytest.mark.parametrize("typed", NOT_NUMBERS)
def test_a_number_nobody_could_ring_gets_the_kind_message_and_nothing_is_saved(client, run, typed):
    page = text(enrol(client, run, typed))
    assert KIND_ERROR in page and "There is a problem" in page
    assert not Student.objects.exists()


def test_my_details_show_the_number_the_uk_way_and_a_change_is_stored_in_one_spelling(client, run):
    student = make_student("Ana", email="ana@example.org", phone="+441865123456")
    sign_in(client, student)
    assert "01865 123456" in text(client.get("/my-courses/"))
    form = text(client.get("/my-courses/details/"))
    assert 'value="01865 123456"' in form and "+441865123456" not in form
    details = {
        "first_name": "Ana",
        "last_name": "Lopes",
        "phone": "07700 900 982",
        "postal_address": "",
        "postcode": "",
        "contact_by": "phone",
        "support_needs": "",
        "reminders": "yes",
    }
    assert client.post("/my-courses/details/", details).status_code == 302
    assert Student.objects.get().phone == "+447700900982"
    bad = text(client.post("/my-courses/details/", {**details, "phone": "01865 12345"}))
    assert KIND_ERROR in bad and 'value="01865 12345"' in bad  # given back as they typed it
    assert Student.objects.get().phone == "+447700900982"


def test_staff_adding_a_student_get_the_same_check_and_the_same_spelling(staff_client):
    refused = staff_client.post("/admin/students/new/", student_form(phone="01865 12345"))
    assert KIND_ERROR in text(refused)
    assert not Student.objects.exists()
    response = staff_client.post("/admin/students/new/", student_form(phone="(01865) 123 456"))
    assert response.status_code == 302, text(response)
    assert Student.objects.get().phone == "+441865123456"


def test_staff_see_numbers_the_uk_way_and_can_tap_to_call(staff_client, run):
    student = adult(name="Robin", phone="+441865123456")
    services.join_run(run_id=run.pk, student=student)
    listing = text(staff_client.get("/admin/students/"))
    assert "01865 123456" in listing and "+441865123456" not in listing
    inspect = text(staff_client.get(f"/admin/students/inspect/{student.pk}/"))
    assert 'href="tel:+441865123456">01865 123456</a>' in inspect
    register = text(staff_client.get(f"/admin/enrolment/runs/{run.pk}/register/"))
    assert 'href="tel:+441865123456">01865 123456</a>' in register
    edit = text(staff_client.get(f"/admin/students/edit/{student.pk}/"))
    assert 'value="01865 123456"' in edit


@pytest.mark.parametrize("query", ["07700 900123", "07700900123", "+44 7700 900123", "900123"])
def test_staff_find_a_student_by_their_number_however_they_type_it(staff_client, query):
    adult(name="Robin", phone="+447700900123")
    adult(name="Alex", phone="+441865123456")
    listing = text(staff_client.get("/admin/students/", {"q": query}))
    assert "Robin" in listing and "Alex" not in listing


def test_numbers_from_abroad_are_shown_in_international_form():
    assert display_phone("+33142685300") == "+33 1 42 68 53 00"
    assert display_phone("+447700900123") == "07700 900123"
    assert display_phone("ring the office") == "ring the office"  # an old record, shown as it is


def test_the_migration_stores_numbers_in_one_spelling_and_leaves_anything_else_alone(db):
    migration = import_module("enrolment.migrations.0009_phone_numbers_e164")
    kept = {
        "(01865) 123 456": "+441865123456",
        "07700900123": "+447700900123",
        "+44 7700 900123": "+447700900123",
        "": "",
        "ring the office": "ring the office",
        "12345": "12345",
    }
    students = {typed: make_student(phone=typed) for typed in kept}
    migration.phones_to_e164(apps, None)
    for typed, student in students.items():
        student.refresh_from_db()
        assert student.phone == kept[typed], typed
