"""The accessibility statement says what is true, and keeps saying it.

Its facts are in home/accessibility.py. These tests check that the page shows them with the
college's own contact details; that no planned fix date has passed and the statement has been
reviewed in the last year; that each known issue is still real (so fixing one fails a test that
says to take it off the list); that each check we say we make is a test that exists; and that
every page's footer reaches the statement."""

import ast
import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Page

from home import accessibility
from home.blocks import RICH_TEXT_FEATURES, body_blocks
from home.models import CollegeSettings, ContentPage

from .factories import make_course, make_run, make_student, publish
from .sign_in_helpers import ask_for_link, emailed_link

ROOT = Path(__file__).resolve().parent.parent
URL = "/accessibility-statement/"

# GOV.UK's model accessibility statement, in its order. The monitoring body looks for these.
REQUIRED_HEADINGS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Disproportionate burden",
    "What we are doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def words(html: str) -> str:
    """The page's text as a person reads it, with runs of spaces and line breaks made one space."""
    return " ".join(BeautifulSoup(html, "html.parser").find("main").get_text(" ").split())


def headings(html: str) -> list[str]:
    main = BeautifulSoup(html, "html.parser").find("main")
    return [" ".join(h.get_text(" ").split()) for h in main.find_all(["h1", "h2", "h3"])]


@pytest.fixture
def riverside(home_page) -> CollegeSettings:
    """A college with details unlike the demo's, so nothing can pass by being hard-coded."""
    details = CollegeSettings.load()
    details.name = "Riverside Recovery College"
    details.phone, details.phone_hours = "01632 960 777", "Tuesday to Thursday, 10am to 3pm"
    details.email = "hello@riverside.example.org"
    details.postal_address = "Riverside Recovery College\n1 Mill Lane\nNewtown\nNT1 1AA"
    details.save()
    return details


# (a) The page, with the college's own details and every section of the model statement.


def test_the_statement_has_every_section_of_the_model_statement_in_order(client, riverside):
    html = client.get(URL).content.decode()
    found = headings(html)
    assert found[0] == "Accessibility statement for Riverside Recovery College"
    assert [heading for heading in found if heading in REQUIRED_HEADINGS] == REQUIRED_HEADINGS


def test_the_statement_gives_the_colleges_own_contact_details_from_its_settings(client, riverside):
    text = words(client.get(URL).content.decode())
    for detail in [
        "Riverside Recovery College",
        "01632 960 777",
        "Tuesday to Thursday, 10am to 3pm",
        "hello@riverside.example.org",
        "1 Mill Lane Newtown NT1 1AA",
    ]:
        assert detail in text, detail
    assert 'href="mailto:hello@riverside.example.org"' in client.get(URL).content.decode()

    riverside.phone, riverside.email = "01632 960 888", "access@riverside.example.org"
    riverside.save()
    text = words(client.get(URL).content.decode())
    assert "01632 960 888" in text and "access@riverside.example.org" in text
    assert "01632 960 777" not in text and "hello@riverside.example.org" not in text


def test_the_statement_says_what_the_regulations_ask_it_to(client, riverside):
    text = words(client.get(URL).content.decode())
    for needed in [
        # Who runs it, and that we want everyone to be able to use it.
        "This website is run by Riverside Recovery College",
        "We want as many people as possible to be able to use it",
        "zoom in up to 400%",
        "using just a keyboard",
        "speech recognition",
        "screen reader",
        # Other formats, and how soon we reply.
        "large print",
        "easy read",
        "audio recording",
        "braille",
        f"within {accessibility.REPLY_WITHIN_WORKING_DAYS} working days",
        # Enforcement.
        "Equality and Human Rights Commission (EHRC)",
        "Equality Advisory and Support Service (EASS)",
        accessibility.REGULATIONS,
        # Compliance, honestly.
        "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard",
        # When.
        "This statement was prepared on 23 November 2026",
        f"It was last reviewed on {accessibility.REVIEWED_ON.day} {accessibility.REVIEWED_ON:%B %Y}",
    ]:
        assert needed in text, needed
    for check in accessibility.HOW_WE_TEST:
        assert " ".join(check.what.split()) in text


