"""The prospectus keeps each course together: in the PDF a course's heading is never left at the
foot of a page with its dates on the next, and on the web every course's table has the same
column widths, so dates line up from one course to the next."""

import datetime as dt
import re
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from courses.prospectus import prospectus_context, render_pdf

from .factories import make_course, make_location, make_run, make_term

SUMMARY = "A friendly course to help you understand and look after your wellbeing. "


def course_pages(pdf: bytes, titles: list[str], venues: list[str]) -> list[tuple[str, int, int]]:
    """(title, page its heading is on, page its first date is on) for each course."""
    pages = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]

    def first_page(text: str) -> int:
        return next(number for number, words in enumerate(pages, 1) if text in words)

    return [(title, first_page(title), first_page(venue)) for title, venue in zip(titles, venues, strict=True)]


@pytest.mark.parametrize("seed", range(4))
def test_no_pdf_page_ends_with_a_course_heading_whose_dates_start_on_the_next(course_index, seed):
    # Courses of different lengths, so headings fall at many places on a page over the seeds.
    term = make_term()
    titles, venues = [], []
    for number in range(14):
        title, venue = f"Wellbeing course {number:02d}", f"Hall {number:02d}"
        course = make_course(course_index, title, summary=SUMMARY * (1 + (number + seed) % 4))
        location = make_location(venue)
        for week in range(1 + (number * 3 + seed) % 5):
            make_run(course, term=term, location=location, first_date=dt.date(2027, 1, 11) + dt.timedelta(weeks=week))
        titles.append(title)
        venues.append(venue)

    pdf = render_pdf("courses/prospectus_pdf.html", prospectus_context(term))

    placed = course_pages(pdf, titles, venues)
    assert max(dates_page for _, _, dates_page in placed) > 1, "the test needs a prospectus of several pages"
    split = [title for title, heading_page, dates_page in placed if heading_page != dates_page]
    assert not split, f"heading and dates on different pages: {split}"


def test_web_prospectus_tables_have_fixed_column_widths_in_the_stylesheet():
    css = (Path(settings.BASE_DIR) / "home/static/css/college.css").read_text()
    assert re.search(r"\.college-print-course table\s*\{[^}]*table-layout:\s*fixed", css)
    for column in ("starts", "sessions", "time", "where"):
        assert re.search(rf"col\.college-col-{column}\s*\{{\s*width:\s*\d+%", css), column
