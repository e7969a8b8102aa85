"""The speed of the public site as a ratio to a bare Django view, measured side by side in one run
(issue 16). One command:

    .venv/bin/python bench/run.py            # 200 courses, 600 runs, 50,000 students; 3 rounds x 10 s
    .venv/bin/python bench/run.py --quick    # a small data set, 1 round x 3 s: checks the command works

It starts the site as production runs it (bench/stack.py) and the floor beside it, writes the
data set (bench/dataset.py), and measures with wrk, the floor in every round: course dates (no
filters; filters and a postcode), a course page and home, each on a page-cache hit and, on the site
restarted with the page cache off, a miss; the enrol POST with a new student each request on a
full run with 0 and with 5,000 waiting; and the rush (bench/rush.py). Prints the table and writes
bench/README.md with the machine it ran on."""

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import wrk  # noqa: E402
from bench.dataset import FULL, QUICK, generate  # noqa: E402
from bench.machine import describe  # noqa: E402
from bench.posting import Posted, post_enrolments  # noqa: E402
from bench.report import Row, readme, rounds_table, table  # noqa: E402
from bench.rush import RushResult, rush  # noqa: E402
from bench.stack import BenchStack  # noqa: E402

README = Path(__file__).with_name("README.md")
PROXY_IP = "192.0.2.10"  # X-Real-IP on the GETs: the proxy always sets one


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path_key: str  # in the data set's answer
    hit_target: float | None
    miss_target: float | None
    baseline: str  # the ratio before


PAGES = [
    Page("course_dates", "course dates", "course_dates_path", 0.5, 0.05, "0.009"),
    Page("filtered", "course dates, filtered + postcode", "course_dates_filtered_path", 0.5, 0.05, "0.007"),
    Page("course_page", "a course page", "course_page_path", 0.5, 0.05, "0.010"),
    Page("home", "home", "home_path", None, None, "0.014"),
]
POST_TARGET, POST_SPREAD = 0.05, 0.10
# In each POST's email address, so no two requests of a run share a student.
LABELS = {"full_run_0": "zero", "full_run_5000": "big"}


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small data set, 1 round of 3 s, a smaller rush")
    parser.add_argument("--rounds", type=int, help="rounds of each measurement (default 3; 1 with --quick)")
    parser.add_argument("--seconds", type=float, help="seconds per measurement (default 10; 3 with --quick)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16, as the issue)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers, site and floor (default 2)")
    parser.add_argument("--note", default="", help="a line to put at the top of README.md")
    parser.add_argument("--no-readme", action="store_true", help="print the figures only")
    chosen = parser.parse_args()
    chosen.rounds = max(chosen.rounds or (1 if chosen.quick else 3), 1)
    chosen.seconds = chosen.seconds or (3 if chosen.quick else 10)
    if chosen.quick and not chosen.note:
        chosen.note = "A --quick run on a small data set: it shows the command works, not how fast the site is."
    return chosen


def get_headers(stack) -> dict[str, str]:
    return {**stack.headers, "X-Real-IP": PROXY_IP, "Accept-Encoding": "gzip"}


def x_cache(stack, path: str) -> str:
    answer = requests.get(stack.url + path, headers=get_headers(stack), timeout=60, allow_redirects=False)
    if answer.status_code != 200:
        raise RuntimeError(f"{path} answered {answer.status_code}")
    return answer.headers.get("X-Cache", "none")


def warm_up(stack, paths: dict[str, str], load: wrk.Load) -> None:
    """Each worker's first requests load code and templates: not what is measured."""
    brief = wrk.Load(load.connections, load.threads, seconds=min(2, load.seconds))
    wrk.run(stack.floor_url + "/", get_headers(stack), brief)
    for path in paths.values():
        wrk.run(stack.url + path, get_headers(stack), brief)


def page_rounds(stack, paths: dict[str, str], load: wrk.Load, rounds: int, what: str) -> list[dict]:
    warm_up(stack, paths, load)
    measured = []
    for number in range(rounds):
        this = {"floor": wrk.run(stack.floor_url + "/", get_headers(stack), load)}
        for key, path in paths.items():
            this[key] = wrk.run(stack.url + path, get_headers(stack), load)
            this[key].extra["x_cache"] = x_cache(stack, path)
        measured.append(this)
        figures = ", ".join(f"{key} {result.rps:,.0f}" for key, result in this.items())
        say(f"{what} round {number + 1}/{rounds}: req/s {figures}")
    return measured


