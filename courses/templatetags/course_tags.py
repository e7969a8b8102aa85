"""Courses on pages that belong to other apps (the home page), so those apps need not import courses."""

from django import template

from home.site_cache import cached

from ..models import CourseIndexPage, CourseRun

register = template.Library()


@register.simple_tag
def upcoming_runs(count: int):
    """The next `count` runs anyone can see, soonest first, with their places (a fixed number of queries)."""
    return CourseRun.objects.upcoming().for_listing()[:count]


@register.simple_tag
def course_dates_page():
    # Changes only when staff publish: kept in the site cache.
    return cached("course-dates-page", lambda: CourseIndexPage.objects.live().first())
