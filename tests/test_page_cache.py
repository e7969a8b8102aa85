"""The page cache (home/page_cache.py): an anonymous visitor's second look at a public page is served
from the cache, the same page; whatever changes what the page shows empties it at once (a new
content version, home/content_version.py), except spaces left as places are taken, which may be
PAGE_CACHE_SECONDS old; and nothing personal, private or cookie-setting is ever kept.

Changes are made inside `committed()`: the new content version is made when a change commits,
and a test's own transaction never does (pytest-django runs the on-commit work on request)."""

import datetime as dt
import time
import types
import uuid

import pytest
from django.apps import apps
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction

from college import urls as site_urls
from college.settings.base import cache_for
from enrolment import services
from enrolment.models import Enrolment, EnrolmentSettings
from home import content_version, page_cache
from home.models import CollegeSettings, ContentPage, CrisisSupportSettings

from .factories import fill, make_course, make_run, make_student, make_topic, publish
from .worker_helpers import closed_port

SECONDS = 5


@pytest.fixture(autouse=True)
def cache_on(settings, monkeypatch):
    """The cache as production has it (5 seconds), in a memory cache of this test's own."""
    settings.PAGE_CACHE_SECONDS = SECONDS
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex}
    }
    monkeypatch.setattr(page_cache, "_unreachable_until", 0.0)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Make changes as a committed transaction would: its on-commit work (the new content version,
    emails owed) runs at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def cache_clock(monkeypatch):
    """The memory cache's own clock, moved on by `advance(seconds)`: entries expire as they would
    that much later, while the database and the pages keep real time."""
    offset = [0.0]
    real_time = time.time
    clock = types.SimpleNamespace(time=lambda: real_time() + offset[0])
    monkeypatch.setattr("django.core.cache.backends.base.time", clock)
    monkeypatch.setattr("django.core.cache.backends.locmem.time", clock)
    return types.SimpleNamespace(advance=lambda seconds: offset.__setitem__(0, offset[0] + seconds))


def visit(client, url: str, **headers):
    response = client.get(url, **headers)
    return response, response.get("X-Cache"), response.content.decode(errors="replace")


def miss_then_hit(client, url: str, **headers) -> str:
    """Two visits: the first renders and keeps the page, the second is served from the cache."""
    first, second = client.get(url, **headers), client.get(url, **headers)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit"), url
    return second.content.decode(errors="replace")


def page_entries() -> int:
    return sum(1 for key in cache._cache if ":page:" in key)


# ---- What is kept, and served the same ----------------------------------------------------------


@pytest.fixture
def public_pages(college, run) -> dict[str, str]:
    return {
        "home": "/",
        "course dates": "/course-dates/",
        "course dates, filtered": f"/course-dates/?topic=&has_spaces=on&postcode=OX4+1AA&location={run.location.pk}",
        "course page": run.course.url,
        "prospectus": "/prospectus/",
        "prospectus PDF": "/prospectus.pdf",
        "calendar of all dates": "/calendar/course-dates.ics",
        "calendar of one run": f"/calendar/runs/{run.pk}.ics",
        "accessibility statement": "/accessibility-statement/",
    }


@pytest.mark.django_db
def test_a_second_anonymous_visit_gets_the_same_page_from_the_cache(client, public_pages):
    for name, url in public_pages.items():
        first, second = client.get(url), client.get(url)
        assert first.status_code == 200, name
        assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit"), name
        assert second.content == first.content, name
        assert {k: v for k, v in second.items() if k != "X-Cache"} == {
            k: v for k, v in first.items() if k != "X-Cache"
        }, name
        assert "Set-Cookie" not in second, name


