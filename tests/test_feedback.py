"""Feedback after a course (issue 15, item 5): the email goes once, after the last session, to the
people who came; its link opens a short form that keeps one answer per person; staff see the
figures and comments for a course and for a pair of facilitators, with nobody named."""

import datetime as dt

import pytest
from django.utils import timezone

from courses.models import Facilitator
from enrolment import services, tasks
from enrolment.links import Purpose, link_path
from enrolment.models import Attendance, Enrolment, FeedbackAnswer
from enrolment.services import feedback
from enrolment.services.feedback import AlreadyAnswered, ask_for_feedback, record_answer
from enrolment.services.forgetting import forget_student
from notices import content
from notices.content.links import Links
from notices.kinds import Kind
from notices.models import Notice

from .enrolment_admin_helpers import adult, text
from .factories import make_course, make_facilitator, make_run
from .notice_helpers import claimed, links_in, path_of

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


@pytest.fixture
def finished_run(course_index):
    """Two sessions, the last of them yesterday."""
    return make_run(
        make_course(course_index, "Understanding anxiety"), first_date=YESTERDAY - dt.timedelta(weeks=1), sessions=2
    )


def enrol(run, name: str) -> Enrolment:
    return Enrolment.objects.create(run=run, student=adult(name=name))


def came(enrolment: Enrolment, *marks: str) -> Enrolment:
    for session, mark in zip(enrolment.run.session_list, marks, strict=False):
        Attendance.objects.create(session=session, enrolment=enrolment, mark=mark, marked_at=timezone.now())
    return enrolment


def asked() -> list[str]:
    return sorted(Notice.objects.filter(kind=Kind.FEEDBACK).values_list("student__first_name", flat=True))


def feedback_link(enrolment: Enrolment) -> str:
    notice = Notice.objects.get(kind=Kind.FEEDBACK, student=enrolment.student)
    message = content.build_email(claimed(notice))
    link = Links(enrolment.student).feedback(enrolment.pk)
    assert link in links_in(message)
    return path_of(link)


def everyone_came(run, *names) -> list[Enrolment]:
    return [came(enrol(run, name), "present") for name in names]


# --- Who is asked, and when ---


def test_only_people_who_came_are_asked_once_after_the_last_session(finished_run):
    came(enrol(finished_run, "Robin"), "absent", "present")  # one session is enough
    came(enrol(finished_run, "Alex"), "absent", "apologies")
    enrol(finished_run, "Kim")  # never marked
    cancelled = came(enrol(finished_run, "Sam"), "present")
    services.cancel_enrolment(enrolment_id=cancelled.pk, actor="student")

    ask_for_feedback(timezone.now())
    ask_for_feedback(timezone.now())  # the sweep runs every few minutes: still one email each

    assert asked() == ["Robin"]
    assert Notice.objects.get(kind=Kind.FEEDBACK).key.startswith(f"feedback:{finished_run.pk}:")


def test_nobody_is_asked_before_the_last_session_has_ended(course_index):
    run = make_run(make_course(course_index), first_date=timezone.localdate() - dt.timedelta(weeks=1), sessions=2)
    came(enrol(run, "Robin"), "present")
    last = run.session_list[-1]  # today, 10am to midday
    ask_for_feedback(last.starts_at + dt.timedelta(minutes=30))
    assert asked() == []
    ask_for_feedback(last.ends_at + dt.timedelta(minutes=1))
    assert asked() == ["Robin"]


def test_a_later_sweep_leaves_people_already_asked_alone(finished_run, monkeypatch, django_assert_max_num_queries):
    everyone_came(finished_run, *[f"Person{n}" for n in range(20)])
    ask_for_feedback(timezone.now())
    assert len(asked()) == 20
    ledger_calls = []
    monkeypatch.setattr(feedback, "publish", lambda *args, **kwargs: ledger_calls.append(args))
    # Runs and their sessions, then this run's places not yet asked: the same for 20 people or 2,000.
    with django_assert_max_num_queries(3):
        assert ask_for_feedback(timezone.now()) == 0
    assert ledger_calls == []


