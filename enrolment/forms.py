"""The public enrolment form, in plain English. Validation messages follow the NHS.UK style:
say what went wrong and how to fix it."""

import re
from collections.abc import Callable

from django import forms
from django.utils.html import format_html

from home.form_errors import KindErrors
from home.phones import PhoneField

from .models import Student
from .text import CleansTypedText, has_quoted_local_part

UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?(?: ?\d[A-Z]{2})?$")  # a full postcode or its first half
# Any letters in any script are welcome; only characters no name needs (and markup needs) are not.
NOT_IN_NAMES = re.compile(r"[<>{}\[\]\\/=;:@#$%^*_|~\x00-\x1f]")
YES, NO = "yes", "no"
QUOTED_EMAIL = "Enter your email address without quotation marks, like name@example.com"


def clean_public_email(value: str) -> str:
    if has_quoted_local_part(value):
        raise forms.ValidationError(QUOTED_EMAIL)
    return value


class PersonCleaning:
    """Tidying shared by every form where students give their details."""

    def _clean_name(self, field: str, label: str) -> str:
        value = " ".join(self.cleaned_data.get(field, "").split())
        if NOT_IN_NAMES.search(value):
            raise forms.ValidationError(f"{label} must only include letters, spaces, hyphens and apostrophes")
        return value

    def clean_first_name(self):
        return self._clean_name("first_name", "First name")

    def clean_last_name(self):
        return self._clean_name("last_name", "Last name")

    def clean_postcode(self):
        postcode = re.sub(r"\s+", " ", self.cleaned_data.get("postcode", "").strip().upper())
        if postcode and not UK_POSTCODE.match(postcode):
            raise forms.ValidationError("Enter a UK postcode, like OX4 1AA, or just the first half, like OX4")
        return postcode


class PlacesForm(CleansTypedText, KindErrors, forms.Form):
    """What a student wants: a place for themselves or with a supporter, and, when the course is
    full, whether they would take a place on any other dates of it."""

    ONLY_THESE, ANY = "these", "any"
    # What a field asks for, in an error message, where its label will not do (home/form_errors.py).
    error_names = {
        "supporter_name": "your carer or supporter's name",
        "which_dates": "which dates would suit you",
        "any_where": "where you could go",
    }
    bring_supporter = forms.BooleanField(
        label="I would like to bring a carer or supporter",
        required=False,
        help_text="They come free and take a place too. We keep two places together for you.",
    )
    supporter_name = forms.CharField(label="Their name", required=False, max_length=200)

    def offer_other_dates(self, where_choices: list[tuple[str, str]] | Callable, suggested: str) -> None:
        """Called when the course is full: ask which dates would do. `where_choices` may be a
        function, called only when the choices are shown or a choice is checked."""
        self.fields["which_dates"] = forms.ChoiceField(
            label="This course is full. Which dates would suit you?",
            widget=forms.RadioSelect,
            required=False,
            choices=[
                (self.ONLY_THESE, "These dates only"),
                (self.ANY, "The first place on any dates of this course that suit me"),
            ],
            initial=self.ONLY_THESE,  # and when nothing is sent: the course may have filled since the page loaded
        )
        self.fields["any_where"] = forms.MultipleChoiceField(
            label="Where could you go?",
            required=False,
            choices=where_choices,
            initial=[suggested],
            widget=forms.CheckboxSelectMultiple,
            help_text="Only if you chose any dates. Tick all that suit you.",
        )
        # Asked straight after who is coming, as the page does, so the error summary reads in page order.
        names = list(self.fields)
        self.order_fields(names[: names.index("supporter_name") + 1] + ["which_dates", "any_where"])

    @property
    def places(self) -> int:
        return 2 if self.cleaned_data.get("bring_supporter") else 1

    @property
    def supporter(self) -> str:
        return self.cleaned_data["supporter_name"] if self.cleaned_data.get("bring_supporter") else ""

    @property
    def wants_any_date(self) -> bool:
        return self.cleaned_data.get("which_dates") == self.ANY

    def clean(self):
        cleaned = super().clean()
        # The supporter's name and where else they could go are only asked after a choice (the page
        # reveals them). Left over from a choice undone, they are ignored, never a reason to refuse.
        if not cleaned.get("bring_supporter"):
            self._ignore("supporter_name", "")
        if "which_dates" in self.fields and cleaned.get("which_dates") != self.ANY:
            self._ignore("any_where", [])
        if cleaned.get("bring_supporter") and not " ".join(cleaned.get("supporter_name", "").split()):
            self.add_error("supporter_name", "Enter your carer or supporter's name")
        if cleaned.get("which_dates") == self.ANY and not cleaned.get("any_where"):
            self.add_error("any_where", "Choose at least one place, or online, so we know which dates suit you")
        return cleaned

    def _ignore(self, name: str, empty) -> None:
        self._errors.pop(name, None)
        self.cleaned_data[name] = empty


