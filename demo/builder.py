"""Builds the demo Recovery College: pages, settings, venues, people, courses, runs and a few
enrolments, all dated relative to today. Called by `manage.py load_demo_college` and the tests.

Every step finds what is already there by a natural key and leaves it untouched, so running the
build again changes nothing. Everything happens in one transaction: a failure leaves no half-built
college behind."""

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from courses.models import CoursePage, CourseRun, Facilitator, Location, Session, Term, Topic
from enrolment.models import Enrolment, Student

from . import pages, runs, site, snippets
from .content import college
from .schedule import plan_runs
from .terms import demo_terms


def build_demo_college(*, now: dt.datetime | None = None) -> Counter:
    """Build whatever part of the demo college is missing. Returns how many of each kind of
    thing were created. Raises `DemoConflict` when an existing page is in the way."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    created: Counter = Counter()
    with transaction.atomic():
        settings = site.ensure_college_settings(created)
        home = pages.ensure_home_page(created)
        site.ensure_default_site(home, settings.name, created)
        index = pages.ensure_site_pages(home, created)
        snippets.ensure_postcode_districts(created)
        topics = snippets.ensure_topics(created)
        catalogue = runs.Catalogue(
            courses=pages.ensure_course_pages(index, topics, created),
            terms=runs.ensure_terms(demo_terms(today), created),
            locations=snippets.ensure_locations(created),
            facilitators=snippets.ensure_facilitators(created),
        )
        runs.ensure_runs(plan_runs(today, now), catalogue, created)
        ensure_admin(created)
    return created


def ensure_admin(created: Counter) -> None:
    """A superuser with a known password. The command only runs in DEBUG (or with --force)."""
    User = get_user_model()
    if not User.objects.filter(username=college.ADMIN_USERNAME).exists():
        User.objects.create_superuser(college.ADMIN_USERNAME, college.ADMIN_EMAIL, college.ADMIN_PASSWORD)
        created["admin users"] += 1


def admin_has_demo_password() -> bool:
    user = get_user_model().objects.filter(username=college.ADMIN_USERNAME).first()
    return user is not None and user.check_password(college.ADMIN_PASSWORD)


def totals() -> dict[str, int]:
    """What the college now holds, for the summary printed at the end."""
    places = CourseRun.objects.with_places()
    return {
        "live pages": Page.objects.live().filter(depth__gt=1).count(),
        "live courses": CoursePage.objects.live().count(),
        "topics": Topic.objects.count(),
        "locations": Location.objects.count(),
        "facilitators": Facilitator.objects.count(),
        "terms": Term.objects.count(),
        "course runs": CourseRun.objects.count(),
        "online runs": CourseRun.objects.filter(format=CourseRun.Format.ONLINE).count(),
        "sessions": Session.objects.count(),
        "full runs": places.filter(places_taken__gte=F("capacity")).count(),
        "students": Student.objects.count(),
        "enrolments": Enrolment.objects.holding_places().count(),
    }
