"""The production smoke test, first part: the README's production steps run for real (stack.py)
and used as students and a load balancer would, over HTTP through gunicorn: every public page,
a student's journey from enrolling to My courses, enrolments posted at once, the sign-in rate
limit counted in Redis, and Django's deployment checks.

Every test in tests/production/ shares one stack (conftest.py) and runs in order: files in name
order, tests in file order. test_smoke_2_redis_outage_and_logs.py comes after this and uses what
these did (the signed-in student, the emails sent). Each test gathers every problem it meets and
reports them together, so one run shows all that is wrong with the stack, not only the first
thing."""

import collections
import concurrent.futures
import re
import secrets
import threading
import time
from urllib.parse import urljoin, urlsplit

import pytest

from .http import Links
from .smoke_helpers import ADMIN_LOGIN, Student, enrol, landed, problems_report, runs
from .stack import HOST, SITE_URL

pytestmark = pytest.mark.production

CRAWL_LIMIT = 1500  # pages: far more than the demo has; a loop in the links would stop here
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