class EnrolmentForm(PersonCleaning, PlacesForm):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={
            "required": "Enter your first name",
            "max_length": "First name must be 100 characters or fewer",
        },
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter your last name", "max_length": "Last name must be 100 characters or fewer"},
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send your confirmation and reminders here.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    phone = PhoneField(
        label="Phone number (optional)",
        required=False,
        max_length=30,
        help_text="In case we need to reach you about the course.",
    )
    adult = forms.ChoiceField(
        label="Are you 18 or over?",
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Tell us if you are 18 or over"},
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        help_text="Helps us plan courses near where students live.",
    )
    joining_as = forms.ChoiceField(
        label="I am joining as",
        choices=Student.JoiningAs.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Tell us how you are joining"},
    )
    support_needs = forms.CharField(
        label="Anything that would help you take part (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, large print, a hearing loop or sitting near the door. Only college staff "
        "and the people who teach your course see this.",
    )
    heard_about = forms.CharField(label="How did you hear about us? (optional)", required=False, max_length=200)
    contact_by = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=Student.ContactBy.choices,
        widget=forms.RadioSelect,
        initial=Student.ContactBy.EMAIL,
    )
    consent = forms.BooleanField(
        label="I agree to the college keeping my details to run my courses",
        error_messages={"required": "Tick the box to say we may keep your details, or call us to enrol instead"},
    )
    # A field people cannot see: bots fill it in, people do not.
    website = forms.CharField(required=False, label="Leave this empty", max_length=200)

    # The page's order, which the error summary follows.
    field_order = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "adult",
        "postcode",
        "joining_as",
        "bring_supporter",
        "supporter_name",
        "support_needs",
        "heard_about",
        "contact_by",
        "consent",
    ]

    error_names = PlacesForm.error_names | {
        "adult": "if you are 18 or over",
        "joining_as": "how you are joining",
        "support_needs": "what would help you take part",
        "heard_about": "how you heard about us",
        "contact_by": "how you would like us to contact you",
    }

    AUTOCOMPLETE = {
        "first_name": "given-name",
        "last_name": "family-name",
        "email": "email",
        "phone": "tel",
        "postcode": "postal-code",
    }

    def __init__(self, *args, privacy_url: str = "/privacy-notice/", **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        self.fields["consent"].help_text = format_html(
            'Read our <a class="nhsuk-link" href="{}">privacy notice</a> to see what we keep and why.', privacy_url
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_by") == Student.ContactBy.PHONE and not cleaned.get("phone"):
            self.add_error("phone", "Enter a phone number so we can call you")
        return cleaned

    def clean_email(self):
        return clean_public_email(self.cleaned_data.get("email", ""))

    @property
    def is_under_18(self) -> bool:
        return self.is_bound and self.data.get("adult") == NO

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class SignInForm(CleansTypedText, KindErrors, forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The one you used when you enrolled.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def clean_email(self):
        return clean_public_email(self.cleaned_data.get("email", ""))


class DetailsForm(CleansTypedText, KindErrors, PersonCleaning, forms.ModelForm):
    """A signed-in student changing their own details. Email is how they sign in, so changing it
    is done by phone, where staff can check who they are."""

    reminders = forms.TypedChoiceField(
        label="Reminder emails",
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes, email me before my sessions"), ("no", "No reminders, please")],
        help_text="We still email you about your bookings, for example if a course changes.",
        error_messages={"required": "Choose whether you would like reminder emails"},
    )

    class Meta:
        model = Student
        fields = ["first_name", "last_name", "phone", "postal_address", "postcode", "contact_by", "support_needs"]
        field_classes = {"phone": PhoneField}  # stored as +441865123456, shown as 01865 123456
        labels = {
            "phone": "Phone number (optional)",
            "postal_address": "Postal address (optional)",
            "postcode": "Postcode (optional)",
            "contact_by": "How would you like us to contact you?",
            "support_needs": "Anything that would help you take part (optional)",
        }
        help_texts = {"support_needs": "Only college staff and the people who teach your course see this."}
        widgets = {
            "contact_by": forms.RadioSelect,
            "postal_address": forms.Textarea(attrs={"rows": 3}),
            "support_needs": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "first_name": {
                "required": "Enter your first name",
                "max_length": "First name must be 100 characters or fewer",
            },
            "last_name": {
                "required": "Enter your last name",
                "max_length": "Last name must be 100 characters or fewer",
            },
        }

    error_names = {
        "contact_by": "how you would like us to contact you",
        "support_needs": "what would help you take part",
        "reminders": "whether you would like reminder emails",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in EnrolmentForm.AUTOCOMPLETE.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["postal_address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["contact_by"].choices = Student.ContactBy.choices  # no empty "---------" radio
        self.fields["reminders"].initial = "no" if self.instance.reminders_off else "yes"

    def save(self, commit=True):
        self.instance.reminders_off = not self.cleaned_data["reminders"]
        return super().save(commit=commit)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_by") == Student.ContactBy.PHONE and not cleaned.get("phone"):
            self.add_error("phone", "Enter a phone number so we can call you")
        if cleaned.get("contact_by") == Student.ContactBy.POST and not cleaned.get("postal_address", "").strip():
            self.add_error("postal_address", "Enter your postal address so we can write to you")
        return cleaned
