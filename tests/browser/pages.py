"""A Playwright page with the checks every browser test makes: axe-core, page weight, reflow."""

import gzip
from dataclasses import dataclass
from functools import cache

from axe_playwright_python.sync_playwright import Axe

# WCAG 2.2 AA, the level NHS services must meet, as axe-core tags its rules.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


@cache
def _axe() -> Axe:
    return Axe()


@dataclass
class Weight:
    """Bytes a first visit transfers for a page's HTML, CSS and JavaScript, compressed as production
    sends them: HTML by Django's GZipMiddleware (measured on the wire), static files by WhiteNoise's
    precompressed copies (gzip is worked out here, as the test server sends them plain)."""

    html: int
    css: int
    js: int

    @property
    def total(self) -> int:
        return self.html + self.css + self.js

    def __str__(self) -> str:
        kb = lambda n: f"{n / 1024:.1f} KB"  # noqa: E731
        return f"{kb(self.total)} (HTML {kb(self.html)}, CSS {kb(self.css)}, JS {kb(self.js)})"


class BrowserPage:
    """Wraps a Playwright page; anything not defined here is the page's own."""

    def __init__(self, page, *, base_url: str):
        self.page = page
        self.base_url = base_url

    def __getattr__(self, name):
        return getattr(self.page, name)

    def go(self, path: str):
        response = self.page.goto(path)
        assert response is not None and response.ok, f"{path} answered {response and response.status}"
        return response

    def axe_violations(self, label: str = "") -> list[str]:
        """axe-core's WCAG 2.2 AA violations on the page as it is now, one line per element."""
        # Colours are measured as they end up, not halfway through a load, hover or slide-in. A
        # click that sends a form returns once the next page starts loading; checked then, before
        # its stylesheet applies, the header's white links sit on grey and fail colour contrast.
        self.page.wait_for_load_state("load")
        # A constructed stylesheet, not a <style> tag: the Content-Security-Policy refuses inline
        # styles, which is what the page is being tested under.
        self.page.evaluate(
            """css => { const still = new CSSStyleSheet(); still.replaceSync(css);
                                       document.adoptedStyleSheets = [...document.adoptedStyleSheets, still]; }""",
            STILL,
        )
        results = _axe().run(self.page, options=AXE_OPTIONS).response
        where = label or self.page.url
        return [
            f"{where} [{self.width}px]: {violation['id']} ({violation['impact']}): "
            f"{violation['help']} at {', '.join(map(str, node['target']))}: {node['html'][:160]}"
            for violation in results["violations"]
            for node in violation["nodes"]
        ]

    def problems(self, label: str = "") -> list[str]:
        """What would stop or slow a person on the page as it is now: axe-core's WCAG violations,
        sideways scrolling, and a missing way to the crisis panel."""
        label = label or self.page.url.removeprefix(self.base_url)
        found = self.axe_violations(label)
        found += [f"{label} [{self.width}px]: scrolls sideways: {element}" for element in self.overflows_sideways()]
        if not self.page.evaluate("""() => !!document.querySelector('a[href="#need-help-now"]')
                                          && !!document.getElementById('need-help-now')"""):
            found.append(f"{label} [{self.width}px]: no link to the crisis panel")
        return found

    @property
    def width(self) -> int:
        return self.page.viewport_size["width"]

    def overflows_sideways(self) -> list[str]:
        """Elements wider than the viewport, which would make a person scroll sideways to read
        (WCAG 1.4.10 Reflow). Empty when the page reflows."""
        return self.page.evaluate("""() => {
            const limit = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= limit) return [];
            return [...document.querySelectorAll('body *')]
              .filter(el => el.getBoundingClientRect().right > limit + 1 && el.getClientRects().length)
              .slice(0, 5).map(el => el.outerHTML.slice(0, 120));
        }""")

    def weight(self) -> Weight:
        """What loading the current page cost, from the browser's own resource timings."""
        entries = self.page.evaluate("""() => [
            ...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')
        ].map(e => ({url: e.name, type: e.initiatorType, encoded: e.encodedBodySize}))""")
        sizes = {"html": 0, "css": 0, "js": 0}
        for entry in entries:
            url = entry["url"].split("#")[0]
            if entry["type"] == "navigation":
                sizes["html"] += entry["encoded"]
            elif url.endswith(".css"):
                sizes["css"] += _gzipped_size(self.page, url)
            elif url.endswith((".js", ".mjs")):
                sizes["js"] += _gzipped_size(self.page, url)
        return Weight(**sizes)


def _gzipped_size(page, url: str) -> int:
    return len(gzip.compress(page.context.request.get(url).body(), compresslevel=6))
