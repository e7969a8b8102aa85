"""Fills the bench database: the demo college (home, settings, venues, facilitators, its 24
courses), more course pages made from the demo's, runs up to the total, students, and places and
waiting lists as the booking rules leave them: confirmed up to capacity, the rest waiting in
contiguous queue order, some cancelled. Plus four named runs the benchmark posts to.

Run by bench/dataset.py under the stack's production environment:

    python bench/make_dataset.py --courses 200 --runs 600 --students 50000 --enrolments 200000

Prints one JSON line last: the paths to measure and the named runs' ids. Rows are written with
bulk_create, not through enrolment.services: 200,000 bookings one by one would take an hour. So
no StateChange history and no emails are written for them."""

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "college.settings.production")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Site  # noqa: E402

from courses.models import CourseIndexPage, CoursePage, CourseRun, Facilitator, Location, Session, Term, Topic  # noqa: E402
from demo.builder import build_demo_college  # noqa: E402
from demo.content.courses import COURSES  # noqa: E402
from demo.pages import add_page, course_page  # noqa: E402
from enrolment.models import Enrolment, Student, WaitlistEntry  # noqa: E402
from enrolment.models.places import Source  # noqa: E402

HOST = os.environ.get("BENCH_HOST", "courses.bench.test")
POSTCODE = "OX4 1AA"  # Cowley: in the demo's table of district centres (geo/data)
CAPACITIES = (12, 14, 15, 16, 18, 20, 24)
BATCH = 5000
random.seed(16)  # the same data set every time, so two runs measure the same thing


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--courses", type=int, default=200)
    parser.add_argument("--runs", type=int, default=600)
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--enrolments", type=int, default=200_000)
    parser.add_argument("--big-queue", type=int, default=5_000, help="people waiting on full_run_5000")
    options = parser.parse_args()
    timings: dict[str, float] = {}
    now = timezone.now()

    with phase(timings, "demo college"):
        build_demo_college(now=now)
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = HOST, 443
        site.save()
    index = CourseIndexPage.objects.live().first()
    with phase(timings, "course pages"):
        courses = add_courses(index, options.courses)
    with phase(timings, "runs"):
        runs = add_runs(courses, options.runs, now)
        named = add_named_runs(courses, now)
    with phase(timings, "students"):
        students = add_students(options.students, now)
    with phase(timings, "places and waiting lists"):
        budget = options.enrolments - options.big_queue - named["full_run_0"].capacity
        counts = fill_runs(runs, students, budget, now)
        fill_named(named, students, options.big_queue, now)

    course = named["open_run"].course
    topic = course.topics.first()
    filters = f"topic={topic.slug}&time_of_day=morning&time_of_day=evening&has_spaces=on"
    result = {
        "home_path": "/",
        "course_dates_path": index.get_url(),
        "course_dates_filtered_path": f"{index.get_url()}?{filters}&postcode={POSTCODE.replace(' ', '+')}",
        "course_page_path": course.get_url(),
        **{f"{name}_id": run.pk for name, run in named.items()},
        "big_queue": options.big_queue,
        "counts": {
            "courses": CoursePage.objects.live().count(),
            "runs": CourseRun.objects.count(),
            "upcoming runs": CourseRun.objects.upcoming().count(),
            "sessions": Session.objects.count(),
            "students": Student.objects.count(),
            "enrolments": Enrolment.objects.count(),
            "waiting": WaitlistEntry.objects.count(),
            **counts,
        },
        "seconds": timings,
    }
    print(json.dumps(result))


class phase:
    def __init__(self, timings: dict, name: str):
        self.timings, self.name = timings, name

    def __enter__(self):
        self.started = time.monotonic()

    def __exit__(self, *exc):
        self.timings[self.name] = round(time.monotonic() - self.started, 1)


