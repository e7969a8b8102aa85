"""Invisible controls typed into names and notes are taken out before anything is saved or shown
(they can reverse the text around them on staff pages), real letters of every script are kept
exactly, and public forms refuse an email address with a quoted local part."""

import datetime as dt

import pytest
from django.utils import timezone

from enrolment.admin.forms import EnrolOnBehalfForm, ReasonForm
from enrolment.admin.student_form import student_form_class
from enrolment.forms import QUOTED_EMAIL, DetailsForm, EnrolmentForm, SignInForm
from enrolment.models import Student
from enrolment.text import without_hidden_controls

from .factories import make_course, make_run, make_student

HIDDEN = {
    "right-to-left override": "\u202e",
    "left-to-right override": "\u202d",
    "right-to-left embedding": "\u202b",
    "pop directional formatting": "\u202c",
    "left-to-right isolate": "\u2066",
    "right-to-left isolate": "\u2067",
    "first strong isolate": "\u2068",
    "pop directional isolate": "\u2069",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "Arabic letter mark": "\u061c",
    "zero-width space": "\u200b",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "zero-width joiner at the end": "\u200d",
    "zero-width non-joiner at the end": "\u200c",
    "a run of joiners": "\u200d\u200c\u200d",
    "tag characters": "\U000e0041\U000e0042",
}

SCRIPTS = [
    "فاطمة الزهراء",  # Arabic
    "שׁוֹשַׁנָּה",  # Hebrew with points
    "प्रिया क्षत्रिय",  # Devanagari with conjuncts
    "ഫ്രെഡ്‍",  # Malayalam: a ZWJ that makes a chillu letter, kept
    "می‌خواهم",  # Persian: a ZWNJ inside the word, kept
    "王秀英",
    "Zoë-Siân O'Brien",
    "Ġużeppi",
    "Ἀθηνᾶ",
    "Nguyễn",
    "Nurse 👩‍⚕️ and family 👨‍👩‍👧",  # emoji sequences joined by ZWJ, kept
    "Cymru 🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f",  # the Welsh flag, kept
]


def enrolment_data(**changes):
    return {
        "first_name": "Ana",
        "last_name": "Lopes",
        "email": "ana@example.org",
        "adult": "yes",
        "joining_as": "lived_experience",
        "contact_by": "email",
        "consent": "on",
        **changes,
    }


@pytest.mark.parametrize("control", list(HIDDEN.values()), ids=list(HIDDEN))
def test_each_hidden_control_is_taken_out_of_names_and_free_text(control):
    form = EnrolmentForm(
        enrolment_data(
            first_name=f"Ana{control}",
            last_name=f"{control}Lopes",
            support_needs=f"A hearing loop, {control}please{control}\nand large print",
        )
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["first_name"] == "Ana"
    assert form.cleaned_data["last_name"] == "Lopes"
    assert form.cleaned_data["support_needs"] == "A hearing loop, please\nand large print"


@pytest.mark.parametrize("text", SCRIPTS)
def test_real_letters_of_every_script_are_kept_exactly(text):
    assert without_hidden_controls(f"{text}\u202e\u200d\u200c") == text
    assert without_hidden_controls(text) == text
    form = EnrolmentForm(enrolment_data(support_needs=text, heard_about=text))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["support_needs"] == text and form.cleaned_data["heard_about"] == text


def test_a_name_that_would_read_backwards_on_staff_pages_is_saved_plain(client, course_index):
    run = make_run(
        make_course(course_index, "Sleep well"), capacity=3, first_date=timezone.localdate() + dt.timedelta(days=10)
    )
    response = client.post(
        f"/enrol/{run.pk}/",
        enrolment_data(
            first_name="\u202eanA",
            last_name="\u2067Lopes\u2069",
            supporter_name="",
            support_needs="Seat near the door\u200b\u200b\u200b\u202e",
        ),
    )
    assert response.status_code == 302
    student = Student.objects.get()
    assert (student.first_name, student.last_name) == ("anA", "Lopes")
    assert student.support_needs == "Seat near the door"


def test_joiners_that_do_no_work_are_taken_out():
    assert without_hidden_controls("An\u200d\u200c\u200da Lo\u200bpes \u200dX") == "Ana Lopes X"


@pytest.mark.django_db
def test_the_other_forms_that_take_names_and_notes_clean_them_too():
    student = make_student("Ana", email="ana@example.org")
    details = DetailsForm(
        {
            "first_name": "A\u202ena",
            "last_name": "Lo\u2066pes",
            "contact_by": "email",
            "reminders": "yes",
            "support_needs": "\u200fLarge print",
        },
        instance=student,
    )
    assert details.is_valid(), details.errors
    assert (details.cleaned_data["first_name"], details.cleaned_data["last_name"]) == ("Ana", "Lopes")
    assert details.cleaned_data["support_needs"] == "Large print"
    sign_in = SignInForm({"email": "ana@example.org\u200b"})
    assert sign_in.is_valid() and sign_in.cleaned_data["email"] == "ana@example.org"
    on_behalf = EnrolOnBehalfForm({"source": "phone", "places": "2", "supporter_name": "Ben\u202e Carer"})
    assert on_behalf.is_valid(), on_behalf.errors
    assert on_behalf.cleaned_data["supporter_name"] == "Ben Carer"
    reason = ReasonForm({"reason": "They \u2067asked\u2069 us"})
    assert reason.is_valid() and reason.cleaned_data["reason"] == "They asked us"
    staff = student_form_class()(
        {
            "first_name": "\u202eRaj",
            "last_name": "प्रिया\u200b",
            "email": "",
            "phone": "01632 960 001",
            "contact_by": "phone",
            "joining_as": "lived_experience",
            "confirmed_adult": "on",
            "consent_how": "phone",
            "consent_at": "2026-12-01 10:00",
        }
    )
    staff.is_valid()
    assert (staff.cleaned_data["first_name"], staff.cleaned_data["last_name"]) == ("Raj", "प्रिया")


QUOTED = '"<script>alert(1)</script>"@example.org'


def test_a_quoted_email_address_is_refused_kindly_on_public_forms(client, course_index):
    for form in (
        EnrolmentForm(enrolment_data(email=QUOTED)),
        SignInForm({"email": QUOTED}),
        SignInForm({"email": '"ana.lopes"@example.org'}),
    ):
        assert not form.is_valid()
        assert form.errors["email"] == [QUOTED_EMAIL]
    run = make_run(make_course(course_index, "Sleep well"), capacity=3)
    response = client.post(f"/enrol/{run.pk}/", enrolment_data(email=QUOTED))
    assert response.status_code == 200
    page = response.content.decode()
    assert QUOTED_EMAIL in page and "<script>alert(1)" not in page
    assert not Student.objects.exists()
