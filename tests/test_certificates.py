"""Certificates of attendance: what the PDF says (read back with pypdf), who may download it (staff
from the register, the student from My courses), and that nobody else gets it. A certificate is
given only where the college turns them on, for a place that completed a run that has ended."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from courses.models import CourseRun, Facilitator
from enrolment.certificates import FRAME, Certificate, CoFacilitator, certificate_pdf
from enrolment.models import Enrolment, EnrolmentSettings, Student
from enrolment.services.attendance import mark_attendance

from .enrolment_admin_helpers import text
from .factories import make_course, make_facilitator, make_run, make_student
from .sign_in_helpers import ask_for_link, emailed_link

LONG_AGO = timezone.localdate() - dt.timedelta(days=40)


@pytest.fixture
def certificates_on(db):
    setting = EnrolmentSettings.load()
    setting.certificates = True
    setting.save()


@pytest.fixture
def ended_run(course_index, college):
    """Three weekly sessions, all over; 2 needed. Led by Łukasz and Priya."""
    team = [
        make_facilitator(Facilitator.Expertise.EXPERIENCE, "Łukasz Wiśniewski"),
        make_facilitator(Facilitator.Expertise.TRAINING, "Priya Shah"),
    ]
    return make_run(
        make_course(course_index, "Understanding anxiety"), sessions=3, first_date=LONG_AGO, facilitators=team
    )


def enrol(run: CourseRun, first: str, last: str, **fields) -> Enrolment:
    """A place held by a student with the name they gave (make_student numbers the last name)."""
    student = make_student(first, confirmed_adult=True, **fields)
    Student.objects.filter(pk=student.pk).update(last_name=last)
    student.refresh_from_db()
    return Enrolment.objects.create(run=run, student=student)


def came(run: CourseRun, enrolment: Enrolment, *words: str) -> None:
    for session, word in zip(run.session_list, words, strict=False):
        mark_attendance(session_id=session.pk, enrolment_id=enrolment.pk, mark=word, actor=None)


@pytest.fixture
def zoe(ended_run):
    """Completed: present at 2 of 3."""
    place = enrol(ended_run, "Zoë", "Ní Bhriain", support_needs="Hearing loop, please. I have PTSD.")
    came(ended_run, place, "present", "apologies", "present")
    return place


@pytest.fixture
def tom(ended_run):
    """Did not complete: present at 1 of 3."""
    place = enrol(ended_run, "Tom", "Brown")
    came(ended_run, place, "present", "absent", "absent")
    return place


def staff_url(place: Enrolment) -> str:
    return f"/admin/enrolment/runs/{place.run_id}/certificates/{place.pk}/"


def student_url(place: Enrolment) -> str:
    return f"/my-courses/certificates/{place.pk}/"


def register(client, run: CourseRun) -> str:
    return text(client.get(f"/admin/enrolment/runs/{run.pk}/register/"))


def pdf_text(response) -> str:
    """The page's text, a line per line printed (without the spaces a centred line starts with)."""
    lines = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().splitlines()
    return "\n".join(line.strip() for line in lines)


def sign_in(client, student) -> None:
    ask_for_link(client, student.email)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"


# ---- The PDF -----------------------------------------------------------------------------------


def test_the_certificate_says_who_attended_what_and_when_and_who_led_it(staff_client, certificates_on, zoe):
    response = staff_client.get(staff_url(zoe))
    assert response.status_code == 200
    lines = pdf_text(response).splitlines()
    first, last = zoe.run.session_list[0].date, zoe.run.session_list[-1].date
    assert lines == [
        "Test Recovery College",
        "Certificate of attendance",
        "Zoë Ní Bhriain",
        "attended 2 of 3 sessions of the course",
        "Understanding anxiety",
        f"from {first.day} {first:%B %Y} to {last.day} {last:%B %Y}",
        "Led by",
        "Łukasz Wiśniewski, Expert by Experience",
        "Priya Shah, Expert by Training",
    ]


