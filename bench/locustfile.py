"""Students arriving when a term's dates go live, for Locust. bench/term_opening.py runs it
against the production stack; against a server of your own:

    .venv/bin/locust -f bench/locustfile.py --headless -u 30 -r 5 -t 1m \\
        --host http://127.0.0.1:8000 --site-host courses.example.test

A visit: the home page (most of the time), the course dates page (plain, filtered, or near a
postcode; sometimes its next page), a course page, and then either the enrolment form, filled in
and sent with a new email address each time, or a second course page and away. Students think for
2 to 10 seconds between pages. Requests are named by kind ("course page", "enrol POST") so
Locust's figures group them.

Every request carries what the college's proxy adds: the public host name, `X-Forwarded-Proto:
https`, and the student's own `X-Real-IP`, so the per-address limits count each student apart.
Production's cookies are Secure (and `__Host-`), which a client does not send to http://, so each
student keeps its cookies itself, as tests/production/http.py does.

An enrolment is a success when it ends on the thank-you page (enrolled or on the waiting list:
both are what a student should see on a full course) or on a kind page that says why it cannot
be booked. Anything else (5xx, CSRF refusal, a form shown again with errors, the rate limit) is a
failure. `--request-log` writes one CSV line per request for term_opening.py's percentiles, with the page
cache's answer (X-Cache: hit or miss)."""

import csv
import http.cookiejar
import itertools
import random
import re
import time
import uuid
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser, between, events, task

POSTCODES = ["OX1 1AA", "OX4 2JY", "OX3 7LE", "OX14 3DB", "OX16 5QA", "OX26", "OX28 6AB", "OX10"]
# Share of visits that go on to enrol, and of those, the share sent straight to the one popular
# run (`--rush-run`: a newsletter's link), so many students race for the same few places.
ENROL_SHARE = 0.35
RUSH_SHARE = 0.3

