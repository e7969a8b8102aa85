"""The second phase of bench/term_opening.py: do the pages slow down while the day-before reminders
for a big session go out? On a running BenchStack with its data set:

1. A worker (bench/reminder_fanout.py's, on the `email` queue) sends whatever the data set has
   due already, so only ours are in flight later.
2. A new course with one run tomorrow and `count` people enrolled (reminder_fanout's
   enrol_for_tomorrow, in this process under the stack's production environment).
3. A steady stream of GETs (`rate` a second, at fixed times, whatever the answers take: a
   browser does not wait for other people's pages) over home, course dates with and without
   filters, and course pages: `idle_seconds` of it with the worker idle, then on while the sweep
   (a process of its own, at the worker's priority) owes the reminders and the worker sends them
   all to the stand-in provider (Mailgun's API, 500 a call, or Postmark's, one call each).
4. The worker stops; the next round (`nice_levels`) starts it at another CPU priority.

Prints p50/p95 idle and while sending, the change (target: within 10%), and reminders a second."""

import os
import random
import re
import secrets
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from bench.reminder_fanout import Worker, enrol_for_tomorrow

TARGET_CHANGE = 10  # per cent
LONGEST_SENDING = 360  # seconds: no phase runs longer than 6 minutes
# Run in `manage.py shell`: the sweep, and when it started (this machine's clock, as sent_at is).
SWEEP = "import time; from notices.sweep import sweep; started = time.time(); sweep(); print(started)"
ROOT = Path(__file__).resolve().parent.parent
CARD_LINK = re.compile(r'class="nhsuk-card__link" href="([^"]+)"')


class SteadyLoad:
    """GETs at a fixed rate from a pool of threads; `take()` hands over, for each GET so far, when
    it started (time.time()) and how long it took (ms)."""

    def __init__(self, base: str, headers: dict, paths: list[str], rate: float):
        self.base, self.headers, self.paths, self.rate = base, headers, paths, rate
        self.times: list[tuple[float, float]] = []
        self.errors = 0
        self._lock, self._stop = threading.Lock(), threading.Event()
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(max_workers=32)
        self._clock = threading.Thread(target=self._schedule, daemon=True)

    def __enter__(self) -> "SteadyLoad":
        self._clock.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._clock.join()
        self._pool.shutdown(wait=True)

    def take(self) -> tuple[list[tuple[float, float]], int]:
        with self._lock:
            times, errors, self.times, self.errors = self.times, self.errors, [], 0
        return times, errors

    def _schedule(self) -> None:
        interval, due = 1 / self.rate, time.monotonic()
        while not self._stop.is_set():
            self._pool.submit(self._get, random.choice(self.paths))
            due += interval
            self._stop.wait(max(0.0, due - time.monotonic()))

    def _get(self, path: str) -> None:
        session = getattr(self._local, "session", None) or requests.Session()
        self._local.session = session
        started, at = time.perf_counter(), time.time()
        try:
            ok = session.get(self.base + path, headers=self.headers, timeout=30).status_code == 200
        except requests.RequestException:
            ok = False
        elapsed = (time.perf_counter() - started) * 1000
        with self._lock:
            self.times.append((at, elapsed))
            self.errors += not ok


def measure(
    stack, data: dict, *, count: int, nice_levels: list[int], idle_seconds: float, rate: float, provider: str
) -> dict:
    env = {**stack.env, **stack.stub.settings_for(provider)}
    if provider == "mailgun":  # production will not start without it; the stub checks no signatures
        env["MAILGUN_WEBHOOK_SIGNING_KEY"] = secrets.token_hex(16)
    set_up_django(env)
    paths = pages_to_read(stack, data)
    print(
        f"\nReminders under load: {count} reminders a round ({provider}), GETs at {rate}/s over {len(paths)} pages",
        flush=True,
    )
    rounds = [
        one_round(stack, env, paths, count=count, number=number, nice=nice, idle_seconds=idle_seconds, rate=rate)
        for number, nice in enumerate(nice_levels)
    ]
    return report(rounds)


