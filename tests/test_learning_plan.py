"""A student's own learning plan (issue 15, item 8), as a student and staff use it: optional,
private unless the student shares it, showing courses on the topics they chose, and gone when
they ask us to delete their data."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import CourseRun
from enrolment.models import Enrolment, LearningPlan

from .factories import make_course, make_location, make_run, make_student, make_topic
from .plain_english_helpers import (
    GRADE_AT_MOST,
    READING_EASE_AT_LEAST,
    SAYS_HOW_TO_FIX_IT,
    alarming,
    reading,
)
from .sign_in_helpers import ask_for_link, emailed_link

PLAN = "/my-courses/learning-plan/"
PRIVATE_WORDS = "I want to sleep better and go back to my choir"


@pytest.fixture
def topics(db):
    return {name: make_topic(name) for name in ("Sleep", "Creativity", "Money")}


@pytest.fixture
def ana(db):
    return make_student("Ana", email="ana@example.org")


def sign_in(client, student) -> None:
    ask_for_link(client, student.email)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").find("main").get_text(" ").split())


def staff_page_text(staff_client, student) -> str:
    response = staff_client.get(reverse("students:inspect", args=[student.pk]))
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content.decode(), "html.parser").get_text(" ").split())


def save(client, goals="", topics=(), shared="no"):
    return client.post(PLAN, {"goals": goals, "topics": [topic.pk for topic in topics], "shared": shared})


def test_signed_out_people_are_sent_to_sign_in_and_nothing_is_saved(client, ana, topics):
    assert client.get(PLAN).url == "/my-courses/sign-in/"
    assert save(client, PRIVATE_WORDS, [topics["Sleep"]], "yes").url == "/my-courses/sign-in/"
    assert not LearningPlan.objects.exists()


def test_my_courses_offers_the_plan_calmly_and_the_plan_page_says_it_is_private(client, ana, topics):
    sign_in(client, ana)
    my_courses = page_text(client.get("/my-courses/"))
    assert "Start your learning plan" in my_courses
    page = client.get(PLAN)
    text = page_text(page)
    assert "Your learning plan" in text
    assert "This is for you. Staff only see it if you choose to share it." in text
    # Nothing is chosen for them: sharing starts at "No".
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    assert soup.find("input", {"name": "shared", "value": "no"}).has_attr("checked")
    assert not soup.find("input", {"name": "shared", "value": "yes"}).has_attr("checked")
    assert [box.find_next("label").get_text(strip=True) for box in soup.select("input[name=topics]")] == [
        "Creativity",
        "Money",
        "Sleep",
    ]


def test_a_student_saves_their_plan_and_sees_it_again_to_change(client, ana, topics):
    sign_in(client, ana)
    response = save(client, f"  {PRIVATE_WORDS}\n", [topics["Sleep"], topics["Creativity"]])
    assert response.url == "/my-courses/"
    my_courses = page_text(client.get("/my-courses/"))
    assert "Your learning plan is saved." in my_courses
    assert "Your plan is private. Staff cannot see it." in my_courses
    assert "Change your learning plan" in my_courses

    soup = BeautifulSoup(client.get(PLAN).content.decode(), "html.parser")
    assert soup.find("textarea", {"name": "goals"}).get_text().strip() == PRIVATE_WORDS
    ticked = {box["value"] for box in soup.select("input[name=topics]") if box.has_attr("checked")}
    assert ticked == {str(topics["Sleep"].pk), str(topics["Creativity"].pk)}

    # Changing it replaces what was there: new words, one topic taken off.
    save(client, "Learn to manage money worries", [topics["Money"]])
    plan = LearningPlan.objects.get(student=ana)
    assert plan.goals == "Learn to manage money worries"
    assert list(plan.topics.all()) == [topics["Money"]]
    assert LearningPlan.objects.count() == 1


def test_sharing_is_the_students_choice_and_staff_see_the_plan_only_while_it_is_shared(
    client, staff_client_for_students, ana, topics
):
    staff_client = staff_client_for_students
    sign_in(client, ana)
    save(client, PRIVATE_WORDS, [topics["Sleep"]], shared="no")
    staff_sees = staff_page_text(staff_client, ana)
    assert "Learning plan Not shared" in staff_sees
    assert PRIVATE_WORDS not in staff_sees and "Sleep" not in staff_sees

    save(client, PRIVATE_WORDS, [topics["Sleep"]], shared="yes")
    assert "You are sharing your plan with college staff." in page_text(client.get("/my-courses/"))
    staff_sees = staff_page_text(staff_client, ana)
    assert PRIVATE_WORDS in staff_sees
    assert "Topics they are interested in Sleep" in staff_sees
    assert "Not shared" not in staff_sees

    save(client, PRIVATE_WORDS, [topics["Sleep"]], shared="no")  # they change their mind
    staff_sees = staff_page_text(staff_client, ana)
    assert "Not shared" in staff_sees and PRIVATE_WORDS not in staff_sees


def test_staff_see_not_shared_for_a_student_with_no_plan_at_all(staff_client_for_students, ana):
    # "Not shared" either way, so staff cannot tell whether a private plan exists.
    assert "Learning plan Not shared" in staff_page_text(staff_client_for_students, ana)


def test_my_courses_lists_runs_open_for_enrolment_on_the_topics_they_chose(client, ana, topics, course_index):
    soon = timezone.localdate() + dt.timedelta(days=10)
    hub = make_location("Cowley Hub")
    sleep_course = make_course(course_index, "Sleep well", topics=[topics["Sleep"]])
    open_run = make_run(sleep_course, first_date=soon + dt.timedelta(days=1), location=hub)
    booked_run = make_run(sleep_course, first_date=soon + dt.timedelta(days=7), location=hub)
    Enrolment.objects.create(run=booked_run, student=ana)  # already theirs: not suggested again
    make_run(  # enrolment not open yet
        make_course(course_index, "Rest and dreams", topics=[topics["Sleep"]]),
        first_date=soon + dt.timedelta(days=120),
        enrolment_opens=timezone.now() + dt.timedelta(days=30),
    )
    make_run(  # cancelled
        make_course(course_index, "Sleep and mood", topics=[topics["Sleep"]]), first_date=soon, status="cancelled"
    )
    make_run(make_course(course_index, "Budgeting basics", topics=[topics["Money"]]), first_date=soon)
    painting = make_run(
        make_course(course_index, "Painting for calm", topics=[topics["Creativity"]]),
        first_date=soon,
        format=CourseRun.Format.ONLINE,
    )

    sign_in(client, ana)
    assert "Courses that match your interests" not in page_text(client.get("/my-courses/"))  # no plan yet
    save(client, "", [topics["Sleep"], topics["Creativity"]])
    soup = BeautifulSoup(client.get("/my-courses/").content.decode(), "html.parser")
    heading = soup.find("h3", string="Courses that match your interests")
    assert heading is not None
    listed = heading.find_next("ul").find_all("li")
    later = soon + dt.timedelta(days=1)
    assert [" ".join(item.get_text().split()) for item in listed] == [
        f"Painting for calm, starting {soon:%A %-d %B %Y}, online",
        f"Sleep well, starting {later:%A %-d %B %Y}, Cowley Hub",
    ]
    assert [item.find("a")["href"] for item in listed] == [f"/enrol/{painting.pk}/", f"/enrol/{open_run.pk}/"]


def test_asking_us_to_delete_their_data_deletes_the_plan(client, ana, topics):
    sign_in(client, ana)
    save(client, PRIVATE_WORDS, [topics["Sleep"]], shared="yes")
    client.post("/my-courses/delete-my-data/")
    assert not LearningPlan.objects.exists()
    assert not LearningPlan.topics.through.objects.exists()


def test_staff_deleting_a_students_details_deletes_the_plan_too(client, staff_client_for_students, ana, topics):
    sign_in(client, ana)
    save(client, PRIVATE_WORDS, [topics["Sleep"]], shared="yes")
    staff_client_for_students.post(
        reverse("students:delete", args=[ana.pk]), {"asked_by": "student", "how": "phone", "confirm": "on"}
    )
    assert not LearningPlan.objects.exists()


def test_wrong_answers_get_kind_errors_and_keep_what_was_typed(client, ana, topics):
    sign_in(client, ana)
    too_long = "a" * 2001
    response = client.post(PLAN, {"goals": too_long, "topics": ["999999"], "shared": "maybe"})
    assert response.status_code == 200
    html = response.content.decode()
    assert alarming(html)  # the error styles show
    soup = BeautifulSoup(html, "html.parser")
    summary = [item.get_text(strip=True) for item in soup.select(".nhsuk-error-summary__list li")]
    assert summary == [
        "Your goals must be 2000 characters or fewer",
        "Select topics from the list. A topic you chose may no longer be offered",
        "Select whether you want college staff to see your plan",
    ]
    assert all(SAYS_HOW_TO_FIX_IT.match(message) for message in summary)
    assert soup.find("textarea", {"name": "goals"}).get_text().strip() == too_long
    # No maxlength: a browser would cut pasted words off silently, instead of this error.
    assert not soup.find("textarea", {"name": "goals"}).has_attr("maxlength")
    assert soup.title.get_text().startswith("Error:")
    assert not LearningPlan.objects.exists()


def test_hidden_controls_are_taken_out_of_their_goals(client, ana):
    sign_in(client, ana)
    save(client, "Sleep \u202ebetter\u200b")
    assert LearningPlan.objects.get(student=ana).goals == "Sleep better"


def test_the_plan_page_is_plain_english_and_calm(client, ana, topics):
    sign_in(client, ana)
    html = client.get(PLAN).content.decode()
    ease, grade, _, text = reading(html)
    assert alarming(html) == []
    assert ease >= READING_EASE_AT_LEAST and grade <= GRADE_AT_MOST, text


@pytest.fixture
def staff_client_for_students(staff):
    # A client of its own: the student's client holds the student's session.
    other = Client()
    other.force_login(staff)
    return other
