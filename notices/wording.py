"""The words of each email that staff may change: our suggested wording (DEFAULTS), the
{placeholders} each kind of email allows, checking staff's words, and turning them into text
and HTML. The facts (dates, places, links) are never staff text: they come from the templates in
templates/notices/email/, so a rewording can never lose a date or a cancel link.

Subjects and previews show on phone lock screens, where anyone nearby can read them. So they may
only use placeholders that say nothing about the course or the college (a first name, a date, a
time), and they are refused if they name a course or a health condition."""

import re
from dataclasses import dataclass
from string import Formatter

from django.core.exceptions import ValidationError
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

from .models import Kind, Wording


@dataclass(frozen=True)
class Words:
    subject: str
    preview: str
    body: str


DEFAULTS = {
    Kind.SIGN_IN: Words(
        "Your link to sign in",
        "It works once, within {hours}.",
        "Hello {first_name},\n\n"
        "Here is your link to see your courses and waiting lists.\n\n"
        "If you did not ask for it, you can ignore this email. Nothing will change.",
    ),
    Kind.CONFIRMED: Words(
        "Your place is booked",
        "Your dates, where to go and how to change your booking.",
        "Hello {first_name},\n\n"
        "Thank you for enrolling. Your place on {course} is booked. The first session is on {first_date}.\n\n"
        "Everything you need to know is below, and the dates are attached so you can add them to "
        "your calendar.\n\n"
        "If there is anything that would make it easier for you to come, or you have a question, "
        "please {contact_us}. We are happy to help.",
    ),
    Kind.WAITLISTED: Words(
        "You are on the waiting list",
        "We will email you as soon as a place comes up.",
        "Hello {first_name},\n\n"
        "Thank you for your interest in {course}. We have added you to the waiting list: you are {position}.\n\n"
        "When a place comes up, we will email you and keep it for you for a while, so you have time "
        "to decide. You do not need to do anything until then.\n\n"
        "If you change your mind, you can leave the waiting list at any time using the link below.",
    ),
    Kind.OFFERED: Words(
        "A place has come up for you",
        "We are keeping it for you until {offer_ends}.",
        "Hello {first_name},\n\n"
        "Good news: a place has come up on {course}, and we are keeping it for you until {offer_ends}.\n\n"
        "If you would like it, please accept it using the link below. If you cannot come this time, "
        "that is fine: please turn it down, so we can offer it to the next person waiting.\n\n"
        "If we do not hear from you by then, we will offer the place to someone else.",
    ),
    Kind.OFFER_ENDING: Words(
        "We are still keeping a place for you",
        "We can keep it until {offer_ends}.",
        "Hello {first_name},\n\n"
        "Just a reminder: we are still keeping a place for you on {course}, until {offer_ends}.\n\n"
        "If you would like it, please accept it using the link below. If you cannot come this time, "
        "that is fine: please turn it down, so we can offer it to someone else.",
    ),
    Kind.OFFER_EXPIRED: Words(
        "About the place we kept for you",
        "We have offered it to the next person waiting.",
        "Hello {first_name},\n\n"
        "We kept a place for you on {course}, but the time to accept it has passed, so we have "
        "offered it to the next person waiting.\n\n"
        "We understand that life gets in the way. You are very welcome to join a waiting list again "
        "or choose other dates, whenever suits you.",
    ),
    Kind.CANCELLED: Words(
        "Your booking is cancelled",
        "This confirms the change to your booking.",
        "Hello {first_name},\n\n"
        "This is to confirm that your place on {course} is now cancelled. We will offer it to "
        "someone on the waiting list.\n\n"
        "You are welcome to enrol again at any time. If this is a mistake, please {contact_us} and "
        "we will help.",
    ),
    Kind.RUN_CANCELLED: Words(
        "We have had to cancel some course dates",
        "We are sorry for the change to your plans.",
        "Hello {first_name},\n\n"
        "We are very sorry, but we have had to cancel {course} starting on {first_date}.\n\n"
        "You do not need to do anything. You can find other dates using the link below.\n\n"
        "If you would like to talk about it, please {contact_us}.",
    ),
    Kind.RUN_CHANGED: Words(
        "There is a change to your booking",
        "Please check the new details.",
        "Hello {first_name},\n\n"
        "We have had to make a change to {course}. What has changed, and the details as they are "
        "now, are below.\n\n"
        "We are sorry for any trouble this causes. If the new arrangements do not suit you, you can "
        "change your booking using the link below, or {contact_us}.",
    ),
    Kind.REMINDER_FIRST: Words(
        "A reminder about your booking",
        "Your first session is on {session_date}.",
        "Hello {first_name},\n\n"
        "This is a friendly reminder that {course} starts soon. Your first session is on "
        "{session_date}, {session_time}.\n\n"
        "We are looking forward to meeting you. It is normal to feel a bit nervous before a first "
        "session: you can take part as much or as little as you like.\n\n"
        "If you can no longer come, please cancel using the link below so someone else can have your place.",
    ),
    Kind.REMINDER_SESSION: Words(
        "A reminder about your next session",
        "It is on {session_date}, {session_time}.",
        "Hello {first_name},\n\n"
        "This is a reminder that your next session of {course} is on {session_date}, {session_time}.\n\n"
        "If you can no longer come to the course at all, please cancel using the link below so "
        "someone else can have your place.",
    ),
    Kind.ENROLMENT_OPEN: Words(
        "Enrolment is open",
        "You asked us to tell you when you could enrol.",
        "Hello {first_name},\n\n"
        "You asked us to email you when enrolment opened for {course}, starting on {first_date}. "
        "It is open now, and you can enrol using the link below.\n\n"
        "Places go to people in the order they enrol. If the course is full by the time you enrol, "
        "we can add you to the waiting list.\n\n"
        "This is the only email we will send you about these dates. If you have a question, please {contact_us}.",
    ),
}

