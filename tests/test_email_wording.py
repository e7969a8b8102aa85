"""Staff's own wording for an email: it replaces ours and keeps the facts, every placeholder it
allows is filled in, unknown placeholders and course words where a lock screen shows them are
refused with a message that says how to fix it, and the admin starts from our words and previews
the real layout with made-up details."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from enrolment import services
from notices import content, wording
from notices.models import Kind, Wording

from .email_helpers import (
    TITLE,
    both,
    preheader,
    uk_day,
    understanding_anxiety_run,  # noqa: F401 (the fixture `run`)
)
from .notice_helpers import SUPPORT_NEEDS, make_student, notice_for, notice_of

ADD_URL = "/admin/snippets/notices/wording/add/"


@pytest.fixture
def staff_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("staff", "staff@example.org", "pw"))
    return client


def test_staff_wording_replaces_ours_and_keeps_the_facts(run):
    Wording.objects.create(
        kind=Kind.CONFIRMED,
        subject="See you soon, {first_name}",
        preview="",
        body="Dear {first_name},\n\nSee you on {first_date} for {course}.\n"
        "Bring a <pen> & paper.\n\nCall {college_phone} any time.",
    )
    student = make_student("Ana")
    services.join_run(run_id=run.pk, student=student)
    message = content.build_email(notice_for(Kind.CONFIRMED, student))
    text, html = both(message)
    first = uk_day(run.sessions.first().date)
    assert message.subject == "See you soon, Ana"
    assert preheader(html) == wording.DEFAULTS[Kind.CONFIRMED].preview  # blank: ours, not the body
    assert f"Dear Ana,\n\nSee you on {first} for {TITLE}.\nBring a <pen> & paper.\n\nCall 01865 000111" in text
    assert f"See you on {first} for {TITLE}.<br>Bring a &lt;pen&gt; &amp; paper.</p>" in html
    assert "Thank you for enrolling" not in text
    for part in (text, html):
        assert f"{first}, 10am to midday" in part and "Cancel my place" in part


@pytest.mark.parametrize("kind", Kind.values)
def test_every_placeholder_an_email_allows_is_filled_in(run, kind):
    names = wording.PLACEHOLDERS[kind]
    Wording.objects.create(kind=kind, subject="Hello", body="\n".join(f"{name}=[{{{name}}}]" for name in names))
    text = content.build_email(notice_of(kind, run, make_student("Ana"))).body
    filled = dict(re.findall(r"^(\w+)=\[(.*)\]$", text, flags=re.M))
    assert set(filled) == set(names) and all(value and "{" not in value for value in filled.values()), filled
    assert filled["first_name"] == "Ana" and filled["college_phone"] == "01865 000111"


def test_the_validation_names_an_unknown_placeholder_and_lists_the_allowed_ones():
    with pytest.raises(ValidationError) as refused:
        wording.validate(Kind.OFFERED, subject="A place for you", preview="", body="Hello {frist_name}")
    (message,) = refused.value.message_dict["body"]
    assert message.startswith("We do not recognise the placeholder {frist_name}.")
    assert "{first_name}" in message and "{offer_ends}" in message and "{position}" not in message
    assert wording.problems(Kind.OFFERED, "body", "Hello {first_name") == [
        "A curly bracket is missing its partner. Placeholders look like {first_name}, with one bracket on each side."
    ]
    assert wording.problems(Kind.OFFERED, "body", "Hello {first_name.__class__}")  # no reaching into objects
    for kind, ours in wording.DEFAULTS.items():
        wording.validate(kind, subject=ours.subject, preview=ours.preview, body=ours.body, course_titles=[TITLE])


def test_the_admin_refuses_unknown_placeholders_and_course_words_on_the_lock_screen(staff_client, run):
    form = {
        "kind": Kind.CONFIRMED,
        "subject": "Booked: {course}",
        "preview": "Your anxiety course",
        "body": "Hello {first_name}, see you on {frist_date}.",
    }
    page = staff_client.post(ADD_URL, form).content.decode()
    assert "We do not recognise the placeholder {frist_date}" in page and "{first_date}" in page
    assert "{course} cannot go in the subject" in page
    assert "Please leave &quot;anxiety&quot; out of the preview" in page
    assert not Wording.objects.exists()
    form.update(subject="Booked for {first_date}", preview="See you soon", body="Hello {first_name}.")
    assert staff_client.post(ADD_URL, form).status_code == 302
    assert Wording.objects.get().subject == "Booked for {first_date}"


def test_the_add_form_starts_from_our_words_for_the_email_chosen(staff_client, run):
    page = staff_client.get(ADD_URL + "?kind=offered").content.decode()
    assert 'value="A place has come up for you"' in page and "{offer_ends}" in page
    assert "We are keeping it for you until {offer_ends}." in page
    assert "Email wording" in staff_client.get("/admin/").content.decode()  # in the menu
    row = Wording.objects.create(kind=Kind.OFFERED, subject="Good news", body="Hello {first_name}")
    edit = staff_client.get(f"/admin/snippets/notices/wording/edit/{row.pk}/").content.decode()
    assert "Our suggested words for this email" in edit and "A place has come up for you" in edit


def test_the_live_preview_shows_the_real_layout_with_made_up_details(staff_client, run):
    preview_url = "/admin/snippets/notices/wording/preview/"
    form = {
        "kind": Kind.REMINDER_SESSION,
        "subject": "See you soon",
        "preview": "",
        "body": "Hello {first_name},\n\nYour session of {course} is on {session_date}.",
    }
    assert staff_client.post(preview_url, form).json() == {"is_valid": True, "is_available": True}
    page = staff_client.get(preview_url).content.decode()
    assert "Hello Alex," in page and "Building confidence" in page  # the made-up student and course
    assert "background-color:#005eb8" in page and "Need help now?" in page and "See you soon" in page
    assert "video.example.org/join" in page  # the last reminder shows where joining details go
    assert SUPPORT_NEEDS not in page and TITLE not in page
