"""Reading the emails the local backend kept (EMAIL_PROVIDER=files, see local_backend.py) in the
browser: /dev/emails/ lists them, newest first; /dev/emails/<file>/ shows one. Mounted by
college/urls.py only when DEBUG is on: these pages have no login, so they must never exist in
production."""

import email
import email.parser
import email.policy
import email.utils
import re
from dataclasses import dataclass

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import path

# Only names the local backend writes: no slashes, no dots before ".eml", so no way out of the folder.
FILE_NAME = re.compile(r"[A-Za-z0-9_-]+\.eml")
MOST_LISTED = 200


@dataclass(frozen=True)
class Summary:
    filename: str
    date: str
    to: str
    subject: str


# The viewer's own <style> block, and each email's style="" attributes: an iframe's srcdoc page
# takes this page's Content-Security-Policy, and emails must style inline. Development only.
EMAIL_STYLES = csp_update({"style-src": [UNSAFE_INLINE]})


@EMAIL_STYLES
def email_list(request):
    folder = settings.SENT_EMAILS_DIR
    # The backend names files by the time they were written, so name order is time order.
    files = sorted(folder.glob("*.eml"), reverse=True) if folder.is_dir() else []
    emails = [_summary(f) for f in files[:MOST_LISTED] if FILE_NAME.fullmatch(f.name)]
    return render(
        request,
        "notices/dev/email_list.html",
        {"emails": emails, "folder": folder, "more": max(len(files) - MOST_LISTED, 0)},
    )


@EMAIL_STYLES
def email_detail(request, filename: str):
    message = _read(filename)
    html = message.get_body(preferencelist=("html",))
    text = message.get_body(preferencelist=("plain",))
    attachments = [
        (part.get_filename() or "(no name)", part.get_content_type(), len(part.get_payload(decode=True) or b""))
        for part in message.iter_attachments()
    ]
    return render(
        request,
        "notices/dev/email_detail.html",
        {
            "filename": filename,
            "headers": list(message.items()),
            "text": text.get_content() if text else "",
            "html": html.get_content() if html else "",
            "attachments": attachments,
        },
    )


def _read(filename: str):
    if not FILE_NAME.fullmatch(filename):
        raise Http404("No such email.")
    file = settings.SENT_EMAILS_DIR / filename
    if not file.is_file():
        raise Http404("No such email.")
    return email.message_from_bytes(file.read_bytes(), policy=email.policy.default)


def _summary(file) -> Summary:
    with file.open("rb") as handle:
        headers = email.parser.BytesHeaderParser(policy=email.policy.default).parse(handle)
    try:
        date = email.utils.parsedate_to_datetime(headers["Date"]).strftime("%a %-d %b %Y, %H:%M:%S")
    except (TypeError, ValueError):
        date = ""
    return Summary(file.name, date, str(headers["To"] or ""), str(headers["Subject"] or ""))


urlpatterns = [
    path("", email_list, name="list"),
    path("<str:filename>/", email_detail, name="detail"),
]