def add_courses(index: CourseIndexPage, total: int) -> list[CoursePage]:
    """The demo's courses, then copies of them ("Understanding anxiety 2") up to `total`."""
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    created: Counter = Counter()
    existing = CoursePage.objects.live().count()
    for number in range(existing, total):
        template = COURSES[number % len(COURSES)]
        copy = number // len(COURSES) + 1
        course = dataclasses.replace(template, slug=f"{template.slug}-{copy}", title=f"{template.title} {copy}")
        add_page(index, course_page(course, topics), created)
    return list(CoursePage.objects.live().order_by("pk")[:total])


def term_for(day: dt.date, terms: list[Term]) -> Term:
    return next((term for term in terms if term.starts_on <= day <= term.ends_on), None) or min(
        terms, key=lambda term: abs((term.starts_on - day).days)
    )


def new_run(course, *, first_date, sessions, start, format, location, capacity, terms, now, opens=None):
    starts_at = timezone.make_aware(dt.datetime.combine(first_date, start))
    run = CourseRun(
        course=course,
        term=term_for(first_date, terms),
        format=format,
        location=location,
        capacity=capacity,
        enrolment_opens=opens or min(now - dt.timedelta(days=14), starts_at - dt.timedelta(days=1)),
        enrolment_closes=starts_at,
    )
    run.plan = [first_date + dt.timedelta(weeks=week) for week in range(sessions)], start
    return run


def save_runs(runs: list[CourseRun]) -> list[CourseRun]:
    """Runs, their sessions and an Expert by Experience and by Training each (co-delivery)."""
    CourseRun.objects.bulk_create(runs, batch_size=BATCH)
    people = {kind: list(Facilitator.objects.filter(expertise=kind)) for kind in Facilitator.Expertise.values}
    sessions, pairs = [], []
    for run in runs:
        dates, start = run.plan
        end = (dt.datetime.combine(dt.date.today(), start) + dt.timedelta(hours=2)).time()
        sessions += [Session(run=run, date=day, start_time=start, end_time=end) for day in dates]
        pairs += [
            CourseRun.facilitators.through(courserun_id=run.pk, facilitator_id=random.choice(team).pk)
            for team in people.values()
        ]
    Session.objects.bulk_create(sessions, batch_size=BATCH)
    CourseRun.facilitators.through.objects.bulk_create(pairs, batch_size=BATCH)
    return runs


def add_runs(courses: list[CoursePage], total: int, now: dt.datetime) -> list[CourseRun]:
    """Most upcoming (the next four months), a tenth in a past term; in person at the hub or a
    spoke, online, or blended; mornings, afternoons and evenings; a few open for enrolment later."""
    today = timezone.localdate(now)
    terms = list(Term.objects.order_by("starts_on"))
    venues = list(Location.objects.all())
    runs = []
    for number in range(max(total - CourseRun.objects.count() - 4, 0)):
        past = number % 10 == 9
        first = today + dt.timedelta(days=-120 + number % 60 if past else 3 + number % 120)
        format = random.choice([CourseRun.Format.IN_PERSON] * 5 + [CourseRun.Format.ONLINE] * 3 + ["blended"])
        # Enrolment opens next week on some later runs: the page shows when, not an Enrol button.
        opens_later = not past and number % 15 == 0 and first >= today + dt.timedelta(days=14)
        runs.append(
            new_run(
                courses[number % len(courses)],
                first_date=first,
                sessions=random.choice((4, 5, 6)),
                start=random.choice((dt.time(10), dt.time(13, 30), dt.time(18))),
                format=format,
                location=None if format == CourseRun.Format.ONLINE else random.choice(venues),
                capacity=random.choice(CAPACITIES),
                terms=terms,
                now=now,
                opens=now + dt.timedelta(days=7) if opens_later else None,
            )
        )
    return save_runs(runs)


