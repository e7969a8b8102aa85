"""Course pages (what a course is) and the course dates page (when and where it runs)."""

from django import forms
from django.db import models
from django.template.loader import render_to_string
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, body_blocks
from home.page_cache import PublicPageCacheMixin
from home.site_cache import cached

from ..admin_panels import CourseRunsPanel
from ..listing import course_dates_context

LIST_FEATURES = ["bold", "italic", "ul", "ol", "link"]
FORM_TEMPLATE = "courses/includes/course_dates_form.html"


class CoursePage(PublicPageCacheMixin, Page):
    summary = models.TextField(
        max_length=400, help_text="One or two plain sentences. Shown in lists and search results."
    )
    who_it_is_for = RichTextField(features=LIST_FEATURES, help_text="Who will find this course useful.")
    what_you_will_learn = RichTextField(features=LIST_FEATURES)
    practical_tools = RichTextField(
        features=LIST_FEATURES,
        blank=True,
        help_text="The practical tools students take away and use day to day.",
    )
    body = StreamField(body_blocks(), blank=True, help_text="Anything else, in NHS.UK components.")
    topics = ParentalManyToManyField("courses.Topic", blank=True, related_name="courses")
    accessibility_notes = models.TextField(
        blank=True, help_text="For example: 'Handouts in large print on request. Breaks every 45 minutes.'"
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        # Tick boxes: in a multiple select a plain click on a second topic drops the first.
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("who_it_is_for"), FieldPanel("what_you_will_learn"), FieldPanel("practical_tools")],
            heading="About the course",
        ),
        FieldPanel("body"),
        FieldPanel("accessibility_notes"),
        CourseRunsPanel(heading="Dates of this course"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("who_it_is_for"),
        index.SearchField("what_you_will_learn"),
        index.SearchField("practical_tools"),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = "course"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["runs"] = self.runs.upcoming().for_listing().prefetch_related("facilitators")
        context["topic_list"] = cached(f"course-topics:{self.pk}", lambda: list(self.topics.all()))
        return context


class CourseIndexPage(PublicPageCacheMixin, Page):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    max_count = 1
    subpage_types = ["courses.CoursePage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "course dates page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(course_dates_context(request, courses=CoursePage.objects.live()))
        if not context["form"].is_bound:
            # The empty filter form is the same for everyone and changes only with topics and venues:
            # rendered once per content version (its choice lists are a fifth of the page's work).
            context["form_html"] = cached(
                f"course-dates-form:{self.pk}:{request.get_host()}",
                lambda: render_to_string(FORM_TEMPLATE, {"form": context["form"], "page": self}, request),
            )
        return context