def test_with_no_known_issues_the_statement_says_fully_compliant(client, riverside, monkeypatch):
    monkeypatch.setattr(accessibility, "KNOWN_ISSUES", ())
    text = words(client.get(URL).content.decode())
    assert "This website is fully compliant with the Web Content Accessibility Guidelines" in text
    assert "partially" not in text and "This does not meet" not in text


# (b) Every known issue, with the criteria it fails and when we will fix it; no date is past.


def test_every_known_issue_is_shown_with_its_criteria_and_fix_date(client, riverside):
    text = words(client.get(URL).content.decode())
    assert accessibility.KNOWN_ISSUES
    for issue in accessibility.KNOWN_ISSUES:
        wording = issue.wording()
        for part in ("summary", "problem", "meanwhile", "plan"):
            assert wording[part] in text, (issue.key, part)
        for criterion in issue.criteria:
            assert str(criterion) in text, (issue.key, criterion)
        assert f"We plan to do this by {issue.fix_by.day} {issue.fix_by:%B %Y}" in text, issue.key
        assert client.get(wording["way_round_url"]).status_code == 200, issue.key


def overdue(issues, today: dt.date) -> list[str]:
    return [f"{issue.key}: we said we would fix it by {issue.fix_by}" for issue in issues if issue.fix_by < today]


def test_no_planned_fix_date_has_passed():
    """When one has, fix the issue or give it an honest new date in home/accessibility.py."""
    assert overdue(accessibility.KNOWN_ISSUES, timezone.localdate()) == []


def test_a_fix_date_in_the_past_is_caught():
    late = dataclasses.replace(accessibility.KNOWN_ISSUES[0], fix_by=timezone.localdate() - dt.timedelta(days=1))
    assert overdue([late], timezone.localdate()) != []


def test_the_statement_was_reviewed_in_the_last_year():
    """The regulations expect a regular review. Check every fact in home/accessibility.py, then
    move REVIEWED_ON to today."""
    today = timezone.localdate()
    assert accessibility.PREPARED_ON <= accessibility.REVIEWED_ON <= today
    assert (today - accessibility.REVIEWED_ON).days <= 365


# (c) Each known issue is still real. Fixed one? Take it off KNOWN_ISSUES in home/accessibility.py.


@pytest.fixture
def course(home_page):
    from courses.models import CourseIndexPage

    index = publish(home_page, CourseIndexPage(title="Course dates", slug="course-dates"))
    course = make_course(index, "Sleep well")
    make_run(course, first_date=timezone.localdate() + dt.timedelta(days=10))
    return course


def prospectus_pdf_untagged(client, course):
    response = client.get("/prospectus.pdf")
    page = client.get("/prospectus/").content.decode()
    assert response.status_code == 200 and "Sleep well" in page
    assert "The PDF may not work well with a screen reader" in page  # said where people choose it
    pdf = PdfReader(io.BytesIO(response.content))
    catalog = pdf.trailer["/Root"]
    assert "/StructTreeRoot" not in catalog and "/MarkInfo" not in catalog, (
        "The prospectus PDF is tagged now: check it with a screen reader, then take "
        "'prospectus_pdf_untagged' off KNOWN_ISSUES in home/accessibility.py."
    )
    # Untagged links or form fields would also fail 4.1.2 (name, role, value): it has none.
    assert "/AcroForm" not in catalog and not any("/Annots" in page for page in pdf.pages), (
        "The prospectus PDF has links or form fields now: add WCAG 4.1.2 to its known issue."
    )


