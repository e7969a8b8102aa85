"""Content Security Policy settings (django-csp 4), imported by base.py. Two policies: the public
one for every public and student page, and the Wagtail admin's own; college/csp.py picks one per
request, and docs/architecture.md ("Security headers") lists what each page type gets."""

from csp.constants import NONE, SELF, UNSAFE_INLINE

from home.page_scripts import JS_ENABLED, csp_hash

# Content Security Policy (django-csp 4). Public and student pages: only our own files run, plus
# the one inline script in base.html, allowed by its hash (home/page_scripts.py holds its text).
# A hash, not a nonce: a nonce is new on every response, and the page cache serves one response
# to many visitors (home/page_cache.py).
# No 'unsafe-inline' at all, for scripts or styles: our templates have no style="" or on...=
# attributes, and NHS.UK frontend's script sets styles through the DOM, which CSP allows.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, csp_hash(JS_ENABLED)],
        "style-src": [SELF],
        "img-src": [SELF],
        # The NHS.UK stylesheet asks assets.nhs.uk for the Frutiger font (Arial without it). We
        # allow it: it is NHS England's own font server, it is only a font (no script, nothing
        # the page runs), and with our Referrer-Policy the request does not say which page, or
        # which student's link, asked for it. Blocking it would cost the NHS.UK look, and log a
        # CSP error on every page, for little privacy gain. The browser tests refuse it anyway.
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# The Wagtail admin's own policy (under /admin/, and Wagtail's previews: college/csp.py). Its needs,
# found by loading the admin's pages in Chromium and reading the violations (docs/security-headers.md
# lists the pages; check them again after a Wagtail upgrade):
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # Wagtail 8 prints <script>initDateChooser(...)</script> beside each date field, and the
        # focal point cropper sets inline event handlers. No nonce here: with one in the header,
        # browsers ignore 'unsafe-inline'. Nothing needs 'unsafe-eval'.
        "script-src": [SELF, UNSAFE_INLINE],
        # The editor's libraries add <style> elements; our register and sign-in sheet have print
        # styles; the email wording preview shows an email's inline styles (a srcdoc frame takes
        # this page's policy).
        "style-src": [SELF, UNSAFE_INLINE],
        # blob: for the image uploader's preview of a chosen file. The two-factor QR code is inline SVG.
        "img-src": [SELF, "blob:"],
        "font-src": [SELF, "https://assets.nhs.uk"],  # previews of our pages look like the real ones
        "connect-src": [SELF],  # choosers, previews and autosave fetch from the admin itself
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [SELF],  # the preview panel frames the preview
        "form-action": [SELF],
    },
}
