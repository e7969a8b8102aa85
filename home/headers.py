"""Response headers for pages that show a person's own details or are opened from their email.

Applied in the URLconf (`enrolment/urls.py` decorates every pattern it has), not view by view, so
a new student page gets them without anyone remembering to; `tests/test_headers.py` walks every
named URL and fails for one that shows personal data without them.
"""

from functools import wraps

from django.utils.cache import add_never_cache_headers


def personal(view):
    """Cache-Control: no-store (with Django's other never-cache headers). These pages show names,
    bookings, typed-in details or support needs: no shared computer's browser cache, back button
    after signing out, or proxy on the way should keep a copy."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


# The strictest policy: not even our own stylesheet requests or the next page are told the address.
# Under it a browser sends `Origin: null` with the page's own form; home.csrf accepts that when the
# browser also says the form came from our own site (Sec-Fetch-Site).
EMAILED_LINK_REFERRER_POLICY = "no-referrer"


def opened_from_email(view):
    """A Referrer-Policy that never sends the page's address. The address of a page opened from an
    emailed link carries the link's token; under Django's `same-origin` every request the page
    makes to us (its stylesheets, the next page) would repeat it in its Referer header."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # SecurityMiddleware only sets the site-wide same-origin where a view has set none.
        response.headers["Referrer-Policy"] = EMAILED_LINK_REFERRER_POLICY
        return response

    return wrapper
