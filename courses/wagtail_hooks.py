"""Where staff manage courses in the Wagtail admin: the things courses refer to, as snippets.
Course runs, listed with the places taken on them, are enrolment's screen (enrolment/admin/runs.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_choosers import PermissionCheckedChooserViewSet

from .models import CoursePage, Facilitator, Location, Term, Topic


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
    chooser_viewset_class = PermissionCheckedChooserViewSet
    model = Location
    icon = "site"
    list_display = ["name", "kind", "postcode"]
    list_filter = ["kind"]


class FacilitatorViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionCheckedChooserViewSet
    model = Facilitator
    icon = "group"
    list_display = ["name", "expertise"]
    list_filter = ["expertise"]


class TopicViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionCheckedChooserViewSet
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class TermViewSet(SnippetViewSet):
    chooser_viewset_class = PermissionCheckedChooserViewSet
    model = Term
    icon = "calendar-alt"
    list_display = ["name", "starts_on", "ends_on"]


class CourseSetupGroup(SnippetViewSetGroup):
    menu_label = "Course set-up"
    menu_icon = "folder-open-inverse"
    menu_order = 220
    items = (LocationViewSet, FacilitatorViewSet, TopicViewSet, TermViewSet)


register_snippet(CourseSetupGroup)
