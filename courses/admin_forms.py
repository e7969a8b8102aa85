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
        return cleaned_data
