"""The inline script of base.html, from home/page_scripts.py, where its CSP hash is made too."""

from django import template
from django.utils.safestring import mark_safe

from home import page_scripts

register = template.Library()


@register.simple_tag
def js_enabled_script() -> str:
    # Safe: the text is our own constant, nothing from a request or the database. Not escaped,
    # because a script's text is not HTML (&#x27; would reach the browser's JavaScript as it is)
    # and its hash must match these exact characters.
    return mark_safe(f"<script>{page_scripts.JS_ENABLED}</script>")
