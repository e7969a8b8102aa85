"""The production smoke test: the README's production steps run for real (stack.py) and used as
students and a load balancer would, over HTTP through gunicorn. The tests share one stack and run
in this order; later ones use what earlier ones did (the signed-in student, the emails sent).

Each test gathers every problem it meets and reports them together, so one run shows all that is
wrong with the stack, not only the first thing."""

import collections
import concurrent.futures
import json
import random
import re
import secrets
import string
import threading
import time
from urllib.parse import urljoin, urlsplit

import pytest

from .http import Links, Person
from .stack import HOST, SITE_URL

pytestmark = pytest.mark.production

CRAWL_LIMIT = 1500  # pages: far more than the demo has; a loop in the links would stop here
ADMIN_LOGIN = "/admin/login/"
# Pages a crawl from / might not reach by links alone.
ENTRY_POINTS = [
    "/",
    "/robots.txt",
    "/accessibility-statement/",
    "/search/?q=anxiety",
    "/prospectus/",
    "/prospectus.pdf",
    "/calendar/course-dates.ics",
    "/course-dates/?postcode=OX4+1AA",
    "/course-dates/?q=sleep&has_spaces=on&day=2&day=5&time_of_day=morning&time_of_day=evening&postcode=OX4",
    "/course-dates/?page=2",
    "/my-courses/sign-in/",
    "/health/live/",
    ADMIN_LOGIN,
]
TOO_MANY = "paused it for now"  # enrolment.limits.TOO_MANY
LINK = re.compile(re.escape(SITE_URL) + r"(/link/[^\s\"'<>]+)")
# What a stopped Redis may make a process log, at ERROR, while it is stopped on purpose.
REDIS_TROUBLE = re.compile(r"(?i)redis|connect|broker|Error 111|refused|Cannot reach|unreachable")


def problems_report(what: str, problems: list[str]) -> str:
    shown = problems[:40]
    more = f"\n... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    return f"{what}: {len(problems)} problem(s)\n- " + "\n- ".join(shown) + more


def random_word(length: int = 9) -> str:
    return "".join(random.choices(string.ascii_lowercase, k=length)).capitalize()


class Student:
    """A made-up student whose every detail is unique, so a log line carrying one is found."""

    def __init__(self, tag: str = "smoke"):
        self.first_name = random_word()
        self.last_name = random_word(11)
        self.email = f"{tag}.{secrets.token_hex(5)}@example.test"
        self.phone = "07700900" + "".join(random.choices(string.digits, k=3))
        self.postcode = "OX49 5NU"
        self.support_needs = f"A quiet seat by the door, and {random_word()} {random_word()} notes"

    def form(self) -> dict:
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "adult": "yes",
            "postcode": self.postcode,
            "joining_as": "lived_experience",
            "support_needs": self.support_needs,
            "heard_about": "",
            "contact_by": "email",
            "consent": "on",
            "website": "",
        }

    def private(self) -> list[str]:
        return [
            self.first_name,
            self.last_name,
            self.email,
            self.phone,
            self.postcode,
            self.postcode.replace(" ", ""),
            self.support_needs,
        ]


def runs(stack) -> dict:
    """Two bookable runs that have not started (so late-joining rules stay out of it): the one with
    the most spaces for single enrolments, and one with few spaces for the concurrent posts."""
    if "runs" not in stack.__dict__:
        listing = stack.shell_json(
            """
import json
from django.utils import timezone
from courses.models import CourseRun
from enrolment.selectors import open_for_enrolment
today = timezone.localdate()
runs = open_for_enrolment(CourseRun.objects.upcoming().with_places().filter(first_date__gt=today), now=timezone.now())
print(json.dumps([{"id": r.pk, "title": r.course.title, "url": r.course.url, "spaces": r.spaces_left,
                   "capacity": r.capacity} for r in runs if r.spaces_left > 0]))
""",
            "pick-runs",
        )
        assert len(listing) >= 2, f"The demo college has fewer than two bookable runs: {listing}"
        single = max(listing, key=lambda run: run["spaces"])
        others = [run for run in listing if run["id"] != single["id"]]
        few = min(others, key=lambda run: (run["spaces"] < 3, run["spaces"]))
        stack.runs = {"single": single, "concurrent": few}
    return stack.runs


