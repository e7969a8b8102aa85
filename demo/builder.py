"""Builds the demo Recovery College: pages, settings, venues, people, courses, runs and a few
enrolments, all dated relative to today, and a past term with its registers and feedback (see
history.py). Called by `manage.py load_demo_college` and the tests.

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
from enrolment.models import Attendance, Enrolment, FeedbackAnswer, Student

from . import history, pages, runs, site, snippets
from .content import college
from .past_schedule import plan_past_term, plan_run_in_progress
from .schedule import plan_runs
from .terms import demo_terms, past_term, term_under_way


def build_demo_college(*, now: dt.datetime | None = None) -> Counter:
    """Build whatever part of the demo college is missing. Returns how many of each kind of
    thing were created. Raises `DemoConflict` when an existing page is in the way."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    created: Counter = Counter()
    with transaction.atomic():
        settings = site.ensure_college_settings(created)
        site.ensure_enrolment_settings(created)
        home = pages.ensure_home_page(created)
        site.ensure_default_site(home, settings.name, created)
        index = pages.ensure_site_pages(home, created)
        snippets.ensure_postcode_districts(created)
        topics = snippets.ensure_topics(created)
        catalogue = runs.Catalogue(
            courses=pages.ensure_course_pages(index, topics, created),
            terms=runs.ensure_terms(demo_terms(today) + [past_term(today), term_under_way(today)], created),
            locations=snippets.ensure_locations(created),
            facilitators=snippets.ensure_facilitators(created),
        )
        plans = plan_runs(today, now)
        students = runs.ensure_runs(plans, catalogue, created)
        admin = ensure_admin(created)
        in_progress = plan_run_in_progress(today, {plan.key for plan in plans})
        history.write_history(plan_past_term(today), in_progress, catalogue, students, admin, now, created)
    return created


def ensure_admin(created: Counter):
    """A superuser with a known password. The command only runs in DEBUG (or with --force)."""
    User = get_user_model()
    admin = User.objects.filter(username=college.ADMIN_USERNAME).first()
    if admin is None:
        admin = User.objects.create_superuser(college.ADMIN_USERNAME, college.ADMIN_EMAIL, college.ADMIN_PASSWORD)
        created["admin users"] += 1
    return admin


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
        "attendance marks": Attendance.objects.count(),
        "feedback answers": FeedbackAnswer.objects.count(),
    }
