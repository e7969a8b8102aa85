"""A read-only panel on the course page's edit form listing the course's runs (its dates), so
staff editing a course can see and open them: runs are edited under "Course runs", not here."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import HelpPanel

RUNS_SHOWN = 30  # a course that has run for years has many; the newest matter


def runs_summary(course) -> str:
    add = format_html('<a href="{}">Add dates for a course</a>', reverse("course_runs:add"))
    if not course.pk:
        return format_html("<p>{}</p>", "Save and publish the course first, then add its dates under Course runs.")
    runs = list(
        course.runs.with_dates()
        .with_places()
        .select_related("course", "term", "location")
        .order_by("-first_date", "-pk")[:RUNS_SHOWN]
    )
    if not runs:
        return format_html("<p>This course has no dates yet. {}</p>", add)
    rows = format_html_join(
        "",
        '<li><a href="{}">{}</a>: {}, {}, {} of {} places taken. <a href="{}">Register</a></li>',
        (
            (
                reverse("course_runs:edit", args=[run.pk]),
                str(run),
                run.get_format_display(),
                run.get_status_display(),
                run.places_taken,
                run.capacity,
                reverse("enrolment_staff:register", args=[run.pk]),
            )
            for run in runs
        ),
    )
    return format_html(
        "<p>Dates are changed under Course runs. Choose one to change it.</p><ul>{}</ul><p>{}</p>", rows, add
    )


class CourseRunsPanel(HelpPanel):
    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = runs_summary(self.instance)
