"""A report for commissioners from the demo college, in a real browser on a phone and a desktop:
the charts and their tables are there, nothing makes the page scroll sideways (wide tables scroll
in their own box), and it passes axe's WCAG 2.2 AA checks. The figures are checked in
tests/test_reports.py."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from reports.measures import MEASURES

from .conftest import WIDTHS

SHOTS = Path("/tmp/issue15-shots")
# Every run the demo has, whatever its terms are called, split by location: the widest report.
REPORT = "/admin/reports/?starts_on=2000-01-01&ends_on=2099-12-31&split=location"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_report_reads_on_a_phone_and_a_desktop(open_page, width):
    page = open_page(width)
    page.go("/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("recovery-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.go(REPORT)
    expect(page.get_by_role("heading", level=2, name="How these figures are counted")).to_be_visible()
    assert page.locator("figure").count() == sum(measure.chart for measure in MEASURES)
    caption = "Enrolments, by location: 1 January 2000 to 31 December 2099 (table)"
    expect(page.get_by_role("table", name=caption)).to_be_visible()
    expect(page.get_by_role("link", name="Download XLSX")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"report-{width}.png"))
    page.locator("#chart-attendance-rate").screenshot(path=str(SHOTS / f"report-chart-{width}.png"))
    assert page.overflows_sideways() == []
    assert page.axe_violations("report") == []
