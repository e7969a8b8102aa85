"""Benchmark: the morning a term's dates go live, on the production stack (bench/stack.py) with the
benchmark's data set (bench/dataset.py), on 127.0.0.1. Needs Locust: pip install -e '.[bench]'.

    .venv/bin/python bench/term_opening.py                  both phases, full size (about 20 minutes)
    .venv/bin/python bench/term_opening.py --quick          a small run, to check the command works
    .venv/bin/python bench/term_opening.py --phase journey  (or --phase reminders)

1. The journey: Locust (bench/locustfile.py) ramps up 300 students over 60 s (5 a second), who
   browse, open a course and some enrol, thinking 2 to 10 s between pages, for 5 more minutes.
   Prints each kind of request's p50/p95/max, and checks GET p95 < 500 ms, enrol POST p95 < 1.5 s,
   errors < 0.1%, and, in the database at the end, that no run has more places taken (confirmed
   plus live offers) than it has.
2. Reminders under load (bench/reminders_under_load.py): 10,000 day-before reminders through a
   real Celery worker to the stand-in provider while a steady stream of GETs measures the pages'
   latency, idle and while they go out; once with the worker at normal CPU priority and once under
   `nice -n 10`. Target: within 10% of idle.

The figures print as Markdown tables, to paste. They are only worth keeping from a quiet machine:
Locust, gunicorn, PostgreSQL, Redis and the worker all share its CPUs."""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import reminders_under_load  # noqa: E402
from bench.dataset import QUICK, generate  # noqa: E402
from bench.stack import BenchStack  # noqa: E402

LOCUST = Path(sys.executable).parent / "locust"
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
TARGETS = {"GET p95": 500, "enrol POST p95": 1500, "errors %": 0.1}
FULL = {"users": 300, "spawn_rate": 5, "seconds": 360, "reminders": 10_000, "idle_seconds": 60, "gets_per_second": 10}
SMALL = {"users": 30, "spawn_rate": 5, "seconds": 60, "reminders": 500, "idle_seconds": 15, "gets_per_second": 5}
# Places taken on each run by the rule the site shows (confirmed enrolments and live offers,
# one or two places each), read straight from the tables so a bug in that rule cannot hide here.
OVER_CAPACITY = """
    SELECT run.id, run.capacity, taken.places FROM courses_courserun run
    JOIN (SELECT run_id, SUM(places) AS places FROM (
            SELECT run_id, places FROM enrolment_enrolment WHERE status = 'confirmed'
            UNION ALL SELECT run_id, places FROM enrolment_offer WHERE status = 'live') held
          GROUP BY run_id) taken ON taken.run_id = run.id
    WHERE taken.places > run.capacity ORDER BY run.id"""
BOOKED_BY_JOURNEY = """
    SELECT 'enrolled ' || e.status, COUNT(*) FROM enrolment_enrolment e
    JOIN enrolment_student s ON s.id = e.student_id WHERE s.email LIKE 'student-%%@example.org' GROUP BY e.status
    UNION ALL SELECT 'waiting list ' || w.status, COUNT(*) FROM enrolment_waitlistentry w
    JOIN enrolment_student s ON s.id = w.student_id WHERE s.email LIKE 'student-%%@example.org' GROUP BY w.status"""


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="30 students for 60 s, 500 reminders, a small data set")
    parser.add_argument("--phase", choices=["both", "journey", "reminders"], default="both")
    parser.add_argument(
        "--nice", default="0,10", help="the worker's niceness in each reminders round (default 0,10: both)"
    )
    parser.add_argument(
        "--provider",
        choices=["mailgun", "postmark"],
        default="mailgun",
        help="the stand-in provider for reminders: mailgun (500 a call, default) or postmark (one call each)",
    )
    options = parser.parse_args()
    options.size = SMALL if options.quick else FULL
    options.nice_levels = [int(level) for level in options.nice.split(",")]
    return options


def main() -> None:
    options = arguments()
    folder = Path(tempfile.mkdtemp(prefix="college-term-opening-"))
    verdicts = {}
    with BenchStack(web_workers=2) as stack:
        print("Writing the data set ...", flush=True)
        data = generate(stack, **(QUICK if options.quick else {}))
        print(f"Data set: {data['counts']}", flush=True)
        if options.phase in {"both", "journey"}:
            verdicts.update(journey(stack, data, options.size, folder))
        if options.phase in {"both", "reminders"}:
            verdicts.update(
                reminders_under_load.measure(stack, data, nice_levels=options.nice_levels, **reminder_size(options))
            )
    print("\n" + "\n".join(f"- {name}: {'pass' if passed else 'FAIL'}" for name, passed in verdicts.items()))
    print(f"(Locust's files: {folder}. {machine()}.)")


def reminder_size(options) -> dict:
    size = options.size
    return {
        "count": size["reminders"],
        "idle_seconds": size["idle_seconds"],
        "rate": size["gets_per_second"],
        "provider": options.provider,
    }


