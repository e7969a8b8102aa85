"""The short form a student fills in after a course (the link in the "feedback" email). Only the
Friends and Family Test question must be answered; everything else may be left blank."""

from django import forms

from home.form_errors import KindErrors

from .models.feedback import CHIME_STATEMENTS, FFT_QUESTION, FeedbackAnswer
from .text import CleansTypedText

FREE_TEXT_LIMIT = 2000


def _agreement(statement: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=statement,
        choices=FeedbackAnswer.Agreement.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class FeedbackForm(CleansTypedText, KindErrors, forms.Form):
    experience = forms.ChoiceField(
        label=FFT_QUESTION,
        choices=FeedbackAnswer.Experience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how your experience was overall, or select don't know"},
    )
    what_helped = forms.CharField(
        label="What helped? (optional)",
        help_text="For example, something a facilitator or another student said or did.",
        required=False,
        max_length=FREE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    could_do_better = forms.CharField(
        label="Is there anything we could do better? (optional)",
        required=False,
        max_length=FREE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    error_names = {
        "what_helped": "what helped",
        "could_do_better": "what we could do better",
        **{name: "how much you agree" for name, _ in CHIME_STATEMENTS},
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, statement in CHIME_STATEMENTS:
            self.fields[name] = _agreement(statement)

    def chime(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name, _ in CHIME_STATEMENTS}

    def chime_fields(self):
        return [self[name] for name, _ in CHIME_STATEMENTS]
