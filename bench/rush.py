"""The rush: 1,000 enrolments from 200 clients at once on a run with 50 places. Afterwards the
database must hold 50 confirmed and 950 waiting at positions 1..950, in the order they were
accepted: nobody whose answer came back before someone else's request was even sent may stand
behind them. No answer may be a 5xx; the POSTs' p99 is reported.

Python threads, one requests.Session each, are enough for a bounded 1,000: the server's time per
POST dwarfs the client's."""

import statistics
import threading
import time
from dataclasses import dataclass, field

import requests

from .posting import form_token

FORM = {
    "first_name": "Rush",
    "last_name": "Student",
    "adult": "yes",
    "joining_as": "lived_experience",
    "contact_by": "email",
    "consent": "on",
    "which_dates": "these",
}


@dataclass
class Answer:
    email: str
    sent: float
    received: float
    status: int
    thanked: bool


@dataclass
class RushResult:
    answers: list[Answer]
    seconds: float
    confirmed: int = 0
    waiting: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def server_errors(self) -> int:
        return sum(answer.status >= 500 for answer in self.answers)

    def latency_ms(self, percentile: int) -> float:
        times = sorted((answer.received - answer.sent) * 1000 for answer in self.answers)
        if len(times) < 2:
            return times[0] if times else 0.0
        return statistics.quantiles(times, n=100, method="inclusive")[percentile - 1]

    @property
    def ok(self) -> bool:
        return not self.problems


def address(number: int) -> str:
    return f"172.16.{number // 256}.{number % 256}"


def rush(stack, run_id: int, *, clients: int = 200, total: int = 1000, capacity: int = 50) -> RushResult:
    path = f"/enrol/{run_id}/"
    origin = f"https://{stack.headers['Host']}"
    start = threading.Barrier(clients)
    answers: list[Answer] = []
    lock = threading.Lock()
    failures: list[str] = []

    def client(number: int) -> None:
        session = requests.Session()
        try:
            cookie, token = form_token(stack, path, ip=address(number))
        except Exception as error:  # noqa: BLE001 (reported; the barrier must still be reached)
            failures.append(f"client {number} got no form: {error}")
            cookie = token = ""
        start.wait()
        for turn in range(number, total, clients):
            email = f"rush.{turn}@example.org"
            headers = {
                **stack.headers,
                "X-Real-IP": address(turn),
                "Cookie": f"__Host-csrftoken={cookie}",
                "Origin": origin,
                "Referer": origin + path,
            }
            data = {**FORM, "csrfmiddlewaretoken": token, "email": email}
            sent = time.monotonic()
            try:
                response = session.post(
                    stack.url + path, data=data, headers=headers, allow_redirects=False, timeout=120
                )
                status, location = response.status_code, response.headers.get("Location", "")
            except requests.RequestException as error:
                status, location = 599, str(error)
            answer = Answer(email, sent, time.monotonic(), status, status == 302 and "/thank-you/" in location)
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = RushResult(answers=answers, seconds=time.monotonic() - began, problems=failures)
    check(stack, run_id, result, total=total, capacity=capacity)
    return result


def check(stack, run_id: int, result: RushResult, *, total: int, capacity: int) -> None:
    problems = result.problems
    if result.server_errors:
        problems.append(f"{result.server_errors} answers were 5xx")
    refused = [answer for answer in result.answers if not answer.thanked]
    if refused:
        problems.append(f"{len(refused)} POSTs did not end on the thank-you page (first: {refused[0].status})")
    confirmed = [
        email
        for (email,) in stack.query(
            "SELECT s.email FROM enrolment_enrolment e JOIN enrolment_student s ON s.id = e.student_id "
            "WHERE e.run_id = %s AND e.status = 'confirmed' ORDER BY e.created_at, e.id",
            run_id,
        )
    ]
    queue = [
        email
        for (email,) in stack.query(
            "SELECT s.email FROM enrolment_waitlistentry w JOIN enrolment_student s ON s.id = w.student_id "
            "WHERE w.run_id = %s AND w.status = 'waiting' ORDER BY w.queue_key, w.id",
            run_id,
        )
    ]
    result.confirmed, result.waiting = len(confirmed), len(queue)
    if len(confirmed) != capacity or len(queue) != total - capacity:
        problems.append(f"{len(confirmed)} confirmed and {len(queue)} waiting, not {capacity} and {total - capacity}")
    if len(set(confirmed) | set(queue)) != len(confirmed) + len(queue):
        problems.append("someone holds two places or waits twice")
    # Position 0 for a confirmed place, 1..n in the queue. B may stand ahead of A only if B's
    # request was sent before A's answer came back.
    position = {email: 0 for email in confirmed} | {email: number for number, email in enumerate(queue, 1)}
    answers = sorted((answer for answer in result.answers if answer.email in position), key=lambda a: position[a.email])
    earliest_answer_behind = float("inf")
    for answer in reversed(answers):
        if answer.sent > earliest_answer_behind:
            problems.append(f"{answer.email} was sent after someone behind them had their answer")
            break
        if position[answer.email] > 0:
            earliest_answer_behind = min(earliest_answer_behind, answer.received)
