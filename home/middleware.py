"""Input no page can use is refused at the door, with the kind 400 page, before any view runs.

A NUL character (%00) is never typed by a person; it comes from broken or probing clients.
PostgreSQL cannot hold or compare text containing one, so the first query that met it failed with
a 500 on any page that searches, filters or saves what it was sent. Checking here, once, covers
every page and form, now and later, on both databases alike."""

from django.core.exceptions import SuspiciousOperation

NUL = "\x00"


class NulCharacterInRequest(SuspiciousOperation):
    """Django answers a SuspiciousOperation with the 400 page (templates/400.html) and logs it to
    django.security.NulCharacterInRequest: the message says where, never what was sent."""


def _any_nul(pairs) -> bool:
    return any(NUL in key or NUL in value for key, value in pairs)


def _query_pairs(querydict):
    return ((key, value) for key, values in querydict.lists() for value in values)


class RefuseNulCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            raise NulCharacterInRequest("A NUL character in the web address.")
        if _any_nul(_query_pairs(request.GET)):
            raise NulCharacterInRequest("A NUL character in the query string.")
        if _any_nul(request.COOKIES.items()):
            raise NulCharacterInRequest("A NUL character in a cookie.")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Form values are read where CsrfViewMiddleware reads them anyway. Views exempt from CSRF
        # (the email provider's webhooks) read their own raw body, which parsing the form here
        # would use up; they check what they are sent themselves.
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return None
        if _any_nul(_query_pairs(request.POST)):
            raise NulCharacterInRequest("A NUL character in a form value.")
        return None
