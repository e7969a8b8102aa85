"""The invitations to the equality questions that enrolment's pages show, as template tags, so
enrolment (a lower app) never imports equality. Each shows nothing while the college asks no
question."""

from django import template

from ..models import EqualitySettings
from ..services import has_answered

register = template.Library()


@register.inclusion_tag("equality/includes/my_courses_invitation.html", takes_context=True)
def equality_invitation(context, student):
    """My courses: a link to the questions, until the student has answered."""
    request = context.get("request")
    shown = EqualitySettings.load(request_or_site=request).is_on and not has_answered(student)
    return {"shown": shown}


@register.inclusion_tag("equality/includes/thank_you_invitation.html", takes_context=True)
def equality_after_enrolling(context):
    """The thank-you page: its visitor is not signed in, so only where to find the questions."""
    return {"shown": EqualitySettings.load(request_or_site=context.get("request")).is_on}
