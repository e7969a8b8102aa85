"""Erasure by staff (issue 17, item 4): the same service as the student's "delete my data", which
records who asked, how and why, keeps none of the erased details anywhere in the database, and is
blocked only by a college admin's hold, with the reason shown to staff. And a walk-in's details."""

import datetime as dt

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from courses.models import Session
from enrolment import services
from enrolment.errors import ErasureOnHold
from enrolment.models import (
    Enrolment,
    EnrolmentOpensAlert,
    FeedbackAnswer,
    LearningPlan,
    Offer,
    StateChange,
    Student,
    WaitlistEntry,
    WalkIn,
)
from enrolment.selectors import attendance_summary
from enrolment.services.attendance import add_walk_in, erase_walk_in, mark_attendance
from enrolment.services.feedback import record_answer
from enrolment.services.forgetting import forget_student, lift_hold, place_hold
from enrolment.services.plans import save_plan
from enrolment.services.records import record
from enrolment.services.students import mark_email_undeliverable
from notices.models import Notice

from .enrolment_admin_helpers import adult, student_form, text
from .factories import make_course, make_run, make_student
from .role_helpers import signed_in, staff_user
from .sign_in_helpers import ask_for_link, emailed_link

NAME, SURNAME = "Zephyrine", "Quockerwodger"
EMAIL = "zephyrine.q@example.org"
PHONE_DIGITS = "7700900777"
SECRETS = [NAME, SURNAME, EMAIL, PHONE_DIGITS, "Lilac Lane", "OX4 9ZZ", "Barnaby", "deep-sea diving"]
ERASE = {"asked_by": "on_behalf", "how": "phone", "why": "asked on the phone on 3 Dec", "confirm": "on"}


def delete_url(student) -> str:
    return f"/admin/students/delete/{student.pk}/"


def everything_that_mentions(needles: list[str]) -> list[str]:
    """Every text, character and JSON value of every row of every model of every installed app
    that holds one of `needles` (case ignored): where a person's details could still be."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list("pk", *fields):
            for name, value in zip(fields, row[1:], strict=True):
                if value is None:
                    continue
                for needle in needles:
                    if needle.lower() in str(value).lower():
                        found.append(f"{model._meta.label}.{name} (row {row[0]}) holds {needle!r}")
    return found


@pytest.fixture
def future_run(course_index):
    return make_run(make_course(course_index, "Understanding anxiety"), capacity=3, sessions=2)


@pytest.fixture
def past_run(course_index):
    return make_run(
        make_course(course_index, "Sleeping well"),
        first_date=timezone.localdate() - dt.timedelta(weeks=3),
        sessions=2,
    )


@pytest.fixture
def zephyrine(staff_client, future_run, past_run, course_index, staff):
    """A student staff added and changed in the admin, with their words in every place the
    college keeps words about someone: a place to come (with a supporter), a past course with
    feedback, a wait, a learning plan, an alert, staff's reasons, a bounced email."""
    response = staff_client.post(
        "/admin/students/new/",
        student_form(
            first_name=NAME,
            last_name=SURNAME,
            email=EMAIL,
            phone=f"0{PHONE_DIGITS}",
            postal_address="12 Lilac Lane\nOxford",
            postcode="OX4 9ZZ",
            date_of_birth="1980-04-01",
            support_needs=f"{NAME} needs a quiet room",
            heard_about="Barnaby at the GP",
        ),
    )
    assert response.status_code == 302, text(response)
    student = Student.objects.get(email=EMAIL)
    staff_client.post(
        f"/admin/students/edit/{student.pk}/",
        student_form(first_name=NAME, last_name=SURNAME, email=EMAIL, phone=f"0{PHONE_DIGITS}", postcode="OX4 9ZZ"),
    )
    services.join_run(run_id=future_run.pk, student=student, places=2, supporter_name="Barnaby Supporterson")
    past = Enrolment.objects.create(run=past_run, student=student, supporter_name="Barnaby Supporterson")
    mark_attendance(session_id=past_run.session_list[0].pk, enrolment_id=past.pk, mark="present", actor=staff)
    record_answer(
        enrolment_id=past.pk,
        experience="very_good",
        what_helped=f"Meeting people. {NAME} {SURNAME}",
        could_do_better="Call me on 07700900777",
        chime={"hope": 5},
        now=timezone.now(),
    )
    other = make_run(make_course(course_index, "Healthy eating"), capacity=1)
    services.join_run(run_id=other.pk, student=adult())
    services.join_run(run_id=other.pk, student=student, supporter_name="Barnaby Supporterson")
    save_plan(student=student, goals=f"Go deep-sea diving, says {NAME}", topics=[], shared_with_staff=True)
    EnrolmentOpensAlert.objects.create(student=student, run=other)
    # Staff's own words in the record of changes, and a provider's bounce quoting the address.
    earlier = Enrolment.objects.create(run=other, student=student, status=Enrolment.Status.CANCELLED)
    record(
        "enrolment", earlier, student=student, run=other, from_state="confirmed", to_state="cancelled",
        actor=staff, reason=f"{NAME} phoned from Lilac Lane", now=timezone.now(),
    )  # fmt: skip
    mark_email_undeliverable(student_id=student.pk, reason=f"550 {EMAIL} does not exist", now=timezone.now())
    Notice.objects.filter(student=student).update(problem=f"It did not arrive: 550 {EMAIL} unknown")
    # Wagtail's own way of logging a model: labelled with str(student), their name.
    log(instance=student, action="wagtail.edit", user=staff, data={"first_name": NAME})
    student.refresh_from_db()
    return student


