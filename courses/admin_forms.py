"""The Wagtail admin form for course runs: enforces the co-delivery rule from courses.rules, and
tells the people enrolled and waiting when their dates, times or place change."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from .changes import facts, what_changed
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

    def save(self, commit=True):
        before = facts(self.instance.pk) if self.instance.pk and commit else None
        run = super().save(commit=commit)
        if before is not None:
            from enrolment.services import tell_run_changed

            tell_run_changed(run_id=run.pk, what_changed=what_changed(before, facts(run.pk)))
        return run