# What each placeholder means, shown to staff beside the form.
MEANINGS = {
    "first_name": "the student's first name",
    "course": "the course title",
    "first_date": "the date of the first session, such as Tuesday 3 March 2027",
    "session_date": "the date of the session, such as Tuesday 3 March 2027",
    "session_time": "the time of the session, such as 10am to midday",
    "position": "where they are in the queue, such as 'number 3 in the queue'",
    "offer_ends": "when the offer ends, such as 3pm on Tuesday 4 March",
    "places": "the places held, such as '1 place' or '2 places: one for you and one for your supporter'",
    "hours": "how long the link works, such as 1 hour",
    "college_name": "the college's name",
    "college_phone": "the college's phone number",
    "college_email": "the college's email address",
    "contact_us": "how to reach us, such as 'call us on 01865 000000 or email hello@example.org'",
}

EVERY_EMAIL = ("first_name", "college_name", "college_phone", "college_email", "contact_us")
_RUN = ("course", "first_date")
PLACEHOLDERS = {
    Kind.SIGN_IN: EVERY_EMAIL + ("hours",),
    Kind.CONFIRMED: EVERY_EMAIL + _RUN + ("places",),
    Kind.WAITLISTED: EVERY_EMAIL + ("course", "position", "places"),
    Kind.OFFERED: EVERY_EMAIL + _RUN + ("offer_ends", "places"),
    Kind.OFFER_ENDING: EVERY_EMAIL + _RUN + ("offer_ends", "places"),
    Kind.OFFER_EXPIRED: EVERY_EMAIL + _RUN,
    Kind.CANCELLED: EVERY_EMAIL + _RUN,
    Kind.RUN_CANCELLED: EVERY_EMAIL + _RUN,
    Kind.RUN_CHANGED: EVERY_EMAIL + _RUN,
    Kind.REMINDER_FIRST: EVERY_EMAIL + _RUN + ("session_date", "session_time"),
    Kind.REMINDER_SESSION: EVERY_EMAIL + _RUN + ("session_date", "session_time"),
    Kind.ENROLMENT_OPEN: EVERY_EMAIL + _RUN,
}

# Safe on a lock screen: nothing here says what the course is about or who it is from.
LOCK_SCREEN_SAFE = {"first_name", "first_date", "session_date", "session_time", "offer_ends", "hours", "position"}

# Words that would tell someone glancing at a phone what the email is about. "recovery" covers
# the college's own name.
HEALTH_WORDS = (
    "mental health", "mental illness", "mental ill-health", "anxiety", "anxious", "depression",
    "depressed", "psychosis", "bipolar", "schizophrenia", "suicide", "suicidal", "self-harm",
    "self harm", "trauma", "ptsd", "ocd", "eating disorder", "personality disorder", "addiction",
    "recovery", "wellbeing", "well-being",
)

