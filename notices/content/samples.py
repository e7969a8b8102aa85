"""Made-up facts for the staff preview of an email's wording (Wording.serve_preview): the real
layout and the college's real footer, with a pretend student, course and venue, so staff see
exactly where their words go without anyone's details on screen. Every link opens My courses."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from ..kinds import Kind, Words
from ..wording import fill
from . import compose
from .facts import Action, RunFacts, Venue, values_from
from .frame import college_values, frame
from .links import Links
from .when import date_words, moment_words, session_time, session_words

SAMPLE_EMAIL = "alex@example.org"
SAMPLE_JOINING = "https://video.example.org/join/000-000 (an example: real emails show the course's own details)"


class SampleLinks(Links):
    def __init__(self):
        super().__init__(student=None)

    def stop_reminders(self) -> str:
        return self.my_courses()


class _Session:
    def __init__(self, date: dt.date):
        self.date, self.start_time, self.end_time = date, dt.time(10), dt.time(12)


def _sessions() -> list[_Session]:
    first = timezone.localdate() + dt.timedelta(days=10)
    return [_Session(first + dt.timedelta(weeks=week)) for week in range(4)]


def sample_run(links: Links) -> RunFacts:
    sessions = _sessions()
    return RunFacts(
        title="Building confidence",
        url=links.my_courses(),
        format="blended",
        sessions=tuple(session_words(session) for session in sessions),
        first_date=date_words(sessions[0].date),
        venue=Venue(
            "Witney Community Hub",
            ("12 Market Square", "Witney"),
            "OX28 6AB",
            public_transport="Buses S1 and S2 stop outside.",
            parking="Free car park behind the hub.",
            access=(("Step-free access", "Yes"), ("Hearing loop", "Yes"), ("Accessible toilet", "Yes")),
        ),
        facilitators=(("Alex Morgan", "Expert by Experience"), ("Priya Shah", "Expert by Training")),
    )


def sample_context(kind: str, links: Links) -> dict:
    run = sample_run(links)
    url = links.my_courses()
    cancel = [Action("Cancel my place", url)]
    offer = {
        "offer_ends": moment_words(timezone.now().replace(minute=0) + dt.timedelta(hours=48)),
        "places": "1 place",
        "online": {"details": "", "later": True},
        "actions": [Action("Accept the place", url, primary=True), Action("Turn down the place", url)],
    }
    session = _sessions()[0]
    reminder = {
        "session": session_words(session),
        "session_date": date_words(session.date),
        "session_time": session_time(session),
        "session_number": 1,
        "session_count": 4,
        "online": {"details": SAMPLE_JOINING, "later": False},
        "actions": cancel,
    }
    other_dates = [Action("See other dates for this course", url, acts=False)]
    by_kind = {
        Kind.SIGN_IN: {"sign_in_url": url, "hours": "1 hour", "actions": []},
        Kind.CONFIRMED: {"places": "1 place", "online": {"details": "", "later": True}, "actions": cancel},
        Kind.WAITLISTED: {
            "places": "1 place",
            "position": "number 3 in the queue",
            "actions": [Action("Leave the waiting list", url)],
        },
        Kind.OFFERED: offer,
        Kind.OFFER_ENDING: offer,
        Kind.OFFER_EXPIRED: {"actions": other_dates},
        Kind.CANCELLED: {"actions": other_dates},
        Kind.RUN_CANCELLED: {"had_place": True, "actions": other_dates},
        Kind.RUN_CHANGED: {
            "changes": ["The course now meets at Witney Community Hub (it was at Banbury Library)."],
            "holding": "place",
            "online": {"details": "", "later": True},
            "actions": cancel,
        },
        Kind.REMINDER_FIRST: {**reminder, "is_first": True},
        Kind.REMINDER_SESSION: reminder,
        Kind.ENROLMENT_OPEN: {"actions": [Action("Enrol on these dates", url, primary=True, acts=False)]},
        Kind.FEEDBACK: {"actions": [Action("Give feedback", url, primary=True, acts=False)]},
    }
    context = {"run": run, **by_kind[kind]}
    return context if kind != Kind.SIGN_IN else {k: v for k, v in context.items() if k != "run"}


def preview(kind: str, words: Words) -> dict:
    """The email for these (perhaps unsaved) words, as the preview page shows it."""
    links = SampleLinks()
    context = {**sample_context(kind, links), **frame(links)}
    values = {**college_values(context), **values_from(context), "first_name": "Alex"}
    message = compose(kind, context, values, to=[SAMPLE_EMAIL], words=words)
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    return {
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "subject": message.subject,
        "preview": " ".join(fill(words.preview, values).split()),
        "html": html,
        "text": message.body,
    }
