"""SQL queries per page, as the issue's table counts them, through Django's test client in one
process on the bench stack's production settings: each page with the page cache off (asked twice,
the second counted, so the process's first-request work is not), then on (the second, a hit,
counted); and one enrol POST by a new student.

Run by bench/run.py under the stack's environment:  python bench/count_queries.py PATH... --post RUN_ID
Prints one JSON line last: {path: {"miss": n, "hit": n}, "enrol POST": n}."""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "college.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

HOST = os.environ.get("BENCH_HOST", "courses.bench.test")


def queries(ask) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = ask()
    if response.status_code not in (200, 302):
        raise SystemExit(f"{response.status_code} from {response.request['PATH_INFO']}")
    return len(captured)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--post", type=int, help="a run to post one enrolment to")
    options = parser.parse_args()
    # As behind the proxy: https, our host name, an address for the rate limits.
    client = Client(HTTP_HOST=HOST, HTTP_X_REAL_IP="192.0.2.20", HTTP_ACCEPT_ENCODING="gzip", secure=True)
    counts = {}
    for path in options.paths:
        settings.PAGE_CACHE_SECONDS = 0  # read on every request by home/page_cache.py
        miss = [queries(lambda path=path: client.get(path)) for _ in range(2)][-1]
        settings.PAGE_CACHE_SECONDS = 5
        hit = [queries(lambda path=path: client.get(path)) for _ in range(2)][-1]
        counts[path] = {"miss": miss, "hit": hit}
    if options.post:
        form = {
            "first_name": "Counted",
            "last_name": "Student",
            "email": "counted.student@example.org",
            "adult": "yes",
            "joining_as": "lived_experience",
            "contact_by": "email",
            "consent": "on",
            "which_dates": "these",
        }
        poster = Client(HTTP_HOST=HOST, HTTP_X_REAL_IP="192.0.2.21", secure=True)
        try:
            counts["enrol POST"] = queries(lambda: poster.post(f"/enrol/{options.post}/", form))
        except Exception as error:  # noqa: BLE001 (the wrk rounds will show it; the page counts still stand)
            print(f"The counted enrol POST failed: {error!r}", file=sys.stderr)
            counts["enrol POST"] = "failed"
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
