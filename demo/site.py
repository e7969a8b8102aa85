"""The college's settings and Wagtail's Site record: the parts of the demo that replace what a
fresh Wagtail install starts with."""

from collections import Counter

from wagtail.models import Page, Site

from enrolment.models import EnrolmentSettings
from home.models import CollegeSettings, CrisisSupportSettings, HomePage

from .content import college

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
SITE_HOSTNAME, SITE_PORT = "localhost", 8000


def ensure_college_settings(created: Counter) -> CollegeSettings:
    """Fill in the college's details, leaving any field staff have already filled alone.
    The crisis panel keeps its defaults: its numbers are real and must not be demo data."""
    settings = CollegeSettings.load()
    CrisisSupportSettings.load()
    blank = {field: value for field, value in college.SETTINGS.items() if not getattr(settings, field)}
    if blank:
        for field, value in blank.items():
            setattr(settings, field, value)
        settings.save(update_fields=list(blank))
        created["college details"] += 1
    return settings


def ensure_enrolment_settings(created: Counter) -> EnrolmentSettings:
    """The college's enrolment rules with certificates of attendance on, so the demo shows them.
    Only where no rules are saved yet: a choice staff have made stands."""
    existing = EnrolmentSettings.objects.first()
    if existing is not None:
        return existing
    created["enrolment rules"] += 1
    return EnrolmentSettings.objects.create(certificates=True)


def is_wagtail_welcome_page(page: Page) -> bool:
    """The placeholder a new Wagtail project starts with, untouched and with nothing under it."""
    return type(page) is Page and page.title == WAGTAIL_WELCOME_TITLE and page.numchild == 0


def remove_welcome_page(page: Page, root: Page, created: Counter) -> None:
    # Site.root_page cascades on delete, so park the Site on the root first or it would go too.
    Site.objects.filter(root_page=page).update(root_page=root)
    page.delete()
    created["placeholder pages removed"] += 1


def ensure_default_site(home: HomePage, site_name: str, created: Counter) -> Site:
    """Point the default Site at the demo home page. A Site already showing it is left as it is."""
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.pk and site.root_page_id == home.pk:
        return site
    site.hostname, site.port = SITE_HOSTNAME, SITE_PORT
    site.site_name, site.root_page = site_name, home
    site.save()
    created["sites"] += 1
    return site
