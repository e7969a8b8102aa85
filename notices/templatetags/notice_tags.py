"""What the notices app adds to staff pages: a student's emails on their page (enrolment's, which
need not import notices), and the email a wording row makes, for the editor's live preview."""

from django import template

from ..content.samples import preview
from ..kinds import Kind
from ..models import Notice
from ..wording import with_defaults

register = template.Library()
EMAIL_HISTORY_SHOWN = 100  # a student on many courses for years has hundreds of reminders


@register.simple_tag
def emails_owed_to(student):
    """The latest emails and calls owed to `student`, newest first (the student's admin page)."""
    return (
        Notice.objects.filter(student=student)
        .select_related("run__course", "handled_by")
        .order_by("-created_at", "-pk")[:EMAIL_HISTORY_SHOWN]
    )


@register.simple_tag
def email_preview(wording):
    """The email these (perhaps unsaved) words make, with made-up details. Before a kind is chosen,
    the first kind's: a preview of something beats an error."""
    kind = wording.kind if wording.kind in Kind.values else Kind.values[0]
    words = with_defaults(kind, subject=wording.subject or "", preview=wording.preview or "", body=wording.body or "")
    return {**preview(kind, words), "kind_label": Kind(kind).label}
