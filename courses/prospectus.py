"""The term prospectus: every course in a term with its dates, as a print-ready web page and a PDF.
The PDF is made by xhtml2pdf (pure Python, from PyPI alone), so no system libraries are needed."""

from io import BytesIO

from django.template.loader import render_to_string
from django.utils import timezone
from xhtml2pdf import pisa

from home.models import CollegeSettings

from .models import CourseRun, Term


def default_term() -> Term | None:
    """The term of the next course to start, or failing that the term under way, or the latest.
    Late in a term, its runs still going are no use to someone choosing what to do next."""
    today = timezone.localdate()
    next_run = (
        CourseRun.objects.scheduled().with_dates().filter(first_date__gte=today).order_by("first_date", "pk").first()
    )
    if next_run is not None:
        return next_run.term
    return Term.objects.filter(ends_on__gte=today).first() or Term.objects.order_by("-starts_on").first()


def prospectus_context(term: Term | None) -> dict:
    term = term or default_term()
    runs = (
        CourseRun.objects.scheduled()
        .with_dates()
        .filter(term=term)
        .select_related("course", "location")
        .prefetch_related("sessions", "facilitators", "course__topics")
        .order_by("course__title", "first_date", "pk")
        if term
        else CourseRun.objects.none()
    )
    courses: dict = {}
    for run in runs:
        courses.setdefault(run.course, []).append(run)
    return {
        "term": term,
        "courses": [{"page": course, "runs": course_runs} for course, course_runs in courses.items()],
        "terms": Term.objects.all(),
        "college": CollegeSettings.load(),
    }


class PdfError(RuntimeError):
    pass


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    output = BytesIO()
    result = pisa.CreatePDF(html, dest=output, encoding="utf-8")
    if result.err:
        raise PdfError(f"xhtml2pdf reported {result.err} error(s) rendering {template_name}")
    return output.getvalue()