LINK_STYLE = "color:#005eb8;text-decoration:underline;"


def allowed(kind: str, field: str) -> tuple[str, ...]:
    names = PLACEHOLDERS[kind]
    return names if field == "body" else tuple(name for name in names if name in LOCK_SCREEN_SAFE)


def _braced(names) -> str:
    return ", ".join("{" + name + "}" for name in names)


def problems(kind: str, field: str, text: str, *, course_titles=()) -> list[str]:
    """What is wrong with staff's words for one field, in sentences staff can act on."""
    try:
        used = _placeholders(text or "")
    except ValueError:
        return ["A curly bracket is missing its partner. Placeholders look like {first_name}, "
                "with one bracket on each side."]
    found = []
    every = PLACEHOLDERS[kind]
    can_use = allowed(kind, field)
    for name in dict.fromkeys(used):
        if name in can_use:
            continue
        if name in every:
            found.append(f"{{{name}}} cannot go in the {field}: subjects and previews show on phone "
                         f"lock screens, where anyone nearby can read them. In the {field} you can use "
                         f"{_braced(can_use)}.")
        else:
            shown = "{" + name + "}" if name else "{}"
            found.append(f"We do not recognise the placeholder {shown}. Check the spelling: in the "
                         f"{field} of this email you can use {_braced(can_use)}.")
    if field != "body":
        found += _lock_screen_problems(field, text or "", course_titles)
    return found


def _placeholders(text: str) -> list[str]:
    """Each placeholder as typed, so an error can quote it back: {first_name:>5} is not {first_name}."""
    found = []
    for _, name, spec, conversion in Formatter().parse(text):
        if name is not None:
            found.append(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return found


def _lock_screen_problems(field: str, text: str, course_titles) -> list[str]:
    found = []
    for words in (*HEALTH_WORDS, *course_titles):
        if words and re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, flags=re.IGNORECASE):
            found.append(f"Please leave \"{words}\" out of the {field}: it shows on phone lock "
                         "screens, so it should not say what the course is about.")
    return found


def validate(kind: str, *, subject: str, preview: str, body: str, course_titles=()) -> None:
    """Raise a ValidationError naming each field's problems (for forms and the shell alike)."""
    errors = {}
    for field, text in (("subject", subject), ("preview", preview), ("body", body)):
        found = problems(kind, field, text, course_titles=course_titles)
        if found:
            errors[field] = found
    if errors:
        raise ValidationError(errors)


def fill(text: str, values: dict[str, str]) -> str:
    """Put values in for placeholders. Only plain names are looked up (never attributes or
    format specs), so staff text cannot reach into anything; unknown names are left as typed."""
    pieces = []
    for literal, name, spec, conversion in Formatter().parse(text):
        pieces.append(literal)
        if name is not None:
            if name in values and not spec and not conversion:
                pieces.append(str(values[name]))
            else:
                pieces.append("{" + name + "}")
    return "".join(pieces)


def paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").strip()
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def to_html(text: str, *, style: str = "") -> SafeString:
    """Staff text as HTML: every character escaped, web addresses made into links, blank-line
    separated paragraphs as <p>, single line breaks kept."""
    attributes = f' style="{style}"' if style else ""
    html = "".join(f"<p{attributes}>{_linked(part).replace(chr(10), '<br>')}</p>" for part in paragraphs(text))
    return mark_safe(html)


def _linked(text: str) -> str:
    # Email clients ignore style sheets: links get the NHS.UK link colour inline.
    return urlize(text, autoescape=True).replace("<a href=", f'<a style="{LINK_STYLE}" href=')


def to_text(text: str) -> str:
    return "\n\n".join(paragraphs(text))


def words_for(kind: str) -> Words:
    """Staff's words for this kind of email, or ours when they have not written any."""
    row = Wording.objects.filter(kind=kind).first()
    if row is None:
        return DEFAULTS[kind]
    return with_defaults(kind, subject=row.subject, preview=row.preview, body=row.body)


def with_defaults(kind: str, *, subject: str, preview: str, body: str) -> Words:
    """Ours for any part left blank. A blank preview matters most: phones would show the start
    of the email instead, course title and all, on the lock screen."""
    default = DEFAULTS[kind]
    return Words(subject.strip() or default.subject, preview.strip() or default.preview,
                 body.strip() or default.body)
