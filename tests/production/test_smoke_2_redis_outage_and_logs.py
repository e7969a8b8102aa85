"""The production smoke test, second part, after test_smoke_1_pages_enrolling_and_limits.py on the
same stack (files run in name order): with Redis stopped the site keeps working and the emails
owed go out once it is back; every email went out once and /health/ says all is well; and last,
every process's log holds no student's details, no tokens and no errors.

Each test gathers every problem it meets and reports them together."""

import collections
import json
import re
import time
from urllib.parse import urlsplit

import pytest

from .smoke_helpers import ADMIN_LOGIN, Student, enrol, landed, problems_report, runs

pytestmark = pytest.mark.production

# What a stopped Redis may make a process log, at ERROR, while it is stopped on purpose.
REDIS_TROUBLE = re.compile(r"(?i)redis|connect|broker|Error 111|refused|Cannot reach|unreachable")


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
