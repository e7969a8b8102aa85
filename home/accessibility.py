"""The facts the accessibility statement (/accessibility-statement/) states, in one place.

The statement is a legal duty (the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
Accessibility Regulations 2018), and one that quietly goes out of date. So its facts live here, as
code, and tests/test_accessibility_statement.py keeps each of them true:

- every known issue is still real (the prospectus PDF still has no tags...): fix one and its test
  fails, telling you to take it off KNOWN_ISSUES here;
- no fix date has passed: when one does, the test fails until the issue is fixed or given an
  honest new date;
- every test named in HOW_WE_TEST exists.

The college's own name and contact details come from CollegeSettings, which staff edit.
Words here are shown to the public: keep them short and plain (tests/test_plain_english.py)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

PREPARED_ON = dt.date(2026, 11, 23)
REVIEWED_ON = dt.date(2026, 11, 23)  # change when you check every fact below again

REGULATIONS = "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018"
STANDARD = "Web Content Accessibility Guidelines version 2.2"
LEVEL = "AA"
REPLY_WITHIN_WORKING_DAYS = 5


@dataclass(frozen=True)
class Criterion:
    number: str
    name: str

    def __str__(self) -> str:
        return f"WCAG 2.2 success criterion {self.number} ({self.name})"


INFO_AND_RELATIONSHIPS = Criterion("1.3.1", "info and relationships")
MEANINGFUL_SEQUENCE = Criterion("1.3.2", "meaningful sequence")
TIMING_ADJUSTABLE = Criterion("2.2.1", "timing adjustable")


@dataclass(frozen=True)
class KnownIssue:
    key: str  # names the test that proves it is still real
    summary: str  # one line, for the list at the top
    problem: str  # what goes wrong, for the person it happens to
    criteria: tuple[Criterion, ...]
    meanwhile: str  # what to do until it is fixed
    way_round: tuple[str, str]  # (URL name, link text) of the page that helps meanwhile
    plan: str  # what we will do
    fix_by: dt.date

    def wording(self) -> dict[str, str]:
        """The issue's words, with the figures that can change filled in from the settings."""
        hours = settings.STUDENT_SESSION_SECONDS // 3600
        figures = {"signed_in_for": f"{hours} hour{'s' if hours != 1 else ''}"}
        url_name, link_text = self.way_round
        words = {name: getattr(self, name).format(**figures) for name in ("summary", "problem", "meanwhile", "plan")}
        return words | {"way_round_url": reverse(url_name), "way_round_text": link_text}


KNOWN_ISSUES = (
    KnownIssue(
        key="prospectus_pdf_untagged",
        summary="The prospectus PDF may not work well with a screen reader.",
        problem="The prospectus PDF has no tags. Tags tell a screen reader which text is a heading "
        "or a table, and which order to read it in. Without them, a screen reader may read "
        "the PDF in the wrong order, or not say which dates go with which course.",
        criteria=(INFO_AND_RELATIONSHIPS, MEANINGFUL_SEQUENCE),
        meanwhile="The prospectus web page has the same courses and dates, and we test it like "
        "every other page. You can print it too.",
        way_round=("courses:prospectus", "Go to the prospectus web page"),
        plan="We will make a PDF with tags, or stop offering the PDF.",
        fix_by=dt.date(2027, 6, 30),
    ),
    KnownIssue(
        key="sign_in_time_limit",
        summary="When you sign in to see your courses, you are signed out after {signed_in_for}, without a warning.",
        problem="When you sign in to see your courses, you stay signed in for {signed_in_for}. "
        "We do not warn you before that time runs out, and you cannot ask for more time.",
        criteria=(TIMING_ADJUSTABLE,),
        meanwhile="If you are signed out, sign in again with a new link. Or call us and we will help.",
        way_round=("enrolment:sign_in", "Ask for a new sign-in link"),
        plan="We will warn you before the time runs out, and let you ask for more time.",
        fix_by=dt.date(2027, 3, 31),
    ),
)


def compliance() -> str:
    """'fully' or 'partially': we only say fully when nothing is known to fail."""
    return "partially" if KNOWN_ISSUES else "fully"


# What our tests do not check, said plainly so nobody takes "tested" to mean more than it does.
NOT_CHECKED = (
    "Our tests check the pages, forms and emails the website makes, filled with example courses. "
    "They cannot check what staff add later, such as pictures and documents like PDF handouts. "
    "Some of these may be hard to use with a screen reader. If you find one, tell us and we will "
    "send you what you need in another format."
)

OUT_OF_SCOPE = (
    "This statement does not cover the staff part of the website, where college staff add "
    "courses and manage bookings. The public cannot use it."
)


@dataclass(frozen=True)
class Check:
    what: str
    proved_by: tuple[str, ...]  # "path/to/test_file.py::test_name" (a prefix of the name will do)


HOW_WE_TEST = (
    Check(
        "A real web browser (Chromium) opens every public page, including this one. It runs "
        "axe-core, a tool that finds things that make a page hard to use. It does this at the "
        "width of a phone (375 pixels) and of a computer screen (1280 pixels).",
        ("tests/browser/test_public_pages.py::test_every_public_page_passes_axe",),
    ),
    Check(
        "It does the same for every form: empty, with mistakes in it, and once it is sent. It "
        "does it for every kind of email we send too.",
        (
            "tests/browser/test_form_states.py::test_the_enrolment_form_empty_with_mistakes_and_sent",
            "tests/browser/test_form_states.py::test_my_courses_and_its_forms_empty_with_mistakes_and_done",
            "tests/browser/test_email_accessibility.py::test_every_email_passes_axe",
        ),
    ),
    Check(
        "We check that no page makes you scroll sideways at 320 pixels wide. That is the same "
        "as zooming in to 400% on a computer screen.",
        ("tests/browser/test_public_pages.py::test_pages_reflow_at_320px",),
    ),
    Check(
        "Someone enrols on a course using only a keyboard, and we check they can always see "
        "where they are on the page.",
        ("tests/browser/test_keyboard_and_no_javascript.py::test_a_student_enrols_with_the_keyboard_alone",),
    ),
    Check(
        "With JavaScript switched off, someone finds a course near them, enrols and then cancels.",
        ("tests/browser/test_keyboard_and_no_javascript.py::test_without_javascript_",),
    ),
    Check(
        "We check that the words we write for our pages and forms are easy to read.",
        ("tests/test_plain_english.py::test_our_words_are_plain_english_and_calm",),
    ),
    Check(
        "We check that the facts in this statement are still true. For example, we check that "
        "each problem listed here is still a problem.",
        ("tests/test_accessibility_statement.py::test_every_known_issue_is_still_real",),
    ),
)
