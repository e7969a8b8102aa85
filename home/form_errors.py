"""Error messages in the NHS.UK style for the mistakes Django words itself.

Django's own messages ("This field is required.", "Ensure this value has at most 10 characters
(it has 14).", "Select a valid choice. 7 is not one of the available choices.") are cold and do
not say what to do. The NHS.UK style says what went wrong and how to fix it, in the person's
words: "Postcode must be 10 characters or fewer", "Select how you would like us to contact you".

A form that mixes in KindErrors gets these for every field, including fields added after it is
made, whenever Django's message would otherwise show. A message a form sets itself always wins.
tests/test_plain_english.py checks every message on every public form."""

from django import forms
from django.utils.text import capfirst


def _django_default(field: forms.Field, code: str) -> str | None:
    for klass in type(field).__mro__:
        if code in getattr(klass, "default_error_messages", {}):
            return klass.default_error_messages[code]
    return None


def _current(field: forms.Field, code: str) -> str | None:
    """The field's own message for `code`, if the form gave it one."""
    message = field.error_messages.get(code)
    return None if message == _django_default(field, code) else message


def _what(label: str) -> str:
    """'Phone number (optional)' -> 'phone number'."""
    what = str(label).replace("(optional)", "").strip().rstrip("?").strip()
    return what[:1].lower() + what[1:] if what[1:2].islower() else what


def kind_messages(field: forms.Field, what: str) -> dict[str, str]:
    """NHS.UK-style messages for the errors `field` can raise; `what` is what it asks for."""
    messages = {}
    if isinstance(field, forms.ChoiceField):  # radios, checkboxes and drop-down lists
        messages["required"] = f"Select {what}"
        # An answer that is not one of the choices (an old link, a venue gone since the page
        # loaded) is answered as if none was given; a drop-down list is called a list.
        if isinstance(field.widget, forms.Select):
            messages["invalid_choice"] = f"Select {what} from the list"
        else:
            messages["invalid_choice"] = _current(field, "required") or messages["required"]
        messages["invalid_list"] = messages["invalid_choice"]
    elif isinstance(field, forms.CharField):
        messages["required"] = f"Enter {what}"
    if getattr(field, "max_length", None):
        messages["max_length"] = f"{capfirst(what)} must be {field.max_length} characters or fewer"
    if isinstance(field, (forms.IntegerField, forms.FloatField, forms.DecimalField)):
        messages["invalid"] = f"Enter {what} as a number"
        if field.min_value is not None:
            messages["min_value"] = f"{capfirst(what)} must be {field.min_value} or more"
        if field.max_value is not None:
            messages["max_value"] = f"{capfirst(what)} must be {field.max_value} or less"
    return messages


def use_kind_messages(form: forms.BaseForm, names: dict[str, str]) -> None:
    for name, field in form.fields.items():
        what = names.get(name) or _what(field.label or name.replace("_", " "))
        for code, message in kind_messages(field, what).items():
            if _current(field, code) is None:
                field.error_messages[code] = message


class KindErrors:
    """Mix into a form. `error_names` says what a field asks for where its label will not do
    in a message ("how you heard about us" for "How did you hear about us? (optional)")."""

    error_names: dict[str, str] = {}

    def full_clean(self):
        use_kind_messages(self, self.error_names)
        super().full_clean()
