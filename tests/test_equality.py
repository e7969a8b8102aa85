"""Equality monitoring (issue 17, item 5): optional questions a college turns on, answered by a
signed-in student, kept apart from their name, and reported only as counts with small numbers
hidden."""

import csv
import datetime as dt
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.db import models
from django.test import Client
from wagtail.models import ModelLogEntry

from enrolment.models import Student
from enrolment.services.forgetting import forget_student
from equality.models import EqualityAsked, EqualityResponse, EqualitySettings
from equality.report import NOT_SHOWN
from equality.services import save_answers
from privacy.access import everything_held

from .factories import make_student, make_term
from .plain_english_helpers import GRADE_AT_MOST, READING_EASE_AT_LEAST, alarming, reading
from .role_helpers import signed_in, staff_user
from .sign_in_helpers import ask_for_link, emailed_link

ABOUT_YOU = "/my-courses/about-you/"
REPORT = "/admin/reports/equality/"
DOWNLOAD = "/admin/reports/equality/download/"
EVERY_QUESTION = ["age_band", "gender", "ethnicity", "disability", "sexual_orientation"]


@pytest.fixture
def ana(db):
    return make_student("Ana", email="ana@example.org")


@pytest.fixture
def turned_on(db):
    setting = EqualitySettings.load()
    for name in EVERY_QUESTION:
        setattr(setting, f"ask_{name}", True)
    setting.save()
    return setting


def sign_in(client, student) -> None:
    ask_for_link(client, student.email)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").find("main").get_text(" ").split())


def answer_many(answers: dict, times: int) -> None:
    for _ in range(times):
        save_answers(student=make_student(), answers=answers)


# ---- The student's side ----------------------------------------------------------------------


def test_off_by_default_no_invitation_and_no_page(client, ana, home_page):
    assert not EqualitySettings.load().is_on
    sign_in(client, ana)
    assert "About you" not in page_text(client.get("/my-courses/"))
    assert client.get(ABOUT_YOU).status_code == 404
    assert client.post(ABOUT_YOU, {"gender": "woman"}).status_code == 404
    assert not EqualityResponse.objects.exists() and not EqualityAsked.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, turned_on):
    assert client.get(ABOUT_YOU).url == "/my-courses/sign-in/"


def test_only_the_questions_turned_on_are_asked_each_with_prefer_not_to_say(client, ana, home_page):
    setting = EqualitySettings.load()
    setting.ask_age_band = setting.ask_disability = True
    setting.save()
    sign_in(client, ana)
    assert "Answer questions about you" in page_text(client.get("/my-courses/"))
    page = client.get(ABOUT_YOU)
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    assert {radio["name"] for radio in soup.select("input[type=radio]")} == {"age_band", "disability"}
    for name in ("age_band", "disability"):
        labels = [radio.find_next("label").get_text(strip=True) for radio in soup.select(f"input[name={name}]")]
        assert labels[-1] == "Prefer not to say"
    assert [legend.get_text(strip=True) for legend in soup.select("legend")] == [
        "How old are you?",
        "Do you consider yourself to have a disability or long-term health condition?",
    ]
    text = page_text(page)
    assert text.count("You do not have to answer.") == 2
    assert "We keep your answers apart from your name" in text
    assert "Skip these questions" in text and "Save my answers" in text
    ease, grade, _, words = reading(page.content.decode())
    assert ease >= READING_EASE_AT_LEAST and grade <= GRADE_AT_MOST, (ease, grade, words)
    assert alarming(page.content.decode()) == []


def test_a_student_answers_and_the_row_has_their_answers_and_nothing_of_them(client, ana, turned_on):
    sign_in(client, ana)
    response = client.post(ABOUT_YOU, {"age_band": "35-44", "ethnicity": "mixed", "disability": "prefer_not"})
    assert response.url == "/my-courses/"
    my_courses = page_text(client.get("/my-courses/"))
    assert "Thank you. We have saved your answers." in my_courses
    assert "Answer questions about you" not in my_courses  # not asked again

    row = EqualityResponse.objects.get()
    assert (row.age_band, row.gender, row.ethnicity, row.disability, row.sexual_orientation) == (
        "35-44",
        "",
        "mixed",
        "prefer_not",
        "",
    )
    assert EqualityAsked.objects.filter(student=ana).exists()
    # Nothing leads from the answers to Ana: no relation to a student, no time, a random key.
    relations = {field.related_model for field in EqualityResponse._meta.get_fields() if field.is_relation}
    assert Student not in relations
    assert not any(isinstance(f, (models.DateField, models.TimeField)) for f in EqualityResponse._meta.get_fields())
    assert isinstance(EqualityResponse._meta.pk, models.UUIDField)
    # ...and what is kept about Ana says only that she was asked.
    assert [f.name for f in EqualityAsked._meta.get_fields()] == ["student"]