def post_rounds(stack, data: dict, load: wrk.Load, rounds: int) -> list[dict]:
    measured = []
    for number in range(rounds):
        this = {"floor": wrk.run(stack.floor_url + "/", get_headers(stack), load)}
        # Each goes first every other round, so a machine slowing down during a round does not
        # always count against the same one.
        for key in ("full_run_0", "full_run_5000")[:: 1 if number % 2 == 0 else -1]:
            this[key] = post_enrolments(stack, data[f"{key}_id"], load, label=f"r{number}{LABELS[key]}")
        measured.append(this)
        say(
            f"enrol POST round {number + 1}/{rounds}: floor {this['floor'].rps:,.0f} req/s, "
            f"0 waiting {this['full_run_0'].result.rps:,.1f}, {data['big_queue']:,} waiting "
            f"{this['full_run_5000'].result.rps:,.1f} ({this['full_run_5000'].thanked} enrolled)"
        )
    return measured


def median_round(rounds: list[dict], key: str, rps=lambda value: value.rps) -> dict:
    """The round whose figure for `key` is the median (the lower one of an even count)."""
    ordered = sorted(rounds, key=lambda this: rps(this[key]))
    return ordered[(len(ordered) - 1) // 2]


def count_queries(stack, paths: dict[str, str], post_to: int) -> dict:
    script = Path(__file__).with_name("count_queries.py")
    answer = stack.python(script, *paths.values(), "--post", str(post_to))
    stack.flush_cache()  # the copies it made are not the measurement's
    counts = json.loads(answer.stdout.strip().splitlines()[-1])
    return {key: counts[path] for key, path in paths.items()} | {"enrol POST": counts.get("enrol POST", "-")}


def page_rows(hits: list[dict], misses: list[dict], sql: dict) -> list[Row]:
    floor = median_round(hits + misses, "floor")["floor"]
    rows = [Row("bare Django view (the floor)", floor, floor.rps, baseline="1.000", queries="0")]
    for page in PAGES:
        for rounds, how, target in ((hits, "hit", page.hit_target), (misses, "miss", page.miss_target)):
            chosen = median_round(rounds, page.key)
            result = chosen[page.key]
            rows.append(
                Row(
                    f"{page.label} ({how})",
                    result,
                    chosen["floor"].rps,
                    target=target,
                    baseline=page.baseline,
                    x_cache=result.extra.get("x_cache", ""),
                    queries=str(sql[page.key][how]),
                )
            )
    return rows


def post_rows(posts: list[dict], data: dict, sql: dict) -> tuple[list[Row], str]:
    rps = lambda posted: posted.result.rps  # noqa: E731
    zero_round = median_round(posts, "full_run_0", rps)
    big_round = median_round(posts, "full_run_5000", rps)
    zero, big = zero_round["full_run_0"], big_round["full_run_5000"]
    # Compared within each round (minutes apart on a busy machine, rounds differ more than runs).
    spread = statistics.median(
        (this["full_run_5000"].result.rps - this["full_run_0"].result.rps) / (this["full_run_0"].result.rps or 1)
        for this in posts
    )
    within = abs(spread) <= POST_SPREAD
    rows = [
        post_row("enrol POST, full run, 0 waiting", zero, zero_round["floor"].rps, [], sql),
        post_row(
            f"enrol POST, full run, {data['big_queue']:,} waiting",
            big,
            big_round["floor"].rps,
            [("" if within else "NOT ") + "within 10% of 0 waiting"],
            sql,
        ),
    ]
    every = [posted for this in posts for posted in (this["full_run_0"], this["full_run_5000"])]
    thanked, added = sum(p.thanked for p in every), sum(p.rows_added for p in every)
    failed = sum(p.server_errors + p.other for p in every)
    matched = all(p.all_enrolled for p in every)
    text = (
        f"Enrol POST: {spread:+.1%} with {data['big_queue']:,} waiting against 0 waiting, the median of "
        "each round's difference "
        f"(target within {POST_SPREAD:.0%}: {'met' if within else 'NOT met'}). Over every round, "
        f"{thanked:,} POSTs ended on the thank-you page and the two runs gained {added:,} people waiting "
        f"({'they match' if matched else 'THEY DO NOT MATCH'}, counting the POSTs still in flight when wrk "
        f"stopped); {failed:,} answers were anything else. "
        "Before each round the people the last one added are marked as having left, so every round "
        "starts at 0 and at the data set's number waiting."
    )
    return rows, text


def post_row(label: str, posted: Posted, floor_rps: float, also: list[str], sql: dict) -> Row:
    if not posted.all_enrolled:
        also = [*also, "NOT every POST enrolled"]
    queries = str(sql["enrol POST"])
    return Row(label, posted.result, floor_rps, target=POST_TARGET, baseline="0.004", also=also, queries=queries)


def rush_text(result: RushResult, total: int, clients: int) -> str:
    verdict = "met" if result.ok else "NOT met: " + "; ".join(result.problems)
    return (
        f"The rush: {total:,} enrolments from {clients} clients at once on a run with 50 places took "
        f"{result.seconds:.1f} s: {result.confirmed} confirmed, {result.waiting} waiting at positions "
        f"1..{result.waiting} "
        f"in the order they were accepted, {result.server_errors} answers 5xx; POST p50 "
        f"{result.latency_ms(50):,.0f} ms, p99 {result.latency_ms(99):,.0f} ms. Target: {verdict}."
    )


def main() -> None:
    chosen = options()
    if not wrk.installed():
        sys.exit("wrk is not installed: apt-get install wrk")
    load = wrk.Load(connections=chosen.connections, threads=chosen.threads, seconds=chosen.seconds)
    size = QUICK if chosen.quick else FULL
    rush_total, rush_clients = (100, 40) if chosen.quick else (1000, 200)
    began = time.monotonic()
    command = "bench/run.py" + (" --quick" if chosen.quick else "")
    command += "".join(f" --{name} {getattr(chosen, name):g}" for name in ("rounds", "seconds") if not chosen.quick)
    say(f"starting PostgreSQL database, Redis 12/13, migrate, collectstatic, gunicorn x{chosen.workers} and the floor")
    with BenchStack(web_workers=chosen.workers, page_cache_seconds=5) as stack:
        machine = describe(stack, workers=chosen.workers, connections=chosen.connections, threads=chosen.threads)
        say(f"writing the data set: {size}")
        data = generate(stack, **size)
        say(f"data set written in {sum(data['seconds'].values()):.0f} s: {data['counts']}")
        paths = {page.key: data[page.path_key] for page in PAGES}
        sql = count_queries(stack, paths, data["full_run_0_id"])
        say(f"SQL queries per request: {sql}")
        hits = page_rounds(stack, paths, load, chosen.rounds, "cache on")
        posts = post_rounds(stack, data, load, chosen.rounds)
        say(f"the rush: {rush_total} enrolments from {rush_clients} clients on 50 places")
        rushed = rush(stack, data["rush_run_id"], clients=rush_clients, total=rush_total)
        say("restarting the site with PAGE_CACHE_SECONDS=0 for the misses")
        stack.restart_web(PAGE_CACHE_SECONDS="0")
        misses = page_rounds(stack, paths, load, chosen.rounds, "cache off")
    rows, posts_text = post_rows(posts, data, sql)
    rows = page_rows(hits, misses, sql) + rows
    rush_line = rush_text(rushed, rush_total, rush_clients)
    print()
    print(table(rows))
    print()
    print(posts_text)
    print(rush_line)
    say(f"done in {time.monotonic() - began:.0f} s")
    if not chosen.no_readme:
        README.write_text(
            readme(
                machine=machine,
                data=data,
                rows=rows,
                rounds=rounds_table(
                    [("cache on", hits), ("enrol POST", posts), ("cache off", misses)],
                    {"floor": "floor"}
                    | {page.key: page.label for page in PAGES}
                    | {
                        "full_run_0": "enrol POST, 0 waiting",
                        "full_run_5000": f"enrol POST, {data['big_queue']:,} waiting",
                    },
                ),
                posts=posts_text,
                rush=rush_line,
                command=command,
                note=chosen.note,
            )
        )
        say(f"wrote {README}")


if __name__ == "__main__":
    main()
