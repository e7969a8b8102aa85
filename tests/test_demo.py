"""The demo college loader: what it builds, that a second run changes nothing, that it refuses to
run on a live site, and that its plans hold for any day of the year. And `python3 dev.py demo`
itself: its banner names the address it serves, and SIGTERM stops everything it started."""

import contextlib
import datetime as dt
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from courses.models import CoursePage, CourseRun, Session
from courses.rules import missing_expertise
from demo.content.courses import COURSES
from demo.past_schedule import plan_past_term, plan_run_in_progress
from demo.schedule import FILLED_RUNS, FULL_POSITIONS, london, plan_runs
from demo.terms import current_term, next_terms, past_term, terms_of_year
from enrolment.models import Attendance, Enrolment, EnrolmentSettings, FeedbackAnswer, Student, WaitlistEntry, WalkIn
from enrolment.selectors import cancellation_reasons, completed_enrolment_ids, sessions_attended
from enrolment.services.feedback import ASK_WITHIN, ask_for_feedback
from geo.models import OutwardCode
from home.models import HomePage
from notices.models import Notice

ROOT = Path(__file__).resolve().parent.parent


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
    OutwardCode.objects.create(
        code="OX1", latitude=51.7519, longitude=-1.2578, postcode_count=2500, source="ONSPD Nov 2026"
    )
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
    counts = {
        model._meta.label: model._base_manager.count() for model in apps.get_models() if model._meta.managed
    }  # an unmanaged model has no table (staffauth's permission)
    return counts | {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "live", "latest_revision_id", "last_published_at", "numchild"
            )
        ),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", flat=True)),
        "sites": list(Site.objects.order_by("pk").values()),
        "runs": list(CourseRun.objects.order_by("pk").values_list("pk", "updated_at")),
        "run facilitators": list(run_facilitators.objects.order_by("pk").values_list("pk", flat=True)),
        "sessions": list(Session.objects.order_by("pk").values_list("pk", flat=True)),
        "enrolments": list(Enrolment.objects.order_by("pk").values_list("pk", "status")),
        "attendance": list(Attendance.objects.order_by("pk").values_list("pk", "mark", "marked_at")),
        "feedback": list(FeedbackAnswer.objects.order_by("pk").values_list("pk", "experience")),
        "enrolment rules": list(EnrolmentSettings.objects.values()),
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
def test_the_demo_has_a_past_term_with_registers_completions_feedback_and_people_never_placed():
    load_demo()
    now = timezone.now()
    term = past_term(timezone.localdate())
    runs = list(CourseRun.objects.filter(term__slug=term.slug).with_dates().prefetch_related("facilitators"))

    assert 8 <= len(runs) <= 12
    assert {run.format for run in runs} >= {"in_person", "online"}
    assert len({run.location_id for run in runs if run.location_id}) >= 3  # the hub and spokes
    assert [run.pk for run in runs if missing_expertise(run.facilitators.all())] == []
    # Ended over a week ago, so the feedback sweep asks nobody: starting the demo sends no email about it.
    assert all(run.last_date < timezone.localdate() - ASK_WITHIN for run in runs)
    ask_for_feedback(now)
    assert not Notice.objects.exists()

    cancelled = [run for run in runs if run.is_cancelled]
    assert len(cancelled) == 1
    assert not Enrolment.objects.holding_places().filter(run=cancelled[0]).exists()
    held = [run for run in runs if not run.is_cancelled]
    marks = set(Attendance.objects.filter(session__run__in=held).values_list("mark", flat=True))
    assert marks == {"present", "absent", "apologies"}
    assert WalkIn.objects.filter(session__run__in=held).count() == 2
    completed = sum(len(completed_enrolment_ids(run, now=now)) for run in held)
    came = sum(len(sessions_attended(run)) for run in held)
    assert 0.5 * came < completed < came  # most who came completed, not all
    reasons = [change.reason for run in held for change in cancellation_reasons(run).values()]
    assert len(reasons) >= 3 and all(reasons)  # people who gave up a place, each with a reason

    never_placed = WaitlistEntry.objects.filter(run__in=held, status="waiting")
    assert never_placed.count() == 2
    assert not any(Enrolment.objects.filter(run=entry.run, student=entry.student).exists() for entry in never_placed)
    assert WaitlistEntry.objects.filter(run__in=held, status="enrolled").count() == 2

    answers = FeedbackAnswer.objects.filter(run__in=held)
    assert answers.count() >= 20
    assert len(set(answers.values_list("experience", flat=True))) >= 4
    assert answers.exclude(hope=None).exists() and answers.exclude(what_helped="").exists()
    people = Student.objects.filter(enrolments__run__in=held).distinct()
    assert set(people.values_list("joining_as", flat=True)) == set(Student.JoiningAs.values)
    # Some came back: they have places on runs still to come, so those show returning students.
    assert people.filter(enrolments__run__in=CourseRun.objects.upcoming()).exists()
    assert EnrolmentSettings.load().certificates


