"""A certificate of attendance as a PDF: facts in, bytes out. Who may have one, and the facts on
it, are read by enrolment.selectors (`certificate_for`); this module only draws the page.

What is on it, and what is not: the college, the student's name as they gave it, the course title,
its dates, how many sessions they came to, and who led it. Nothing else about them (no support
needs, no health words beyond the course's own title), because a certificate is shown to
employers, tutors and family.

The library: reportlab, which the prospectus PDF (xhtml2pdf) already brings, so certificates add
no dependency. It draws straight onto the page, which suits one page laid out by hand better than
an HTML-to-PDF conversion would.

The font: PDF's built-in fonts cover only Latin-1, which cannot print "Łukasz" or "Wiśniewski",
and which fonts a server has differs from machine to machine. So the college ships one font of its
own, Open Sans Regular (home/fonts/, Apache License 2.0 in LICENSE.txt beside it): TrueType
outlines, which every PDF viewer draws, and the Latin, Greek and Cyrillic alphabets. Only the
letters a certificate uses are embedded, so each file stays small. Two limits, known: a name in a
script Open Sans lacks (Chinese, Arabic) prints blank, and the PDF is not tagged for screen
readers beyond its title and language (reportlab's canvas does not tag), so the page a student
reads is My courses, and the certificate is for printing and showing."""

import datetime as dt
import functools
import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

FONT_FILE = Path(__file__).resolve().parent.parent / "home" / "fonts" / "OpenSans-Regular.ttf"
FONT = "OpenSans"
TITLE = "Certificate of attendance"
LANGUAGE = "en-GB"
NHS_BLUE = Color(0, 94 / 255, 184 / 255)
TEXT = Color(33 / 255, 43 / 255, 50 / 255)
SECONDARY = Color(75 / 255, 85 / 255, 92 / 255)
PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
FRAME, MARGIN = 10 * mm, 25 * mm


@functools.cache
def _register_font() -> None:
    """Once per process, on the first certificate: not at start-up, where every web process would
    read the font file whether or not anyone downloads a certificate."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))


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
    _register_font()
    output = io.BytesIO()
    # The embedded font from the start, so the file names no font a computer might not have.
    pdf = Canvas(output, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), lang=LANGUAGE, pageCompression=1, initialFontName=FONT)
    pdf.setTitle(TITLE)
    pdf.setAuthor(certificate.college_name)
    pdf.setCreator(certificate.college_name)
    # Viewers show the title ("Certificate of attendance") rather than the file name.
    pdf.setViewerPreference("DisplayDocTitle", "true")

    pdf.setStrokeColor(NHS_BLUE)
    pdf.setLineWidth(1.2 * mm)
    pdf.rect(FRAME, FRAME, PAGE_WIDTH - 2 * FRAME, PAGE_HEIGHT - 2 * FRAME)

    blocks = _blocks(certificate)
    # Centred on the page; a very long name or course title makes everything a little smaller
    # rather than push the last lines off the page.
    width, room = PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * (FRAME + 10 * mm)
    scale = 1.0
    while _height(_laid_out(blocks, scale, width)) > room and scale > 0.5:
        scale -= 0.05
    laid_out = _laid_out(blocks, scale, width)
    top = (PAGE_HEIGHT + _height(laid_out)) / 2
    for space_before, paragraph, height in laid_out:
        top -= space_before + height
        paragraph.drawOn(pdf, MARGIN, top)
    pdf.showPage()
    pdf.save()
    return output.getvalue()


@dataclass(frozen=True)
class _Block:
    text: str
    size: float  # points
    colour: Color = SECONDARY
    space_before: float = 0  # millimetres


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


def _laid_out(blocks: list[_Block], scale: float, width: float) -> list[tuple[float, Paragraph, float]]:
    """Each block as a centred paragraph that wraps rather than running off the page, with its
    space above and its height at this scale."""
    laid_out = []
    for block in blocks:
        size = block.size * scale
        style = ParagraphStyle(
            "certificate",
            fontName=FONT,
            fontSize=size,
            leading=size * 1.3,
            alignment=TA_CENTER,
            textColor=block.colour,
        )
        # Paragraph reads markup: a name with "<" or "&" in it must print as typed.
        paragraph = Paragraph(escape(block.text), style)
        _, height = paragraph.wrap(width, PAGE_HEIGHT)
        laid_out.append((block.space_before * mm * scale, paragraph, height))
    return laid_out


def _height(laid_out) -> float:
    return sum(space_before + height for space_before, _, height in laid_out)
