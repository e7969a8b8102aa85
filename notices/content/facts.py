"""The facts each kind of email states, read from the database at the moment it is built and
turned into plain values for the templates in templates/notices/email/. Staff's wording goes
around these facts; it never replaces them.

Private things stay out: support needs and facilitators' email addresses are never read here,
and online joining details are given only to a confirmed student, only in a confirmation or a
reminder, and only when that email is the one they will rely on (see `_joining`)."""

import datetime as dt
from dataclasses import dataclass

from courses.models import CourseRun, Facilitator, Location
from enrolment.links import SIGN_IN_HOURS
from enrolment.models import Enrolment, Offer, WaitlistEntry
from enrolment.selectors import position_of
from home.templatetags.site_tags import yes_no_unknown

from .. import kinds, reminder_rules
from .links import Links
from .when import date_words, moment_words, session_time, session_words


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    primary: bool = False
    acts: bool = True  # a signed link whose page can change the booking (False: just a page to read)


@dataclass(frozen=True)
class Venue:
    name: str
    address_lines: tuple[str, ...]
    postcode: str
    public_transport: str = ""
    parking: str = ""
    notes: str = ""
    access: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RunFacts:
    title: str
    url: str
    format: str
    sessions: tuple[str, ...]
    first_date: str
    venue: Venue | None
    facilitators: tuple[tuple[str, str], ...]

    @property
    def meets_online(self) -> bool:
        return self.format in (CourseRun.Format.ONLINE, CourseRun.Format.BLENDED)

    @property
    def is_blended(self) -> bool:
        return self.format == CourseRun.Format.BLENDED


def venue_facts(location: Location) -> Venue:
    return Venue(
        name=location.name,
        address_lines=tuple(line.strip() for line in location.address.splitlines() if line.strip()),
        postcode=location.postcode,
        public_transport=location.public_transport,
        parking=location.parking,
        notes=location.notes,
        access=(
            ("Step-free access", yes_no_unknown(location.step_free_access)),
            ("Hearing loop", yes_no_unknown(location.hearing_loop)),
            ("Accessible toilet", yes_no_unknown(location.accessible_toilet)),
        ),
    )


def run_facts(run: CourseRun) -> RunFacts:
    sessions = run.session_list
    # Experts by Experience first: co-production is the point of a Recovery College.
    people = sorted(run.facilitators.all(), key=lambda f: (f.expertise != Facilitator.Expertise.EXPERIENCE, f.name))
    return RunFacts(
        title=run.course.title,
        url=Links.course(run.course),
        format=run.format,
        sessions=tuple(session_words(session) for session in sessions),
        first_date=date_words(sessions[0].date) if sessions else "",
        venue=venue_facts(run.location) if run.location_id and not run.is_online else None,
        facilitators=tuple((person.name, person.get_expertise_display()) for person in people),
    )


def places_words(places: int, supporter_name: str = "") -> str:
    if places < 2:
        return "1 place"
    supporter = f"your supporter, {supporter_name}" if supporter_name else "your supporter"
    return f"2 places: one for you and one for {supporter}"


def _online(run: CourseRun, *, give_details: bool) -> dict | None:
    """How joining online is explained: the details now, a promise of them later, or (when now
    was the time but staff have not entered them yet) a request to call."""
    if run.format not in (CourseRun.Format.ONLINE, CourseRun.Format.BLENDED):
        return None
    details = run.online_joining_details.strip() if give_details else ""
    return {"details": details, "later": not give_details}


def _joining_in_confirmation(run: CourseRun, student, now: dt.datetime) -> bool:
    """Only when no reminder with the details will reach them before their next session: its
    last reminder was due already, reminders are off, or there are none."""
    upcoming = next((session for session in run.session_list if session.starts_at > now), None)
    if upcoming is None:
        return False
    due = reminder_rules.last_reminder_due(upcoming, is_first=upcoming == run.first_session)
    return due is None or due <= now or student.reminders_off


def _lookup(model, pk, what: str):
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise LookupError(f"The {what} this email is about no longer exists.")
    return found


def sign_in(notice, links: Links, now) -> dict:
    hours = f"{SIGN_IN_HOURS} hour{'' if SIGN_IN_HOURS == 1 else 's'}"
    return {"sign_in_url": links.sign_in(), "hours": hours, "actions": []}


def confirmed(notice, links: Links, now) -> dict:
    enrolment = _lookup(Enrolment, notice.subject_id, "booking")
    run = enrolment.run
    give = enrolment.status == Enrolment.Status.CONFIRMED and _joining_in_confirmation(run, notice.student, now)
    return {
        "run": run_facts(run),
        "places": places_words(enrolment.places, enrolment.supporter_name),
        "online": _online(run, give_details=give),
        "calendar_run": run,
        "actions": [Action("Cancel my place", links.cancel(enrolment.pk))],
    }


def waitlisted(notice, links: Links, now) -> dict:
    entry = _lookup(WaitlistEntry, notice.subject_id, "waiting list place")
    context = {
        "places": places_words(entry.places, entry.supporter_name),
        "actions": [Action("Leave the waiting list", links.leave(entry.pk))],
    }
    if entry.run_id:
        position = position_of(entry)
        return {
            **context,
            "run": run_facts(entry.run),
            "position": f"number {position} in the queue" if position else "on the waiting list",
        }
    return {
        **context,
        "course_title": entry.course.title,
        "course_url": Links.course(entry.course),
        "any_date": True,
        "suits": _suits(entry),
        "position": "in the queue for the next dates that suit you",
    }


