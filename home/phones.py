"""Phone numbers: one place that reads what people type, stores it and shows it.

We store E.164 ("+441865123456"): one spelling per number, so a search or a duplicate check finds
it however it was typed, and a `tel:` link dials it from anywhere. People see numbers the UK way:
"01865 123456" for a UK number, "+33 1 42 68 53 00" for one from abroad.

Parsing is Google's libphonenumber (the `phonenumbers` package), read as if typed in the UK, so
"01865 123456", "(01865) 123 456", "+44 7700 900123" and "0044 1865 123456" are all the same kind
of thing, and a number from abroad works when it starts with + (or 00)."""

import re

import phonenumbers
from django import forms
from django.utils.html import format_html

REGION = "GB"
PHONE_ERROR = "Enter a UK phone number, like 01632 960 001 or 07700 900 982"
# What people put in phone numbers besides digits. Anything else (letters, "ext", a second number
# after a comma) is refused rather than quietly dropped, so nobody is stored with half a number.
TYPED_PHONE = re.compile(r"^[\d\s+\-().]+$")
# Ofcom keeps these ranges for TV and radio drama: they ring nobody, so libphonenumber calls them
# invalid. Our own error message and the tests use them precisely because no real person has them,
# so they are accepted like any other UK number. Each is followed by three more digits: 01632 960 000
# to 01632 960 999, 07700 900 000 to 07700 900 999, and so on.
DRAMA_RANGES = tuple(
    "01134960 01144960 01154960 01164960 01174960 01184960 01214960 01314960 01414960 01514960 01614960 "
    "01914980 02079460 02896496 02920180 01632960 07700900 08081570 09098790 03069990".split()
)


class NotAPhoneNumber(ValueError):
    pass


def _is_drama(number: phonenumbers.PhoneNumber) -> bool:
    national = f"0{number.national_number}"
    return number.country_code == 44 and len(national) == 11 and national.startswith(DRAMA_RANGES)


def parse_phone(value: str) -> phonenumbers.PhoneNumber:
    """The number in `value`, or NotAPhoneNumber if it is not a real number (or a drama one)."""
    value = (value or "").strip()
    if not TYPED_PHONE.match(value):
        raise NotAPhoneNumber(value)
    try:
        number = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException as problem:
        raise NotAPhoneNumber(value) from problem
    if not (phonenumbers.is_valid_number(number) or _is_drama(number)):
        raise NotAPhoneNumber(value)
    return number


def to_e164(value: str) -> str:
    """'01865 123 456' -> '+441865123456'; NotAPhoneNumber if it is not a number."""
    return phonenumbers.format_number(parse_phone(value), phonenumbers.PhoneNumberFormat.E164)


def display_phone(value: str) -> str:
    """A stored number the way people in the UK write it: '01865 123456' for UK numbers,
    '+33 1 42 68 53 00' for others. Anything that does not parse (an old record) is shown as it is."""
    try:
        number = parse_phone(value)
    except NotAPhoneNumber:
        return value or ""
    if number.country_code == 44:  # Jersey, Guernsey and the Isle of Man share it and are dialled alike
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel_href(value: str) -> str:
    """'tel:+441865123456', or '' when the stored value is not a number (so there is no dead link)."""
    try:
        return f"tel:{to_e164(value)}"
    except NotAPhoneNumber:
        return ""


def phone_link(value: str) -> str:
    """The number as a link that dials it, for staff who call students. An old record that is not
    a number is shown as it is, with no link; no number gives "" (so a template's `default` shows)."""
    href = tel_href(value)
    return format_html('<a href="{}">{}</a>', href, display_phone(value)) if href else display_phone(value)


class PhoneField(forms.CharField):
    """A phone number box: takes any way of writing a number, gives back E.164, and shows a stored
    number the UK way when the form is filled in from a record."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Set on the field, not as a class default, so home/form_errors.py keeps it as our own words.
        self.error_messages["invalid"] = PHONE_ERROR

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        try:
            return to_e164(value)
        except NotAPhoneNumber:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        # A stored '+441865123456' reads '01865 123456' in the box; what someone typed and got
        # wrong is given back exactly as they typed it.
        if isinstance(value, str) and value.startswith("+"):
            return display_phone(value)
        return value
