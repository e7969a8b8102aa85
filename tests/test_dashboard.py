"""The staff dashboard on the Wagtail admin home (notices/admin/dashboard.py), read as staff see it:
each panel's rows for a hand-built college, what it says when there is nothing to show, where its
links go, who sees it, and that it costs the same number of queries however busy the term is."""

import datetime as dt
import re
import uuid
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CourseRun, Facilitator
from enrolment.models import Enrolment, Offer, WaitlistEntry
from enrolment.selectors import waiting_count_expression, waiting_queue
from notices.admin.dashboard import PANELS, SessionsPanel
from notices.models import Kind, Notice

from .factories import fill, make_course, make_facilitator, make_location, make_run, make_student

HOME = "/admin/"
TODAY = timezone.localdate()


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def words_of(html: str) -> str:
    """What a reader sees: line breaks and the ends of blocks become spaces, other tags go."""
    html = re.sub(r"<br\s*/?>|</(li|p|h\d|ul|ol|section|div|button)>", " ", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def panel(response, name: str) -> str:
    """The words of one dashboard panel."""
    html = response.content.decode()
    found = re.search(rf'<section[^>]*id="dashboard-{name}-section".*?</section>', html, re.S)
    assert found, f"no {name} panel on the page"
    return words_of(found.group(0))


def links(response, name: str) -> list[str]:
    html = response.content.decode()
    section = re.search(rf'<section[^>]*id="dashboard-{name}-section".*?</section>', html, re.S).group(0)
    return re.findall(r'href="(/admin/[^"#]*)"', section)


def wait(run: CourseRun, how_many: int) -> None:
    for _ in range(how_many):
        WaitlistEntry.objects.create(
            student=make_student(), course=run.course, run=run, queue_key=timezone.now(), places=1
        )


def wait_any_date(course, *, online_ok: bool, locations=()) -> WaitlistEntry:
    entry = WaitlistEntry.objects.create(
        student=make_student(), course=course, run=None, online_ok=online_ok, queue_key=timezone.now()
    )
    entry.locations.set(locations)
    return entry


def offer(run: CourseRun, *, by_phone: bool) -> Offer:
    entry = WaitlistEntry.objects.create(
        student=make_student(), course=run.course, run=run, queue_key=timezone.now(), status="offered"
    )
    now = timezone.now()
    return Offer.objects.create(
        entry=entry, run=run, places=1, by_phone=by_phone, offered_at=now, expires_at=now + dt.timedelta(days=1)
    )


def owed(kind: str, status: str, **fields) -> Notice:
    now = timezone.now()
    channel = Notice.Channel.PHONE if status == Notice.Status.TO_CALL else Notice.Channel.EMAIL
    return Notice.objects.create(
        key=f"{kind}:{uuid.uuid4().hex}",
        kind=kind,
        student=make_student(),
        status=status,
        channel=channel,
        created_at=now,
        due_at=now,
        **fields,
    )


# Today and tomorrow


def test_todays_and_tomorrows_sessions_show_course_time_place_and_places_taken(staff_client, course_index):
    today = make_run(
        make_course(course_index, "Understanding anxiety"),
        first_date=TODAY,
        start=dt.time(10),
        end=dt.time(12),
        capacity=10,
        location=make_location("Witney Hub"),
    )
    fill(today, 3)
    tomorrow = make_run(
        make_course(course_index, "Sleeping well"),
        first_date=days(1),
        start=dt.time(14),
        end=dt.time(15, 30),
        format=CourseRun.Format.ONLINE,
        capacity=8,
    )
    make_run(make_course(course_index, "Yesterday's course"), first_date=days(-1))
    make_run(make_course(course_index, "Next week's course"), first_date=days(2))
    make_run(make_course(course_index, "Cancelled course"), first_date=TODAY, status=CourseRun.Status.CANCELLED)

    response = staff_client.get(HOME)
    words = panel(response, "sessions")
    assert f"Today, {TODAY:%A %-d %B} 10am to midday: Understanding anxiety Witney Hub. 3 of 10 places taken." in words
    assert f"Tomorrow, {days(1):%A %-d %B} 2pm to 3:30pm: Sleeping well Online. 0 of 8 places taken." in words
    assert "Yesterday's course" not in words and "Next week's course" not in words
    assert "Cancelled course" not in words
    assert f"/admin/enrolment/runs/{today.pk}/register/" in links(response, "sessions")
    assert f"/admin/enrolment/runs/{tomorrow.pk}/register/" in links(response, "sessions")


def test_today_is_the_day_in_london_not_in_utc(course_index, staff, monkeypatch):
    # 23:30 UTC on 1 June is 00:30 on 2 June in London (summer time): 2 June's sessions are today's.
    course = make_course(course_index, "Understanding anxiety")
    make_run(course, first_date=dt.date(2027, 6, 1), start=dt.time(9))
    make_run(make_course(course_index, "Second of June"), first_date=dt.date(2027, 6, 2), start=dt.time(9))
    make_run(make_course(course_index, "Third of June"), first_date=dt.date(2027, 6, 3), start=dt.time(9))
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2027, 6, 1, 23, 30, tzinfo=dt.UTC))
    request = RequestFactory().get(HOME)
    request.user = staff
    html = SessionsPanel(request).render_html({})
    words = words_of(html)
    assert "Today, Wednesday 2 June 9am to midday: Second of June" in words
    assert "Tomorrow, Thursday 3 June 9am to midday: Third of June" in words
    assert "Understanding anxiety" not in words


