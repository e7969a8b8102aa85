"""The form staff use to add or edit a student: on the Students screens and inline when enrolling
someone who phoned or sent a paper form."""

from functools import cache

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList

from enrolment.models import Student
from enrolment.models.places import Source
from enrolment.services import normalise_email
from enrolment.services.staff import CannotReach, check_reachable
from enrolment.text import CleansTypedText
from home.phones import PhoneField

DUPLICATE_EMAIL = (
    "We already have a student with this email address. Search for them under Students "
    "(or choose them when enrolling) instead of adding them again."
)


class StudentForm(CleansTypedText, WagtailAdminModelForm):
    consent_how = forms.ChoiceField(
        choices=Source.choices,
        label="How they agreed to us keeping their details",
        help_text="Online, on the phone, on a paper form or in person.",
    )

    class Meta:
        model = Student
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "postal_address",
            "postcode",
            "contact_by",
            "date_of_birth",
            "confirmed_adult",
            "joining_as",
            "support_needs",
            "heard_about",
            "consent_how",
            "consent_at",
        ]
        field_classes = {"phone": PhoneField}  # checked and stored as the public forms do
        labels = {
            "confirmed_adult": "They have told us they are 18 or over",
            "consent_at": "When they agreed",
            "contact_by": "How they would like us to contact them",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "Leave blank if they have no email: we will phone or write instead."
        # Asked when a student is added, not on every edit: records made before the question existed
        # (or imported) must still be correctable, e.g. a new phone number.
        self.fields["confirmed_adult"].required = not self.instance.pk
        # The model's help text only repeated the label ("Told us they are 18 or over").
        self.fields["confirmed_adult"].help_text = "Ask them: the college is for adults."
        self.fields["confirmed_adult"].error_messages["required"] = (
            "Ask them to confirm they are 18 or over: the college is for adults."
        )
        self.fields["consent_at"].required = True
        if not self.instance.pk:
            self.fields["consent_at"].initial = lambda: timezone.now().replace(second=0, microsecond=0)
            self.fields["consent_how"].initial = Source.PHONE

    def clean_email(self):
        email = normalise_email(self.cleaned_data.get("email"))
        if email and Student.objects.filter(email=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(DUPLICATE_EMAIL)
        return email

    def clean(self):
        cleaned = super().clean()
        if "email" not in cleaned:
            return cleaned  # an email error already says what to fix
        try:
            check_reachable(
                email=cleaned.get("email"),
                phone=cleaned.get("phone", ""),
                postal_address=cleaned.get("postal_address", ""),
                contact_by=cleaned.get("contact_by"),
            )
        except CannotReach as problem:
            self.add_error(problem.field, problem.message)
        return cleaned


student_panels = [
    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")], heading="Name"),
    MultiFieldPanel(
        [
            FieldPanel("email"),
            FieldPanel("phone"),
            FieldPanel("postal_address"),
            FieldPanel("postcode"),
            FieldPanel("contact_by"),
        ],
        heading="How to reach them",
    ),
    MultiFieldPanel(
        [
            FieldPanel("confirmed_adult"),
            FieldPanel("date_of_birth"),
            FieldPanel("joining_as"),
            FieldPanel("support_needs"),
            FieldPanel("heard_about"),
        ],
        heading="About them",
    ),
    MultiFieldPanel([FieldPanel("consent_how"), FieldPanel("consent_at")], heading="Consent"),
]

# Built from the panels, as the Students screens do, so the inline form on "Enrol someone" gets the
# same admin widgets (date pickers) and rules.
student_edit_handler = ObjectList(student_panels, base_form_class=StudentForm)


@cache
def student_form_class():
    return student_edit_handler.bind_to_model(Student).get_form_class()
