"""The course dates page's read side: filters, search, near-me ordering and pagination.
Called by CourseIndexPage.get_context; a fixed number of queries however many runs there are."""

import datetime as dt

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, Value, When, Window

from geo.services import ATTRIBUTION, Lookup, Point, distance_miles, locate_postcode
from home.site_cache import cached_many

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
# Beyond this a page number is taken as past the end (and shows the last page) without asking the
# database for an offset it cannot hold.
MAX_PAGE = 100_000


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
    results = courses.only("id").search(query)[:SEARCH_LIMIT]  # only ids: no page bodies to read
    return [page.pk for page in results]


def venue_distances(origin: Point, locations) -> dict[int, float]:
    """Miles from `origin` to each venue with a map position. Venues are few, so this is worked out
    in Python: no maths functions needed in the database."""
    return {
        loc.pk: round(distance_miles(origin, Point(loc.latitude, loc.longitude)), 1)
        for loc in locations
        if loc.has_coordinates
    }


def order_by_distance(runs, distances: dict[int, float]):
    """In-person runs nearest first, then online runs (which suit everyone), each by date. The
    distances go to the database as a CASE: the same SQL on SQLite and PostgreSQL."""
    when = [When(location_id=pk, then=Value(miles)) for pk, miles in distances.items()]
    distance = Case(*when, default=Value(None), output_field=FloatField()) if when else Value(None, FloatField())
    return runs.annotate(
        distance=Case(
            When(format=CourseRun.Format.ONLINE, then=Value(None)), default=distance, output_field=FloatField()
        )
    ).order_by(F("distance").asc(nulls_last=True), "first_date", "first_start_time", "pk")


def read_runs(ids: list[int], distances: dict[int, float] | None) -> list[CourseRun]:
    """The runs of one page, in the order of `ids`, with what a run card shows (and how far away
    each is, when sorted by distance)."""
    by_pk = CourseRun.objects.for_listing().in_bulk(ids)
    runs = [by_pk[pk] for pk in ids if pk in by_pk]
    if distances is not None:
        for run in runs:
            run.distance = None if run.is_online else distances.get(run.location_id)
    return runs


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
    # Staff change these rarely, and every change makes a new content version: kept in the site cache.
    shared = cached_many(
        {"topics": lambda: list(Topic.objects.all()), "locations": lambda: list(Location.objects.all())}
    )
    topics, locations = shared["topics"], shared["locations"]
    form = CourseDatesForm(request.GET or None, topics=topics, locations=locations)
    filters = form.valid_filters()
    # Places taken only where "has spaces" asks: the page's own runs are read apart (read_runs).
    runs = filter_runs(CourseRun.objects.upcoming().with_places(), filters, courses)
    origin, location_note = resolve_origin(filters)
    distances = venue_distances(origin, locations) if origin else None
    if distances is not None:
        runs = order_by_distance(runs, distances)
    page = paginate(
        runs, request.GET.get("page"), settings.COURSE_DATES_PER_PAGE, read=lambda ids: read_runs(ids, distances)
    )
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


def paginate(runs, number_text, per_page: int, *, read) -> Page:
    """What `Paginator.get_page` gives (a page number that is not one is the first page, one out of
    range the last), in two queries rather than three, and without working out places taken for
    every run: the first ranks and counts all matching runs (COUNT(*) OVER ()) but returns only
    the page's ids, then `read(ids)` reads those runs in full."""
    try:
        number = int(number_text)
    except (TypeError, ValueError):
        number = 1
    ids, total = [], None
    if 1 <= number <= MAX_PAGE:
        offset = (number - 1) * per_page
        ranked = runs.annotate(total_runs=Window(Count("pk"))).values_list("pk", "total_runs")
        found = list(ranked[offset : offset + per_page])
        ids, total = [pk for pk, _ in found], (found[0][1] if found else None)
    if not ids:  # no runs, or a page past the end: the last page, as get_page does
        total = runs.count()
        last = max(1, -(-total // per_page))
        if total and number != last:
            return paginate(runs, last, per_page, read=read)
        number = last
    paginator = Paginator(_Counted(total), per_page)
    return Page(read(ids) if ids else [], number, paginator)


class _Counted:
    """The whole list of runs as the Paginator sees it: only its length is ever asked for."""

    ordered = True

    def __init__(self, total: int):
        self.total = total

    def count(self) -> int:
        return self.total


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