def test_the_certificate_holds_nothing_else_about_the_student(staff_client, certificates_on, zoe):
    words = pdf_text(staff_client.get(staff_url(zoe)))
    for private in ("Hearing loop", "PTSD", zoe.student.email, "apologies"):
        assert private not in words


def test_the_pdf_names_itself_says_its_language_and_carries_its_font(staff_client, certificates_on, zoe):
    reader = PdfReader(io.BytesIO(staff_client.get(staff_url(zoe)).content))
    assert reader.metadata.title == "Certificate of attendance"
    catalogue = reader.trailer["/Root"]
    assert catalogue["/Lang"] == "en-GB"
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts, "the page uses a font"
    for font in fonts:  # embedded, so "Ł" prints the same on any computer
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
        assert font["/BaseFont"].endswith("OpenSans")


def test_the_file_is_named_for_what_it_is_and_never_stored(staff_client, certificates_on, zoe):
    response = staff_client.get(staff_url(zoe))
    last = zoe.run.session_list[-1].date
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="certificate-of-attendance-{last:%Y-%m-%d}.pdf"'
    assert "no-store" in response["Cache-Control"]


def test_a_long_name_and_title_and_a_bigger_team_still_fit_on_one_page():
    certificate = Certificate(
        college_name="Oxfordshire Recovery College",
        student_name="Zoë Ní Bhriain-Featherstonehaugh Montgomery-Smythe",
        course_title="Understanding anxiety and how to live well with it: a longer course for people who want more",
        first_date=dt.date(2027, 3, 2),
        last_date=dt.date(2027, 3, 2),
        attended=1,
        sessions=1,
        facilitators=tuple(CoFacilitator(f"Łukasz Wiśniewski {n}", "Expert by Training") for n in range(10)),
    )
    reader = PdfReader(io.BytesIO(certificate_pdf(certificate)))
    assert len(reader.pages) == 1
    words = reader.pages[0].extract_text()
    assert "attended 1 of 1 session of the course" in words
    assert "on 2 March 2027" in words
    assert "Łukasz Wiśniewski 9, Expert by Training" in words
    # Every line is inside the blue frame: a PDF library silently draws past it, or past the page.
    assert all(FRAME < y < reader.pages[0].mediabox.height - FRAME for y in baselines(reader.pages[0]))


