"""Django's CSRF protection, made kind and made to work with no-referrer pages.

`csrf_failure` is the page shown when a form arrives without its security token: most often the
browser blocked cookies, or the page was opened from a saved copy. Django's own page is written for
developers; this one tells the person what to do, and that what they typed is not lost."""

from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    return render(request, "csrf_failure.html", status=403)


class SameOriginFormsFromNoReferrerPages:
    """Runs just before Django's CsrfViewMiddleware. A page opened from an emailed link is sent
    with `Referrer-Policy: no-referrer`, so its address (which carries the link's token) is never
    repeated to anyone. Under that policy a browser sends `Origin: null` with the page's own form,
    which Django's Origin check refuses. Browsers also send `Sec-Fetch-Site`, which no page can
    set: `same-origin` there says what the Origin check wants to know, that the form was sent from
    one of our own pages, so the Origin is put as the browser would have sent it under any other
    policy. Django's check, CSRF token included, then runs exactly as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("HTTP_ORIGIN") == "null" and request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin":
            request.META["HTTP_ORIGIN"] = f"{request.scheme}://{request.get_host()}"
        return self.get_response(request)
