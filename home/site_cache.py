"""A small cache for what public pages share and only staff change: the site, which page an
address leads to, the Wagtail settings, the menu, the breadcrumb, topics and venues. Without it a
page spends most of its SQL queries on these (a course dates page went from 17 to 5).

Each value is stored beside the content version it was built under (home/content_version.py) and
used only while that version is current, so a page staff publish or a setting they save shows at
once. It also expires after SITE_CACHE_SECONDS, in case something changes that no version covers.
The version and the values are read in one round trip (`cache.get_many`).

Never for anything personal (nothing here depends on who asks) nor for places: spaces left are
read fresh on every page that shows them."""

import functools

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, Site

from . import content_version

PREFIX = "site-cache:"


def cached(name: str, build):
    """`build()`'s value, kept until the content version changes; `name` says what it is and
    everything it depends on (a site, a page)."""
    return cached_many({name: build})[name]


def cached_many(builders: dict) -> dict:
    """Several values (name -> build) with one cache round trip for the version and them all."""
    seconds = settings.SITE_CACHE_SECONDS
    if seconds <= 0:
        return {name: build() for name, build in builders.items()}
    keys = {name: PREFIX + name for name in builders}
    found = cache.get_many([content_version.KEY, *keys.values()])
    token = content_version.known_or_new(found.get(content_version.KEY))
    values, fresh = {}, {}
    for name, build in builders.items():
        stamped = found.get(keys[name])
        if stamped is not None and token != content_version.UNKNOWN and stamped[0] == token:
            values[name] = stamped[1]
        else:
            values[name] = build()
            if values[name] is not None:  # nothing kept for an address that leads nowhere
                fresh[keys[name]] = (token, values[name])
    if fresh and token != content_version.UNKNOWN:
        cache.set_many(fresh, timeout=seconds)
    return values


class PreloadSiteFrame:
    """Puts the cached site, the page this address leads to and the Wagtail settings on the
    request where Wagtail looks for them (`request._wagtail_site`,
    `request._wagtail_route_for_request`, each setting's attribute), so neither routing nor the
    templates' `settings.home...` query the database. Runs once Django has resolved the address
    (process_view), so it knows a Wagtail page's path without resolving it again. Not under
    /admin/: staff editing a setting must edit the row itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            settings.SITE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(_excluded_prefixes())
        ):
            match = request.resolver_match
            is_page = match is not None and match.url_name == "wagtail_serve" and len(view_args) == 1
            preload(request, view_args[0] if is_page else None)


def preload(request, path: str | None) -> None:
    """`path`: the path Wagtail's page view routes, when the address is a Wagtail page's."""
    host, port = request.get_host(), request.get_port()
    builders = {f"site:{host}:{port}": lambda: Site.find_for_request(request), "settings": generic_settings}
    if path is not None:
        builders[f"route:{host}:{port}:{path}"] = lambda: cacheable_route(request, path)
    values = cached_many(builders)
    request._wagtail_site = values[f"site:{host}:{port}"]
    for attribute, instance in values["settings"].items():
        setattr(request, attribute, instance)
    if path is not None and values[f"route:{host}:{port}:{path}"] is not None:
        request._wagtail_route_for_request = values[f"route:{host}:{port}:{path}"]


def cacheable_route(request, path: str):
    """Wagtail's own route, kept only for a page served as it is (not one whose type routes
    sub-addresses itself, whose answer could depend on more than the address)."""
    result = Page.route_for_request(request, path)
    if result is None or type(result[0]).route is not Page.route or result[1] or result[2]:
        return None
    return result


def generic_settings() -> dict:
    """Every setting that is one row for the whole site and whose changes make a new content
    version, by the request attribute Wagtail's `Setting.load(request)` looks for it under."""
    return {
        model.get_cache_attr_name(): model.load()
        for model in settings_registry
        if issubclass(model, BaseGenericSetting) and model in content_version.WATCHED
    }


@functools.cache
def _excluded_prefixes() -> tuple[str, ...]:
    return (settings.STATIC_URL, settings.MEDIA_URL, reverse("wagtailadmin_home"))
