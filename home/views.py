"""Site-wide views that are not Wagtail pages: search and robots.txt."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Page

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