def test_someone_marked_present_days_later_is_asked_by_the_next_sweep(finished_run):
    came(enrol(finished_run, "Robin"), "present")
    alex = enrol(finished_run, "Alex")  # the register is finished days later
    ask_for_feedback(timezone.now())
    came(alex, "present")
    ask_for_feedback(timezone.now())
    ask_for_feedback(timezone.now())
    assert asked() == ["Alex", "Robin"]


def test_someone_who_asked_us_to_forget_them_is_never_asked(finished_run, monkeypatch):
    robin = came(enrol(finished_run, "Robin"), "present")
    forget_student(student_id=robin.student_id)
    ledger_calls = []
    monkeypatch.setattr(feedback, "publish", lambda *args, **kwargs: ledger_calls.append(args))
    assert ask_for_feedback(timezone.now()) == 0
    assert ledger_calls == []
    robin.refresh_from_db()
    assert robin.status == Enrolment.Status.CONFIRMED  # the place stays, anonymous, for the figures


def test_a_sweep_that_fails_half_way_asks_nobody_and_the_next_one_asks_everyone(finished_run, monkeypatch):
    everyone_came(finished_run, "Robin", "Alex")
    real_publish = feedback.publish

    def publish_then_fail(*args, **kwargs):
        if Notice.objects.exists():
            raise ConnectionError("the database went away")
        return real_publish(*args, **kwargs)

    monkeypatch.setattr(feedback, "publish", publish_then_fail)
    with pytest.raises(ConnectionError):
        ask_for_feedback(timezone.now())
    # The stamp is written with the emails owed, so neither is kept without the other.
    assert asked() == []
    assert not Enrolment.objects.filter(feedback_asked_at__isnull=False).exists()
    monkeypatch.setattr(feedback, "publish", real_publish)
    assert ask_for_feedback(timezone.now()) == 2
    assert asked() == ["Alex", "Robin"]


def test_the_email_names_no_course_in_its_subject_and_links_to_the_form(finished_run, client, site_url):
    robin = came(enrol(finished_run, "Robin"), "present")
    ask_for_feedback(timezone.now())
    message = content.build_email(claimed(Notice.objects.get(kind=Kind.FEEDBACK)))
    assert message.subject == "How did it go?"
    assert "Understanding anxiety" in message.body and "Give feedback" in message.body
    page = text(client.get(feedback_link(robin)))
    assert "Overall, how was your experience of our service?" in page
    assert "Robin" not in page


# --- The form ---


def answer(**fields) -> dict:
    return {"experience": "very_good", "what_helped": "", "could_do_better": "", **fields}


def test_the_form_keeps_one_answer_and_a_second_is_refused_kindly(finished_run, client, site_url):
    robin = came(enrol(finished_run, "Robin"), "present")
    ask_for_feedback(timezone.now())
    url = feedback_link(robin)
    response = client.post(url, answer(what_helped="Meeting people like me", hope="4"))
    assert response.status_code == 302
    assert "Thank you for your feedback" in text(client.get(response.url))
    saved = FeedbackAnswer.objects.get()
    assert (saved.run, saved.experience, saved.what_helped, saved.hope, saved.meaning) == (
        finished_run,
        "very_good",
        "Meeting people like me",
        4,
        None,
    )
    again = text(client.post(url, answer(experience="poor")))
    assert "we already have your feedback" in again
    assert "Tell us how the course went" not in text(client.get(url))
    assert FeedbackAnswer.objects.count() == 1
    with pytest.raises(AlreadyAnswered):
        record_answer(enrolment_id=robin.pk, experience="good", now=timezone.now())


def test_missing_or_wrong_answers_get_kind_errors_and_nothing_is_saved(finished_run, client, site_url):
    robin = came(enrol(finished_run, "Robin"), "present")
    ask_for_feedback(timezone.now())
    url = feedback_link(robin)
    page = text(client.post(url, answer(experience="", could_do_better="x" * 2001, hope="9")))
    assert "<title>Error:" in page
    assert "There is a problem" in page
    assert "Select how your experience was overall, or select don&#x27;t know" in page
    assert "What we could do better must be 2000 characters or fewer" in page
    assert "Select how much you agree" in page
    assert "x" * 2001 in page  # what they typed is kept
    assert not FeedbackAnswer.objects.exists()