def enrol(person: Person, run: dict, student: Student):
    return person.submit(f"/enrol/{run['id']}/", student.form())


def landed(response, path_prefix: str) -> bool:
    return (
        response.status_code == 200
        and bool(response.hops)
        and urlsplit(response.hops[-1].headers["Location"]).path.startswith(path_prefix)
    )


# 1. The README's steps ran.


def test_the_readme_production_steps_run(stack):
    problems = list(stack.problems)
    for name, process in stack.processes.items():
        if not process.running:
            problems.append(f"{name} is not running:\n{process.tail()}")
    assert not problems, problems_report("README production steps", problems)


# 2. Every public page.


def test_every_public_page_answers_200(stack):
    person = stack.person("192.0.2.1")
    pages, static, problems = set(), set(), []
    queue = list(ENTRY_POINTS)
    sitemap = person.get("/sitemap.xml")
    if sitemap.status_code != 200:
        problems.append(f"/sitemap.xml answered {sitemap.status_code}")
    queue += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.text)]
    queue = list(dict.fromkeys(queue))
    seen = set(queue) | {"/sitemap.xml"}
    redirects = 0
    started = time.monotonic()

    def fetch(path: str):
        return path, stack.person("192.0.2.1").get(path)

    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        while queue and len(pages) < CRAWL_LIMIT:
            wave, queue = queue, []
            for path, response in pool.map(fetch, wave):
                pages.add(path)
                redirects += bool(response.hops)
                if response.is_redirect:
                    problems.append(f"{path} redirects out of the site: {response.headers.get('Location')}")
                    continue
                if response.status_code != 200:
                    problems.append(
                        f"{path} answered {response.status_code}"
                        + (f" (after redirects to {response.hops[-1].headers['Location']})" if response.hops else "")
                    )
                    continue
                if "text/html" not in response.headers.get("Content-Type", ""):
                    continue
                for address in links_on(path, response.text):
                    if address.startswith("/static/"):
                        static.add(address)
                    elif address not in seen:
                        seen.add(address)
                        queue.append(address)
        for address in sorted(static):
            response = stack.person("192.0.2.1").get(address)
            if response.status_code != 200 or not response.content:
                problems.append(f"static file {address} answered {response.status_code}")
    stack.figures["pages crawled"] = len(pages)
    stack.figures["internal redirects followed"] = redirects
    stack.figures["static files fetched"] = len(static)
    stack.timings["crawl"] = time.monotonic() - started
    assert len(pages) < CRAWL_LIMIT, f"The crawl found more than {CRAWL_LIMIT} pages: a loop in the links?"
    assert len(pages) > 30, f"Only {len(pages)} pages found from /: {sorted(pages)}"
    assert not problems, problems_report("Crawling the public site", problems)


def links_on(page: str, html: str) -> list[str]:
    """Same-site addresses a page links to, as paths; not the admin (but its sign-in page), not
    mailto: or tel:, and not the page's own forms."""
    found = []
    for tag, address in Links.of(html):
        if tag == "form" or address.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
            continue
        target = urlsplit(urljoin(f"{SITE_URL}{page}", address))
        if target.netloc not in {HOST, ""} or target.scheme not in {"https", "http"}:
            continue
        if target.path.startswith("/admin/") and target.path != ADMIN_LOGIN:
            continue
        found.append(target.path + (f"?{target.query}" if target.query else ""))
    return found


# 3. A student's journey over HTTP: enrol, the confirmation, a sign-in link, My courses.


