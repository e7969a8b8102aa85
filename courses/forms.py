"""The course dates filter form. Every field is optional; a bad value becomes a kind message in
the error summary and that one filter is ignored, so the page always shows courses."""

from django import forms

from home.form_errors import KindErrors

from .models import Location, Topic

DAYS = [  # values are Django's __week_day numbers (Sunday = 1)
    ("2", "Monday"), ("3", "Tuesday"), ("4", "Wednesday"), ("5", "Thursday"),
    ("6", "Friday"), ("7", "Saturday"), ("1", "Sunday"),
]
TIMES_OF_DAY = [
    ("morning", "Morning (before 12pm)"),
    ("afternoon", "Afternoon (12pm to 5pm)"),
    ("evening", "Evening (after 5pm)"),
]
ONLINE = "online"
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y"]
DATE_ERROR = "Enter a real date, for example 14/03/2027"


class CourseDatesForm(KindErrors, forms.Form):
    q = forms.CharField(label="Search courses", required=False, max_length=100,
                        error_messages={"max_length": "Search for 100 characters or fewer"},
                        help_text="For example: sleep, confidence, carers")
    topic = forms.ChoiceField(label="Topic", required=False)
    location = forms.ChoiceField(label="Where", required=False)
    date_from = forms.DateField(
        label="Starting from", required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}), error_messages={"invalid": DATE_ERROR},
    )
    date_to = forms.DateField(
        label="Starting by", required=False, input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}), error_messages={"invalid": DATE_ERROR},
    )
    day = forms.MultipleChoiceField(label="Day of the week", required=False, choices=DAYS,
                                    widget=forms.CheckboxSelectMultiple)
    time_of_day = forms.MultipleChoiceField(label="Time of day", required=False, choices=TIMES_OF_DAY,
                                            widget=forms.CheckboxSelectMultiple)
    has_spaces = forms.BooleanField(label="Only show courses with spaces", required=False)
    postcode = forms.CharField(label="Your postcode", required=False, max_length=10,
                               help_text="We only use the first half to sort courses by distance. "
                               "Online courses are always shown.")
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    # What a field asks for, in an error message, where its label will not do (home/form_errors.py).
    error_names = {"topic": "a topic", "location": "a place", "day": "days of the week", "time_of_day": "a time of day"}

    def __init__(self, *args, topics=None, locations=None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = Topic.objects.all() if topics is None else topics
        locations = Location.objects.all() if locations is None else locations
        self.fields["topic"].choices = [("", "Any topic")] + [(t.slug, t.name) for t in topics]
        self.fields["location"].choices = (
            [("", "Anywhere"), (ONLINE, "Online")] + [(loc.slug, loc.name) for loc in locations]
        )
        for name in ("lat", "lng"):
            for code in ("invalid", "min_value", "max_value"):
                self.fields[name].error_messages[code] = "We could not use your location. Try a postcode instead."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'starting by' date must be the same as or after the 'starting from' date")
        return cleaned

    def valid_filters(self) -> dict:
        """The values that passed validation: a bad field is dropped, the rest still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", [], False)}
