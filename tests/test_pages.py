"""The public pages render what a visitor needs, and never what they must not see."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.views.defaults import server_error

from courses.models import CourseRun, Facilitator
from home.models import CollegeSettings, ContentPage

from .factories import make_course, make_facilitator, make_location, make_run, make_term, publish

SOON = timezone.localdate() + dt.timedelta(days=10)


@pytest.fixture
def sleep_course(course_index):
    course = make_course(
        course_index,
        "Sleep well",
        summary="Practical ways to sleep better.",
        practical_tools="<ul><li>A sleep diary</li></ul>",
        accessibility_notes="Handouts in large print on request.",
    )
    witney = make_location(
        "Witney Community Hub",
        step_free_access=True,
        hearing_loop=None,
        parking="Two blue badge spaces",
        public_transport="Bus S1 stops outside",
    )
    team = [
        make_facilitator(
            Facilitator.Expertise.EXPERIENCE,
            "Sam Lived",
            bio="Sam found sleep hard for years.",
            contact_email="sam.private@college.example",
        ),
        make_facilitator(Facilitator.Expertise.TRAINING, "Dr Alex Trained", contact_email="alex@college.example"),
    ]
    make_run(course, first_date=SOON, sessions=3, location=witney, facilitators=team)
    make_run(
        course,
        first_date=SOON + dt.timedelta(days=2),
        format=CourseRun.Format.ONLINE,
        facilitators=team,
        online_joining_details="https://video.example/secret-room",
    )
    return course


def test_home_page_explains_the_college_and_shows_courses_coming_up(client, home_page, sleep_course):
    settings = CollegeSettings.load()
    settings.phone = "01632 960 123"
    settings.save()
    html = client.get("/").content.decode()
    assert "<title>Test Recovery College</title>" in html
    assert "What is a Recovery College?" in html
    assert "Find a course" in html and "Sleep well" in html
    assert "01632 960 123" in html


def test_every_page_carries_the_crisis_panel_and_a_skip_link(client, home_page, sleep_course):
    for url in ["/", "/course-dates/", sleep_course.url, "/search/?q=sleep", "/no-such-page/", "/prospectus/"]:
        html = client.get(url).content.decode()
        assert "Need help now?" in html and "116 123" in html and "option 2" in html, url
        assert 'class="nhsuk-skip-link"' in html and 'id="maincontent"' in html, url


def test_course_page_shows_dates_place_access_and_who_teaches(client, sleep_course):
    html = client.get(sleep_course.url).content.decode()
    assert "<title>Sleep well - Oxfordshire Recovery College</title>" in html
    for text in [
        "Practical ways to sleep better.",
        "A sleep diary",
        "Handouts in large print on request.",
        "Witney Community Hub",
        "Two blue badge spaces",
        "Bus S1 stops outside",
        "Step-free access",
        "Not known, please ask us",
        "Sam Lived",
        "Expert by Experience",
        "Dr Alex Trained",
        "Expert by Training",
        "Add these dates to your calendar",
    ]:
        assert text in html, text
    assert html.count("Course dates</a>") >= 1  # breadcrumb back to the course dates page


def test_course_page_never_shows_private_details(client, sleep_course):
    html = client.get(sleep_course.url).content.decode()
    assert "sam.private@college.example" not in html and "alex@college.example" not in html
    assert "secret-room" not in html


def test_content_pages_render_their_body(client, home_page):
    publish(
        home_page,
        ContentPage(
            title="Privacy notice", slug="privacy-notice", body=[("text", "<p>We keep your details safe.</p>")]
        ),
    )
    response = client.get("/privacy-notice/")
    assert response.status_code == 200
    assert "We keep your details safe." in response.content.decode()


def test_site_search_finds_courses_and_pages(client, home_page, sleep_course):
    html = client.get("/search/", {"q": "sleep"}).content.decode()
    assert "1 result" in html and "Sleep well" in html
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert "Nothing matched" in html
    assert client.get("/search/", {"q": "sleep", "page": "99999"}).status_code == 200


def test_missing_page_is_a_helpful_404(client, home_page):
    response = client.get("/no-such-course/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "see all course dates" in html


def test_server_error_page_stands_alone_and_points_to_help(db):
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html and "116 123" in html


def test_sitemap_lists_published_pages(client, sleep_course):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "http://testserver/course-dates/sleep-well/" in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_the_admin(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_prospectus_lists_the_terms_courses_for_print(client, sleep_course):
    later = make_term("Summer 2027", dt.date(2027, 4, 19), dt.date(2027, 7, 16))
    make_run(
        make_course(sleep_course.get_parent().specific, "Summer walks"), term=later, first_date=dt.date(2027, 5, 3)
    )
    html = client.get("/prospectus/").content.decode()
    assert "Sleep well" in html and "Witney Community Hub" in html and "Online" in html
    assert "Summer walks" not in html
    html = client.get("/prospectus/", {"term": "summer-2027"}).content.decode()
    assert "Summer walks" in html and "Sleep well" not in html
    assert client.get("/prospectus/", {"term": "winter-1850"}).status_code == 404


def test_late_in_a_term_the_prospectus_opens_on_the_term_of_the_next_course_to_start(client, course_index):
    today = timezone.localdate()
    under_way = make_term("This term", today - dt.timedelta(days=60), today + dt.timedelta(days=14))
    next_term = make_term("Next term", today + dt.timedelta(days=30), today + dt.timedelta(days=120))
    make_run(
        make_course(course_index, "Still going"), term=under_way, first_date=today - dt.timedelta(days=7), sessions=3
    )
    make_run(make_course(course_index, "Starting soon"), term=next_term, first_date=today + dt.timedelta(days=35))
    html = client.get("/prospectus/").content.decode()
    assert "Starting soon" in html and "Still going" not in html
    # Its runs are still there for anyone who asks for that term.
    assert "Still going" in client.get("/prospectus/", {"term": under_way.slug}).content.decode()


def test_prospectus_pdf_downloads(client, sleep_course):
    response = client.get("/prospectus.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert b"/Type /Page" in response.content
