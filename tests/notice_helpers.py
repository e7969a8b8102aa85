"""Shared set-up for the email (notices) tests: a realistic run with a venue, sessions and both
kinds of facilitator, students with private details that must never be emailed, the college's
contact details, and ways to read what an email says and where its links go.

The fixtures `college` (the college's contact details) and `site_url` are in conftest.py."""

import datetime as dt
import re

from django.utils import timezone

from courses.models import CourseRun, Facilitator
from enrolment import services
from enrolment.models import Enrolment, Offer
from enrolment.services import alerts
from enrolment.services.attendance import mark_attendance
from enrolment.services.feedback import ask_for_feedback
from enrolment.sign_in import send_sign_in_link
from notices import ledger, reminders
from notices.models import Kind, Notice

from . import factories

SITE_URL = "http://testserver"
SUPPORT_NEEDS = "Private: panic attacks in crowded rooms"
JOINING = "https://video.example.org/room/secret-4821 (passcode 9911)"
FACILITATOR_EMAIL = "jo.private@college.example"
CHANGE = "The course now meets at Banbury Library (it was at Witney Hub)."

__all__ = [
    "SITE_URL",
    "SUPPORT_NEEDS",
    "JOINING",
    "FACILITATOR_EMAIL",
    "make_run",
    "make_student",
    "notice_of",
    "notice_for",
    "claimed",
    "CHANGE",
    "html_of",
    "links_in",
    "path_of",
    "open_ok",
]


def make_run(
    course_index,
    title: str = "Understanding anxiety",
    *,
    sessions: int = 3,
    first_date=None,
    format: str = CourseRun.Format.IN_PERSON,
    capacity: int = 12,
    **fields,
) -> CourseRun:
    """A run as students meet it: a venue with every access fact, two facilitators (one of each
    expertise, one with a private email), private joining details for online and blended runs."""
    course = factories.make_course(course_index, title)
    location = None
    if format != CourseRun.Format.ONLINE:
        location = factories.make_location(
            f"{title} Hub",
            address="Unit 4, Mill Street\nWitney",
            postcode="OX28 6AB",
            step_free_access=True,
            hearing_loop=False,
            accessible_toilet=None,
            parking="Two blue badge spaces at the front.",
            public_transport="Bus S1 stops outside.",
            notes="Use the side door and wait in the café.",
        )
    facilitators = [
        factories.make_facilitator(Facilitator.Expertise.EXPERIENCE, "Jo Bloggs", contact_email=FACILITATOR_EMAIL),
        factories.make_facilitator(Facilitator.Expertise.TRAINING, "Dr Sam Patel"),
    ]
    if format != CourseRun.Format.IN_PERSON:
        fields.setdefault("online_joining_details", JOINING)
    return factories.make_run(
        course,
        sessions=sessions,
        first_date=first_date or timezone.localdate() + dt.timedelta(days=21),
        location=location,
        format=format,
        capacity=capacity,
        facilitators=facilitators,
        **fields,
    )


def make_student(name: str = "Ana", **fields):
    """A student with support needs recorded: they must never appear in an email."""
    return factories.make_student(name, support_needs=SUPPORT_NEEDS, **fields)


def notice_of(kind: str, run: CourseRun, student) -> Notice:
    """Bring about the situation that owes `student` an email of this kind, the way it happens
    for real (through enrolment.services and the reminder sweep wherever they exist), and return
    the ledger row as the sender would load it. The run needs at least 2 places and 2 sessions."""
    if kind == Kind.SIGN_IN:
        send_sign_in_link(student)
    elif kind in (Kind.WAITLISTED, Kind.OFFERED, Kind.OFFER_ENDING, Kind.OFFER_EXPIRED):
        _wait_and_be_offered(kind, run, student)
    elif kind == Kind.ENROLMENT_OPEN:
        opens = timezone.now() + dt.timedelta(days=1)
        CourseRun.objects.filter(pk=run.pk).update(enrolment_opens=opens)
        alerts.ask_to_be_told_when_open(run_id=run.pk, student=student)
        alerts.tell_those_waiting_for_opening(now=opens + dt.timedelta(minutes=1))
    else:
        enrolment = services.join_run(run_id=run.pk, student=student).enrolment
        first = run.sessions.first()
        if kind == Kind.CANCELLED:
            services.cancel_enrolment(enrolment_id=enrolment.pk)
        elif kind == Kind.REMINDER_FIRST:
            reminders.owe_due_reminders(now=first.starts_at - dt.timedelta(days=7))
        elif kind == Kind.REMINDER_SESSION:
            reminders.owe_due_reminders(now=first.starts_at - dt.timedelta(days=1))
        elif kind == Kind.FEEDBACK:
            mark_attendance(session_id=first.pk, enrolment_id=enrolment.pk, mark="present", actor=None)
            ask_for_feedback(run.sessions.last().ends_at + dt.timedelta(minutes=1))
        elif kind in (Kind.RUN_CANCELLED, Kind.RUN_CHANGED):
            # Written as the run-change services do; they own cancelling the places themselves.
            if kind == Kind.RUN_CANCELLED:
                CourseRun.objects.filter(pk=run.pk).update(status=CourseRun.Status.CANCELLED)
                Enrolment.objects.filter(pk=enrolment.pk).update(
                    status=Enrolment.Status.CANCELLED, cancelled_at=timezone.now()
                )
            ledger.owe(
                kind,
                student=student,
                run=run,
                subject_id=enrolment.pk,
                now=timezone.now(),
                details=CHANGE if kind == Kind.RUN_CHANGED else "",
                key=f"{kind}:{run.pk}:{student.pk}",
            )
    return notice_for(kind, student)


def _wait_and_be_offered(kind: str, run: CourseRun, student) -> None:
    others = [factories.make_student() for _ in range(run.capacity)]
    taken = [services.join_run(run_id=run.pk, student=other).enrolment for other in others]
    services.join_run(run_id=run.pk, student=student)
    if kind == Kind.WAITLISTED:
        return
    services.cancel_enrolment(enrolment_id=taken[0].pk)
    offer = Offer.objects.get(entry__student=student)
    if kind == Kind.OFFER_ENDING:
        services.remind_offers_ending(now=offer.expires_at - dt.timedelta(minutes=1))
    elif kind == Kind.OFFER_EXPIRED:
        services.expire_due_offers(now=offer.expires_at + dt.timedelta(minutes=1))


def notice_for(kind: str, student, **filters) -> Notice:
    return claimed(Notice.objects.filter(kind=kind, student=student, **filters).latest("pk"))


def claimed(notice: Notice) -> Notice:
    """The row as the sender loads it (notices.sending.claim)."""
    return Notice.objects.select_related("student", "run__course", "session").get(pk=notice.pk)


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def links_in(message) -> set[str]:
    """Every web address the email offers, in either part."""
    in_text = re.findall(r"https?://[^\s<>\"')]+", message.body)
    in_html = re.findall(r'href="(https?://[^"]+)"', html_of(message))
    return set(in_text) | {url.replace("&amp;", "&") for url in in_html}


def path_of(url: str) -> str:
    assert url.startswith(SITE_URL), f"{url} is not a link to this site"
    return url[len(SITE_URL) :] or "/"


def open_ok(client, url: str) -> str:
    """Open a link as a student would (following redirects) and return the page."""
    response = client.get(path_of(url), follow=True)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()