def test_the_search_really_finds_a_students_details_before_they_are_erased(zephyrine):
    """The whole-database search below is only worth something if it finds them first."""
    found = "\n".join(everything_that_mentions(SECRETS))
    for where in [
        "enrolment.Student.first_name",
        "enrolment.Enrolment.supporter_name",
        "enrolment.FeedbackAnswer.what_helped",
        "enrolment.LearningPlan.goals",
        "enrolment.StateChange.reason",
        "notices.Notice.problem",
        "wagtailcore.ModelLogEntry.label",
        "wagtailcore.ModelLogEntry.data",
    ]:
        assert where in found, where


def test_staff_erasure_leaves_no_trace_of_them_anywhere_in_the_database(staff_client, zephyrine, staff):
    waiting = WaitlistEntry.objects.get(student=zephyrine)
    response = staff_client.post(delete_url(zephyrine), ERASE, follow=True)

    assert "Their details have been deleted" in text(response)
    assert everything_that_mentions(SECRETS) == []
    student = Student.objects.get(pk=zephyrine.pk)
    assert (student.first_name, student.last_name) == ("Deleted", "student")
    for field in ["email", "date_of_birth"]:
        assert getattr(student, field) is None, field
    for field in ["phone", "postal_address", "postcode", "support_needs", "heard_about", "email_problem"]:
        assert getattr(student, field) == "", field
    assert student.forgotten_at is not None
    assert not LearningPlan.objects.filter(student=student).exists()
    assert not EnrolmentOpensAlert.objects.filter(student=student).exists()
    # The ratings stay for the reports; only their own words go.
    answer = FeedbackAnswer.objects.get(student=student)
    assert (answer.experience, answer.hope, answer.what_helped, answer.could_do_better) == ("very_good", 5, "", "")
    # Their place to come is given up and offered to the person waiting; the past place stays.
    assert not Enrolment.objects.holding_places().filter(student=student, run__sessions__date__gte=timezone.localdate())
    assert Enrolment.objects.filter(student=student, status=Enrolment.Status.CONFIRMED).count() == 1
    waiting.refresh_from_db()
    assert waiting.status not in WaitlistEntry.LIVE


def test_staff_erasure_records_who_asked_how_and_why_and_who_did_it(staff_client, zephyrine, staff):
    staff_client.post(delete_url(zephyrine), ERASE, follow=True)

    change = StateChange.objects.get(student=zephyrine, to_state="forgotten")
    assert change.actor == staff
    assert change.reason == (
        "Asked by someone on their behalf (with their permission), by phone: asked on the phone on 3 Dec"
    )
    entry = ModelLogEntry.objects.get(action="college.student.erased", object_id=str(zephyrine.pk))
    assert entry.user == staff
    assert entry.label == f"Student {zephyrine.pk}"
    assert entry.data == {
        "asked_by": "someone on their behalf (with their permission)",
        "how": "by phone",
        "why": "asked on the phone on 3 Dec",
    }
    # The admin's own history entries no longer carry their name.
    labels = set(ModelLogEntry.objects.filter(object_id=str(zephyrine.pk)).values_list("label", flat=True))
    assert f"Deleted student {zephyrine.pk}" in labels
    history = text(staff_client.get(f"/admin/students/history/{zephyrine.pk}/"))
    assert NAME not in history