def add_named_runs(courses: list[CoursePage], now: dt.datetime) -> dict[str, CourseRun]:
    today = timezone.localdate(now)
    terms = list(Term.objects.order_by("starts_on"))
    hub = Location.objects.filter(kind=Location.Kind.HUB).first() or Location.objects.first()
    course = courses[len(courses) // 2]
    named = {
        name: new_run(
            course,
            first_date=today + dt.timedelta(days=21 + number),
            sessions=6,
            start=dt.time(10),
            format=CourseRun.Format.IN_PERSON,
            location=hub,
            capacity=capacity,
            terms=terms,
            now=now,
        )
        for number, (name, capacity) in enumerate(
            [("open_run", 20), ("full_run_0", 16), ("full_run_5000", 16), ("rush_run", 50)]
        )
    }
    save_runs(list(named.values()))
    return named


def add_students(total: int, now: dt.datetime) -> list[int]:
    joining = Student.JoiningAs.values
    existing = Student.objects.count()
    Student.objects.bulk_create(
        (
            Student(
                first_name="Bench",
                last_name=f"Student {number}",
                email=f"bench.student{number}@example.org",
                confirmed_adult=True,
                joining_as=joining[number % len(joining)],
                consent_at=now,
                consent_how=Source.ONLINE,
            )
            for number in range(max(total - existing, 0))
        ),
        batch_size=BATCH,
    )
    return list(Student.objects.order_by("pk").values_list("pk", flat=True))


def fill_runs(runs: list[CourseRun], students: list[int], budget: int, now: dt.datetime) -> dict[str, int]:
    """Seven in ten runs full, the rest part full; a few cancelled places on each; what is left of
    the budget waits on the full upcoming runs, more on some than others."""
    today = timezone.localdate(now)
    plan = {}
    for run in runs:
        full = random.random() < 0.7
        plan[run.pk] = {
            "confirmed": run.capacity if full else random.randrange(run.capacity),
            "cancelled": random.randrange(7),
            "waiting": 0,
        }
        budget -= plan[run.pk]["confirmed"] + plan[run.pk]["cancelled"]
    queues = [run for run in runs if plan[run.pk]["confirmed"] == run.capacity and run.plan[0][0] >= today]
    # Some queues three times as long as others; none as long as full_run_5000's.
    weights = [random.uniform(0.5, 1.5) for _ in queues]
    for run, weight in zip(queues, weights, strict=True):
        plan[run.pk]["waiting"] = int(max(budget, 0) * weight / sum(weights))
    for run in runs:
        write_places(run, students, **plan[run.pk], now=now)
    return {
        "full runs": len(queues),
        "longest queue": max((plan[run.pk]["waiting"] for run in queues), default=0),
    }


def fill_named(named: dict[str, CourseRun], students: list[int], big_queue: int, now: dt.datetime) -> None:
    write_places(named["open_run"], students, confirmed=5, cancelled=1, waiting=0, now=now)
    write_places(named["full_run_0"], students, confirmed=named["full_run_0"].capacity, cancelled=2, waiting=0, now=now)
    write_places(named["full_run_5000"], students, confirmed=16, cancelled=2, waiting=big_queue, now=now)


def write_places(run: CourseRun, students: list[int], *, confirmed: int, cancelled: int, waiting: int, now) -> None:
    """Each person once per run: a stretch of the student list starting somewhere at random."""
    count = confirmed + cancelled + waiting
    start = random.randrange(len(students))
    people = [students[(start + offset) % len(students)] for offset in range(min(count, len(students)))]
    confirmed_ids, cancelled_ids, waiting_ids = (
        people[:confirmed],
        people[confirmed : confirmed + cancelled],
        people[confirmed + cancelled :],
    )
    with transaction.atomic():
        Enrolment.objects.bulk_create(
            [Enrolment(run=run, student_id=pk) for pk in confirmed_ids]
            + [
                Enrolment(run=run, student_id=pk, status=Enrolment.Status.CANCELLED, cancelled_at=now)
                for pk in cancelled_ids
            ],
            batch_size=BATCH,
        )
        # Contiguous positions: one queue_key a second apart, in the order they joined.
        joined = now - dt.timedelta(days=7)
        WaitlistEntry.objects.bulk_create(
            [
                WaitlistEntry(
                    student_id=pk, course_id=run.course_id, run=run, queue_key=joined + dt.timedelta(seconds=s)
                )
                for s, pk in enumerate(waiting_ids)
            ],
            batch_size=BATCH,
        )


if __name__ == "__main__":
    main()