# Runs nearly full


def test_a_run_90_percent_full_is_listed_and_one_half_full_is_not(staff_client, course_index):
    nearly = make_run(make_course(course_index, "Nine of ten"), capacity=10)
    fill(nearly, 9)
    half = make_run(make_course(course_index, "Five of ten"), capacity=10)
    fill(half, 5)
    full = make_run(make_course(course_index, "Three of three"), capacity=3)
    fill(full, 3)
    not_open_yet = make_run(
        make_course(course_index, "Opens next month"),
        capacity=10,
        enrolment_opens=timezone.now() + dt.timedelta(days=7),
    )
    fill(not_open_yet, 9)

    response = staff_client.get(HOME)
    words = panel(response, "nearly-full")
    assert "Three of three" in words and "3 of 3 places taken: full." in words
    assert "Nine of ten" in words and "9 of 10 places taken: 1 left." in words
    assert words.index("Three of three") < words.index("Nine of ten")  # fullest first
    assert "Five of ten" not in words and "Opens next month" not in words
    assert f"/admin/enrolment/runs/{nearly.pk}/register/" in links(response, "nearly-full")


def test_two_places_left_on_a_big_run_is_nearly_full(staff_client, course_index):
    big = make_run(make_course(course_index, "A big room"), capacity=30)
    fill(big, 28)
    assert "28 of 30 places taken: 2 left." in panel(staff_client.get(HOME), "nearly-full")


# Waiting lists


def test_the_longest_five_waiting_lists_are_listed_longest_first(staff_client, course_index):
    witney = make_location("Witney Hub")
    runs = {}
    for waiting in (1, 2, 3, 5, 6):
        runs[waiting] = make_run(make_course(course_index, f"{waiting} waiting"), capacity=1)
        fill(runs[waiting], 1)
        wait(runs[waiting], waiting)
    # Four waiting: two for this run, and two waiting for any date who chose its venue. Someone who
    # would only come online, and someone already enrolled, are not in its queue.
    four = make_run(make_course(course_index, "4 waiting"), capacity=2, location=witney)
    fill(four, 1)
    wait(four, 2)
    wait_any_date(four.course, online_ok=False, locations=[witney])
    wait_any_date(four.course, online_ok=True, locations=[witney])
    wait_any_date(four.course, online_ok=True)
    already = wait_any_date(four.course, online_ok=False, locations=[witney])
    Enrolment.objects.create(run=four, student=already.student)

    response = staff_client.get(HOME)
    words = panel(response, "waiting-lists")
    shown = re.findall(r"(\d) waiting, starts", words)
    assert shown == ["6", "5", "4", "3", "2"]
    assert "Witney Hub. 4 waiting; 2 of 2 places taken." in words
    assert "1 waiting," not in words
    assert f"/admin/enrolment/runs/{four.pk}/register/" in links(response, "waiting-lists")


def test_the_dashboard_counts_each_queue_as_the_register_does(course_index):
    """waiting_count_expression must agree with waiting_queue, the rule registers and offers use."""
    venue = make_location("Banbury Library")
    course = make_course(course_index, "Understanding anxiety")
    in_person = make_run(course, location=venue)
    online = make_run(course, format=CourseRun.Format.ONLINE)
    wait(in_person, 2)
    wait(online, 1)
    wait_any_date(course, online_ok=True)
    wait_any_date(course, online_ok=False, locations=[venue])
    wait_any_date(course, online_ok=True, locations=[venue])
    wait_any_date(course, online_ok=False, locations=[make_location("Elsewhere")])
    counted = dict(CourseRun.objects.annotate(waiting=waiting_count_expression()).values_list("pk", "waiting"))
    assert counted[in_person.pk] == waiting_queue(in_person).count() == 4
    assert counted[online.pk] == waiting_queue(online).count() == 3


# People to contact


