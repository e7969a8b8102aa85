"""A certificate of attendance as a PDF: facts in, bytes out. Who may have one, and the facts on
it, are read by enrolment.selectors (`certificate_for`); this module only draws the page.

What is on it, and what is not: the college, the student's name as they gave it, the course title,
its dates, how many sessions they came to, and who led it. Nothing else about them (no support
needs, no health words beyond the course's own title), because a certificate is shown to
employers, tutors and family.

The font: fpdf2's built-in fonts cover only Latin-1, which cannot print "Łukasz" or "Wiśniewski",
and which fonts a server has differs from machine to machine. So the college ships one font of its
own, Open Sans Regular (home/fonts/, Apache License 2.0 in LICENSE.txt beside it): TrueType
outlines, which every PDF viewer draws, and the Latin, Greek and Cyrillic alphabets. Only the
letters a certificate uses are embedded, so each file is about 11 KB."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF, ViewerPreferences

FONT_FILE = Path(__file__).resolve().parent.parent / "home" / "fonts" / "OpenSans-Regular.ttf"
FONT = "Open Sans"
TITLE = "Certificate of attendance"
LANGUAGE = "en-GB"
NHS_BLUE = (0, 94, 184)
TEXT = (33, 43, 50)
SECONDARY = (75, 85, 92)


@dataclass(frozen=True)
class CoFacilitator:
    name: str
    expertise: str  # "Expert by Experience" or "Expert by Training"


@dataclass(frozen=True)
class Certificate:
    college_name: str
    student_name: str
    course_title: str
    first_date: dt.date
    last_date: dt.date
    attended: int
    sessions: int
    facilitators: tuple[CoFacilitator, ...]


def long_date(day: dt.date) -> str:
    """2 March 2027: the NHS.UK way, no leading zero, no weekday."""
    return f"{day.day} {day:%B %Y}"


def date_range(first: dt.date, last: dt.date) -> str:
    if first == last:
        return f"on {long_date(first)}"
    return f"from {long_date(first)} to {long_date(last)}"


def sessions_attended(attended: int, sessions: int) -> str:
    return f"attended {attended} of {sessions} session{'s' if sessions != 1 else ''}"


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a one-page A4 landscape PDF, its title and language in the file's
    metadata (screen readers and PDF viewers announce them), the font embedded."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(TITLE)
    pdf.set_lang(LANGUAGE)
    pdf.set_author(certificate.college_name)
    pdf.set_creator(certificate.college_name)
    # Viewers show the title ("Certificate of attendance") rather than the file name.
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 25)
    pdf.add_font(FONT, fname=str(FONT_FILE))
    pdf.add_page()

    pdf.set_draw_color(*NHS_BLUE)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    blocks = _blocks(certificate)
    # Centred on the page; a very long name or course title makes everything a little smaller
    # rather than push the last lines off the page.
    scale, room = 1.0, pdf.h - 40
    while _height(pdf, blocks, scale) > room and scale > 0.5:
        scale -= 0.05
    pdf.set_y((pdf.h - _height(pdf, blocks, scale)) / 2)
    for block in blocks:
        pdf.ln(block.space_before * scale)
        _write(pdf, block, scale)
    return bytes(pdf.output())


@dataclass(frozen=True)
class _Block:
    text: str
    size: float
    colour: tuple[int, int, int] = SECONDARY
    space_before: float = 0


def _blocks(certificate: Certificate) -> list[_Block]:
    blocks = [
        _Block(certificate.college_name, 16, NHS_BLUE),
        _Block(TITLE, 34, TEXT, space_before=8),
        _Block(certificate.student_name, 28, NHS_BLUE, space_before=14),
        _Block(f"{sessions_attended(certificate.attended, certificate.sessions)} of the course", 15, space_before=5),
        _Block(certificate.course_title, 22, TEXT, space_before=3),
        _Block(date_range(certificate.first_date, certificate.last_date), 15, space_before=3),
    ]
    if certificate.facilitators:
        blocks.append(_Block("Led by", 12, space_before=14))
        blocks += [_Block(f"{person.name}, {person.expertise}", 13) for person in certificate.facilitators]
    return blocks


def _write(pdf: FPDF, block: _Block, scale: float, *, dry_run: bool = False):
    """One centred paragraph; a long name or title wraps rather than running off the page."""
    size = block.size * scale
    pdf.set_font(FONT, size=size)
    pdf.set_text_color(*block.colour)
    return pdf.multi_cell(
        0, size * 0.55, block.text, align="C", new_x="LMARGIN", new_y="NEXT", dry_run=dry_run, output="HEIGHT"
    )


def _height(pdf: FPDF, blocks: list[_Block], scale: float) -> float:
    return sum(block.space_before * scale + _write(pdf, block, scale, dry_run=True) for block in blocks)