def baselines(page) -> list[float]:
    """How high up the page each line of text sits (its text matrix placed by the page's matrix)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return found


# ---- Staff, from the register ------------------------------------------------------------------


def test_the_register_shows_the_rule_who_completed_and_their_certificates(staff_client, certificates_on, zoe, tom):
    page = register(staff_client, zoe.run)
    assert "To complete: attend 2 of 3 sessions." in page
    assert "The course has ended" in page
    zoe_row, tom_row = (re.search(rf"<tr>\s*<td>.*?{name}.*?</tr>", page, re.S)[0] for name in ("Zoë", "Tom"))
    assert "Present at 2 of 3" in zoe_row and "<strong>Completed</strong>" in zoe_row
    assert "Present at 1 of 3" in tom_row and "<strong>Not completed</strong>" in tom_row
    assert page.count("Certificate (PDF)") == 1
    assert f'href="{staff_url(zoe)}"' in zoe_row


def test_the_register_of_a_run_still_going_says_the_rule_but_nobody_has_completed(
    staff_client, certificates_on, course_index
):
    run = make_run(make_course(course_index, "Sleep well"), sessions=6, sessions_to_complete=4)
    enrol(run, "Ada", "Lovelace")
    page = register(staff_client, run)
    assert "To complete: attend 4 of 6 sessions." in page
    assert "Completed" not in page and "Not completed" not in page and "Certificate (PDF)" not in page


def test_the_register_of_a_run_the_college_cancelled_calls_nobody_not_completed(staff_client, certificates_on, zoe):
    CourseRun.objects.filter(pk=zoe.run_id).update(status=CourseRun.Status.CANCELLED)
    page = register(staff_client, zoe.run)
    assert "Not completed" not in page and "<strong>Completed</strong>" not in page
    assert "Certificate (PDF)" not in page
    assert staff_client.get(staff_url(zoe)).status_code == 404


def test_without_certificates_the_register_shows_who_completed_but_offers_none(staff_client, zoe):
    page = register(staff_client, zoe.run)
    assert "<strong>Completed</strong>" in page
    assert "Certificate (PDF)" not in page
    assert staff_client.get(staff_url(zoe)).status_code == 404


def test_staff_get_no_certificate_for_a_place_that_did_not_complete(staff_client, certificates_on, tom):
    assert staff_client.get(staff_url(tom)).status_code == 404


def test_staff_get_no_certificate_through_another_runs_address(staff_client, certificates_on, zoe, course_index):
    other = make_run(make_course(course_index, "Sleep well"), sessions=1, first_date=LONG_AGO)
    assert staff_client.get(f"/admin/enrolment/runs/{other.pk}/certificates/{zoe.pk}/").status_code == 404
    assert staff_client.get(f"/admin/enrolment/runs/{zoe.run_id}/certificates/999999/").status_code == 404


def test_no_certificate_before_the_last_session_is_over(staff_client, certificates_on, course_index):
    a_week_ago = timezone.localdate() - dt.timedelta(days=7)
    run = make_run(make_course(course_index, "Sleep well"), sessions=3, first_date=a_week_ago, sessions_to_complete=1)
    place = enrol(run, "Ada", "Lovelace")
    came(run, place, "present")  # 1 is enough, but the third session is next week
    assert staff_client.get(staff_url(place)).status_code == 404


def test_no_certificate_once_the_student_asked_us_to_delete_their_details(staff_client, certificates_on, zoe):
    Student.objects.filter(pk=zoe.student.pk).update(forgotten_at=timezone.now())
    assert staff_client.get(staff_url(zoe)).status_code == 404


def test_staff_without_access_to_registers_get_no_certificate(client, certificates_on, zoe):
    editor = get_user_model().objects.create_user("editor", "editor@college.example", "pw", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename="access_admin"))  # Wagtail admin, no registers
    client.force_login(editor)
    response = client.get(staff_url(zoe))
    assert response.status_code != 200
    assert response.get("Content-Type") != "application/pdf"


# ---- The student, from My courses ---------------------------------------------------------------


def test_a_student_downloads_their_own_certificate_from_my_courses(client, certificates_on, zoe):
    sign_in(client, zoe.student)
    page = text(client.get("/my-courses/"))
    assert page.count("Download your certificate (PDF)") == 1
    assert f'href="{student_url(zoe)}"' in page
    response = client.get(student_url(zoe))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="certificate-of-attendance-\d{4}-\d\d-\d\d\.pdf"', response["Content-Disposition"]
    )
    assert "no-store" in response["Cache-Control"]
    assert "Zoë Ní Bhriain" in pdf_text(response)


def test_a_student_who_did_not_complete_sees_no_link_and_is_told_why(client, certificates_on, tom):
    sign_in(client, tom.student)
    page = text(client.get("/my-courses/"))
    assert "Understanding anxiety" in page  # listed among the courses they have been on
    assert "Download your certificate" not in page
    response = client.get(student_url(tom))
    assert response.url == "/my-courses/"
    assert "There is no certificate of attendance for that course." in text(client.get(response.url))


def test_without_certificates_students_see_no_link(client, zoe):
    sign_in(client, zoe.student)
    assert "Download your certificate" not in text(client.get("/my-courses/"))
    assert client.get(student_url(zoe)).url == "/my-courses/"


def test_another_students_certificate_is_not_found(client, certificates_on, zoe, tom):
    sign_in(client, tom.student)
    assert client.get(student_url(zoe)).status_code == 404


def test_signed_out_the_certificate_link_asks_them_to_sign_in(client, certificates_on, zoe):
    response = client.get(student_url(zoe))
    assert response.status_code == 302
    assert response.url == "/my-courses/sign-in/"
