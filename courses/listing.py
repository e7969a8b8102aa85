"""The course dates page's read side: filters, search, near-me ordering and pagination.
Called by CourseIndexPage.get_context; a fixed number of queries however many runs there are."""

import datetime as dt

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, Value, When

from geo.services import ATTRIBUTION, Lookup, Point, distance_miles, locate_postcode

from .forms import ONLINE, CourseDatesForm

# Submodules, not the package: CourseIndexPage (models/pages.py) imports this module.
from .models.runs import CourseRun, Session
from .models.snippets import Location, Topic

MIDDAY, EVENING = dt.time(12), dt.time(17)
TIME_RANGES = {
    "morning": Q(start_time__lt=MIDDAY),
    "afternoon": Q(start_time__gte=MIDDAY, start_time__lt=EVENING),
    "evening": Q(start_time__gte=EVENING),
}
SEARCH_LIMIT = 500


def filter_runs(runs, filters: dict, courses):
    if query := filters.get("q"):
        runs = runs.filter(course_id__in=matching_course_ids(courses, query))
    if topic := filters.get("topic"):
        runs = runs.filter(course__topics__slug=topic)
    if location := filters.get("location"):
        runs = (
            runs.filter(format=CourseRun.Format.ONLINE) if location == ONLINE else runs.filter(location__slug=location)
        )
    if date_from := filters.get("date_from"):
        runs = runs.filter(first_date__gte=date_from)
    if date_to := filters.get("date_to"):
        runs = runs.filter(first_date__lte=date_to)
    if days := filters.get("day"):
        runs = runs.filter(Exists(Session.objects.filter(run=OuterRef("pk"), date__week_day__in=days)))
    if times := filters.get("time_of_day"):
        wanted = Q()
        for name in times:
            wanted |= TIME_RANGES[name]
        runs = runs.filter(Exists(Session.objects.filter(wanted, run=OuterRef("pk"))))
    if filters.get("has_spaces"):
        runs = runs.filter(places_taken__lt=F("capacity"))
    return runs


def matching_course_ids(courses, query: str) -> list[int]:
    results = courses.search(query)[:SEARCH_LIMIT]
    return [page.pk for page in results]


def order_by_distance(runs, origin: Point, locations):
    """In-person runs nearest first, then online runs (which suit everyone), each by date.

    Venues are few, so distances are worked out in Python and handed to the database as a CASE:
    the same SQL on SQLite and PostgreSQL, no maths functions needed in the database."""
    distances = {
        loc.pk: round(distance_miles(origin, Point(loc.latitude, loc.longitude)), 1)
        for loc in locations
        if loc.has_coordinates
    }
    when = [When(location_id=pk, then=Value(miles)) for pk, miles in distances.items()]
    distance = Case(*when, default=Value(None), output_field=FloatField()) if when else Value(None, FloatField())
    return runs.annotate(
        distance=Case(
            When(format=CourseRun.Format.ONLINE, then=Value(None)), default=distance, output_field=FloatField()
        )
    ).order_by(F("distance").asc(nulls_last=True), "first_date", "first_start_time", "pk")


def resolve_origin(filters: dict) -> tuple[Point | None, str]:
    """Where to measure from, and a kind note when we could not use what was given."""
    postcode = filters.get("postcode")
    if not postcode:
        if "lat" in filters and "lng" in filters:
            return Point(filters["lat"], filters["lng"]), ""
        return None, ""
    result = locate_postcode(postcode)
    if result.status is Lookup.FOUND:
        return result.point, ""
    if result.status is Lookup.INVALID:
        return None, (
            f"We could not recognise “{postcode}” as a UK postcode, so courses are shown "
            "by date. Check it, or try just the first half, like OX4."
        )
    return None, (
        f"We do not know where {result.outward_code} is yet, so courses are shown by date. "
        "You can still choose a place from the 'Where' list."
    )


def course_dates_context(request, *, courses) -> dict:
    """`courses`: the live course pages, which the search looks through."""
    topics, locations = list(Topic.objects.all()), list(Location.objects.all())
    form = CourseDatesForm(request.GET or None, topics=topics, locations=locations)
    filters = form.valid_filters()
    runs = filter_runs(CourseRun.objects.upcoming().for_listing(), filters, courses)
    origin, location_note = resolve_origin(filters)
    if origin:
        runs = order_by_distance(runs, origin, locations)
    page = Paginator(runs, settings.COURSE_DATES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "runs": page,
        "page_query": query.urlencode(),
        "sorted_by_distance": origin is not None,
        "location_note": location_note,
        "postcode_attribution": ATTRIBUTION,
        "filters_applied": bool(filters),
        "filter_tags": applied_filter_tags(form, filters, request.GET),
    }


def applied_filter_tags(form, filters: dict, params) -> list[dict]:
    """One tag per filter in use (per day or time ticked), with a link to the same page without it.
    Shown above the results, because on a phone the filters themselves come after them.

    Built from choices the form already holds, so it costs no queries."""
    tags = []

    def without(*names, value=None) -> str:
        query = params.copy()
        query.pop("page", None)
        for name in names:
            if value is None:
                query.pop(name, None)
            else:
                query.setlist(name, [v for v in query.getlist(name) if v != value])
        return query.urlencode()

    def choice_label(name, value) -> str:
        return dict(form.fields[name].choices).get(value, value)

    if query := filters.get("q"):
        tags.append({"label": f"Search: {query}", "query": without("q")})
    if postcode := filters.get("postcode"):
        tags.append({"label": f"Near {postcode.upper()}", "query": without("postcode")})
    elif "lat" in filters and "lng" in filters:
        tags.append({"label": "Near your location", "query": without("lat", "lng")})
    for name in ("topic", "location"):
        if value := filters.get(name):
            tags.append({"label": choice_label(name, value), "query": without(name)})
    for name, words in (("date_from", "Starting from"), ("date_to", "Starting by")):
        if day := filters.get(name):
            tags.append({"label": f"{words} {day.day}/{day.month}/{day.year}", "query": without(name)})
    for name in ("day", "time_of_day"):
        for value in filters.get(name, []):
            tags.append({"label": choice_label(name, value), "query": without(name, value=value)})
    if filters.get("has_spaces"):
        tags.append({"label": "Only courses with spaces", "query": without("has_spaces")})
    return tags
