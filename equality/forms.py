"""The student's equality monitoring form: a set of radios for each question the college has
turned on, every one optional."""

from django import forms

from home.form_errors import KindErrors

HINT = "You do not have to answer."


class AboutYouForm(KindErrors, forms.Form):
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[question.name] = forms.ChoiceField(
                label=question.text,
                help_text=HINT,
                choices=question.answers,
                required=False,
                widget=forms.RadioSelect,
                # Only a changed or old page sends an answer that is not on the list.
                error_messages={"invalid_choice": "Select one of the answers, or leave this question out"},
            )
