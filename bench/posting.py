"""The enrol POST under wrk (bench/enrol.lua): a new student each request, on a run that is full,
so each one joins its waiting list. Rows are counted before and after: every redirect to the
thank-you page must be one more person waiting, or the figure measured something else."""

import re
from dataclasses import dataclass

import requests

from . import wrk

CSRF_COOKIE = re.compile(r"__Host-csrftoken=([A-Za-z0-9]+)")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Posted:
    result: wrk.Result
    thanked: int  # redirects to the thank-you page
    server_errors: int
    other: int  # anything else: the form again, a CSRF refusal
    rows_added: int  # confirmed places and waiting entries the database gained on the run
    in_flight: int  # connections: POSTs wrk may have sent but not counted when its time was up

    @property
    def all_enrolled(self) -> bool:
        """Every answer was the thank-you page, and each one is a row (plus at most the POSTs still
        in flight when wrk stopped: the server finished them, wrk no longer listened)."""
        extra = self.rows_added - self.thanked
        return not self.server_errors and not self.other and 0 <= extra <= self.in_flight


def form_token(stack, path: str, ip: str) -> tuple[str, str]:
    """The CSRF cookie and a masked token for it, as a browser gets them with the form."""
    page = requests.get(stack.url + path, headers={**stack.headers, "X-Real-IP": ip}, timeout=60)
    cookie = CSRF_COOKIE.search(page.headers.get("Set-Cookie", ""))
    token = CSRF_FIELD.search(page.text)
    if page.status_code != 200 or not cookie or not token:
        raise RuntimeError(f"No enrolment form at {path} ({page.status_code}): {page.text[:300]}")
    return cookie.group(1), token.group(1)


def places_and_waiting(stack, run_id: int) -> int:
    [(confirmed,)] = stack.query(
        "SELECT count(*) FROM enrolment_enrolment WHERE run_id = %s AND status = 'confirmed'", run_id
    )
    [(waiting,)] = stack.query(
        "SELECT count(*) FROM enrolment_waitlistentry WHERE run_id = %s AND status = 'waiting'", run_id
    )
    return confirmed + waiting


def take_off_newcomers(stack, run_id: int) -> int:
    """Mark the people the last round's POSTs put on this run's queue as having left, so every
    round starts at the data set's 0 or 5,000 waiting. The data set's own joined days ago."""
    return stack.execute(
        "UPDATE enrolment_waitlistentry SET status = 'left' "
        "WHERE run_id = %s AND status = 'waiting' AND queue_key > now() - interval '1 day'",
        run_id,
    )


def post_enrolments(stack, run_id: int, load: wrk.Load, label: str) -> Posted:
    path = f"/enrol/{run_id}/"
    cookie, token = form_token(stack, path, ip="192.0.2.1")
    take_off_newcomers(stack, run_id)
    before = places_and_waiting(stack, run_id)
    host = stack.headers["Host"]
    headers = {**stack.headers, "Accept-Encoding": "gzip"}
    result = wrk.run(stack.url + path, headers, load, script="enrol.lua", args=(path, cookie, token, label, host))
    return Posted(
        result=result,
        thanked=result.extra.get("thanked", 0),
        server_errors=result.extra.get("server_errors", 0),
        other=result.extra.get("other", 0),
        rows_added=places_and_waiting(stack, run_id) - before,
        in_flight=load.connections,
    )
