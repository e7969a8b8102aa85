"""Subject access (issue 17, item 3): staff press one button on a student's page and get everything
held about them as a ZIP (JSON files, a README and a readable summary.html); the student can
download the same from My courses. The ZIP is read back and compared with the database row by
row, and nothing of another student on the same runs may appear in it.

These tests run in both passes, SQLite and PostgreSQL (no marker): the collector is plain ORM."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from enrolment import services
from enrolment.models import (
    Attendance,
    Enrolment,
    EnrolmentOpensAlert,
    EnrolmentSettings,
    FeedbackAnswer,
    LearningPlan,
    Offer,
    StateChange,
    Student,
    WaitlistEntry,
)
from enrolment.models.places import Source
from enrolment.services.alerts import ask_to_be_told_when_open
from enrolment.services.attendance import mark_attendance
from enrolment.services.feedback import ask_for_feedback, record_answer
from enrolment.services.forgetting import forget_student, place_hold
from enrolment.services.plans import save_plan
from notices.addresses import clear_undeliverable
from notices.models import AddressChecked, Notice
from privacy.access import COVERED, HOLD_FIELDS, NOT_COVERED, models_linked_to_student
from privacy.views import SUBJECT_ACCESS

from .enrolment_admin_helpers import adult
from .factories import make_course, make_run, make_topic
from .plain_english_helpers import (
    GRADE_AT_MOST,
    LONGEST_SENTENCE_WORDS,
    READING_EASE_AT_LEAST,
    alarming,
    heading,
    longest_sentence,
    reading,
)
from .role_helpers import staff_user
from .sign_in_helpers import ask_for_link, emailed_link

TODAY = timezone.localdate()
ADA_WORDS = "The breathing exercise helped me on the bus."
BEA_SECRETS = ["Beatrix", "Brannigan", "bea@example.org", "Bertie Supporter", "Bea's own words about the course"]


class World:
    """Ada, with a bit of everything, and Bea on the same runs."""

    def __init__(self, course_index, staff):
        settings_row = EnrolmentSettings.load()
        settings_row.certificates = True
        settings_row.save()
        now = timezone.now()
        self.ada = adult(
            name="Ada",
            email="ada@example.org",
            phone="+447700900123",
            postcode="OX4 1AA",
            support_needs="Large print, please",
        )
        Student.objects.filter(pk=self.ada.pk).update(last_name="Lovelace")
        self.ada.refresh_from_db()
        self.bea = adult(name="Beatrix", email="bea@example.org", support_needs="A seat by the door")
        Student.objects.filter(pk=self.bea.pk).update(last_name="Brannigan")

        # A course that ended yesterday: both came, both marked present, both gave feedback.
        self.finished = make_run(
            make_course(course_index, "Understanding anxiety"),
            first_date=TODAY - dt.timedelta(days=8),
            sessions=2,
        )
        ada_done = Enrolment.objects.create(run=self.finished, student=self.ada)
        bea_done = Enrolment.objects.create(run=self.finished, student=self.bea, supporter_name="Bertie Supporter")
        for enrolment in (ada_done, bea_done):
            for session in self.finished.session_list:
                mark_attendance(
                    session_id=session.pk, enrolment_id=enrolment.pk, mark=Attendance.Mark.PRESENT, actor=staff
                )
        ask_for_feedback(now)
        record_answer(
            enrolment_id=ada_done.pk, experience="very_good", what_helped=ADA_WORDS, chime={"hope": 5}, now=now
        )
        record_answer(
            enrolment_id=bea_done.pk, experience="good", what_helped="Bea's own words about the course", now=now
        )

        # A course coming up with room for two: Bea takes both places, Ada waits, Bea cancels,
        # Ada is offered the place and accepts.
        self.upcoming = make_run(make_course(course_index, "Sleeping well"), capacity=2, sessions=2)
        bea_place = services.join_run(
            run_id=self.upcoming.pk, student=self.bea, places=2, supporter_name="Bertie Supporter"
        ).enrolment
        ada_wait = services.join_run(run_id=self.upcoming.pk, student=self.ada).entry
        services.cancel_enrolment(enrolment_id=bea_place.pk)
        services.accept_offer(offer_id=Offer.objects.get(entry=ada_wait).pk)

        # A place Ada booked by phone with a supporter, then cancelled.
        third = make_run(make_course(course_index, "Living with pain"), capacity=5)
        ada_cancelled = services.join_run(
            run_id=third.pk, student=self.ada, places=2, supporter_name="Sam Supporter", source=Source.PHONE
        ).enrolment
        services.cancel_enrolment(enrolment_id=ada_cancelled.pk, reason="Moving house")

        # Any dates of another course; a course whose enrolment has not opened; a learning plan.
        services.wait_for_any_date(course=make_course(course_index, "Hearing voices"), student=self.ada, online_ok=True)
        later = make_run(
            make_course(course_index, "Mindfulness"),
            first_date=TODAY + dt.timedelta(days=90),
            enrolment_opens=now + dt.timedelta(days=30),
        )
        ask_to_be_told_when_open(run_id=later.pk, student=self.ada)
        save_plan(
            student=self.ada,
            goals="To sleep through the night.",
            topics=[make_topic("Sleep")],
            shared_with_staff=True,
        )
        clear_undeliverable(self.ada)
        self.course_titles = [
            "Understanding anxiety",
            "Sleeping well",
            "Living with pain",
            "Hearing voices",
            "Mindfulness",
        ]


@pytest.fixture
def world(course_index, staff):
    return World(course_index, staff)


def download(client, url) -> tuple[dict[str, str], object]:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name).decode() for name in archive.namelist()}, response


def staff_url(student) -> str:
    return f"/admin/students/{student.pk}/subject-access/"


def rows(files, name) -> list[dict]:
    return json.loads(files[f"{name}.json"])["rows"]


def iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


# --- What staff download, read back and compared with the database ---


def test_the_staff_download_holds_every_record_of_theirs_and_none_of_anyone_elses(staff_client, world):
    ada = world.ada
    files, response = download(staff_client, staff_url(ada))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="subject-access-student-{ada.pk}-{TODAY.isoformat()}.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    assert {"README.txt", "summary.html", "details.json", "enrolments.json"} <= set(files)

    details = rows(files, "details")[0]
    assert details["first_name"] == "Ada" and details["last_name"] == "Lovelace"
    assert details["email"] == "ada@example.org" and details["phone"] == "+447700900123"
    assert details["support_needs"] == "Large print, please" and details["postcode"] == "OX4 1AA"
    assert details["confirmed_adult"] is True
    assert "link_nonce" not in details  # internal: a one-time value, nothing about them

    def run_of(e):
        return (e.run.course.title, e.run.session_list[0].date.isoformat())

    got = rows(files, "enrolments")
    assert {(r["id"], r["status"], r["course"], r["first_date"], r["places"], r["supporter_name"]) for r in got} == {
        (e.pk, e.get_status_display(), *run_of(e), e.places, e.supporter_name)
        for e in Enrolment.objects.filter(student=ada).select_related("run__course")
    }
    assert {r["status"] for r in rows(files, "enrolments")} == {"Confirmed", "Cancelled"}
    cancelled = next(r for r in rows(files, "enrolments") if r["status"] == "Cancelled")
    cancelled_row = Enrolment.objects.get(pk=cancelled["id"])
    assert cancelled["cancelled_at"] == iso(cancelled_row.cancelled_at) and cancelled["source"] == "Phone"

    assert {(r["id"], r["status"], r["course"]) for r in rows(files, "waiting_lists")} == {
        (w.pk, w.get_status_display(), w.course.title) for w in WaitlistEntry.objects.filter(student=ada)
    }
    assert len(rows(files, "waiting_lists")) == 2
    assert {(r["id"], r["waiting_list_id"], r["status"], r["expires_at"]) for r in rows(files, "offers")} == {
        (o.pk, o.entry_id, o.get_status_display(), iso(o.expires_at)) for o in Offer.objects.filter(entry__student=ada)
    }
    assert [r["status"] for r in rows(files, "offers")] == ["Accepted"]
    assert sorted((r["enrolment_id"], r["session_date"], r["mark"]) for r in rows(files, "attendance")) == sorted(
        (a.enrolment_id, a.session.date.isoformat(), a.get_mark_display())
        for a in Attendance.objects.filter(enrolment__student=ada)
    )
    assert len(rows(files, "attendance")) == 2
    assert [(r["course"], r["attended"], r["sessions"]) for r in rows(files, "certificates")] == [
        ("Understanding anxiety", 2, 2)
    ]

    answer = FeedbackAnswer.objects.get(student=ada)
    (feedback,) = rows(files, "feedback")
    assert feedback["what_helped"] == ADA_WORDS == answer.what_helped
    assert feedback["experience"] == "Very good" and feedback["hope"] == "Strongly agree"

    (plan,) = rows(files, "learning_plan")
    assert plan == {
        "goals": LearningPlan.objects.get(student=ada).goals,
        "topics": "Sleep",
        "shared_with_staff": True,
        "updated_at": iso(LearningPlan.objects.get(student=ada).updated_at),
    }
    alert = EnrolmentOpensAlert.objects.get(student=ada)
    assert [(r["course"], r["created_at"]) for r in rows(files, "opening_alerts")] == [
        ("Mindfulness", iso(alert.created_at))
    ]
    notices = Notice.objects.filter(student=ada).order_by("created_at", "pk")
    assert notices.count() >= 4  # confirmed, offer, cancelled, feedback...
    assert [(r["id"], r["kind"], r["status"], r["channel"]) for r in rows(files, "emails_and_calls")] == [
        (n.pk, n.get_kind_display(), n.get_status_display(), n.get_channel_display()) for n in notices
    ]
    changes = StateChange.objects.filter(student=ada).order_by("at", "pk")
    got = rows(files, "changes")
    assert [(r["at"], r["subject"], r["subject_id"], r["from_state"], r["to_state"], r["reason"]) for r in got] == [
        (iso(c.at), c.subject, c.subject_id, c.from_state, c.to_state, c.reason) for c in changes
    ]
    # Staff marked the register: they are "a member of staff", never named.
    assert {r["who"] for r in rows(files, "changes") if r["subject"] == "attendance"} == {"A member of staff"}
    assert "Moving house" in {r["reason"] for r in rows(files, "changes")}
    assert [r["checked_at"] for r in rows(files, "address_checked")] == [
        iso(AddressChecked.objects.get(student=ada).checked_at)
    ]

    everything = "\n".join(files.values())
    assert [secret for secret in BEA_SECRETS if secret in everything] == []
    assert "Sam Staff" not in everything and "sam@college.example" not in everything


def test_the_summary_is_a_readable_page_with_their_name_and_every_course(staff_client, world):
    files, _ = download(staff_client, staff_url(world.ada))
    summary = files["summary.html"]
    assert "Ada Lovelace" in summary
    assert [title for title in world.course_titles if title not in summary] == []
    assert '<html lang="en-GB">' in summary and "<caption>" in summary
    assert "<link" not in summary and "<script" not in summary  # opens offline, as it is
    assert "cannot be linked back to you" in summary  # equality answers are kept apart
    assert ADA_WORDS in summary
    assert "details.json" in files["README.txt"] and "summary.html" in files["README.txt"]


def test_the_download_is_in_the_students_history(staff_client, staff, world):
    download(staff_client, staff_url(world.ada))
    entry = ModelLogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Student), object_id=str(world.ada.pk), action=SUBJECT_ACCESS
    )
    assert entry.user == staff
    assert "Ada" not in entry.label and "Lovelace" not in entry.label
    history = staff_client.get(f"/admin/students/history/{world.ada.pk}/").content.decode()
    assert "Downloaded everything held about them (subject access)" in history
    # A second download lists the first among what staff did, staff unnamed.
    files, _ = download(staff_client, staff_url(world.ada))
    done = [(r["action"], r["who"]) for r in rows(files, "staff_actions")]
    assert done[-1] == ("Downloaded everything held about them (subject access)", "A member of staff")
    assert {who for _, who in done} == {"A member of staff"}


def test_the_students_page_has_the_button(staff_client, world):
    page = staff_client.get(f"/admin/students/inspect/{world.ada.pk}/").content.decode()
    assert "Download everything we hold (subject access)" in page
    assert staff_url(world.ada) in page


@pytest.mark.parametrize(("group", "expected"), [("Facilitator", "/admin/"), ("Content editor", "/admin/")])
def test_facilitators_and_content_editors_cannot_download(client, world, group, expected):
    client.force_login(staff_user("someone", group))
    response = client.get(staff_url(world.ada))
    assert response.status_code == 302 and response.url == expected
    assert not ModelLogEntry.objects.filter(action=SUBJECT_ACCESS).exists()


def test_a_coordinator_can_download(client, world):
    client.force_login(staff_user("cora", "Course coordinator"))
    files, _ = download(client, staff_url(world.ada))
    assert rows(files, "details")[0]["first_name"] == "Ada"


def test_nobody_signed_in_is_sent_to_sign_in(client, world):
    response = client.get(staff_url(world.ada))
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


# --- The student's own download, from My courses ---


def signed_in_as(student) -> Client:
    client = Client()
    ask_for_link(client, student.email)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"
    return client


def test_the_student_downloads_the_same_from_my_courses(staff_client, world):
    student_client = signed_in_as(world.ada)  # signing in is itself an email owed, in both downloads
    my_courses = student_client.get("/my-courses/").content.decode()
    assert 'href="/my-courses/your-data/"' in my_courses
    page = student_client.get("/my-courses/your-data/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert 'href="/my-courses/your-data/download/"' in page.content.decode()

    theirs, response = download(student_client, "/my-courses/your-data/download/")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith(f'attachment; filename="subject-access-student-{world.ada.pk}-')
    # Staff second: their download is logged after it is made, so both hold the same records.
    staffs, _ = download(staff_client, staff_url(world.ada))
    json_files = sorted(name for name in staffs if name.endswith(".json"))
    assert sorted(name for name in theirs if name.endswith(".json")) == json_files
    staff_sections = {name: json.loads(staffs[name]) for name in json_files}
    # Only the college's hold on erasure (none here) is left out of theirs: see the next test.
    for hold_field in HOLD_FIELDS:
        del staff_sections["details.json"]["labels"][hold_field]
        assert not staff_sections["details.json"]["rows"][0].pop(hold_field)
    assert {name: json.loads(theirs[name]) for name in json_files} == staff_sections


def test_a_safeguarding_hold_is_in_staffs_download_and_not_in_the_students_own(staff_client, world, staff):
    place_hold(student_id=world.ada.pk, reason="Kept for the safeguarding review", by=staff)

    staffs, _ = download(staff_client, staff_url(world.ada))
    assert json.loads(staffs["details.json"])["rows"][0]["erasure_hold_reason"] == "Kept for the safeguarding review"
    assert "Kept for the safeguarding review" in staffs["summary.html"]

    theirs, _ = download(signed_in_as(world.ada), "/my-courses/your-data/download/")
    assert not any("safeguarding" in content.lower() for content in theirs.values())
    assert not any("hold" in row["action"].lower() for row in json.loads(theirs["staff_actions.json"])["rows"])


def test_someone_not_signed_in_is_asked_to_sign_in(client, world):
    for url in ["/my-courses/your-data/", "/my-courses/your-data/download/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/my-courses/sign-in/", url
        assert "no-store" in response["Cache-Control"]


# --- Nothing linked to a student is left out ---


def test_every_model_linked_to_a_student_is_in_the_download_or_left_out_for_a_reason():
    linked = models_linked_to_student()
    missing = linked - set(COVERED) - set(NOT_COVERED)
    assert missing == set(), "add these to privacy/access.py: a section in COVERED, or NOT_COVERED with why"
    assert {"enrolment.Enrolment", "notices.Notice", "enrolment.StateChange"} <= linked


def test_the_students_page_is_plain_english_and_calm(world):
    page = signed_in_as(world.ada).get("/my-courses/your-data/").content.decode()
    ease, grade, _, text = reading(page)
    assert heading(page) == "Download everything we hold about you"
    assert alarming(page) == []
    assert ease >= READING_EASE_AT_LEAST and grade <= GRADE_AT_MOST, (ease, grade)
    assert len(longest_sentence(text).split()) <= LONGEST_SENTENCE_WORDS


def test_after_erasure_staff_still_get_what_is_kept_and_no_name(staff_client, staff, world):
    forget_student(student_id=world.ada.pk, actor=staff)
    files, _ = download(staff_client, staff_url(world.ada))
    erased = Student.objects.get(pk=world.ada.pk)
    details = rows(files, "details")[0]
    assert (details["first_name"], details["last_name"]) == (erased.first_name, erased.last_name)
    assert details["email"] is None
    assert details["forgotten_at"] == iso(erased.forgotten_at)
    everything = "\n".join(files.values())
    assert "Lovelace" not in everything and "ada@example.org" not in everything and "Large print" not in everything
    assert len(rows(files, "enrolments")) == Enrolment.objects.filter(student=world.ada).count() == 3
