"""The public pages' scripts run under their Content-Security-Policy, in Chromium: the one inline
script (allowed by its hash, home/page_scripts.py) marks the page as scripted, and the module file
that starts NHS.UK frontend (home/static/js/nhsuk-init.js) loads what it imports and starts every
component. No page carries a nonce, so the page cache can serve one copy to everyone
(tests/test_page_cache.py); a policy that blocked either script would show here."""

EVERY_COMPONENT_STARTED = """() => [...document.querySelectorAll('[data-module^="nhsuk-"]')]
    .filter(element => !element.hasAttribute(`data-${element.dataset.module}-init`))
    .map(element => element.dataset.module)"""


def test_the_pages_scripts_run_and_nothing_breaks_the_policy(open_page):
    page = open_page()
    refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    for path in ("/", "/course-dates/", "/prospectus/"):
        page.go(path)
        page.wait_for_load_state("load")
        body_classes = page.evaluate("document.body.className").split()
        assert {"js-enabled", "nhsuk-frontend-supported"} <= set(body_classes), path
        assert page.evaluate("document.querySelectorAll('[data-module^=\"nhsuk-\"]').length") > 0, path
        assert page.evaluate(EVERY_COMPONENT_STARTED) == [], path
    assert refused == []
