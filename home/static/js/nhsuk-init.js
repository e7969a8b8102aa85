// Starts NHS.UK frontend's components (the menu, reveals, the skip link). A file, not an inline
// script, so no page needs a per-response nonce and the page cache can keep pages
// (home/page_cache.py). The path is relative to this file's own address under /static/; the
// frontend's file name carries its version, so a new version cannot hide behind a browser's copy.
import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();
