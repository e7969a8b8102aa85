"""Check one rendered page in Chromium, as the browser tests check every page: axe-core's WCAG 2.2
AA rules, no sideways scrolling, the crisis panel one link away; at 375, 1280 and 320 px.

Run as its own process by tests/test_accessibility_statement.py, which renders the accessibility
statement with the test client (it is not a Wagtail page, so the browser tests' list of public
pages does not find it). A process of its own keeps Playwright's event loop out of the test
process, where it would change which database connection Django's later tests see.

    python -m tests.statement_in_chromium CHROMIUM PAGE.html FILES.json PATH
prints a JSON list of problems. FILES.json maps each static URL the page uses to its file."""

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from tests.browser.pages import BrowserPage

BASE = "http://testserver"
WIDTHS = (375, 1280, 320)


def problems(chromium: str, html: bytes, files: dict[str, str], path: str) -> list[str]:
    def serve(route):
        url = urlsplit(route.request.url).path
        if url == path:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        elif url in files:
            route.fulfill(path=files[url])
        else:
            route.abort()  # the NHS.UK font from assets.nhs.uk: Arial instead, as offline

    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800}, base_url=BASE,
                                          locale="en-GB")
            context.route("**/*", serve)
            page = BrowserPage(context.new_page(), base_url=BASE)
            page.go(path)
            found += page.problems(path)
            context.close()
        browser.close()
    return found


if __name__ == "__main__":
    chromium, html_file, files_file, page_path = sys.argv[1:]
    files = json.loads(Path(files_file).read_text())
    print(json.dumps(problems(chromium, Path(html_file).read_bytes(), files, page_path)))