def sign_in_time_limit(client, course):
    """A sign-in runs out, sooner than the 20 hours WCAG allows without a warning, and the pages a
    signed-in student uses offer no way to get more time."""
    assert settings.STUDENT_SESSION_SECONDS < 20 * 60 * 60, (
        "Signing in now lasts 20 hours or more, which WCAG 2.2.1 allows: take "
        "'sign_in_time_limit' off KNOWN_ISSUES in home/accessibility.py."
    )
    student = make_student("Ana", email="ana@example.org")
    ask_for_link(client, student.email)
    client.post(emailed_link(mail.outbox[-1]))
    pages = [client.get(path).content.decode() for path in ("/my-courses/", "/my-courses/details/")]
    offers_more_time = [
        page
        for page in pages
        if re.search(r"more time|stay signed in|signed in for longer", words(page), re.IGNORECASE)
    ]
    assert offers_more_time == [], (
        "A signed-in page now offers more time: if people are also warned before the time runs "
        "out, take 'sign_in_time_limit' off KNOWN_ISSUES in home/accessibility.py."
    )
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))  # time ran out
    assert client.get("/my-courses/").url == "/my-courses/sign-in/"


STILL_REAL = {"prospectus_pdf_untagged": prospectus_pdf_untagged, "sign_in_time_limit": sign_in_time_limit}


def test_every_known_issue_has_a_test_that_it_is_still_real():
    assert set(STILL_REAL) == {issue.key for issue in accessibility.KNOWN_ISSUES}, (
        "Each known issue needs a function in STILL_REAL that fails once it is fixed."
    )


@pytest.mark.parametrize("key", sorted(STILL_REAL))
def test_every_known_issue_is_still_real(client, course, key):
    STILL_REAL[key](client, course)


def test_staff_can_still_add_what_the_statement_says_our_tests_cannot_check():
    """The statement says our tests cannot check pictures and documents staff add to pages."""
    assert "pictures" in accessibility.NOT_CHECKED and "documents" in accessibility.NOT_CHECKED
    assert "document-link" in RICH_TEXT_FEATURES, "Staff can no longer link documents: update NOT_CHECKED"
    assert "image" in dict(body_blocks()), "Staff can no longer add pictures: update NOT_CHECKED"


def test_every_check_we_say_we_make_is_a_test_that_exists():
    for check in accessibility.HOW_WE_TEST:
        assert check.proved_by
        for proof in check.proved_by:
            path, _, name = proof.partition("::")
            assert (ROOT / path).exists(), f"{proof}: no such file, so the statement claims too much"
            tree = ast.parse((ROOT / path).read_text())
            tests = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
            assert any(test.startswith(name) for test in tests), (
                f"{proof}: no such test, so the statement claims too much"
            )


# (d) Every page's footer reaches the statement.


def footer_link(html: str) -> str:
    footer = BeautifulSoup(html, "html.parser").find("footer")
    return footer.find("a", string="Accessibility statement")["href"]


def test_the_footer_of_every_page_reaches_the_statement(client, riverside, course):
    about = publish(course.get_parent().get_parent(), ContentPage(title="About", slug="about", body=[]))
    pages = [
        "/",
        "/course-dates/",
        course.url,
        about.url,
        f"/enrol/{course.runs.get().pk}/",
        "/prospectus/",
        "/search/?q=sleep",
        "/my-courses/sign-in/",
        "/no-such-page/",
        URL,
    ]
    for path in pages:
        href = footer_link(client.get(path).content.decode())
        assert href == URL, path
    statement = client.get(URL)
    assert statement.status_code == 200
    assert "Accessibility statement for Riverside Recovery College" in statement.content.decode()


@pytest.mark.django_db
def test_the_demo_colleges_pages_all_reach_the_statement(client):
    call_command("load_demo_college", force=True, verbosity=0)
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert not pages.filter(slug="accessibility-statement").exists()  # a Wagtail page would be stale
    for page in pages:
        assert footer_link(client.get(page.url).content.decode()) == URL, page.url
    text = words(client.get(URL).content.decode())
    assert "Oxfordshire Recovery College" in text and "01632 960 412" in text
