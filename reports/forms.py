"""Which report to make: a term or a date range, and how to split it. Sent by GET, so a report
has an address staff can bookmark or share with a colleague who may see reports."""

from django import forms

from courses.models import Term
from home.form_errors import KindErrors

from .figures import Period, Split


class ReportForm(KindErrors, forms.Form):
    term = forms.ModelChoiceField(
        queryset=Term.objects.order_by("-starts_on"),
        required=False,
        empty_label="Choose a term",
        help_text="Runs of that term.",
    )
    starts_on = forms.DateField(
        label="Or from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Runs whose first session is on or after this date.",
    )
    ends_on = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Runs whose first session is on or before this date.",
    )
    split = forms.ChoiceField(label="Split by", choices=Split.choices, initial=Split.NONE, required=False)

    error_names = {
        "term": "a term",
        "starts_on": "the start date",
        "ends_on": "the end date",
        "split": "how to split the report",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on"):
            self.fields[name].error_messages["invalid"] = f"Enter {self.error_names[name]} as a real date"

    def clean(self):
        data = super().clean()
        term, starts_on, ends_on = data.get("term"), data.get("starts_on"), data.get("ends_on")
        if self.errors:
            return data
        if term and (starts_on or ends_on):
            raise forms.ValidationError("Choose a term or a date range, not both")
        if not term:
            if not starts_on and not ends_on:
                raise forms.ValidationError("Choose a term, or enter a start date and an end date")
            if not starts_on:
                self.add_error("starts_on", "Enter the start date")
            elif not ends_on:
                self.add_error("ends_on", "Enter the end date")
            elif ends_on < starts_on:
                self.add_error("ends_on", "The end date must be after the start date")
        return data

    def period(self) -> Period:
        """The period asked for (only once the form is valid)."""
        data = self.cleaned_data
        if data["term"]:
            return Period.of_term(data["term"])
        return Period(data["starts_on"], data["ends_on"])

    def chosen_split(self) -> str:
        return self.cleaned_data.get("split") or Split.NONE
