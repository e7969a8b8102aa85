"""The words of each email that staff may change: our suggested wording and the {placeholders}
each kind of email allows (both from the table in kinds.py), checking staff's words, and turning them into text
and HTML. The facts (dates, places, links) are never staff text: they come from the templates in
templates/notices/email/, so a rewording can never lose a date or a cancel link.

Subjects and previews show on phone lock screens, where anyone nearby can read them. So they may
only use placeholders that say nothing about the course or the college (a first name, a date, a
time), and they are refused if they name a course or a health condition."""

import re
from string import Formatter

from django.core.exceptions import ValidationError
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

from . import kinds
from .kinds import Words
from .models import Wording

# Our suggested words for each kind (the table in kinds.py).
DEFAULTS = {row.value: row.words for row in kinds.TABLE}

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

PLACEHOLDERS = {row.value: row.placeholders for row in kinds.TABLE}

# Safe on a lock screen: nothing here says what the course is about or who it is from.
LOCK_SCREEN_SAFE = {"first_name", "first_date", "session_date", "session_time", "offer_ends", "hours", "position"}

# Words that would tell someone glancing at a phone what the email is about. "recovery" covers
# the college's own name.
HEALTH_WORDS = (
    "mental health",
    "mental illness",
    "mental ill-health",
    "anxiety",
    "anxious",
    "depression",
    "depressed",
    "psychosis",
    "bipolar",
    "schizophrenia",
    "suicide",
    "suicidal",
    "self-harm",
    "self harm",
    "trauma",
    "ptsd",
    "ocd",
    "eating disorder",
    "personality disorder",
    "addiction",
    "recovery",
    "wellbeing",
    "well-being",
)

LINK_STYLE = "color:#005eb8;text-decoration:underline;"


def allowed(kind: str, field: str) -> tuple[str, ...]:
    """The placeholders staff may use in one field of this kind's words: any of the kind's in the
    body, only the lock-screen-safe ones in the subject and preview."""
    names = PLACEHOLDERS[kind]
    return names if field == "body" else tuple(name for name in names if name in LOCK_SCREEN_SAFE)


def _braced(names) -> str:
    return ", ".join("{" + name + "}" for name in names)


def problems(kind: str, field: str, text: str, *, course_titles=()) -> list[str]:
    """What is wrong with staff's words for one field, in sentences staff can act on."""
    try:
        used = _placeholders(text or "")
    except ValueError:
        return [
            "A curly bracket is missing its partner. Placeholders look like {first_name}, "
            "with one bracket on each side."
        ]
    found = []
    every = PLACEHOLDERS[kind]
    can_use = allowed(kind, field)
    for name in dict.fromkeys(used):
        if name in can_use:
            continue
        if name in every:
            found.append(
                f"{{{name}}} cannot go in the {field}: subjects and previews show on phone "
                f"lock screens, where anyone nearby can read them. In the {field} you can use "
                f"{_braced(can_use)}."
            )
        else:
            shown = "{" + name + "}" if name else "{}"
            found.append(
                f"We do not recognise the placeholder {shown}. Check the spelling: in the "
                f"{field} of this email you can use {_braced(can_use)}."
            )
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
            found.append(
                f'Please leave "{words}" out of the {field}: it shows on phone lock '
                "screens, so it should not say what the course is about."
            )
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
    """Staff's text as paragraphs: split at blank lines, each with its spacing tidied."""
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
    """Staff's text for the plain-text email."""
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
    return Words(subject.strip() or default.subject, preview.strip() or default.preview, body.strip() or default.body)
