"""Forms for staff acting on someone's behalf. They only collect and check what staff typed; the
change itself is made by enrolment.services."""

from django import forms

from enrolment.models import Student
from enrolment.models.places import Source
from enrolment.text import CleansTypedText

STAFF_SOURCES = [(Source.PHONE, "Phone call"), (Source.PAPER, "Paper form"), (Source.IN_PERSON, "In person")]
REASON_REQUIRED = "Please give a reason: it is kept with the record of this change."


class EnrolOnBehalfForm(CleansTypedText, forms.Form):
    # Chosen by searching (see EnrolView); empty means "add a new student" with the StudentForm.
    student = forms.ModelChoiceField(Student.objects.all(), required=False, widget=forms.HiddenInput)
    source = forms.ChoiceField(
        choices=STAFF_SOURCES, initial=Source.PHONE, widget=forms.RadioSelect, label="How they asked to enrol"
    )
    places = forms.TypedChoiceField(
        choices=[(1, "Just them"), (2, "Them and a carer or supporter (2 places, always together)")],
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
        label="Places",
    )
    supporter_name = forms.CharField(required=False, max_length=200, label="Supporter's name")
    beyond_capacity = forms.BooleanField(
        required=False,
        label="Enrol beyond capacity",
        help_text="Only if the course is full and there is a good reason. Otherwise they join the waiting list.",
    )
    over_capacity_reason = forms.CharField(required=False, max_length=300, label="Reason for enrolling beyond capacity")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("places") == 2 and not cleaned.get("supporter_name"):
            self.add_error("supporter_name", "Give the supporter's name, or choose “Just them”.")
        if cleaned.get("places") == 1:
            cleaned["supporter_name"] = ""
        if cleaned.get("beyond_capacity") and not cleaned.get("over_capacity_reason"):
            self.add_error(
                "over_capacity_reason", "Give a reason for enrolling them beyond capacity: it is kept with the record."
            )
        if not cleaned.get("beyond_capacity"):
            cleaned["over_capacity_reason"] = ""
        return cleaned


class ReasonForm(CleansTypedText, forms.Form):
    """Confirms a staff action; the reason is optional and kept with the record."""

    reason = forms.CharField(
        required=False, max_length=250, label="Reason (optional)", widget=forms.Textarea(attrs={"rows": 2})
    )


class MoveUpForm(CleansTypedText, forms.Form):
    ahead_of = forms.TypedChoiceField(coerce=int, label="Put them just ahead of")
    reason = forms.CharField(
        max_length=250,
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": REASON_REQUIRED},
        help_text="Why they should be offered a place before the people now ahead of them.",
    )

    def __init__(self, *args, ahead: list, **kwargs):
        """`ahead`: (position, entry) for everyone now ahead of them in the queue."""
        super().__init__(*args, **kwargs)
        self.fields["ahead_of"].choices = [(entry.pk, f"{n}. {entry.student}") for n, entry in ahead]
        if ahead:
            self.fields["ahead_of"].initial = ahead[-1][1].pk  # one place up unless staff choose otherwise