def test_a_second_visit_does_not_ask_again_and_cannot_show_the_answers(client, ana, turned_on):
    sign_in(client, ana)
    client.post(ABOUT_YOU, {"gender": "woman"})
    again = client.get(ABOUT_YOU)
    text = page_text(again)
    assert "You have answered already" in text
    assert "Woman" not in text and not BeautifulSoup(again.content.decode(), "html.parser").select("input[type=radio]")
    client.post(ABOUT_YOU, {"gender": "man"})  # an old tab sent again
    assert list(EqualityResponse.objects.values_list("gender", flat=True)) == ["woman"]


def test_an_answer_not_on_the_list_is_told_kindly_and_nothing_is_saved(client, ana, turned_on):
    sign_in(client, ana)
    page = client.post(ABOUT_YOU, {"gender": "<script>", "age_band": "25-34"})
    assert page.status_code == 200
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    summary = soup.select_one(".nhsuk-error-summary")
    assert summary.select_one("a")["href"] == "#id_gender_0"
    assert "Select one of the answers, or leave this question out" in summary.get_text()
    assert soup.title.get_text().startswith("Error:")
    assert not EqualityResponse.objects.exists() and not EqualityAsked.objects.exists()


def test_saving_with_no_answer_stops_the_asking_and_counts_nobody(client, ana, turned_on):
    sign_in(client, ana)
    assert client.post(ABOUT_YOU, {}).url == "/my-courses/"
    assert EqualityAsked.objects.filter(student=ana).exists()
    assert not EqualityResponse.objects.exists()


def test_the_thank_you_page_mentions_the_questions_only_when_they_are_on(client, run):
    thanks = f"/enrol/{run.pk}/thank-you/"
    assert "questions about you" not in page_text(client.get(thanks))
    setting = EqualitySettings.load()
    setting.ask_gender = True
    setting.save()
    text = page_text(client.get(thanks))
    assert "You can also answer some short questions about you in your courses ." in text


def test_answers_count_in_the_term_they_were_given_in(ana, turned_on):
    spring = make_term("Spring 2027", dt.date(2027, 1, 11), dt.date(2027, 3, 31))
    summer = make_term("Summer 2027", dt.date(2027, 4, 19), dt.date(2027, 7, 16))
    save_answers(student=ana, answers={"gender": "woman"}, today=dt.date(2027, 2, 1))
    save_answers(student=make_student(), answers={"gender": "man"}, today=dt.date(2027, 4, 5))  # between terms
    assert dict(EqualityResponse.objects.values_list("gender", "term")) == {"woman": spring.pk, "man": summer.pk}


# ---- The report ------------------------------------------------------------------------------


@pytest.fixture
def coordinator_client(db):
    return signed_in(Client(), staff_user("coordinator", "Course coordinator"))


def figures(response) -> dict[str, dict[str, str]]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    found = {}
    for table in soup.select("main table"):
        caption = table.caption.get_text(strip=True)
        found[caption] = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in table.select("tbody tr")}
    return found