def journey(stack: BenchStack, data: dict, size: dict, folder: Path) -> dict[str, bool]:
    ramp = size["users"] / size["spawn_rate"]
    print(f"Journey: {size['users']} students, {ramp:.0f} s ramp, {size['seconds']} s in all ...", flush=True)
    requests_log = folder / "requests.csv"
    command = [
        str(LOCUST),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "--loglevel=WARNING",
        f"--users={size['users']}",
        f"--spawn-rate={size['spawn_rate']}",
        f"--run-time={size['seconds']}s",
        f"--host={stack.url}",
        f"--site-host={stack.headers['Host']}",
        f"--home-path={data['home_path']}",
        f"--course-dates-path={data['course_dates_path']}",
        f"--rush-run={data['rush_run_id']}",
        f"--csv={folder / 'locust'}",
        f"--request-log={requests_log}",
    ]
    stack.start_email_worker()  # as in production, confirmations go out while people enrol
    try:
        with (folder / "locust.log").open("wb") as log:
            # Locust exits 1 when any request failed: the figures below say which.
            subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, timeout=size["seconds"] + 120)
    finally:
        stack.processes.pop("email-worker").stop()
    if not requests_log.exists():
        sys.exit(f"Locust did not run: {folder / 'locust.log'}")
    rows = list(csv.DictReader(requests_log.open()))
    if not rows:
        sys.exit(f"Locust made no requests: {folder / 'locust.log'}")
    verdicts = report_journey(stack, rows, size, ramp)
    if "CPU usage" in (folder / "locust.log").read_text(errors="replace"):
        print("  Locust itself ran short of CPU (locust.log): the times include its own delays.")
    failures = folder / "locust_failures.csv"
    for failure in list(csv.DictReader(failures.open()))[:8] if failures.exists() else []:
        print(f"  failed {failure['Occurrences']}x: {failure['Method']} {failure['Name']}: {failure['Error'][:150]}")
    return verdicts


def report_journey(stack: BenchStack, rows: list[dict], size: dict, ramp: float) -> dict[str, bool]:
    gets = [float(row["ms"]) for row in rows if row["method"] == "GET"]
    posts = [float(row["ms"]) for row in rows if row["name"] == "enrol POST"]
    failures = [row for row in rows if row["ok"] != "1"]
    seconds = max(float(row["started"]) for row in rows) - min(float(row["started"]) for row in rows)
    print(f"\nTerm-opening journey: {size['users']} students ({ramp:.0f} s ramp), {seconds:.0f} s, {machine()}\n")
    print("| request | count | failed | req/s | cache hits | p50 ms | p95 ms | max ms |\n" + "|---" * 8 + "|")
    for name in sorted({(row["method"], row["name"]) for row in rows}, key=lambda kind: kind[1]):
        times = [float(row["ms"]) for row in rows if (row["method"], row["name"]) == name]
        failed = sum(1 for row in failures if (row["method"], row["name"]) == name)
        hits = sum(1 for row in rows if (row["method"], row["name"]) == name and row["cache"] == "hit")
        print(
            f"| {name[1]} | {len(times)} | {failed} | {len(times) / seconds:.1f} | {100 * hits / len(times):.0f}% "
            f"| {percentile(times, 0.5):.0f} | {percentile(times, 0.95):.0f} | {max(times):.0f} |"
        )
    print(f"| **all** | {len(rows)} | {len(failures)} | {len(rows) / seconds:.1f} | | | | |")
    over = stack.query(OVER_CAPACITY)
    booked = dict(stack.query(BOOKED_BY_JOURNEY))
    figures = {
        "GET p95": percentile(gets, 0.95),
        "enrol POST p95": percentile(posts, 0.95) if posts else float("nan"),
        "errors %": 100 * len(failures) / len(rows),
    }
    print("\n| target | measured | limit | |\n|---|---|---|---|")
    verdicts = {}
    for name, limit in TARGETS.items():
        verdicts[f"journey {name} < {limit}"] = passed = figures[name] < limit
        unit = "%" if name.endswith("%") else " ms"
        print(f"| {name} | {figures[name]:.{2 if unit == '%' else 0}f}{unit} | < {limit}{unit} | {verdict(passed)} |")
    verdicts["journey: no run over capacity"] = passed = not over
    print(f"| runs over capacity | {len(over)} | 0 | {verdict(passed)} |")
    print(f"\nBooked by the journey's students: {booked or 'nothing'}")
    for run_id, capacity, taken in over:
        print(f"  run {run_id}: {taken} places taken of {capacity}")
    return verdicts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def verdict(passed: bool) -> str:
    return "pass" if passed else "**FAIL**"


def machine() -> str:
    return f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at {time.strftime('%H:%M')}"


if __name__ == "__main__":
    main()
