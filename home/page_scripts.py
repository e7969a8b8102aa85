"""The one inline script every public page carries, written once: `{% js_enabled_script %}`
(home/templatetags/script_tags.py) prints it and the Content-Security-Policy allows it by its hash
(college/settings/csp.py), so the two cannot drift apart. A hash rather than a nonce: a nonce is
new on every response, and a page the page cache keeps (home/page_cache.py) is one response
served to many. Any other script is a file under static/."""

import base64
import hashlib

# Before anything is drawn, tells NHS.UK frontend's styles that scripts run (and that its module
# script can), so components its script enhances do not flash unstyled.
JS_ENABLED = (
    "document.body.className += ' js-enabled'"
    " + ('noModule' in HTMLScriptElement.prototype ? ' nhsuk-frontend-supported' : '');"
)


def csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
