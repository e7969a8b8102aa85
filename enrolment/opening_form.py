"""The short form for "email me when enrolment opens". It asks only what that email needs (and
the 18-or-over question every public form asks), with the enrolment form's own fields and
checks, so a name or address refused there is refused here in the same words."""

import copy

from django import forms

from home.form_errors import KindErrors

from .forms import EnrolmentForm, PersonCleaning
from .text import CleansTypedText


def _enrolment_field(name: str, **changes) -> forms.Field:
    field = copy.deepcopy(EnrolmentForm.base_fields[name])
    for attribute, value in changes.items():
        setattr(field, attribute, value)
    return field


class OpeningAlertForm(PersonCleaning, CleansTypedText, KindErrors, forms.Form):
    first_name = _enrolment_field("first_name")
    last_name = _enrolment_field("last_name")
    email = _enrolment_field("email", help_text="We will send the email here.")
    adult = _enrolment_field("adult")
    # A field people cannot see: bots fill it in, people do not.
    website = _enrolment_field("website")

    field_order = ["first_name", "last_name", "email", "adult"]
    error_names = {"adult": EnrolmentForm.error_names["adult"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].widget.attrs["autocomplete"] = EnrolmentForm.AUTOCOMPLETE[name]
        self.fields["email"].widget.attrs["spellcheck"] = "false"

    # The same checks as the enrolment form, borrowed rather than copied.
    clean_email = EnrolmentForm.clean_email
    is_under_18 = EnrolmentForm.is_under_18
    is_bot = EnrolmentForm.is_bot
