"""The public enrolment form, in plain English. Validation messages follow the NHS.UK style:
say what went wrong and how to fix it."""

import re

from django import forms
from django.utils.html import format_html

from .models import Student

UK_PHONE = re.compile(r"^(?:\+44|0044|0)\d{9,10}$")
# Any letters in any script are welcome; only characters no name needs (and markup needs) are not.
NOT_IN_NAMES = re.compile(r"[<>{}\[\]\\/=;:@#$%^*_|~\x00-\x1f]")
YES, NO = "yes", "no"


def clean_uk_phone(value: str) -> str:
    digits = re.sub(r"[\s\-()]", "", value or "")
    if digits and not UK_PHONE.match(digits):
        raise forms.ValidationError("Enter a UK phone number, like 01632 960 001 or 07700 900 982")
    return digits


class EnrolmentForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=100, error_messages={
        "required": "Enter your first name", "max_length": "First name must be 100 characters or fewer"})
    last_name = forms.CharField(label="Last name", max_length=100, error_messages={
        "required": "Enter your last name", "max_length": "Last name must be 100 characters or fewer"})
    email = forms.EmailField(
        label="Email address", max_length=254, help_text="We send your confirmation and reminders here.",
        error_messages={"required": "Enter your email address",
                        "invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=30,
                            help_text="In case we need to reach you about the course.")
    adult = forms.ChoiceField(
        label="Are you 18 or over?", choices=[(YES, "Yes"), (NO, "No")], widget=forms.RadioSelect,
        error_messages={"required": "Tell us if you are 18 or over"},
    )
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10,
                               help_text="Helps us plan courses near where students live.")
    joining_as = forms.ChoiceField(
        label="I am joining as", choices=Student.JoiningAs.choices, widget=forms.RadioSelect,
        error_messages={"required": "Tell us how you are joining"},
    )
    bring_supporter = forms.BooleanField(
        label="I would like to bring a carer or supporter", required=False,
        help_text="They come free and take a place too. We keep two places together for you.",
    )
    supporter_name = forms.CharField(label="Their name", required=False, max_length=200)
    support_needs = forms.CharField(
        label="Anything that would help you take part (optional)", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, large print, a hearing loop or sitting near the door. Only college staff "
        "and your course's facilitators see this.",
    )
    heard_about = forms.CharField(label="How did you hear about us? (optional)", required=False, max_length=200)
    contact_by = forms.ChoiceField(label="How would you like us to contact you?", choices=Student.ContactBy.choices,
                                   widget=forms.RadioSelect, initial=Student.ContactBy.EMAIL)
    consent = forms.BooleanField(
        label="I agree to the college keeping my details to run my courses",
        error_messages={"required": "Tick the box to say we may keep your details, or call us to enrol instead"},
    )
    # A field people cannot see: bots fill it in, people do not.
    website = forms.CharField(required=False, label="Leave this empty", max_length=200)

    AUTOCOMPLETE = {"first_name": "given-name", "last_name": "family-name", "email": "email",
                    "phone": "tel", "postcode": "postal-code"}

    def __init__(self, *args, privacy_url: str = "/privacy-notice/", **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        self.fields["consent"].help_text = format_html(
            'Read our <a class="nhsuk-link" href="{}">privacy notice</a> to see what we keep and why.', privacy_url)

    def _clean_name(self, field: str, label: str) -> str:
        value = " ".join(self.cleaned_data.get(field, "").split())
        if NOT_IN_NAMES.search(value):
            raise forms.ValidationError(f"{label} must only include letters, spaces, hyphens and apostrophes")
        return value

    def clean_first_name(self):
        return self._clean_name("first_name", "First name")

    def clean_last_name(self):
        return self._clean_name("last_name", "Last name")

    def clean_phone(self):
        return clean_uk_phone(self.cleaned_data.get("phone", ""))

    def clean_postcode(self):
        return re.sub(r"\s+", " ", self.cleaned_data.get("postcode", "").strip().upper())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("bring_supporter") and not cleaned.get("supporter_name", "").strip():
            self.add_error("supporter_name", "Enter your carer or supporter's name")
        if cleaned.get("contact_by") == Student.ContactBy.PHONE and not cleaned.get("phone"):
            self.add_error("phone", "Enter a phone number so we can call you")
        return cleaned

    @property
    def is_under_18(self) -> bool:
        return self.is_bound and self.data.get("adult") == NO

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
