"""Every kind of email the college sends, as its HTML part, checked with axe-core in Chromium at a
phone's width and a desktop's. They are built by the code that builds real emails, from the staff
preview's made-up facts, which fill every part: venue, access, facilitators, online details and
every kind of button."""

import pytest

from notices.content.samples import preview
from notices.models import Kind
from notices.wording import DEFAULTS

from .conftest import WIDTHS
from .pages import BrowserPage


@pytest.mark.parametrize("width", WIDTHS)
def test_every_email_passes_axe(browser, home_page, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = BrowserPage(context.new_page(), base_url="")
    problems = []
    for kind in Kind.values:
        page.set_content(preview(kind, DEFAULTS[kind])["html"])
        problems += page.axe_violations(f"{kind} email")
    context.close()
    assert problems == []