@pytest.mark.django_db
def test_a_run_in_progress_has_people_and_sessions_today_and_tomorrow():
    load_demo()
    today = timezone.localdate()
    run = CourseRun.objects.filter(sessions__date=today).get(sessions__date=today + dt.timedelta(days=1))

    earlier = [session for session in run.session_list if session.date < today]
    people = Enrolment.objects.holding_places().filter(run=run).count()
    assert people >= 8
    assert Attendance.objects.filter(session__in=earlier).count() == people * len(earlier)
    assert not Attendance.objects.filter(session__date__gte=today, session__run=run).exists()


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


def test_the_history_plan_holds_on_every_day_of_the_year():
    for today in days_of(2027):
        past = plan_past_term(today)
        current = plan_runs(today, london(today, dt.time(12)))
        run = plan_run_in_progress(today, {plan.key for plan in current})

        assert 8 <= len(past) <= 12, today
        assert all(plan.sessions[-1].date < today - ASK_WITHIN for plan in past), today
        assert {session.date for session in run.sessions} >= {today, today + dt.timedelta(days=1)}, today
        assert run.key not in {plan.key for plan in current} and run.enrolment_closes.date() < run.first_date
        assert run.experience and run.training


# `python3 dev.py demo` itself: a real run, on a free port, in a folder of its own.


def _children_of(pid: int) -> set[int]:
    """Every process descended from `pid` (Linux /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                # The command name, in brackets, may hold spaces: fields start after the last ")".
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting for a parent to read its exit status."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# dev.py with its install step skipped: the suite already runs in that .venv, and a pip install
# here would make the test slow and need the network. Everything after it is the real command.
DEV_DEMO = "import sys, dev; dev.ensure_installed = lambda: None; sys.argv = ['dev.py', 'demo']; dev.main()"


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process tree from /proc")
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the demo runs on SQLite whatever the suite's database")
def test_dev_demo_names_the_address_it_serves_and_sigterm_stops_the_server_and_worker(tmp_path):
    port = _free_port()
    # The demo's database is migrated from nothing: on a RAM disk when there is one, it is quicker.
    shm = Path("/dev/shm")
    var_dir = Path(tempfile.mkdtemp(dir=shm if shm.is_dir() else tmp_path))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SITE_URL", "EMAIL_PROVIDER"}
    }
    env |= {"COLLEGE_VAR_DIR": str(var_dir), "DEMO_ADDRESS": f"127.0.0.1:{port}", "PYTHONUNBUFFERED": "1"}
    # A session of its own, as a terminal would give it; and whatever is left in it can be cleaned up.
    demo = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", DEV_DEMO],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in demo.stdout], daemon=True).start()
    output: list[str] = []

    def wait_for(text: str, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not any(text in line for line in output):
            assert time.monotonic() < deadline and demo.poll() is None, f"no {text!r} in:\n{''.join(output)}"
            with contextlib.suppress(queue.Empty):
                output.append(lines.get(timeout=1))

    started: set[int] = set()
    try:
        wait_for(f"The demo college is at http://127.0.0.1:{port}/", 90)
        # The banner comes once the site really answers on that port.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=20) as home:
            assert home.status == 200
        wait_for("ready.", 30)  # the Celery worker
        time.sleep(1)  # beat, inside the worker, starts just after it
        started = _children_of(demo.pid)
        assert len(started) >= 3  # runserver, its reloader's child that serves, the worker (and beat)
        assert not any(":8000" in line for line in output), "".join(output)

        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30)

        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in started if _running(pid)] == [], "".join(output)
        with pytest.raises(OSError):  # nothing answers on the port any more
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
    finally:  # after a failure, nothing this test started may outlive it
        for pid in started | _children_of(demo.pid):
            with contextlib.suppress(ProcessLookupError):
                if _running(pid):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(demo.pid, signal.SIGKILL)
        demo.wait(timeout=10)
        shutil.rmtree(var_dir, ignore_errors=True)
