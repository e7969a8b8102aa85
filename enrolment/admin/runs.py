"""Course runs in the Wagtail admin ("Course runs"): listed with their places taken and a link to
each register; changing one tells the people on it, and cancelling one asks first. Runs are
courses' data, but these screens are about the people booked on them, so they live here."""

from django.db.models import F
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from courses.admin_forms import CourseRunForm
from courses.changes import snapshot, what_changed
from courses.models import CourseRun
from enrolment.services import people_to_tell, tell_run_changed
from home.downloads import SafeSpreadsheetExportMixin

from .permissions import can_see_registers


class RunForm(CourseRunForm):
    def save(self, commit=True):
        before = snapshot(self.instance.pk) if self.instance.pk and commit else None
        run = super().save(commit=commit)
        if before is not None:
            tell_run_changed(run_id=run.pk, what_changed=what_changed(before, snapshot(run.pk)))
        return run


class CourseRunIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The list of runs, with "Download CSV" and "Download XLSX" of what it lists (the columns are
    CourseRunViewSet.list_export) and, for those who may see registers, every waiting list."""

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if can_see_registers(self.request.user):
            for priority, file_format in ((110, "xlsx"), (120, "csv")):
                url = reverse("enrolment_staff:waiting_lists_download", args=[file_format])
                label = f"Download waiting lists ({file_format.upper()})"
                buttons.append(Button(label, url=url, icon_name="download", priority=priority))
        return buttons

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .with_dates()
            .with_places()
            .select_related("course", "term", "location")
            .order_by(F("first_date").desc(nulls_last=True), "-pk")
        )

    def search_queryset(self, queryset):
        """Searching joins the facilitators, so a run would be listed once per facilitator; its id
        in a subquery lists it once."""
        if not self.is_searching:
            return queryset
        return queryset.filter(pk__in=super().search_queryset(CourseRun.objects.all()).values("pk"))


class CourseRunEditView(EditView):
    """Cancelling a run tells everyone on it and lets their places go, which cannot be undone, so
    staff confirm first on a page that says how many people will be told."""

    CONFIRMED = "confirm_cancellation"

    def form_valid(self, form):
        cancelling = "status" in form.changed_data and form.cleaned_data["status"] == CourseRun.Status.CANCELLED
        if cancelling and self.CONFIRMED not in self.request.POST:
            people = people_to_tell(self.object.pk)
            if people:
                context = self.get_context_data(form=form)
                context.update(
                    people=people,
                    resubmit=[
                        (name, value)
                        for name, values in self.request.POST.lists()
                        if name != "csrfmiddlewaretoken"
                        for value in values
                    ],
                )
                return TemplateResponse(self.request, "enrolment/admin/confirm_cancel_run.html", context)
        return super().form_valid(form)


class CourseRunViewSet(ModelViewSet):
    model = CourseRun
    icon = "date"
    menu_label = "Course runs"
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = CourseRunIndexView
    edit_view_class = CourseRunEditView
    list_display = [
        "course",
        # Who is on it, the waiting list and enrolling someone: register.py. Next to the course,
        # because on a phone Wagtail's listing cuts off the columns that do not fit.
        TitleColumn(
            "register",
            label="Register",
            accessor=lambda run: "Register",
            get_url=lambda run: reverse("enrolment_staff:register", args=[run.pk]),
        ),
        "term",
        Column("first_date", label="Starts", sort_key="first_date"),
        "format",
        "location",
        Column("places", label="Places taken", accessor=lambda run: f"{run.places_taken} of {run.capacity}"),
        "status",
    ]
    # Without these Wagtail's "Download CSV" gave a file with no cells (its list_export is empty
    # unless a viewset names the fields).
    list_export = [
        "course",
        "term",
        "first_date",
        "get_format_display",
        "location",
        "places_taken",
        "capacity",
        "get_status_display",
    ]
    export_headings = {
        "first_date": "Starts",
        "get_format_display": "Format",
        "places_taken": "Places taken",
        "get_status_display": "Status",
    }
    export_filename = "course-runs"
    list_filter = ["term", "format", "location", "status", "course"]
    search_fields = ["course__title", "location__name", "facilitators__name"]
    search_backend_name = None
    edit_handler = ObjectList(CourseRun.panels, base_form_class=RunForm)