def test_a_student_enrols_gets_the_email_and_signs_in_from_its_link(stack):
    run = runs(stack)["single"]
    student, person = Student(), stack.person("192.0.2.20")
    stack.students.append(student)
    started = time.monotonic()

    enrolled = enrol(person, run, student)
    assert landed(enrolled, f"/enrol/{run['id']}/thank-you/"), (
        f"Enrolling answered {enrolled.status_code} at {enrolled.hops and enrolled.hops[-1].headers['Location']}"
    )
    confirmation = stack.mailbox.wait_for_email(student.email, timeout=45)
    stack.figures["enrol to confirmation at the provider"] = f"{time.monotonic() - started:.1f} s"
    assert confirmation, f"No confirmation reached the provider in 45 s.\n{stack.processes['email-worker'].tail()}"
    assert run["title"] in confirmation[0].text, "The confirmation does not name the course"

    asked = person.submit("/my-courses/sign-in/", {"email": student.email})
    assert landed(asked, "/my-courses/sign-in/check-your-email/"), f"Asking for a link answered {asked.status_code}"
    emails = stack.mailbox.wait_for_email(student.email, count=2, timeout=45)
    assert len(emails) == 2, f"No sign-in email in 45 s.\n{stack.processes['email-worker'].tail()}"
    link = LINK.search(emails[1].text)
    assert link, f"No {SITE_URL}/link/... in the sign-in email:\n{emails[1].text}"
    stack.secrets.append(link.group(1).split("/")[2])

    opened = person.get(link.group(1))
    assert opened.status_code == 200 and "csrfmiddlewaretoken" in opened.text, (
        f"The emailed link answered {opened.status_code}"
    )
    signed_in = person.post(link.group(1), {"csrfmiddlewaretoken": person.csrf_token(opened.text)})
    assert landed(signed_in, "/my-courses/"), f"Signing in answered {signed_in.status_code}"
    assert run["title"] in signed_in.text, "My courses does not list the course just booked"
    stack.signed_in = (person, run)
    stack.secrets += list(person.cookies.values())
    stack.timings["enrol, email, sign-in link, My courses"] = time.monotonic() - started


# 4. Enrolments posted at the same moment, on PostgreSQL through gunicorn.


def test_concurrent_enrolments_over_http_fill_exactly_the_places(stack):
    run = runs(stack)["concurrent"]
    posts = max(40, run["spaces"] + 10)
    tag = f"race{secrets.token_hex(3)}"
    students = [Student(tag) for _ in range(posts)]
    stack.students += students
    ready = threading.Barrier(posts, timeout=120)
    started = time.monotonic()

    def enrol_at_once(index: int):
        person, student = stack.person(f"198.51.100.{index + 1}"), students[index]
        form = person.get(f"/enrol/{run['id']}/")
        assert form.status_code == 200, f"GET /enrol/{run['id']}/ answered {form.status_code}"
        token = person.csrf_token(form.text)
        ready.wait()
        return person.post(f"/enrol/{run['id']}/", {"csrfmiddlewaretoken": token, **student.form()})

    with concurrent.futures.ThreadPoolExecutor(max_workers=posts) as pool:
        answers = list(pool.map(enrol_at_once, range(posts)))
    outcomes = collections.Counter(
        "thank-you" if landed(answer, f"/enrol/{run['id']}/thank-you/") else f"HTTP {answer.status_code}"
        for answer in answers
    )
    result = stack.shell_json(
        f"""
import json
from enrolment.models import Enrolment, WaitlistEntry
from enrolment.selectors import position_of
from courses.models import CourseRun
ours = dict(run_id={run["id"]}, student__email__startswith="{tag}.")
waiting = WaitlistEntry.objects.filter(status="waiting", **ours).select_related("run")
run = CourseRun.objects.with_places().get(pk={run["id"]})
print(json.dumps({{"confirmed": Enrolment.objects.filter(status="confirmed", **ours).count(),
                  "positions": [position_of(entry) for entry in waiting], "spaces_left": run.spaces_left}}))
""",
        "count-race",
    )
    emails = stack.mailbox.wait_for_email(f"{tag}.", count=posts, timeout=90)
    stack.figures["concurrent enrolment posts"] = (
        f"{posts} on a run with {run['spaces']} spaces: {dict(outcomes)}; {result['confirmed']} confirmed, "
        f"{len(result['positions'])} waiting; {len(emails)} emails"
    )
    stack.timings["concurrent enrolments and their emails"] = time.monotonic() - started

    assert outcomes == {"thank-you": posts}, f"Not every post reached the thank-you page: {dict(outcomes)}"
    assert result["confirmed"] == run["spaces"], result
    assert result["spaces_left"] == 0, result
    assert len(result["positions"]) == posts - run["spaces"], result
    assert sorted(result["positions"]) == list(range(1, posts - run["spaces"] + 1)), (
        f"Waiting positions are not 1..n, each once: {sorted(result['positions'])}"
    )
    assert len(emails) == posts, f"{len(emails)} of {posts} emails reached the provider in 90 s"


# 5. Rate limits, counted in Redis and shared by every gunicorn worker.