def test_the_report_shows_5_or_more_and_hides_1_to_4_and_what_the_total_would_give_away(coordinator_client, turned_on):
    answer_many({"gender": "woman"}, 7)
    answer_many({"gender": "man"}, 6)
    answer_many({"gender": "non_binary"}, 2)
    answer_many({"ethnicity": "white"}, 5)
    answer_many({"ethnicity": "asian", "age_band": "18-24"}, 3)
    answer_many({"ethnicity": "black"}, 4)

    page = coordinator_client.get(REPORT)
    assert page.status_code == 200
    got = figures(page)
    # One hidden gender, so the next smallest (6) is hidden too: 15 - 7 - 6 would give the 2.
    assert got["Gender"] == {
        "Woman": "7",
        "Man": NOT_SHOWN,
        "Non-binary": "fewer than 5",
        "I use another term": "0",
        "Prefer not to say": "0",
        "Everyone who answered": "15",
    }
    # Two hidden already: they cannot be told apart, so nothing more is hidden.
    assert got["Ethnic group"]["White"] == "5"
    assert got["Ethnic group"]["Asian or Asian British"] == "fewer than 5"
    assert got["Ethnic group"]["Black, Black British, Caribbean or African"] == "fewer than 5"
    assert got["Ethnic group"]["Everyone who answered"] == "12"
    assert got["Age"]["Everyone who answered"] == "fewer than 5"
    assert "3" not in got["Age"].values()

    download = coordinator_client.get(DOWNLOAD)
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0] == ["Question", "Answer", "Number of people"]
    assert ["Gender", "Non-binary", "fewer than 5"] in rows
    assert ["Gender", "Man", NOT_SHOWN] in rows
    assert ["Gender", "Woman", "7"] in rows
    assert ["Ethnic group", "White", "5"] in rows
    assert ["Age", "Everyone who answered", "fewer than 5"] in rows
    assert "equality-monitoring-all-time" in download["Content-Disposition"]
    entry = ModelLogEntry.objects.get(action="college.equality.report_download")
    assert entry.user.username == "coordinator" and entry.data == {"detail": "all time"}


def test_the_report_for_a_term_counts_only_that_terms_answers(coordinator_client, turned_on):
    spring = make_term("Spring 2027", dt.date(2027, 1, 11), dt.date(2027, 3, 31))
    make_term("Summer 2027", dt.date(2027, 4, 19), dt.date(2027, 7, 16))
    for _ in range(5):
        save_answers(student=make_student(), answers={"disability": "yes"}, today=dt.date(2027, 2, 1))
    for _ in range(8):
        save_answers(student=make_student(), answers={"disability": "yes"}, today=dt.date(2027, 5, 1))
    disability = "Disability or long-term health condition"
    assert figures(coordinator_client.get(REPORT, {"term": spring.pk}))[disability]["Yes"] == "5"
    assert figures(coordinator_client.get(REPORT))[disability]["Yes"] == "13"
    download = coordinator_client.get(DOWNLOAD, {"term": spring.pk})
    assert "equality-monitoring-spring-2027" in download["Content-Disposition"]


@pytest.mark.parametrize("role", ["Facilitator", "Content editor"])
def test_facilitators_and_content_editors_cannot_see_the_report(db, role):
    client = signed_in(Client(), staff_user("someone", role))
    for url in (REPORT, DOWNLOAD):
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/", url
    assert "Equality monitoring" not in client.get("/admin/").content.decode()
    assert not ModelLogEntry.objects.filter(action="college.equality.report_download").exists()


def test_the_college_admin_role_may_turn_the_questions_on(db):
    admin = staff_user("admin", "College admin")
    assert admin.has_perm("equality.change_equalitysettings")
    assert not staff_user("coordinator", "Course coordinator").has_perm("equality.change_equalitysettings")
    assert not Group.objects.filter(permissions__codename__contains="equalityresponse").exists()


# ---- Nothing joins the answers to a name -----------------------------------------------------


def test_the_students_admin_page_and_the_student_download_hold_no_answer(client, ana, turned_on, staff):
    sign_in(client, ana)
    client.post(ABOUT_YOU, {"sexual_orientation": "bisexual", "ethnicity": "asian"})
    staff_client = Client()
    staff_client.force_login(staff)
    page = BeautifulSoup(staff_client.get(f"/admin/students/inspect/{ana.pk}/").content.decode(), "html.parser")
    inspect = str(page.find("main"))  # the menus round it name the report, which is no answer
    export = b"".join(staff_client.get("/admin/students/?export=csv").streaming_content).decode("utf-8-sig")
    assert "Ana" in inspect and "ana@example.org" in export
    for words in ("Bisexual", "bisexual", "Asian", "asian", "Equality", "equality"):
        assert words not in inspect and words not in export, words
    # Nor can their own "everything we hold" download: it can say they answered, not what.
    held = json.dumps(everything_held(ana.pk))
    assert "bisexual" not in held.lower() and "asian" not in held.lower()


def test_erasing_a_student_leaves_the_counts_as_they_were(coordinator_client, ana, turned_on):
    save_answers(student=ana, answers={"gender": "woman"})
    answer_many({"gender": "woman"}, 5)
    before = figures(coordinator_client.get(REPORT))
    forget_student(student_id=ana.pk)
    assert figures(coordinator_client.get(REPORT)) == before
    assert before["Gender"]["Woman"] == "6"
    assert EqualityResponse.objects.count() == 6