def one_round(stack, env: dict, paths: list[str], *, count, number, nice, idle_seconds, rate) -> dict:
    worker = Worker({**env, "LOG_LEVEL": "INFO"}, 2, stack.logs_dir / f"reminder-worker-{number}.log", nice=nice)
    try:
        send_what_is_due()
        run = enrol_for_tomorrow(index(), count, title=f"Reminder round {number}", emails=f"remind{number}.")
        with SteadyLoad(stack.url, stack.headers, paths, rate) as load:
            time.sleep(min(5.0, idle_seconds))  # connections opened, pages cached once
            load.take()
            time.sleep(idle_seconds)
            idle, idle_errors = load.take()
            calls_before = len(stack.stub.requests)
            sent, started, last = send_reminders(run, env, nice)
            samples, busy_errors = load.take()
            calls = len(stack.stub.requests) - calls_before
    finally:
        worker.stop()
    return {
        "nice": nice,
        "idle": ([ms for _, ms in idle], idle_errors),
        # Only the GETs that started while the reminders were being owed or sent.
        "busy": ([ms for at, ms in samples if started <= at <= last], busy_errors),
        "sent": sent,
        "seconds": last - started,
        "count": count,
        "calls": calls,
    }


def set_up_django(env: dict) -> None:
    """This process reads and writes the stack's database, and sweeps, as a production process
    would: with the worker's settings, since the sweep decides whether reminders go in batches."""
    os.environ.update({**env, "LOG_LEVEL": "WARNING"})
    import django

    django.setup()


def pages_to_read(stack, data: dict) -> list[str]:
    listing = requests.get(stack.url + data["course_dates_path"], headers=stack.headers, timeout=60).text
    courses = sorted(set(CARD_LINK.findall(listing)))
    fixed = [data["home_path"], data["course_dates_path"], data["course_dates_filtered_path"], data["course_page_path"]]
    return fixed + courses


def index():
    from courses.models import CourseIndexPage

    return CourseIndexPage.objects.live().first()


def send_what_is_due(timeout: float = LONGEST_SENDING) -> None:
    from notices.models import Notice
    from notices.sweep import sweep

    sweep()
    deadline = time.monotonic() + timeout
    while Notice.objects.filter(status__in=["pending", "sending"]).exists() and time.monotonic() < deadline:
        time.sleep(1)


def send_reminders(run, env: dict, nice: int) -> tuple[int, float, float]:
    """Sweep (which owes this run's reminders and queues them), then wait until the worker has sent
    them all. The sweep runs in a process of its own at the worker's priority: in production it is
    the jobs worker's work, not the web's. The seconds run from the sweep's start to the last
    `sent`, so they include the sweep, as in bench/reminder_fanout.py: returns how many were
    sent, and those two times (time.time())."""
    from django.db.models import Max

    from notices.models import Notice

    command = [*(["nice", "-n", str(nice)] if nice else []), sys.executable, "manage.py", "shell", "--no-imports"]
    swept = subprocess.run(
        [*command, "-c", SWEEP], cwd=ROOT, env=env, capture_output=True, text=True, timeout=LONGEST_SENDING, check=True
    )
    started = float(swept.stdout.strip().splitlines()[-1])
    deadline = time.monotonic() + LONGEST_SENDING
    mine = Notice.objects.filter(run=run)
    while mine.filter(status__in=["pending", "sending"]).exists() and time.monotonic() < deadline:
        time.sleep(0.25)
    last = mine.aggregate(last=Max("sent_at"))["last"]
    return mine.filter(status="sent").count(), started, last.timestamp() if last else time.time()


def report(rounds: list[dict]) -> dict[str, bool]:
    print(
        "\n| worker | reminders sent | seconds | per second | provider calls | GETs idle / sending "
        "| p50 idle → sending | p95 idle → sending | p50 change | p95 change |\n" + "|---" * 10 + "|"
    )
    verdicts = {}
    for result in rounds:
        (idle, idle_errors), (busy, busy_errors) = result["idle"], result["busy"]
        change = {share: 100 * (percentile(busy, share) / percentile(idle, share) - 1) for share in (0.5, 0.95)}
        worker = f"nice -n {result['nice']}" if result["nice"] else "normal priority"
        print(
            f"| {worker} | {result['sent']} of {result['count']} | {result['seconds']:.0f} "
            f"| {result['sent'] / result['seconds']:.0f} | {result['calls']} | {len(idle)} / {len(busy)} "
            f"| {percentile(idle, 0.5):.0f} → {percentile(busy, 0.5):.0f} ms "
            f"| {percentile(idle, 0.95):.0f} → {percentile(busy, 0.95):.0f} ms "
            f"| {change[0.5]:+.0f}% | {change[0.95]:+.0f}% |"
        )
        if idle_errors or busy_errors:
            print(f"  (GETs that failed: {idle_errors} idle, {busy_errors} while sending)")
        verdicts[f"reminders, {worker}: all sent"] = result["sent"] == result["count"]
        for share, figure in change.items():
            verdicts[f"reminders, {worker}: GET p{share * 100:.0f} within {TARGET_CHANGE}% of idle"] = (
                figure <= TARGET_CHANGE
            )
    return verdicts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")