@pytest.mark.django_db
def test_gzipped_and_plain_copies_are_kept_apart(client, course_index):
    gzipped = miss_then_hit(client, "/course-dates/", HTTP_ACCEPT_ENCODING="gzip, br")
    response, state, plain = visit(client, "/course-dates/")

    assert state == "miss" and "Course dates" in plain and "Content-Encoding" not in response
    assert client.get("/course-dates/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    assert gzipped != plain


@pytest.mark.django_db
def test_each_address_and_query_is_its_own_copy(client, course_index):
    miss_then_hit(client, "/course-dates/")

    assert visit(client, "/course-dates/?day=monday")[1] == "miss"
    assert visit(client, "/course-dates/?day=monday")[1] == "hit"


# ---- Each change shows at once ------------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_a_page_shows_at_once(client, committed, run):
    course = run.course
    assert "Understanding anxiety" in miss_then_hit(client, course.url)
    miss_then_hit(client, "/course-dates/")

    with committed():
        course.title = "Understanding worry"
        course.save_revision().publish()

    for url in (course.url, "/course-dates/"):
        _, state, page = visit(client, url)
        assert state == "miss" and "Understanding worry" in page, url


@pytest.mark.django_db
def test_unpublishing_a_page_takes_it_off_at_once(client, committed, run):
    miss_then_hit(client, run.course.url)

    with committed():
        run.course.unpublish()

    assert client.get(run.course.url).status_code == 404


@pytest.mark.django_db
def test_deleting_or_moving_a_page_takes_it_out_of_the_menu_at_once(client, committed, home_page, course_index):
    about = publish(home_page, ContentPage(title="About us", slug="about", show_in_menus=True, body=[]))
    history = publish(home_page, ContentPage(title="Our history", slug="history", show_in_menus=True, body=[]))
    page = miss_then_hit(client, "/")
    assert "About us" in page and "Our history" in page

    with committed():
        Page.objects.get(pk=about.pk).delete()
    _, state, page = visit(client, "/")
    assert state == "miss" and "About us" not in page and "Our history" in page

    assert visit(client, "/")[1] == "hit"
    with committed():
        history.move(course_index, pos="last-child")
    _, state, page = visit(client, "/")
    assert state == "miss" and "Our history" not in page


@pytest.mark.django_db
def test_making_a_page_private_stops_serving_its_public_copy(client, committed, run):
    miss_then_hit(client, run.course.url)

    with committed():
        PageViewRestriction.objects.create(page=run.course, restriction_type=PageViewRestriction.LOGIN)

    for _ in range(2):
        response, state, _ = visit(client, run.course.url)
        assert response.status_code == 302 and "/login" in response["Location"] and state == "miss"


@pytest.mark.parametrize(
    "change, shown",
    [
        ("run", "9 spaces left"),
        ("session", "2pm to 4pm"),
        ("location", "The Old Fire Station"),
        ("facilitator", "Robin Teacher"),
        ("topic", "Sleeping well"),
    ],
)
@pytest.mark.django_db
def test_editing_what_a_course_page_shows_shows_at_once(client, committed, run, change, shown):
    topic = make_topic("Sleep")
    run.course.topics.add(topic)
    run.course.save_revision().publish()
    assert shown not in miss_then_hit(client, run.course.url)

    with committed():
        if change == "run":
            run.capacity = 9
            run.save()
        elif change == "session":
            session = run.sessions.first()
            session.start_time, session.end_time = dt.time(14), dt.time(16)
            session.save()
        elif change == "location":
            run.location.name = "The Old Fire Station"
            run.location.save()
        elif change == "facilitator":
            person = run.facilitators.first()
            person.name = "Robin Teacher"
            person.save()
        elif change == "topic":
            topic.name = "Sleeping well"
            topic.save()

    _, state, page = visit(client, run.course.url)
    assert state == "miss" and shown in page


@pytest.mark.django_db
def test_renaming_a_term_shows_in_the_prospectus_at_once(client, committed, run):
    assert "Spring 2027" in miss_then_hit(client, "/prospectus/")

    with committed():
        run.term.name = "Spring term 2027"
        run.term.save()

    _, state, page = visit(client, "/prospectus/")
    assert state == "miss" and "Spring term 2027" in page


@pytest.mark.django_db
def test_the_college_settings_show_at_once(client, committed, college):
    miss_then_hit(client, "/")

    with committed():
        college.name = "Banbury Recovery College"
        college.save()
        crisis = CrisisSupportSettings.load()
        crisis.heading = "Help right now"
        crisis.save()

    _, state, page = visit(client, "/")
    assert state == "miss" and "Banbury Recovery College" in page and "Help right now" in page


# ---- Places: a run filling or reopening shows at once; other counts within the TTL ---------------


@pytest.mark.django_db
def test_a_run_filled_by_an_enrolment_shows_full_at_once(client, committed, run):
    fill(run, 1)  # of 2
    assert "1 space left" in miss_then_hit(client, run.course.url)

    with committed():
        services.join_run(run_id=run.pk, student=make_student("Ana"))

    _, state, page = visit(client, run.course.url)
    assert state == "miss" and "This course is full" in page


@pytest.mark.django_db
def test_a_cancellation_reopening_a_full_run_shows_at_once(client, committed, run):
    fill(run, 2)
    assert "This course is full" in miss_then_hit(client, run.course.url)

    with committed():
        services.cancel_enrolment(enrolment_id=Enrolment.objects.filter(run=run).first().pk)

    _, state, page = visit(client, run.course.url)
    assert state == "miss" and "1 space left" in page


@pytest.mark.django_db
def test_a_cancellation_whose_place_is_offered_to_someone_waiting_keeps_the_copy(client, committed, run):
    fill(run, 2)
    with committed():
        services.join_run(run_id=run.pk, student=make_student("Wes"))  # waits
    miss_then_hit(client, run.course.url)

    with committed():
        services.cancel_enrolment(enrolment_id=Enrolment.objects.filter(run=run).first().pk)

    # Still full to the public: the place is held for Wes, so nothing a visitor sees changed.
    _, state, page = visit(client, run.course.url)
    assert state == "hit" and "This course is full" in page


@pytest.mark.django_db
def test_spaces_left_are_at_most_the_cache_time_old(client, committed, cache_clock, course_index):
    run = make_run(make_course(course_index, "Living well"), capacity=5)
    EnrolmentSettings.load()  # as on a running site (made on first use, it would count as a change)
    assert "5 spaces left" in miss_then_hit(client, run.course.url)

    with committed():
        services.join_run(run_id=run.pk, student=make_student("Ana"))

    # A place taken on a run with room does not empty everyone's cache (a term-opening rush would)...
    # (A second on: the copy's life is shortened by the time its page took to draw, which on a
    # busy CI machine can be most of a second.)
    cache_clock.advance(1)
    _, state, page = visit(client, run.course.url)
    assert state == "hit" and "5 spaces left" in page
    # ...and the copy ends PAGE_CACHE_SECONDS after it was made.
    cache_clock.advance(SECONDS - 1 + 0.01)
    _, state, page = visit(client, run.course.url)
    assert state == "miss" and "4 spaces left" in page


# ---- Never kept ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cookie", ["session", "messages"])
@pytest.mark.django_db
def test_a_visitor_with_a_session_or_a_message_waiting_never_gets_or_leaves_a_copy(client, settings, run, cookie):
    miss_then_hit(client, run.course.url)
    client.cookies[settings.SESSION_COOKIE_NAME if cookie == "session" else "messages"] = "anything"

    response = client.get(run.course.url)

    assert response.status_code == 200 and "X-Cache" not in response


@pytest.mark.django_db
def test_staff_get_fresh_pages_with_their_userbar_and_leave_no_copy(client, staff, run):
    client.force_login(staff)
    for _ in range(2):
        response, state, page = visit(client, run.course.url)
        assert state is None and "wagtail-userbar" in page
    client.logout()
    client.cookies.clear()

    _, state, page = visit(client, run.course.url)
    assert state == "miss" and "wagtail-userbar" not in page


# A public view that puts a CSRF token in its page, as a form would: the token's cookie goes with it.
@page_cache.cache_public_page
def page_with_a_form(request):
    return HttpResponse(f"<form><input name=csrfmiddlewaretoken value={get_token(request)}></form>")


@page_cache.cache_public_page
def page_changed_while_rendered(request):
    content_version._new_token()  # as a change committed by someone else mid-request
    return HttpResponse("rendered from data that has just changed")


urlpatterns = [
    path("test/form/", page_with_a_form),
    path("test/changing/", page_changed_while_rendered),
    *site_urls.urlpatterns,
]


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_page_that_sets_a_cookie_is_never_kept(client, home_page):
    for _ in range(2):
        client.cookies.clear()
        response = client.get("/test/form/")
        assert response["X-Cache"] == "miss" and response.cookies
    assert page_entries() == 0


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_copy_is_stamped_with_the_version_read_before_the_page_was_rendered(client, home_page):
    assert [client.get("/test/changing/")["X-Cache"] for _ in range(2)] == ["miss", "miss"]


@pytest.mark.django_db
def test_personal_pages_are_never_kept(client, run):
    for url in ("/my-courses/sign-in/", f"/enrol/{run.pk}/"):
        for _ in range(2):
            client.cookies.clear()
            response = client.get(url)
            assert response.status_code == 200 and response["X-Cache"] == "miss", url
    assert client.get("/my-courses/").status_code == 302  # to sign in: a redirect is never kept
    assert page_entries() == 0


@pytest.mark.django_db
def test_a_cache_time_of_zero_turns_the_cache_off(client, settings, course_index):
    settings.PAGE_CACHE_SECONDS = 0

    for _ in range(2):
        response = client.get("/course-dates/")
        assert response.status_code == 200 and "X-Cache" not in response
    assert page_entries() == 0


@pytest.mark.django_db
def test_pages_still_answer_when_redis_cannot_be_reached(client, settings, college, run):
    settings.CACHES = {"default": cache_for(f"redis://127.0.0.1:{closed_port()}/1")}

    responses = [client.get(url) for url in ("/", "/course-dates/", run.course.url, "/prospectus/")]

    assert [response.status_code for response in responses] == [200] * 4
    assert all("Understanding anxiety" in response.content.decode() for response in responses)
    # Having found the cache unreachable, the process stops asking it for a few seconds, rather
    # than have every page wait for its time-out first.
    assert [response.get("X-Cache") for response in responses] == ["miss", None, None, None]


# ---- Nothing a public page shows can be forgotten -----------------------------------------------

# Models a public page might be thought to show but does not, each with the reason.
NOT_SHOWN = {
    "wagtailcore.Page": "the tree's root and the base of every page type: pages are followed by Wagtail's signals",
    "notices.ReminderSettings": "when reminders are emailed: never on a page",
    "privacy.RetentionSettings": "how long personal data is kept: never on a page",
    "wagtailnhsukfrontendsettings.HeaderSettings": "unused: base.html gives the NHS.UK header its own values",
    "wagtailnhsukfrontendsettings.FooterSettings": "unused: our footer is templates/includes/footer.html",
    "wagtailnhsukfrontendsettings.FooterSettingsColumns": "unused: our footer is templates/includes/footer.html",
}
# Page types whose pages are not the same for every visitor, so they are never kept.
PAGE_TYPES_NOT_KEPT = {"wagtailcore.Page": "the tree's root: no page of this type is served"}


def models_a_public_page_may_show() -> list[type]:
    """Every model of home and courses, every page type, every Wagtail setting."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in {"home", "courses"}
        or issubclass(model, (Page, BaseGenericSetting, BaseSiteSetting))
    ]


def forgotten(models) -> list[str]:
    """Those whose changes would not make a new content version, and not said to be unshown."""
    return [
        model._meta.label
        for model in models
        if model not in content_version.WATCHED
        and not issubclass(model, Page)  # followed through page_published, page_unpublished, moves and deletes
        and model._meta.label not in NOT_SHOWN
    ]


def test_every_model_a_public_page_shows_makes_a_new_content_version():
    assert forgotten(models_a_public_page_may_show()) == []
    assert {model._meta.label for model in content_version.WATCHED} >= {
        "courses.CourseRun",
        "courses.Session",
        "courses.Location",
        "courses.Facilitator",
        "courses.Topic",
        "courses.Term",
        "home.CollegeSettings",
        "home.CrisisSupportSettings",
        "enrolment.EnrolmentSettings",
        "wagtailcore.Site",
        "wagtailcore.PageViewRestriction",
    }
    # The check can fail: a model nobody follows is named.
    assert forgotten([Enrolment, CollegeSettings]) == ["enrolment.Enrolment"]


def test_every_page_type_is_kept_for_anonymous_visitors_or_says_why_not():
    page_types = [model for model in apps.get_models() if issubclass(model, Page)]
    not_kept = [
        model._meta.label
        for model in page_types
        if not issubclass(model, page_cache.PublicPageCacheMixin) and model._meta.label not in PAGE_TYPES_NOT_KEPT
    ]
    assert not_kept == []
    assert len(page_types) > len(PAGE_TYPES_NOT_KEPT)
