"""Template tags for the site frame: navigation and friendly time formatting."""

import datetime as dt

from django import template
from django.urls import reverse
from django.utils import dateformat, timezone
from wagtail.models import Page, Site

from home import phones
from home.site_cache import cached

register = template.Library()


@register.simple_tag(takes_context=True)
def primary_links(context) -> list[dict]:
    """Menu pages under the site's home page, marking the one the visitor is in."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    links = []
    for page in cached(f"menu:{site.pk}:{request.get_host()}", lambda: menu_pages(site, request)):
        is_current = isinstance(current, Page) and current.pk == page["pk"]
        in_section = isinstance(current, Page) and current.path.startswith(page["path"])
        links.append(
            {
                "url": page["url"],
                "label": page["label"],
                "current": is_current,
                "active": in_section and not is_current,
            }
        )
    # Students come back to see or cancel their courses: always one tap away.
    my_courses = reverse("enrolment:my_courses")
    links.append(
        {
            "url": my_courses,
            "label": "My courses",
            "current": request.path == my_courses,
            "active": request.path.startswith(my_courses) and request.path != my_courses,
        }
    )
    return links


def menu_pages(site, request) -> list[dict]:
    return [
        {"pk": page.pk, "path": page.path, "url": page.get_url(request), "label": page.title}
        for page in site.root_page.get_children().live().in_menu()
    ]


@register.inclusion_tag("wagtailnhsukfrontend/breadcrumb.html", takes_context=True)
def site_breadcrumb(context) -> dict:
    """wagtail-nhsuk-frontend's `breadcrumb` (the page's ancestors from the site's home page
    down), kept in the site cache: the package's tag costs three queries on every page."""
    page = context["page"]
    if page.pk is None:  # a preview of a page not saved yet
        return {"breadcrumb_pages": breadcrumb_pages(page)}
    return {"breadcrumb_pages": cached(f"breadcrumb:{page.pk}", lambda: breadcrumb_pages(page))}


def breadcrumb_pages(page) -> list:
    site = page.get_site()
    return list(page.get_ancestors(inclusive=False).descendant_of(site.root_page, inclusive=True).order_by("depth"))


@register.filter
def nhs_time(value: dt.time | None) -> str:
    """NHS.UK style times: 10am, 2:30pm, midday, midnight."""
    if value is None:
        return ""
    if value == dt.time(12):
        return "midday"
    if value == dt.time(0):
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def nhs_moment(value: dt.datetime | None) -> str:
    """A deadline as people say it, in the college's time zone: "3pm on Tuesday 4 March"."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.time() == dt.time(0):
        # "12am on Wednesday" reads as the wrong day to many people.
        return f"midnight at the end of {dateformat.format(local - dt.timedelta(days=1), 'l j F')}"
    return f"{nhs_time(local.time())} on {dateformat.format(local, 'l j F')}"


@register.filter
def staff_moment(value: dt.datetime | None) -> str:
    """A moment in a staff table, short and with the year: "Tue 2 Mar 2027, 10am" (UK time), the
    times written as the public pages write them, never "10:00 a.m."."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{dateformat.format(local, 'D j M Y')}, {nhs_time(local.time())}"


@register.filter
def nhs_day_and_time(value: dt.datetime | None) -> str:
    """A moment further ahead, with its year: "Monday 22 February 2027 at 9am" (UK time)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{dateformat.format(local, 'l j F Y')} at {nhs_time(local.time())}"


@register.filter
def yes_no_unknown(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not known, please ask us")


@register.filter
def distance_text(miles: float | None) -> str:
    """Distances as a person would say them; precision beyond that would be false."""
    if miles is None:
        return ""
    if miles < 1:
        return "Less than 1 mile away"
    rounded = round(miles)
    return f"About {rounded} mile{'s' if rounded != 1 else ''} away"


@register.filter
def phone(value: str) -> str:
    """A stored number the UK way: "+441865123456" reads "01865 123456" (home/phones.py)."""
    return phones.display_phone(value)


register.filter("phone_link", phones.phone_link)  # "01865 123456" linked to tel:+441865123456
