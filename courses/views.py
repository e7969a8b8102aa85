"""Course dates in other shapes: calendar files and the term prospectus (web page and PDF).
Read-only views; the course dates page itself is CourseIndexPage (see listing.py)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from home.page_cache import cache_public_page

from .calendar import run_calendar, runs_calendar
from .models import CourseRun, Term
from .prospectus import prospectus_context, render_pdf


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@cache_public_page
def run_ics(request, pk: int):
    run = get_object_or_404(
        CourseRun.objects.select_related("course", "location").prefetch_related("sessions"),
        pk=pk,
        course__live=True,
    )
    return _ics_response(run_calendar(run, base_url=_base_url(request)), f"{run.course.slug}-{run.pk}.ics")


@require_safe
@cache_public_page
def upcoming_ics(request):
    runs = CourseRun.objects.upcoming().select_related("course", "location").prefetch_related("sessions")
    body = runs_calendar(runs, name="Recovery College course dates", base_url=_base_url(request))
    return _ics_response(body, "course-dates.ics")


def _term_or_404(request) -> Term | None:
    slug = request.GET.get("term")
    if slug:
        term = Term.objects.filter(slug=slug).first()
        if term is None:
            raise Http404("We could not find that term.")
        return term
    return None


@require_safe
@cache_public_page
def prospectus(request):
    return render(request, "courses/prospectus.html", prospectus_context(_term_or_404(request)))


@require_safe
@cache_public_page
def prospectus_pdf(request):
    context = prospectus_context(_term_or_404(request))
    pdf = render_pdf("courses/prospectus_pdf.html", context)
    name = slugify(context["term"].name) if context["term"] else "courses"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="prospectus-{name}.pdf"'
    return response
