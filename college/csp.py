"""Which Content Security Policy a response gets: the Wagtail admin's, or everyone else's.

Both policies are written out, with the reason for each source, in
`college/settings/csp.py`. The choice is made here, in one place: everything under the admin's
address (the two-factor sign-in pages too) and Wagtail's previews get CONTENT_SECURITY_POLICY_ADMIN;
every other page, public, student or error, gets CONTENT_SECURITY_POLICY. A view that sets its
own with django-csp's decorators (`@csp_update`, `@csp_replace`) keeps it.
"""

from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_for_the_admin(request) -> bool:
    # Wagtail renders a preview (a page, or an email's wording) by sending a made-up request for
    # the page's own address (or "/") through every middleware, flagged `is_dummy`; the admin
    # then shows the answer, header included, inside its preview panel's frame. So a preview is
    # told apart by that flag, not by its path, and takes the admin's policy (which lets the
    # admin frame it) rather than the public one (frame-ancestors 'none').
    return request.path_info.startswith(admin_prefix()) or getattr(request, "is_dummy", False)


class CollegeCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_for_the_admin(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts
