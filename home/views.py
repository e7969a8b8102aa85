"""Site-wide views that are not Wagtail pages: search, robots.txt and the accessibility statement."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Page

from . import accessibility
from .models import CollegeSettings
from .page_cache import cache_public_page

SEARCH_RESULTS_PER_PAGE = 10


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": page})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    if settings.DEBUG:
        lines.insert(1, "Disallow: /")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
@cache_public_page
def accessibility_statement(request):
    """A view, not a Wagtail page, so its facts come from home/accessibility.py, where tests keep
    them true, and cannot be edited out of step with the site."""
    issues = [{"issue": issue, **issue.wording()} for issue in accessibility.KNOWN_ISSUES]
    return render(
        request,
        "home/accessibility_statement.html",
        {
            "college": CollegeSettings.load(request_or_site=request),
            "site_address": request.get_host(),
            "facts": accessibility,
            "compliance": accessibility.compliance(),
            "issues": issues,
        },
    )