CARD_LINK = re.compile(r'class="nhsuk-card__link" href="([^"]+)"')
ENROL_BUTTON = re.compile(r'class="nhsuk-button[^"]*" href="(/enrol/\d+/)"')
NEXT_PAGE = re.compile(r'class="nhsuk-pagination__link nhsuk-pagination__link--next" href="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ERROR_SUMMARY = re.compile(r'class="nhsuk-error-summary".*?</div>\s*</div>', re.S)
TAGS = re.compile(r"<[^>]+>")
# What a student may be told instead of a place, which is not our failure.
KIND_REFUSALS = ("full", "waiting list")

_addresses = itertools.count(1)
_request_log = None


@events.init_command_line_parser.add_listener
def _options(parser):
    parser.add_argument("--site-host", default="", help="the public host name sent as Host (default: --host's)")
    parser.add_argument("--home-path", default="/", help="the home page")
    parser.add_argument("--course-dates-path", default="/course-dates/", help="the course dates page")
    parser.add_argument("--rush-run", default="", help="id of a popular run some students go straight to")
    parser.add_argument("--request-log", default="", help="write every request here, one CSV line each")


@events.test_start.add_listener
def _open_request_log(environment, **_):
    global _request_log
    if environment.parsed_options and environment.parsed_options.request_log:
        _request_log = open(environment.parsed_options.request_log, "w", newline="", buffering=1 << 16)
        _request_log.write("started,method,name,ms,ok,cache\r\n")


@events.request.add_listener
def _log_request(request_type, name, response_time, exception, start_time=None, response=None, **_):
    if _request_log:
        cache = (response.headers.get("X-Cache", "") if response is not None and response.headers else "").lower()
        started, ms = f"{start_time or time.time():.3f}", f"{response_time:.1f}"
        csv.writer(_request_log).writerow([started, request_type, name, ms, int(not exception), cache])


@events.quitting.add_listener
def _close_request_log(**_):
    if _request_log:
        _request_log.close()


class _RefuseAllCookies(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie, request):
        return False


class Student(FastHttpUser):
    wait_time = between(2, 10)

    def on_start(self):
        options = self.environment.parsed_options
        self.site_host = options.site_host or urlsplit(self.host).netloc
        self.home_path, self.course_dates_path = options.home_path, options.course_dates_path
        self.rush_run = options.rush_run
        number = next(_addresses)
        self.address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
        self.cookies: dict[str, str] = {}
        self.client.cookiejar.set_policy(_RefuseAllCookies())

    @task
    def visit(self):
        if random.random() < 0.8:
            self.get(self.home_path, "home")
            self.wait()
        listing = self.course_dates()
        courses = CARD_LINK.findall(listing)
        if not courses:
            return
        self.wait()
        course = self.get(random.choice(courses), "course page")
        if random.random() < ENROL_SHARE:
            runs = ENROL_BUTTON.findall(course)
            if self.rush_run and random.random() < RUSH_SHARE:
                runs = [f"/enrol/{self.rush_run}/"]
            if runs:
                self.wait()
                self.enrol(random.choice(runs))
        elif random.random() < 0.5:
            self.wait()
            self.get(random.choice(courses), "course page")

    def course_dates(self) -> str:
        kind = random.random()
        if kind < 0.5:
            listing = self.get(self.course_dates_path, "course dates")
        elif kind < 0.75:
            query = urlencode(self.filters(), doseq=True)
            listing = self.get(f"{self.course_dates_path}?{query}", "course dates, filtered")
        else:
            near = {"postcode": random.choice(POSTCODES), "has_spaces": "on"}
            listing = self.get(self.course_dates_path + "?" + urlencode(near), "course dates, postcode")
        next_page = NEXT_PAGE.search(listing)
        if next_page and random.random() < 0.3:
            self.wait()
            query = next_page.group(1).replace("&amp;", "&")
            listing = self.get(self.course_dates_path + query, "course dates, next page")
        return listing

    @staticmethod
    def filters() -> dict:
        choices = [
            {"time_of_day": random.sample(["morning", "afternoon", "evening"], k=random.randint(1, 2))},
            {"day": random.sample(["2", "3", "4", "5", "6"], k=random.randint(1, 3))},
            {"has_spaces": "on"},
            {"q": random.choice(["anxiety", "sleep", "confidence", "carers", "mood", "recovery"])},
        ]
        chosen = {}
        for choice in random.sample(choices, k=random.randint(1, 3)):
            chosen.update(choice)
        return chosen

    def enrol(self, path: str) -> None:
        form = self.get(path, "enrol form")
        token = CSRF.search(form)
        if not token:
            return  # not a form (closed, or opening later): the GET was still a good answer
        self.wait()  # filling it in
        fields = {
            "csrfmiddlewaretoken": token.group(1),
            "first_name": "Sam",
            "last_name": random.choice(["Patel", "Jones", "O'Brien", "Nowak", "Smith-Hall"]),
            "email": f"student-{uuid.uuid4().hex[:16]}@example.org",
            "phone": "",
            "adult": "yes",
            "postcode": random.choice(POSTCODES + ["", ""]),
            "joining_as": random.choice(["lived_experience", "lived_experience", "carer", "other"]),
            "support_needs": "",
            "heard_about": "",
            "contact_by": "email",
            "consent": "on",
            "website": "",
        }
        if random.random() < 0.1:
            fields.update(bring_supporter="on", supporter_name="Alex Supporter")
        with self.request("POST", path, "enrol POST", body=urlencode(fields), follow=False) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code == 302 and "/thank-you/" in location:
                response.success()
            elif response.status_code == 302:
                response.failure(f"redirected to {location}")
            elif response.status_code == 200:
                errors = ERROR_SUMMARY.search(response.text or "")
                message = " ".join(TAGS.sub(" ", errors.group(0)).split()) if errors else ""
                if errors and not any(words in message.lower() for words in KIND_REFUSALS):
                    response.failure(f"form shown again: {message[:120]}")
                else:
                    response.success()
            else:
                response.failure(f"HTTP {response.status_code}")
        if response.status_code == 302 and "/thank-you/" in location:
            self.wait()
            self.get(urlsplit(location).path, "thank you page")

    # Talking as the proxy would.

    def get(self, path: str, name: str) -> str:
        with self.request("GET", path, name) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            return response.text or ""

    def request(self, method: str, path: str, name: str, *, body: str | None = None, follow: bool = True):
        headers = {
            "Host": self.site_host,
            "X-Forwarded-Proto": "https",
            "X-Real-IP": self.address,
            "User-Agent": "college-term-opening",
        }
        if method == "POST":
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": f"https://{self.site_host}",
                    "Referer": f"https://{self.site_host}{path}",
                }
            )
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        return _KeepingCookies(
            self,
            self.client.request(
                method, path, name=name, data=body, headers=headers, allow_redirects=follow, catch_response=True
            ),
        )

    def keep_cookies(self, response) -> None:
        for header in response.headers.getlist("Set-Cookie") if response.headers else []:
            key, _, rest = header.partition("=")
            if "max-age=0" in rest.lower():
                self.cookies.pop(key.strip(), None)
            else:
                self.cookies[key.strip()] = rest.split(";", 1)[0]


class _KeepingCookies:
    """Locust's response context manager, keeping the student's cookies as it is entered."""

    def __init__(self, student: Student, manager):
        self.student, self.manager = student, manager

    def __enter__(self):
        response = self.manager.__enter__()
        self.student.keep_cookies(response)
        return response

    def __exit__(self, *exc):
        return self.manager.__exit__(*exc)