def test_the_delete_form_asks_who_and_how_and_warns_against_personal_details(staff_client, zephyrine):
    page = text(staff_client.get(delete_url(zephyrine)))
    assert "Who asked" in page and "How they asked" in page
    assert "Do not write personal details here" in page
    response = staff_client.post(delete_url(zephyrine), {"why": "x" * 201})
    page = text(response)
    assert "Choose who asked" in page and "Choose how they asked" in page
    assert "200 characters or fewer" in page and "Tick the box to confirm" in page
    zephyrine.refresh_from_db()
    assert zephyrine.forgotten_at is None and zephyrine.first_name == NAME


def test_a_hold_blocks_staff_with_its_reason_shown_and_no_button(staff_client, zephyrine, staff):
    place_hold(student_id=zephyrine.pk, reason="Safeguarding review open", by=staff)
    changes_before = StateChange.objects.count()

    page = text(staff_client.get(delete_url(zephyrine)))
    assert "cannot be deleted while the college has a hold" in page and "Safeguarding review open" in page
    assert "Yes, delete their details" not in page

    response = staff_client.post(delete_url(zephyrine), ERASE, follow=True)
    assert "Safeguarding review open" in text(response)
    zephyrine.refresh_from_db()
    assert zephyrine.forgotten_at is None and zephyrine.email == EMAIL
    assert Enrolment.objects.holding_places().filter(student=zephyrine).count() == 2  # nothing given up
    assert StateChange.objects.count() == changes_before


def test_a_hold_blocks_a_direct_call_and_lifting_it_allows_erasure(zephyrine, staff):
    place_hold(student_id=zephyrine.pk, reason="Legal request to keep records", by=staff)
    with pytest.raises(ErasureOnHold, match="Legal request to keep records"):
        forget_student(student_id=zephyrine.pk, actor="system", reason="no activity for 3 years")
    zephyrine.refresh_from_db()
    assert zephyrine.forgotten_at is None and zephyrine.first_name == NAME
    assert WaitlistEntry.objects.get(student=zephyrine).status in WaitlistEntry.LIVE

    lift_hold(student_id=zephyrine.pk, by=staff)
    forget_student(student_id=zephyrine.pk, actor="system", reason="no activity for 3 years")
    zephyrine.refresh_from_db()
    assert zephyrine.forgotten_at is not None and zephyrine.email is None
    change = StateChange.objects.get(student=zephyrine, to_state="forgotten")
    assert change.reason == "Asked by the college (retention): no activity for 3 years"
    hold_actions = ["college.student.erasure_held", "college.student.erasure_hold_lifted"]
    assert ModelLogEntry.objects.filter(action__in=hold_actions).count() == 2


def test_a_hold_blocks_the_students_own_delete_and_tells_them_kindly(client, course_index, staff, college):
    student = make_student(NAME, email=EMAIL)
    place_hold(student_id=student.pk, reason="Safeguarding review open", by=staff)
    ask_for_link(client, EMAIL)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"

    page = text(client.get("/my-courses/delete-my-data/"))
    assert "We cannot delete your details online at the moment" in page and "01865 000111" in page
    assert "Delete my details</button>" not in page
    page = text(client.post("/my-courses/delete-my-data/"))
    assert "We cannot delete your details online at the moment" in page
    assert "Safeguarding" not in page  # staff's reason is never shown to the student
    student.refresh_from_db()
    assert student.forgotten_at is None and student.email == EMAIL


def test_an_erased_student_cannot_be_erased_again_and_a_second_post_changes_nothing(staff_client, zephyrine):
    staff_client.post(delete_url(zephyrine), ERASE)
    changes = StateChange.objects.count()
    page = text(staff_client.get(delete_url(zephyrine)))
    assert "There is nothing more to delete" in page and "Yes, delete their details" not in page
    response = staff_client.post(delete_url(zephyrine), ERASE, follow=True)
    assert "already deleted" in text(response)
    assert StateChange.objects.count() == changes


