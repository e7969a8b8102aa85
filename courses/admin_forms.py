"""The Wagtail admin form for course runs: enforces the co-delivery rule from courses.rules.
(Enrolment's RunForm, enrolment/admin/runs.py, adds telling the people booked about a change.)"""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from .rules import check_co_delivery


class CourseRunForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        # Facilitators arrive as a queryset of the chosen snippets; the rule needs their expertise.
        facilitators = cleaned_data.get("facilitators")
        if facilitators is None and "facilitators" in self.errors:
            return cleaned_data
        try:
            check_co_delivery(
                facilitators=list(facilitators or []),
                cancelled=cleaned_data.get("status") == "cancelled",
                enrolment_closes=cleaned_data.get("enrolment_closes"),
            )
        except ValidationError as error:
            self.add_error(None, error)
        self._check_completion_rule(cleaned_data.get("sessions_to_complete"))
        return cleaned_data

    def _check_completion_rule(self, needed: int | None) -> None:
        sessions = self.formsets.get("sessions")
        if not needed or sessions is None or not sessions.is_valid():
            return
        count = sum(1 for form in sessions.forms if form.cleaned_data and not form.cleaned_data.get("DELETE"))
        if needed > count:
            self.add_error(
                "sessions_to_complete",
                f"This run has {count} session{'s' if count != 1 else ''}, so nobody could attend {needed}. "
                "Enter a number up to the number of sessions, or leave it blank for half.",
            )
