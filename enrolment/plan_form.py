"""The form a signed-in student fills in for their own learning plan. Everything on it is
optional except the choice about sharing, which defaults to "no": the plan is for them."""

from django import forms

from courses.models import Topic
from home.form_errors import KindErrors

from .models.plans import GOALS_MAX_LENGTH
from .text import CleansTypedText

YES, NO = "yes", "no"
TOPIC_GONE = "Select topics from the list. A topic you chose may no longer be offered"


class LearningPlanForm(CleansTypedText, KindErrors, forms.Form):
    goals = forms.CharField(
        label="What would you like to learn or work towards? (optional)",
        help_text="Use your own words. For example: 'feel more confident meeting new people'.",
        required=False,
        max_length=GOALS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"Your goals must be {GOALS_MAX_LENGTH} characters or fewer"},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics you are interested in (optional)",
        help_text="We will show you courses on these topics. Select all that apply.",
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": TOPIC_GONE, "invalid_pk_value": TOPIC_GONE, "invalid_list": TOPIC_GONE},
    )
    shared = forms.TypedChoiceField(
        label="Do you want college staff to see your plan?",
        help_text="You can change this at any time.",
        widget=forms.RadioSelect,
        coerce=lambda value: value == YES,
        choices=[(NO, "No, keep it to myself"), (YES, "Yes, staff can see it")],
        initial=NO,
        error_messages={"required": "Select whether you want college staff to see your plan"},
    )

    def __init__(self, *args, plan=None, **kwargs):
        if plan is not None:
            kwargs.setdefault(
                "initial",
                {
                    "goals": plan.goals,
                    "topics": list(plan.topics.all()),
                    "shared": YES if plan.shared_with_staff else NO,
                },
            )
        super().__init__(*args, **kwargs)
        # No maxlength in the page: a browser would cut pasted words off without saying so. Too
        # long is told as an error instead, with everything they wrote still there to shorten.
        self.fields["goals"].widget.attrs.pop("maxlength", None)
