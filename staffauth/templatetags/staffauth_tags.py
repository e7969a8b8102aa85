from django import template
from django_otp import user_has_device

from staffauth.rules import can_reset_two_factor

register = template.Library()


@register.simple_tag
def two_factor_reset(actor, person) -> dict | None:
    """For the user edit page: whether this admin may reset this person, and whether it is set up."""
    if not can_reset_two_factor(actor, person):
        return None
    return {"set_up": user_has_device(person, confirmed=True)}
