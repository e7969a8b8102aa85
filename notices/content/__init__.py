"""Building the email for a ledger row. notices.sending calls `build_email` for one person and
`build_batch` for up to 500 reminders about one session, when the provider can fill in each
person's own details (merge data). Both return a Django message that anymail's backends send
as it is and that any other backend sends too (the extra attributes are ignored there).

Each email is the staff's words (notices.wording) around the facts (content.facts), in the
NHS.UK-styled layout of templates/notices/email/, as HTML and as plain text."""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape

from courses.calendar import run_calendar

from .. import esp, kinds, wording
from ..kinds import REMINDER_KINDS, Kind
from .facts import Action, facts_for, values_from
from .frame import college_values, frame
from .links import Links, MergeLinks

PARAGRAPH_STYLE = "margin:0 0 16px;font-size:16px;line-height:24px;"
CALENDAR_FILE = "course-dates.ics"  # says nothing about the course in a list of attachments


def message_id(notice) -> str:
    return f"<notice-{notice.pk}@{settings.CALENDAR_DOMAIN}>"


def build_email(notice) -> EmailMultiAlternatives:
    student = notice.student
    links = Links(student)
    context = {**facts_for(notice, links=links, now=timezone.now()), **frame(links, student=student)}
    values = {**college_values(context), **values_from(context), "first_name": student.first_name}
    message = compose(notice.kind, context, values, to=[student.email])
    message.extra_headers["Message-ID"] = message_id(notice)
    message.metadata = {"notice": str(notice.pk)}
    return message


def build_batch(notices) -> EmailMultiAlternatives:
    """One message for reminders of one kind about one session; the provider sends each person
    their own copy, with their name and links filled in from merge_data."""
    first = notices[0]
    if first.kind not in REMINDER_KINDS or any(
        (n.kind, n.session_id) != (first.kind, first.session_id) for n in notices
    ):
        raise ValueError("A batch is reminders of one kind about one session.")
    field = esp.merge_field_format()
    if field is None:
        raise ValueError("This email provider cannot fill in merge data, so reminders go one by one.")
    links = MergeLinks(field)
    context = {**facts_for(first, links=links, now=timezone.now()), **frame(links)}
    values = {**college_values(context), **values_from(context), "first_name": field.format("first_name")}
    # The provider puts merge values in as they are: the HTML gets a copy of the name made safe for HTML.
    html_values = {**values, "first_name": field.format("first_name_html")}
    message = compose(first.kind, context, values, html_values=html_values, to=[n.student.email for n in notices])
    message.merge_data = {n.student.email: _merge_values(n) for n in notices}
    message.merge_metadata = {n.student.email: {"notice": str(n.pk)} for n in notices}
    message.merge_headers = {n.student.email: {"Message-ID": message_id(n)} for n in notices}
    return message


def _merge_values(notice) -> dict[str, str]:
    links = Links(notice.student)
    return {
        "first_name": notice.student.first_name,
        "first_name_html": escape(notice.student.first_name),
        "manage_url": links.cancel(notice.subject_id),
        "stop_url": links.stop_reminders(),
    }


def compose(
    kind: str,
    context: dict,
    values: dict,
    *,
    to: list[str],
    html_values: dict | None = None,
    words: kinds.Words | None = None,
) -> EmailMultiAlternatives:
    """The message itself. `words` lets the staff preview show wording that is not saved yet."""
    context = render_context(kind, context, values, html_values=html_values, words=words)
    text = tidy(render_to_string(f"notices/email/{kinds.of(kind).template}.txt", context))
    html = render_to_string(f"notices/email/{kinds.of(kind).template}.html", context)
    reply_to = [context["college_email"]] if context.get("college_email") else []
    message = EmailMultiAlternatives(
        subject=context["subject"], body=text, to=to, reply_to=reply_to, headers={"Auto-Submitted": "auto-generated"}
    )
    message.attach_alternative(html, "text/html")
    run = context.get("calendar_run")
    if run is not None:
        # Calendar files are forwarded and synced, so they never carry joining details (courses.calendar).
        message.attach(CALENDAR_FILE, run_calendar(run, base_url=settings.SITE_URL), "text/calendar")
    message.tags = [kind]
    # Which of our students opened which email, or clicked what, is nobody's business; and
    # click tracking would rewrite the signed links through the provider's servers.
    message.track_opens = False
    message.track_clicks = False
    return message


def render_context(
    kind: str, context: dict, values: dict, *, html_values: dict | None = None, words: kinds.Words | None = None
) -> dict:
    words = words or wording.words_for(kind)
    body = wording.fill(words.body, values)
    actions = list(context.get("actions", []))
    if kind != Kind.SIGN_IN:
        actions.append(Action("See all your courses (My courses)", context["my_courses_url"], acts=False))
    return {
        **context,
        "kind": kind,
        "actions": actions,
        "calendar_file": CALENDAR_FILE,
        "links_act": any(action.acts for action in actions),
        "subject": _one_line(wording.fill(words.subject, values)),
        "preview": _one_line(wording.fill(words.preview, values)),
        "words_text": wording.to_text(body),
        "words_html": wording.to_html(wording.fill(words.body, html_values or values), style=PARAGRAPH_STYLE),
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def tidy(text: str) -> str:
    """Templates leave stray spaces and gaps; plain text should read as if typed."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"
