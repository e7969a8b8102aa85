"""The staff dashboard (the admin home) on the demo college, on a phone and a desktop: every panel is
there, nothing in them is cut off or needs scrolling sideways, and it passes axe's WCAG 2.2 AA checks."""

import pytest
from playwright.sync_api import expect

from .conftest import WIDTHS

PANELS = [
    "Today and tomorrow",
    "People to contact",
    "Nearly full",
    "Longest waiting lists",
    "Runs missing a facilitator",
]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_dashboard_reads_on_a_phone_and_a_desktop(open_page, width):
    page = open_page(width)
    page.go("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("recovery-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oxfordshire Recovery College")

    for heading in PANELS:
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    # The demo has full runs: each is listed with a link to its register.
    nearly_full = page.locator("#dashboard-nearly-full-section")
    expect(nearly_full.get_by_text("places taken: full").first).to_be_visible()
    links = page.locator("section[id^='dashboard-'] a[href^='/admin/']")
    assert links.count() > 5
    for right in links.evaluate_all("links => links.map(link => link.getBoundingClientRect().right)"):
        assert right <= width, "a dashboard link is cut off at the right"
    assert page.overflows_sideways() == []
    assert page.axe_violations("dashboard") == []