def test_follow_ups_count_offers_to_phone_emails_not_sent_and_people_to_call(staff_client, run):
    offer(run, by_phone=True)
    offer(run, by_phone=True)
    offer(run, by_phone=False)  # emailed: nobody needs to phone
    owed(Kind.RUN_CHANGED, Notice.Status.TO_CALL, run=run)
    owed(Kind.RUN_CANCELLED, Notice.Status.TO_CALL, run=run)
    owed(Kind.REMINDER_SESSION, Notice.Status.TO_CALL, run=run)
    owed(Kind.OFFERED, Notice.Status.TO_CALL, run=run)  # on Offers to phone instead
    owed(Kind.CONFIRMED, Notice.Status.FAILED, run=run)
    owed(Kind.CONFIRMED, Notice.Status.SENT, run=run)
    make_student(email_undeliverable_at=timezone.now())

    response = staff_client.get(HOME)
    words = panel(response, "follow-ups")
    assert "Offers to phone: 2 places offered to people we need to phone." in words
    assert "People to call: 3 messages to give by phone." in words
    assert "Emails not sent: 1 email could not be sent. 1 email address not working." in words
    assert links(response, "follow-ups") == [
        "/admin/enrolment/offers-to-phone/",
        "/admin/notices/people-to-call/",
        "/admin/notices/emails-not-sent/",
    ]


# Runs missing a facilitator


def test_a_run_with_only_an_expert_by_training_is_listed_with_what_it_needs(staff_client, course_index):
    trainer_only = make_run(
        make_course(course_index, "Trainer only"), facilitators=[make_facilitator(Facilitator.Expertise.TRAINING)]
    )
    make_run(make_course(course_index, "Co-delivered"))
    make_run(make_course(course_index, "Already over"), first_date=days(-7), facilitators=[])
    make_run(make_course(course_index, "Called off"), facilitators=[], status=CourseRun.Status.CANCELLED)

    response = staff_client.get(HOME)
    words = panel(response, "missing-facilitator")
    assert "Trainer only" in words and "Needs: Expert by Experience." in words
    assert "Co-delivered" not in words and "Already over" not in words and "Called off" not in words
    assert f"/admin/course_runs/edit/{trainer_only.pk}/" in links(response, "missing-facilitator")


# Empty


def test_a_quiet_day_says_so_kindly(staff_client, home_page):
    response = staff_client.get(HOME)
    assert response.status_code == 200
    sessions = panel(response, "sessions")
    assert "No sessions today." in sessions and "No sessions tomorrow." in sessions
    assert "No runs are nearly full." in panel(response, "nearly-full")
    assert "Nobody is waiting for a place." in panel(response, "waiting-lists")
    assert "Every upcoming run has both kinds of facilitator." in panel(response, "missing-facilitator")
    follow_ups = panel(response, "follow-ups")
    assert "nobody to phone about a place" in follow_ups and "nobody to phone at the moment" in follow_ups
    assert "every email has been sent" in follow_ups
    for name in ("sessions", "nearly-full", "waiting-lists", "missing-facilitator"):
        assert "/admin/course_runs/?status=scheduled" in links(response, name)


# Who sees it


def test_someone_without_admin_access_cannot_see_the_dashboard(client, home_page):
    client.force_login(get_user_model().objects.create_user("visitor", "v@example.org", "pw"))
    response = client.get(HOME)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_content_editor_sees_no_student_facts(client, run):
    editor = get_user_model().objects.create_user("editor", "e@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    fill(run, 2)  # full: staff would see it under "Nearly full"
    response = client.get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Understanding anxiety" not in page and 'id="dashboard-' not in page


# Cost


@pytest.fixture
def busy_term(course_index):
    """Adds one of everything each panel lists; called again, it adds the same again."""

    def add():
        venue = make_location()
        for first_date in (TODAY, days(1), days(10)):
            run = make_run(make_course(course_index), first_date=first_date, capacity=4, location=venue, sessions=2)
            fill(run, 2)
            wait(run, 2)
            wait_any_date(run.course, online_ok=False, locations=[venue])
            offer(run, by_phone=True)
            owed(Kind.RUN_CHANGED, Notice.Status.TO_CALL, run=run)
            owed(Kind.CONFIRMED, Notice.Status.FAILED, run=run)
        make_run(make_course(course_index), facilitators=[make_facilitator(Facilitator.Expertise.EXPERIENCE)])

    return add


def test_the_dashboard_costs_the_same_queries_with_four_runs_or_sixteen(staff_client, busy_term):
    busy_term()
    staff_client.get(HOME)  # settings rows and caches made on first use are not the dashboard's cost
    with CaptureQueriesContext(connection) as few:
        first = staff_client.get(HOME)
    for _ in range(3):
        busy_term()
    with CaptureQueriesContext(connection) as many:
        second = staff_client.get(HOME)
    assert panel(first, "sessions").count("places taken") == 2
    assert panel(second, "sessions").count("places taken") == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_panels_together_cost_a_dozen_queries_at_most(busy_term, staff, django_assert_max_num_queries):
    # Two per day of sessions, one per count of people to contact, one per list of runs, and the
    # facilitators of the runs missing one: whatever the number of runs.
    for _ in range(3):
        busy_term()
    request = RequestFactory().get(HOME)
    request.user = staff
    with django_assert_max_num_queries(12):
        html = "".join(panel(request).render_html({}) for panel in PANELS)
    words = words_of(html)
    assert words.count("Needs: Expert by Training.") == 3 and words.count("3 waiting;") == 5
    assert "9 places offered" in words and "No sessions" not in words