def test_only_college_admins_may_place_a_hold(client, zephyrine):
    coordinator = signed_in(client, staff_user("coord", "Course coordinator"))
    response = coordinator.post(f"/admin/students/hold/{zephyrine.pk}/", {"reason": "Because"})
    assert response.status_code == 302 and response.url == "/admin/"
    zephyrine.refresh_from_db()
    assert zephyrine.erasure_hold_reason == ""
    # A coordinator may still erase (they take the phone calls), but sees no hold link.
    assert "Put a hold" not in text(coordinator.get(delete_url(zephyrine)))
    client.logout()

    admin = signed_in(client, staff_user("admin", "College admin"))
    response = admin.post(f"/admin/students/hold/{zephyrine.pk}/", {"reason": "Safeguarding review open"})
    assert response.status_code == 302
    zephyrine.refresh_from_db()
    assert zephyrine.erasure_hold_reason == "Safeguarding review open"
    assert zephyrine.erasure_hold_at is not None and zephyrine.erasure_hold_by.username == "admin"
    student_page = text(admin.get(f"/admin/students/inspect/{zephyrine.pk}/"))
    assert "Hold on deleting their details" in student_page and "Safeguarding review open" in student_page
    admin.post(f"/admin/students/hold/{zephyrine.pk}/", {"lift": "1"})
    zephyrine.refresh_from_db()
    assert zephyrine.erasure_hold_reason == "" and zephyrine.erasure_hold_by is None


@pytest.mark.parametrize("group", ["Facilitator", "Content editor"])
def test_facilitators_and_content_editors_cannot_erase(client, zephyrine, group):
    member = signed_in(client, staff_user("someone", group))
    response = member.post(delete_url(zephyrine), ERASE)
    assert response.status_code == 302 and response.url == "/admin/"
    zephyrine.refresh_from_db()
    assert zephyrine.forgotten_at is None and zephyrine.first_name == NAME


# Walk-ins


def test_erasing_a_walk_in_keeps_them_counted_without_their_details(staff_client, future_run, staff):
    session = Session.objects.filter(run=future_run).first()
    walk_in = add_walk_in(
        session_id=session.pk, name="Wanda Walkwell", phone=f"+44{PHONE_DIGITS}", email="wanda@example.org", actor=staff
    )
    register = f"/admin/enrolment/runs/{future_run.pk}/sessions/{session.pk}/"
    assert f"walk-ins/{walk_in.pk}/erase/" in text(staff_client.get(register))
    before = [day.walk_ins for day in attendance_summary(future_run)]

    response = staff_client.post(f"{register}walk-ins/{walk_in.pk}/erase/", follow=True)

    assert "Their details are deleted" in text(response)
    walk_in.refresh_from_db()
    assert (walk_in.name, walk_in.phone, walk_in.email) == ("Walk-in", "", "")
    assert [day.walk_ins for day in attendance_summary(future_run)] == before == [1, 0]
    assert everything_that_mentions(["Wanda", "Walkwell", PHONE_DIGITS, "wanda@example.org"]) == []
    entry = ModelLogEntry.objects.get(action="college.walk_in.erased")
    assert entry.user == staff and entry.label == f"Walk-in {walk_in.pk}"
    assert WalkIn.objects.filter(session=session).count() == 1
    # Nothing more to erase: the button goes, and pressing it again changes nothing.
    assert f"walk-ins/{walk_in.pk}/erase/" not in text(staff_client.get(register))
    assert erase_walk_in(walk_in_id=walk_in.pk, actor=staff) is False


def test_a_live_offer_is_not_kept_for_someone_erased(staff_client, course_index):
    """A place they were being offered goes on to the next person too (as forget_student does)."""
    future_run = make_run(make_course(course_index, "Mindfulness"), capacity=1)
    holder = adult()
    services.join_run(run_id=future_run.pk, student=holder)
    student = adult(name=NAME)
    services.join_run(run_id=future_run.pk, student=student)
    services.join_run(run_id=future_run.pk, student=adult(name="Next"))
    services.cancel_enrolment(enrolment_id=Enrolment.objects.get(student=holder).pk)
    assert Offer.objects.live().get().entry.student == student
    staff_client.post(delete_url(student), ERASE)
    assert Offer.objects.live().get().entry.student.first_name == "Next"