def test_someone_who_did_not_come_cannot_answer(finished_run, client):
    absent = came(enrol(finished_run, "Alex"), "absent")
    page = text(client.get(link_path(Purpose.FEEDBACK, absent.pk)))
    assert "We can only ask for feedback from people who came to this course" in page
    assert "Send feedback" not in page
    with pytest.raises(services.EnrolmentError):
        record_answer(enrolment_id=absent.pk, experience="good", now=timezone.now())
    assert not FeedbackAnswer.objects.exists()


# --- Results for staff ---


CHOICES = ["very_good"] * 6 + ["good"] * 3 + ["poor"] * 1


@pytest.fixture
def answered(finished_run):
    """Ten answers to a hand-built set: 6 very good, 3 good, 1 poor; hope from 5 people."""
    people = everyone_came(finished_run, *[f"Person{n}" for n in range(len(CHOICES))])
    for number, (enrolment, choice) in enumerate(zip(people, CHOICES, strict=True)):
        record_answer(
            enrolment_id=enrolment.pk,
            experience=choice,
            what_helped=f"Helped {number}" if number < 2 else "",
            could_do_better="Longer breaks" if number == 9 else "",
            chime={"hope": [5, 4, 4, 3, 4][number] if number < 5 else None, "meaning": 2 if number == 0 else None},
            now=timezone.now(),
        )
    return finished_run


def test_course_results_show_the_figures_for_a_hand_built_set(staff_client, answered):
    page = text(staff_client.get(f"/admin/enrolment/feedback/courses/{answered.course_id}/"))
    assert "Answers: 10." in page
    assert "<strong>90%</strong> said very good or good." in page
    assert '<th scope="row">Very good</th><td>6</td><td>60%</td>' in page
    assert '<th scope="row">Good</th><td>fewer than 5</td><td>Not shown</td>' in page
    assert '<th scope="row">Poor</th><td>fewer than 5</td><td>Not shown</td>' in page
    assert '<th scope="row">Very poor</th><td>0</td><td>0%</td>' in page
    # Hope: 5 + 4 + 4 + 3 + 4 = 20 from 5 people; meaning from 1 person is not shown.
    assert "I feel more hopeful about my future</th><td>4.0</td><td>5</td>" in page
    assert "purpose in my life</th><td>Not shown</td><td>fewer than 5</td>" in page
    assert "Helped 0" in page and "Helped 1" in page and "Longer breaks" in page


def test_results_never_name_who_answered(staff_client, answered):
    facilitators = list(answered.facilitators.all())
    for url in (
        f"/admin/enrolment/feedback/courses/{answered.course_id}/",
        f"/admin/enrolment/feedback/facilitators/{facilitators[0].pk}/{facilitators[1].pk}/",
    ):
        page = text(staff_client.get(url))
        assert "Answers: 10." in page
        assert "Person" not in page and "@example.org" not in page


def test_results_per_pair_of_facilitators_cover_only_the_runs_they_led_together(staff_client, answered, course_index):
    ash = make_facilitator(Facilitator.Expertise.EXPERIENCE, "Ash Experience")
    other = make_run(make_course(course_index, "Sleep well"), first_date=YESTERDAY, facilitators=[ash])
    (enrolment,) = everyone_came(other, "Jo")
    record_answer(enrolment_id=enrolment.pk, experience="very_poor", now=timezone.now())
    first, second = answered.facilitators.all()
    page = text(staff_client.get(f"/admin/enrolment/feedback/facilitators/{first.pk}/{second.pk}/"))
    assert first.name in page and second.name in page
    assert "Answers: 10." in page
    assert '<th scope="row">Very poor</th><td>0</td>' in page
    course_page = text(staff_client.get(f"/admin/enrolment/feedback/courses/{answered.course_id}/"))
    assert "/admin/enrolment/feedback/facilitators/" in course_page


def test_the_register_links_to_the_courses_feedback(staff_client, answered):
    page = text(staff_client.get(f"/admin/enrolment/runs/{answered.pk}/register/"))
    assert f"/admin/enrolment/feedback/courses/{answered.course_id}/" in page


def test_the_five_minute_sweep_asks_for_feedback(finished_run):
    came(enrol(finished_run, "Robin"), "present")
    tasks.remind_offers_ending()
    assert asked() == ["Robin"]
