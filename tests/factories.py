"""Builders for real rows. Pages are added to the Wagtail tree and published, as an editor would."""

import datetime as dt
import itertools

from django.utils import timezone
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, CourseRun, Facilitator, Location, Session, Term, Topic
from enrolment.models import Enrolment, Student

_counter = itertools.count(1)


def _n() -> int:
    return next(_counter)


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_topic(name: str = "", **fields) -> Topic:
    name = name or f"Topic {_n()}"
    return Topic.objects.create(name=name, slug=fields.pop("slug", name.lower().replace(" ", "-")), **fields)


def make_term(name: str = "Spring 2027", starts_on=dt.date(2027, 1, 11), ends_on=dt.date(2027, 3, 31)) -> Term:
    term, _ = Term.objects.get_or_create(
        slug=name.lower().replace(" ", "-"), defaults={"name": name, "starts_on": starts_on, "ends_on": ends_on}
    )
    return term


def make_location(name: str = "", *, latitude=51.75, longitude=-1.258, **fields) -> Location:
    name = name or f"Venue {_n()}"
    defaults = {
        "slug": name.lower().replace(" ", "-"),
        "kind": Location.Kind.SPOKE,
        "address": "1 High Street\nOxford",
        "postcode": "OX1 1AA",
    }
    return Location.objects.create(name=name, latitude=latitude, longitude=longitude, **{**defaults, **fields})


def make_facilitator(expertise: str, name: str = "", **fields) -> Facilitator:
    return Facilitator.objects.create(name=name or f"Facilitator {_n()}", expertise=expertise, **fields)


def co_facilitators() -> list[Facilitator]:
    return [make_facilitator(Facilitator.Expertise.EXPERIENCE), make_facilitator(Facilitator.Expertise.TRAINING)]


def make_course(index: CourseIndexPage, title: str = "", *, topics=(), **fields) -> CoursePage:
    title = title or f"Course {_n()}"
    defaults = {
        "summary": f"A short summary of {title}.",
        "who_it_is_for": "<p>Anyone.</p>",
        "what_you_will_learn": "<p>Useful things.</p>",
    }
    page = CoursePage(title=title, **{**defaults, **fields})
    page.topics = list(topics)
    return publish(index, page)


def make_run(
    course: CoursePage,
    *,
    first_date: dt.date | None = None,
    sessions: int = 1,
    start: dt.time = dt.time(10),
    end: dt.time = dt.time(12),
    location: Location | None = None,
    format: str = CourseRun.Format.IN_PERSON,
    capacity: int = 12,
    term: Term | None = None,
    facilitators=None,
    **fields,
) -> CourseRun:
    first_date = first_date or timezone.localdate() + dt.timedelta(days=14)
    if location is None and format != CourseRun.Format.ONLINE:
        location = make_location()
    starts_at = timezone.make_aware(dt.datetime.combine(first_date, start))
    run = CourseRun.objects.create(
        course=course,
        term=term or make_term(),
        format=format,
        location=location,
        capacity=capacity,
        enrolment_opens=fields.pop("enrolment_opens", starts_at - dt.timedelta(weeks=8)),
        enrolment_closes=fields.pop("enrolment_closes", starts_at),
        **fields,
    )
    # A ParentalManyToManyField keeps .set() in memory until the cluster is saved.
    run.facilitators.set(facilitators if facilitators is not None else co_facilitators())
    run.save()
    for week in range(sessions):
        Session.objects.create(run=run, date=first_date + dt.timedelta(weeks=week), start_time=start, end_time=end)
    return run


def fill(run: CourseRun, places: int) -> None:
    for _ in range(places):
        number = _n()
        student = Student.objects.create(
            first_name="Test", last_name=f"Student {number}", email=f"student{number}@example.org"
        )
        Enrolment.objects.create(run=run, student=student)


def make_student(name: str = "", *, email: str | None = "", **fields) -> Student:
    number = _n()
    email = f"student{number}@example.org" if email == "" else email
    return Student.objects.create(first_name=name or "Student", last_name=str(number), email=email, **fields)