def test_the_sign_in_rate_limit_is_counted_in_redis(stack):
    person = stack.person("203.0.113.7")  # RATE_LIMIT_SIGN_IN_IP is 5/h in the smoke environment
    answers = [person.submit("/my-courses/sign-in/", {"email": f"nobody.{n}@example.test"}) for n in range(6)]
    problems = [
        f"sign-in post {n + 1} answered {answer.status_code}"
        for n, answer in enumerate(answers)
        if answer.status_code != 200
    ]
    allowed = [landed(answer, "/my-courses/sign-in/check-your-email/") for answer in answers[:5]]
    if not all(allowed):
        problems.append(f"The first five sign-in posts should be let through: {allowed}")
    if TOO_MANY not in answers[5].text or answers[5].hops:
        problems.append("The sixth sign-in post from one address was not refused with the kind message")
    counts = {}
    with stack.redis.client(db=1) as cache:
        for key in cache.scan_iter(match="*rl:*", count=1000):
            value = cache.get(key)
            counts[key.decode()] = int(value) if value and value.isdigit() else value
    stack.figures["rate-limit counters in the Redis cache"] = len(counts)
    if not any(isinstance(count, int) and count >= 6 for count in counts.values()):
        problems.append(f"No rate-limit counter of 6 or more in Redis database 1 (the cache): {counts}")
    assert not problems, problems_report("Rate limits", problems)


# 6. Django's deployment checks, with the production environment.


def test_check_deploy_gives_no_warnings(stack):
    result = stack.manage("check", "--deploy", "--fail-level", "WARNING", name="check-deploy")
    assert result.returncode == 0, f"manage.py check --deploy --fail-level WARNING:\n{result.stdout}{result.stderr}"


# 7. Redis stopped: the site keeps working; the emails owed go out once Redis is back.


def test_the_site_works_with_redis_stopped_and_emails_follow_when_it_returns(stack):
    run = runs(stack)["single"]
    problems = []
    stack.outage = {path: path.stat().st_size for path in stack.log_files()}  # where its log lines start
    started = time.monotonic()
    stack.redis.shutdown()
    try:
        assert not stack.redis.answers(), "redis-server is still answering after shutdown"

        person, student = stack.person("192.0.2.50"), Student("outage")
        stack.students.append(student)
        slowest = 0.0
        for path in ["/", "/course-dates/", run["url"], f"/enrol/{run['id']}/", ADMIN_LOGIN]:
            asked = time.monotonic()
            response = person.get(urlsplit(run["url"]).path if path == run["url"] else path)
            slowest = max(slowest, time.monotonic() - asked)
            if response.status_code != 200:
                problems.append(f"With Redis stopped, {path} answered {response.status_code}")
        for what, send, lands_at in [
            ("enrolling", lambda: enrol(person, run, student), f"/enrol/{run['id']}/thank-you/"),
            (
                "asking for a sign-in link",
                lambda: person.submit("/my-courses/sign-in/", {"email": student.email}),
                "/my-courses/sign-in/check-your-email/",
            ),
        ]:
            try:
                answer = send()
            except AssertionError as refused:  # the form itself did not open
                problems.append(f"With Redis stopped, {what}: {refused}")
                continue
            if not landed(answer, lands_at):
                problems.append(f"With Redis stopped, {what} answered {answer.status_code}")
        if stack.signed_in:
            signed_in, booked = stack.signed_in
            mine = signed_in.get("/my-courses/")
            if mine.status_code != 200 or mine.hops or booked["title"] not in mine.text:
                problems.append(
                    f"With Redis stopped, My courses answered {mine.status_code} "
                    f"{'(sent to sign in)' if mine.hops else ''}"
                )
        else:
            problems.append("My courses was not tried with Redis stopped: the sign-in test before this failed")
        owed = stack.database.query(
            "SELECT n.status FROM notices_notice n JOIN enrolment_student s ON s.id = n.student_id WHERE s.email = %s",
            student.email,
        )
        if len(owed) != 2:
            problems.append(
                f"With Redis stopped, the ledger holds {len(owed)} emails for the new student, not 2: {owed}"
            )
        time.sleep(max(0, 10 - (time.monotonic() - started)))  # long enough for the workers to notice
        stack.figures["slowest page with Redis stopped"] = f"{slowest:.2f} s"
        stack.redis.start()
        back = time.monotonic()
        emails = stack.mailbox.wait_for_email(student.email, count=2, timeout=150)
        waited = time.monotonic() - back
        stack.figures["emails owed during the outage, at the provider after Redis returned"] = (
            f"{len(emails)} of 2 in {waited:.0f} s"
        )
        if len(emails) < 2:
            problems.append(
                f"Only {len(emails)} of the 2 emails owed reached the provider within 150 s of Redis "
                f"returning.\n{stack.processes['beat'].tail(15)}\n{stack.processes['email-worker'].tail(15)}"
            )
        time.sleep(3)  # a duplicate would follow close behind
        if len(stack.mailbox.to(student.email)) > 2:
            problems.append(f"{len(stack.mailbox.to(student.email))} emails reached the student, not 2")
    finally:
        if not stack.redis.answers():
            stack.redis.start()
        # Log lines written until now may complain about Redis: it was stopped on purpose.
        stack.outage = {path: (start, path.stat().st_size) for path, start in stack.outage.items()}
        stack.timings["Redis stopped and back"] = time.monotonic() - started
    assert not problems, problems_report("Redis stopped", problems)


