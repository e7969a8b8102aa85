"""The course dates filter form. Every field is optional; a bad value becomes a kind message in
the error summary and that one filter is ignored, so the page always shows courses."""

import calendar
import datetime as dt
import re

from django import forms

from home.form_errors import KindErrors

from .models.snippets import Location, Topic  # not the package: see listing.py

DAYS = [  # values are Django's __week_day numbers (Sunday = 1)
    ("2", "Monday"),
    ("3", "Tuesday"),
    ("4", "Wednesday"),
    ("5", "Thursday"),
    ("6", "Friday"),
    ("7", "Saturday"),
    ("1", "Sunday"),
]
TIMES_OF_DAY = [
    ("morning", "Morning (before 12pm)"),
    ("afternoon", "Afternoon (12pm to 5pm)"),
    ("evening", "Evening (after 5pm)"),
]
ONLINE = "online"
DATE_EXAMPLE = "14/3/2027"
# 2027-03-14: in links made when these were the browser's date inputs, which send dates that way.
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_SEPARATORS = re.compile(r"[\s/.,\-]+")
MONTHS = {
    name.lower(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
} | {"sept": 9}


def parse_day_month_year(text: str) -> dt.date | None:
    """A date as people in the UK write it: day, month, year, with slashes, spaces, dots or dashes
    between ("14/3/2027", "14 3 2027", "14.03.27", "14 March 2027"), or 2027-03-14. None if it
    is not a real date."""
    text = text.strip()
    if match := ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    else:
        parts = [part for part in DATE_SEPARATORS.split(text.lower()) if part]
        if len(parts) != 3:
            return None
        day, month, year = parts
        day = re.sub(r"(?<=\d)(st|nd|rd|th)$", "", day)
        month = str(MONTHS[month]) if month in MONTHS else month
    if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) in (2, 4)):
        return None
    try:
        return dt.date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))
    except (ValueError, OverflowError):  # 31/2/2027, month 13, day 99999999999
        return None


class DayMonthYearField(forms.Field):
    """A plain text box for a date, not the browser's own date input: that works differently in
    every browser and is hard to use with screen readers and voice control. No inputmode: a
    phone's number pad has no slash or space to type between the numbers."""

    widget = forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"})

    def __init__(self, *, label: str, **kwargs):
        super().__init__(
            label=label,
            help_text=f"For example, {DATE_EXAMPLE}",
            error_messages={"invalid": f"Enter a real date for '{label.lower()}', for example {DATE_EXAMPLE}"},
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()  # a stray space is not a date to refuse
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        parsed = parse_day_month_year(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed

    def prepare_value(self, value):
        """Shown back the way the hint writes dates, so a person sees how we read what they typed
        (an old link's 2027-03-14 shows as 14/3/2027). Anything we could not read stays as typed."""
        parsed = value if isinstance(value, dt.date) else parse_day_month_year(str(value or ""))
        return f"{parsed.day}/{parsed.month}/{parsed.year}" if parsed else value


class CourseDatesForm(KindErrors, forms.Form):
    q = forms.CharField(
        label="Search courses",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search for 100 characters or fewer"},
        help_text="For example: sleep, confidence, carers",
    )
    topic = forms.ChoiceField(label="Topic", required=False)
    location = forms.ChoiceField(label="Where", required=False)
    date_from = DayMonthYearField(label="Starting from", required=False)
    date_to = DayMonthYearField(label="Starting by", required=False)
    day = forms.MultipleChoiceField(
        label="Day of the week", required=False, choices=DAYS, widget=forms.CheckboxSelectMultiple
    )
    time_of_day = forms.MultipleChoiceField(
        label="Time of day", required=False, choices=TIMES_OF_DAY, widget=forms.CheckboxSelectMultiple
    )
    has_spaces = forms.BooleanField(label="Only show courses with spaces", required=False)
    postcode = forms.CharField(
        label="Your postcode",
        required=False,
        max_length=10,
        help_text="We only use the first half to sort courses by distance. Online courses are always shown.",
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)

    field_order = ["q", "postcode", "lat", "lng"]  # the page's order, which the error summary follows
    # What a field asks for, in an error message, where its label will not do (home/form_errors.py).
    error_names = {"topic": "a topic", "location": "a place", "day": "days of the week", "time_of_day": "a time of day"}

    def __init__(self, *args, topics=None, locations=None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = Topic.objects.all() if topics is None else topics
        locations = Location.objects.all() if locations is None else locations
        self.fields["topic"].choices = [("", "Any topic")] + [(t.slug, t.name) for t in topics]
        self.fields["location"].choices = [("", "Anywhere"), (ONLINE, "Online")] + [
            (loc.slug, loc.name) for loc in locations
        ]
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
