"""The page shown when a form arrives without its security token: most often the browser blocked
cookies, or the page was opened from a saved copy. Django's own page is written for developers;
this one tells the person what to do, and that what they typed is not lost."""

from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    return render(request, "csrf_failure.html", status=403)
