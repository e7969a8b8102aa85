"""What changes the public site in this app and in Wagtail itself, each making a new content
version (home/content_version.py) so the page cache serves no copy from before. Connected in
HomeConfig.ready; courses and enrolment connect their own models beside them.

Pages are followed through Wagtail's own signals rather than every save, because editors' drafts
(and autosaves) save the page row too and show nothing to the public: publishing, unpublishing,
moving and deleting do. A page made private is a PageViewRestriction saved; a site's root or
host name is a Site saved."""

from django.db.models.signals import post_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import content_version
from .models import CollegeSettings, CrisisSupportSettings


def connect() -> None:
    content_version.watch(
        CollegeSettings,  # the college's name and phone number, on every page
        CrisisSupportSettings,  # the "Need help now?" panel, on every page
        Site,
        PageViewRestriction,
        get_image_model(),  # a picture's alt text, in a page's body
        get_document_model(),  # a document's link, in a page's body
    )
    page_published.connect(page_changed, dispatch_uid="home.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="home.page_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="home.page_moved")
    post_delete.connect(page_changed, sender=Page, dispatch_uid="home.page_deleted")


def page_changed(sender, **kwargs) -> None:
    content_version.content_changed()
