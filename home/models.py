"""The home page, plain content pages (about, contact, privacy notice...) and the
site-wide settings staff edit in Wagtail: how to contact the college and where to get help now."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, body_blocks
from .page_cache import PublicPageCacheMixin

DEFAULT_CRISIS_TEXT = (
    "<p>If you need help for your mental health right now:</p><ul>"
    "<li>call <b>NHS 111</b> and choose <b>option 2</b> for your local mental health crisis team, "
    "any time, day or night</li>"
    "<li>call <b>Samaritans</b> free on <b>116 123</b>, or text SHOUT to <b>85258</b></li>"
    "<li>call <b>999</b> or go to A&amp;E if your life, or someone else's, is at risk</li></ul>"
)


class HomePage(PublicPageCacheMixin, Page):
    intro = models.TextField(max_length=300, help_text="A short, warm welcome shown at the top of the page.")
    about = RichTextField(features=RICH_TEXT_FEATURES, help_text="What a Recovery College is.")
    how_to_enrol = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="How to enrol: online, or by phone for a paper form."
    )
    body = StreamField(body_blocks(), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("about"),
        FieldPanel("how_to_enrol"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("about")]


class ContentPage(PublicPageCacheMixin, Page):
    """A plain page: about the college, contact, the privacy notice. (The accessibility statement
    is a view, home/accessibility.py: its facts are kept true by tests.)"""

    summary = models.TextField(max_length=300, blank=True, help_text="Shown in search results.")
    body = StreamField(body_blocks())

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]


@register_setting(icon="help")
class CrisisSupportSettings(BaseGenericSetting):
    heading = models.CharField(max_length=80, default="Need help now?")
    text = RichTextField(
        features=["bold", "italic", "ul", "link"],
        default=DEFAULT_CRISIS_TEXT,
        help_text="Shown on every page. Keep numbers current: people in crisis rely on them.",
    )

    panels = [FieldPanel("heading"), FieldPanel("text")]

    class Meta:
        verbose_name = "crisis support panel"


@register_setting(icon="mail")
class CollegeSettings(BaseGenericSetting):
    name = models.CharField(max_length=120, default="Oxfordshire Recovery College")
    phone = models.CharField(max_length=30, blank=True, help_text="For enrolling by phone or asking for a paper form.")
    phone_hours = models.CharField(max_length=120, blank=True, help_text="For example: 'Monday to Friday, 9am to 4pm'.")
    email = models.EmailField(blank=True)
    postal_address = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("phone_hours"), FieldPanel("email"), FieldPanel("postal_address")],
            heading="Contact",
        ),
    ]

    class Meta:
        verbose_name = "college details"
