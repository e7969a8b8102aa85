"""Where staff manage courses in the Wagtail admin: course runs (with their sessions) as a
ModelViewSet, and the things courses refer to as snippets."""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from django.template.response import TemplateResponse
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import CourseRunForm
from .models import CoursePage, CourseRun, Facilitator, Location, Term, Topic


class CourseRunIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super().get_base_queryset()
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
            from enrolment.services import people_to_tell  # courses sits below enrolment (as in admin_forms)

            people = people_to_tell(self.object.pk)
            if people:
                context = self.get_context_data(form=form)
                context.update(people=people, resubmit=[
                    (name, value) for name, values in self.request.POST.lists() if name != "csrfmiddlewaretoken"
                    for value in values])
                return TemplateResponse(self.request, "courses/admin/confirm_cancel_run.html", context)
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
        # Who is on it, the waiting list and enrolling someone: enrolment/admin/register.py. Next to
        # the course, because on a phone Wagtail's listing cuts off the columns that do not fit.
        TitleColumn("register", label="Register", accessor=lambda run: "Register",
                    get_url=lambda run: reverse("enrolment_staff:register", args=[run.pk])),
        "term",
        Column("first_date", label="Starts", sort_key="first_date"),
        "format",
        "location",
        Column("places", label="Places taken", accessor=lambda run: f"{run.places_taken} of {run.capacity}"),
        "status",
    ]
    list_filter = ["term", "format", "location", "status", "course"]
    search_fields = ["course__title", "location__name", "facilitators__name"]
    search_backend_name = None
    edit_handler = ObjectList(CourseRun.panels, base_form_class=CourseRunForm)


@hooks.register("register_admin_viewset")
def register_course_run_viewset():
    return CourseRunViewSet("course_runs")


@hooks.register("before_delete_page")
def keep_courses_that_have_runs(request, page):
    """Runs (and the enrolments on them) must outlive any page edit, so a course with runs is
    unpublished rather than deleted. Without this the database's PROTECT would show staff an error page."""
    if isinstance(page.specific, CoursePage) and page.specific.runs.exists():
        messages.warning(
            request,
            f"“{page.title}” has course runs, so it cannot be deleted. Unpublish it to hide it from "
            "the public site, or remove its runs first.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    list_display = ["name", "kind", "postcode"]
    list_filter = ["kind"]


class FacilitatorViewSet(SnippetViewSet):
    model = Facilitator
    icon = "group"
    list_display = ["name", "expertise"]
    list_filter = ["expertise"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "calendar-alt"
    list_display = ["name", "starts_on", "ends_on"]


class CourseSetupGroup(SnippetViewSetGroup):
    menu_label = "Course set-up"
    menu_icon = "folder-open-inverse"
    menu_order = 220
    items = (LocationViewSet, FacilitatorViewSet, TopicViewSet, TermViewSet)


register_snippet(CourseSetupGroup)