def test_every_email_went_out_once_and_health_says_all_is_well(stack):
    sent = collections.Counter(email.notice for email in stack.mailbox.emails)
    stack.figures["emails seen by the provider"] = len(stack.mailbox.emails)
    twice = {notice: count for notice, count in sent.items() if count > 1}
    assert not twice, f"Emails sent more than once (ledger row: times): {twice}"
    person = stack.person("192.0.2.60")
    live = person.get("/health/live/")
    assert live.status_code == 200, f"/health/live/ answered {live.status_code}: {live.text[:300]}"
    # Beat and the email worker report in every minute; give them one after the outage.
    deadline, health = time.monotonic() + 75, None
    while time.monotonic() < deadline:
        health = person.get("/health/")
        if health.status_code == 200:
            break
        time.sleep(5)
    assert health.status_code == 200, f"/health/ answered {health.status_code}: {health.text[:1000]}"


# 8. Last: what every process wrote.


def test_logs_hold_no_personal_data_no_tokens_and_no_errors(stack):
    private = {value: "a student's details" for student in stack.students for value in student.private()}
    private |= {value: "a token or secret" for value in stack.secrets if value}
    outage = stack.outage
    problems, lines_read, not_json = collections.Counter(), 0, collections.Counter()
    for path in stack.log_files():
        text = path.read_text(errors="replace")
        lowered = text.lower()
        for value, kind in private.items():
            if value.lower() in lowered:
                problems[f"{path.name} contains {kind}: {value[:12]}..."] += 1
        if path.name.startswith("command-") and "check-deploy" in path.name:
            continue  # its findings are the check --deploy test's business
        window = outage.get(path)
        lines = text.splitlines(keepends=True)
        offset = 0
        for number, line in enumerate(lines):
            at, offset = offset, offset + len(line.encode())
            lines_read += 1
            record = json_record(line)
            if record is None and not path.name.startswith(("command-", "redis-")):
                not_json[path.stem] += 1
            if not is_error(line, record):
                continue
            if record is None and line.startswith("Traceback"):
                # A plain-text traceback: what matters is the exception at its end.
                ending = next((later for later in lines[number + 1 :] if not later[:1].isspace()), line)
                line = f"traceback ending {ending}"
            during_outage = isinstance(window, tuple) and window[0] <= at < window[1]
            if during_outage and REDIS_TROUBLE.search(line):
                continue  # Redis was stopped on purpose
            problems[f"{path.name}: {line.strip()[:400]}"] += 1
    stack.figures["log lines read"] = lines_read
    stack.figures["log lines not in JSON (LOG_FORMAT=json)"] = dict(not_json) or "none"
    listed = [f"{problem} (x{count})" if count > 1 else problem for problem, count in problems.items()]
    assert not problems, problems_report("Log lines", listed)


def json_record(line: str) -> dict | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def is_error(line: str, record: dict | None) -> bool:
    if record is None:
        return line.startswith("Traceback") or bool(re.search(r"\b(ERROR|CRITICAL)\b", line))
    return "Traceback" in line or str(record.get("level") or record.get("levelname") or "").upper() in {
        "ERROR",
        "CRITICAL",
    }
