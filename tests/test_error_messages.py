"""Every error message a student can see on our forms says what went wrong and how to fix it, in
the NHS.UK style ("Enter your first name"), never Django's own ("This field is required.",
"Ensure this value has at most 10 characters"): each form is sent empty and with every field wrong
in each way it can be (home/form_errors.py gives the wording)."""

from urllib.parse import urlencode

import pytest
from django import forms
from django.http import QueryDict

from .factories import make_student
from .plain_english_helpers import DJANGO_WORDING, SAYS_HOW_TO_FIX_IT


def wrong_answers(form) -> list[QueryDict]:
    """The form sent empty, then with every field wrong in each way a person, a slip or an old
    link can make it wrong: too long, not one of the choices, not a number, out of range."""
    too_long, off_the_list, not_numbers = (QueryDict(mutable=True) for _ in range(3))
    for name, field in form.fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            off_the_list.setlist(name, ["not-on-the-list"])
        elif isinstance(field, forms.ChoiceField):
            off_the_list[name] = "not-on-the-list"
        elif isinstance(field, forms.FloatField):
            too_long[name], not_numbers[name] = "100000", "north"
        elif isinstance(field, forms.CharField) and field.max_length:
            too_long[name] = "a" * (field.max_length + 1)
        elif not isinstance(field, forms.BooleanField):
            not_numbers[name] = "31/2/2027"
    return [QueryDict(), too_long, off_the_list, not_numbers]


def messages_of(make_form, extra_cases=()) -> set[str]:
    found = set()
    for data in [*wrong_answers(make_form(None)), *extra_cases]:
        form = make_form(data if isinstance(data, QueryDict) else QueryDict(urlencode(data, doseq=True)))
        form.is_valid()
        found |= {message for errors in form.errors.values() for message in errors}
    return found


def full(form):
    form.offer_other_dates([("online", "Online"), ("1", "Witney Community Hub")], "online")
    return form


@pytest.mark.django_db
def test_every_error_message_a_student_can_see_says_how_to_fix_it():
    from courses.forms import CourseDatesForm
    from enrolment.feedback_form import FeedbackForm
    from enrolment.forms import DetailsForm, EnrolmentForm, PlacesForm, SignInForm
    from enrolment.limits import TOO_MANY
    from enrolment.opening_form import OpeningAlertForm

    student = make_student("Ana", email="ana@example.org")
    messages = set()
    messages |= messages_of(
        lambda data: full(EnrolmentForm(data)), [{"contact_by": "phone", "bring_supporter": "on", "which_dates": "any"}]
    )
    messages |= messages_of(lambda data: EnrolmentForm(data))
    messages |= messages_of(lambda data: full(PlacesForm(data)), [{"bring_supporter": "on", "which_dates": "any"}])
    messages |= messages_of(lambda data: SignInForm(data), [{"email": "ana at example"}])
    messages |= messages_of(lambda data: FeedbackForm(data), [{"experience": "good", "hope": "9"}])
    messages |= messages_of(lambda data: OpeningAlertForm(data), [{"email": "ana at example", "first_name": "<b>"}])
    messages |= messages_of(
        lambda data: DetailsForm(data, instance=student),
        [{"contact_by": "phone"}, {"contact_by": "post"}, {"phone": "12345", "postcode": "<b>"}],
    )
    messages |= messages_of(
        lambda data: CourseDatesForm(data, topics=[], locations=[]), [{"date_from": "2/3/2027", "date_to": "1/3/2027"}]
    )
    print("\n" + "\n".join(sorted(messages)))
    assert len(messages) > 30
    assert [message for message in messages if not SAYS_HOW_TO_FIX_IT.match(message)] == []
    assert [message for message in messages if any(words in message for words in DJANGO_WORDING)] == []
    assert "try again in an hour, or call us" in TOO_MANY