def _suits(entry: WaitlistEntry) -> str:
    """'online or at Witney Hub or Banbury Library': the places an any-date waiter chose."""
    venues = [location.name for location in entry.locations.all()]
    ways = (["online"] if entry.online_ok else []) + (["at " + " or ".join(venues)] if venues else [])
    return " or ".join(ways)


def offer(notice, links: Links, now) -> dict:
    found = _lookup(Offer, notice.subject_id, "offer")
    return {
        "run": run_facts(found.run),
        "offer_ends": moment_words(found.expires_at),
        "places": places_words(found.places, found.entry.supporter_name),
        "online": _online(found.run, give_details=False),
        "actions": [
            Action("Accept the place", links.accept(found.pk), primary=True),
            Action("Turn down the place", links.decline(found.pk)),
        ],
    }


def offer_expired(notice, links: Links, now) -> dict:
    found = _lookup(Offer, notice.subject_id, "offer")
    facts = run_facts(found.run)
    return {"run": facts, "actions": [Action("See other dates for this course", facts.url, acts=False)]}


def cancelled(notice, links: Links, now) -> dict:
    enrolment = _lookup(Enrolment, notice.subject_id, "booking")
    facts = run_facts(enrolment.run)
    return {"run": facts, "actions": [Action("See other dates for this course", facts.url, acts=False)]}


def run_cancelled(notice, links: Links, now) -> dict:
    run, student = notice.run, notice.student
    facts = run_facts(run)
    still_waiting = (
        WaitlistEntry.objects.waiting().filter(student=student, course_id=run.course_id, run__isnull=True).exists()
    )
    return {
        "run": facts,
        "had_place": Enrolment.objects.filter(run=run, student=student).exists(),
        "still_waiting": still_waiting,
        "actions": [Action("See other dates for this course", facts.url, acts=False)],
    }


def run_changed(notice, links: Links, now) -> dict:
    """The person may hold a place, an offer or a place in the queue: the links are for whichever
    they hold now."""
    run, student = notice.run, notice.student
    changes = [line.strip() for line in notice.details.splitlines() if line.strip()]
    context = {"run": run_facts(run), "changes": changes, "actions": []}
    enrolment = Enrolment.objects.holding_places().filter(run=run, student=student).first()
    live_offer = Offer.objects.live().filter(run=run, entry__student=student).first()
    entry = WaitlistEntry.objects.waiting().filter(run=run, student=student).first()
    if enrolment:
        context.update(
            holding="place",
            calendar_run=run,
            online=_online(run, give_details=False),
            actions=[Action("Cancel my place", links.cancel(enrolment.pk))],
        )
    elif live_offer:
        context.update(
            holding="offer",
            offer_ends=moment_words(live_offer.expires_at),
            actions=[
                Action("Accept the place", links.accept(live_offer.pk), primary=True),
                Action("Turn down the place", links.decline(live_offer.pk)),
            ],
        )
    elif entry:
        context.update(holding="queue", actions=[Action("Leave the waiting list", links.leave(entry.pk))])
    return context


def reminder(notice, links: Links, now) -> dict:
    """Shared by everyone with a place on this session (a batch), apart from the links."""
    run, session = notice.run, notice.session
    if session is None:
        raise LookupError("The session this reminder is about no longer exists.")
    is_first = session == run.first_session
    last = reminder_rules.is_last_reminder(notice.kind, session, is_first=is_first)
    return {
        "run": run_facts(run),
        "session": session_words(session),
        "session_date": date_words(session.date),
        "session_time": session_time(session),
        "is_first": is_first,
        "session_number": run.session_list.index(session) + 1 if session in run.session_list else None,
        "session_count": len(run.session_list),
        "online": _online(run, give_details=last),
        "actions": [Action("Cancel my place", links.cancel(notice.subject_id))],
    }


def enrolment_open(notice, links: Links, now) -> dict:
    """They asked to be told. One link, to the enrol page itself: not signed, because enrolling
    asks for their details (or a sign-in) as it does for anyone."""
    run = notice.run
    if run is None:
        raise LookupError("The course dates this email is about no longer exist.")
    return {
        "run": run_facts(run),
        "actions": [Action("Enrol on these dates", links.enrol(run.pk), primary=True, acts=False)],
    }


def feedback(notice, links: Links, now) -> dict:
    """After the last session: a link to the short form, signed for their place on the run."""
    enrolment = _lookup(Enrolment, notice.subject_id, "booking")
    return {
        "run": run_facts(enrolment.run),
        "actions": [Action("Give feedback", links.feedback(enrolment.pk), primary=True, acts=False)],
    }


# Each kind's builder, named in the table (kinds.py); a name with no builder fails at import.
BUILDERS = {row.value: globals()[row.facts] for row in kinds.TABLE}


def facts_for(notice, *, links: Links, now: dt.datetime) -> dict:
    return BUILDERS[notice.kind](notice, links, now)


def values_from(context: dict) -> dict[str, str]:
    """The placeholder values these facts give (see notices.wording.PLACEHOLDERS)."""
    run = context.get("run")
    values = {
        "course": run.title if run else context.get("course_title", ""),
        "first_date": run.first_date if run else "",
    }
    for name in ("session_date", "session_time", "position", "offer_ends", "places", "hours"):
        if name in context:
            values[name] = context[name]
    return values
