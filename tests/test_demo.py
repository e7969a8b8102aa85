"""The demo college loader: what it builds, that a second run changes nothing, that it refuses to
run on a live site, and that its plans hold for any day of the year."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Revision, Site

from courses.models import CoursePage, CourseRun, Session
from courses.rules import missing_expertise
from demo.content.courses import COURSES
from demo.schedule import FILLED_RUNS, FULL_POSITIONS, london, plan_runs
from demo.terms import current_term, next_terms, terms_of_year
from enrolment.models import Enrolment
from geo.models import OutwardCode
from home.models import HomePage


def load_demo():
    # Tests run with DEBUG off, where the command refuses without --force.
    call_command("load_demo_college", force=True, verbosity=0)


@pytest.mark.django_db
def test_the_demo_builds_a_college_with_co_delivered_runs_across_the_county():
    load_demo()

    assert CoursePage.objects.live().count() >= 20
    assert all(page.latest_revision_id for page in CoursePage.objects.all())
    runs = CourseRun.objects.with_places().prefetch_related("facilitators")
    in_person_venues = {run.location_id for run in runs if run.location_id}
    assert len(in_person_venues) >= 5
    assert any(run.format == CourseRun.Format.ONLINE and run.location_id is None for run in runs)
    assert [run.pk for run in runs if missing_expertise(run.facilitators.all())] == []
    assert all(run.sessions.exists() for run in runs)
    assert sum(run.places_taken == run.capacity for run in runs) >= 1
    assert sum(run.capacity - 2 <= run.places_taken < run.capacity for run in runs) >= 3
    assert all(run.places_taken <= run.capacity for run in runs)


@pytest.mark.django_db
def test_the_demo_home_page_replaces_the_wagtail_welcome_page_as_the_site_root():
    load_demo()

    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert home.depth == 2 and home.slug == "home" and home.live
    assert (site.root_page_id, site.hostname, site.port) == (home.pk, "localhost", 8000)
    assert site.site_name == "Oxfordshire Recovery College"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    # The accessibility statement is not a page: its facts are code (tests/test_accessibility_statement.py).
    assert {page.slug for page in home.get_children()} >= {"course-dates", "about", "contact", "privacy-notice"}


@pytest.mark.django_db
def test_the_demo_never_overwrites_postcode_districts_that_are_already_there():
    OutwardCode.objects.create(code="OX1", latitude=51.7519, longitude=-1.2578, postcode_count=2500,
                               source="ONSPD Nov 2026")
    load_demo()

    assert OutwardCode.objects.get(code="OX1").source == "ONSPD Nov 2026"
    assert OutwardCode.objects.filter(source="Demo: approximate centres").count() > 20


@pytest.mark.django_db
def test_a_page_in_the_way_stops_the_demo_and_nothing_is_left_half_built():
    # Wagtail's welcome page with something under it is somebody's work, not a placeholder.
    welcome = Page.objects.get(depth=2, slug="home")
    welcome.add_child(instance=Page(title="Our news", slug="news"))

    with pytest.raises(CommandError, match="is a page, not a home page"):
        load_demo()

    assert not HomePage.objects.exists()
    assert not CourseRun.objects.exists() and not OutwardCode.objects.exists()
    assert Page.objects.filter(slug="news").exists()


def snapshot() -> dict:
    """Every table's row count, plus the rows a careless second run would touch: auto_now
    timestamps, page revisions and publishing times, passwords and settings."""
    User = get_user_model()
    run_facilitators = CourseRun._meta.get_field("facilitators").remote_field.through
    counts = {model._meta.label: model._base_manager.count() for model in apps.get_models()}
    return counts | {
        "pages": list(Page.objects.order_by("pk").values_list(
            "pk", "path", "live", "latest_revision_id", "last_published_at", "numchild")),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", flat=True)),
        "sites": list(Site.objects.order_by("pk").values()),
        "runs": list(CourseRun.objects.order_by("pk").values_list("pk", "updated_at")),
        "run facilitators": list(
            run_facilitators.objects.order_by("pk").values_list("pk", flat=True)
        ),
        "sessions": list(Session.objects.order_by("pk").values_list("pk", flat=True)),
        "enrolments": list(Enrolment.objects.order_by("pk").values_list("pk", "status")),
        "users": list(User.objects.order_by("pk").values_list("pk", "password", "last_login")),
        "college settings": list(apps.get_model("home", "CollegeSettings").objects.values()),
        "postcode districts": list(OutwardCode.objects.values_list("code", "latitude", "source")),
    }


@pytest.mark.django_db
def test_running_the_demo_twice_changes_nothing():
    load_demo()
    before = snapshot()

    load_demo()

    assert snapshot() == before


@pytest.mark.django_db
def test_the_demo_refuses_to_run_with_debug_off_unless_forced():
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="--force"):
        call_command("load_demo_college", verbosity=0)

    assert not get_user_model().objects.filter(username="admin").exists()
    assert not CourseRun.objects.exists()


def test_terms_follow_the_school_pattern():
    spring, summer, autumn = terms_of_year(2027)

    assert (spring.name, spring.slug) == ("Spring 2027", "spring-2027")
    assert (spring.starts_on, spring.ends_on) == (dt.date(2027, 1, 11), dt.date(2027, 3, 31))
    assert summer.starts_on == dt.date(2027, 4, 19)
    assert autumn.starts_on == dt.date(2027, 9, 13)
    assert current_term(dt.date(2027, 3, 20)) is None  # under two weeks left
    after_autumn = next_terms(dt.date(2027, 12, 20))
    assert [term.slug for term in after_autumn] == ["spring-2028", "summer-2028"]


def days_of(year: int):
    day = dt.date(year, 1, 1)
    while day.year == year:
        yield day
        day += dt.timedelta(days=1)


def test_the_plan_holds_on_every_day_of_the_year():
    weeks_by_course = {course.slug: course.weeks for course in COURSES}
    for today in days_of(2027):
        now = london(today, dt.time(12))
        plans = plan_runs(today, now)
        terms = {term.slug: term for term in [current_term(today), *next_terms(today)] if term}

        assert len({plan.key for plan in plans}) == len(plans) >= 40, today
        assert sum(plan.format == "online" for plan in plans) >= len(plans) // 5, today
        for plan in plans:
            term = terms[plan.term]
            assert term.starts_on <= plan.first_date, (today, plan)
            assert plan.sessions[-1].date <= term.ends_on, (today, plan)
            assert len(plan.sessions) == weeks_by_course[plan.course]
            assert plan.enrolment_opens < plan.enrolment_closes
            assert plan.experience and plan.training
            assert (plan.location is None) == (plan.format == "online")
            if plan.term == getattr(current_term(today), "slug", None):
                assert 3 <= (plan.first_date - today).days <= 20, (today, plan)
        filled = [plan for plan in plans if plan.places_taken]
        assert len(filled) == FILLED_RUNS
        assert sum(plan.places_taken == plan.capacity for plan in filled) == len(FULL_POSITIONS)
        assert any(plan.enrolment_opens <= now < plan.enrolment_closes for plan in filled), today
