"""The figures as a table (printed, and in bench/README.md), each beside the issue's target and the
ratio it measured before the work on speed (issue 16: the demo college copied up to 498 runs, 2
cores, gunicorn sync x2, wrk 16 connections)."""

import ast
from dataclasses import dataclass, field
from pathlib import Path

from . import wrk

HERE = Path(__file__).resolve().parent


@dataclass
class Row:
    label: str
    result: wrk.Result
    floor_rps: float
    target: float | None = None  # the ratio to reach
    baseline: str = "-"  # the ratio before
    x_cache: str = ""
    queries: str = "-"  # SQL queries for one request (bench/count_queries.py)
    also: list[str] = field(default_factory=list)  # other conditions, each "text" or "NOT text"

    @property
    def ratio(self) -> float:
        return self.result.rps / self.floor_rps if self.floor_rps else 0.0

    @property
    def errors(self) -> int:
        return self.result.non_2xx_3xx + self.result.socket_errors

    @property
    def met(self) -> str:
        if self.target is None and not self.also:
            return "-"
        ok = (self.target is None or self.ratio >= self.target) and not any(c.startswith("NOT") for c in self.also)
        return "yes" if ok else "**no**"

    def cells(self) -> list[str]:
        target = f">= {self.target:g}" if self.target is not None else "-"
        if self.also:
            target += "; " + "; ".join(condition.removeprefix("NOT ") for condition in self.also)
        return [
            self.label,
            f"{self.result.rps:,.0f}",
            f"{self.result.p50_ms:,.1f}",
            f"{self.result.p99_ms:,.1f}",
            f"{self.ratio:.3f}",
            target,
            self.met,
            self.baseline,
            self.queries,
            self.x_cache or "-",
            str(self.errors),
        ]


HEADINGS = ["page", "req/s", "p50 ms", "p99 ms", "ratio to floor", "target", "met?", "issue's ratio before"]
HEADINGS += ["SQL queries", "X-Cache", "errors"]


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def rounds_table(phases: list[tuple[str, list[dict]]], labels: dict[str, str]) -> str:
    """Every round's req/s, so a reader can see how steady the machine was."""
    lines = ["| measured | round | " + " | ".join(labels.values()) + " |", "|" + "---|" * (len(labels) + 2)]
    for phase, rounds in phases:
        for number, this in enumerate(rounds, 1):
            cells = []
            for key in labels:
                value = this.get(key)
                value = getattr(value, "result", value)  # an enrol POST's Posted holds its wrk result
                cells.append(f"{value.rps:,.1f}" if value is not None else "")
            lines.append(f"| {phase} | {number} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def other_benchmarks() -> list[str]:
    """Each other script in bench/ with the first sentence of its docstring, as it stands today."""
    skip = {"run.py", "stack.py", "dataset.py", "make_dataset.py", "wrk.py", "posting.py", "rush.py"}
    skip |= {"machine.py", "report.py", "count_queries.py", "stub_esp.py", "__init__.py"}
    lines = []
    for path in sorted(HERE.glob("*.py")):
        if path.name in skip:
            continue
        try:
            doc = ast.get_docstring(ast.parse(path.read_text())) or ""
        except SyntaxError:
            doc = ""
        first = " ".join(doc.split("\n\n")[0].split()).split(". ")[0].rstrip(".:")
        lines.append(f"- `bench/{path.name}`: {first or '(no description)'}.")
    return lines


def readme(
    *, machine: dict, data: dict, rows: list[Row], rounds: str, posts: str, rush: str, command: str, note: str
) -> str:
    counts = data["counts"]
    dataset = (
        f"{counts['courses']} live course pages, {counts['runs']:,} runs ({counts['upcoming runs']:,} upcoming, "
        f"{counts['sessions']:,} sessions), {counts['students']:,} students, {counts['enrolments']:,} enrolments "
        f"(confirmed and cancelled) and {counts['waiting']:,} people waiting: "
        f"{counts['enrolments'] + counts['waiting']:,} places and waiting entries in all "
        f"(bench/make_dataset.py, {sum(data['seconds'].values()):.0f} s)."
    )
    parts = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py`: do not edit by hand, run it again.",
        "",
    ]
    if note:
        parts += [f"> **{note}**", ""]
    parts += [
        "## The site beside a bare Django view (issue 16)",
        "",
        f"`{command}`, {machine['date']}, commit {machine['git commit']}.",
        "",
        "gunicorn runs `college.settings.production` on PostgreSQL and Redis on 127.0.0.1; beside it, "
        "under the same gunicorn config and worker count, the floor: a bare Django view returning a "
        "fixed string (bench/floor/). wrk measures each in turn, the floor in every round; each figure "
        "is the median round, and its ratio is to the floor of that same round. Requests carry what the "
        "proxy adds (Host, X-Forwarded-Proto: https, X-Real-IP) and `Accept-Encoding: gzip`. "
        "A cache hit is measured with PAGE_CACHE_SECONDS=5 (production's setting), a miss on the same "
        "site restarted with PAGE_CACHE_SECONDS=0; X-Cache is what a request just after said.",
        "",
        "| machine | |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in machine.items()],
        "",
        f"Data set: {dataset}",
        "",
        table(rows),
        "",
        "The issue's figures before: the floor 4,616 req/s; course dates 37, filtered 33, a course page "
        "45, home 69, the enrol POST 20 req/s (34 falling to 15).",
        "",
        posts,
        "",
        rush,
        "",
        "Every round, in req/s:",
        "",
        rounds,
        "",
        "## How to run",
        "",
        "```sh",
        "apt-get install wrk                     # Debian's package",
        "TEST_POSTGRES_URL=postgres://college:college@127.0.0.1:5432/college \\",
        "  .venv/bin/python bench/run.py         # about 10 minutes: 3 rounds of 10 s",
        ".venv/bin/python bench/run.py --quick   # a small data set, 1 round of 3 s: checks it works",
        "```",
        "",
        "It makes (and drops) the database `college_bench` on the server in DATABASE_URL or "
        "TEST_POSTGRES_URL (default postgres://college:college@127.0.0.1:5432/college) and uses "
        "Redis databases 12 and 13 of REDIS_URL's server (default 127.0.0.1:6379), emptying both. "
        "Options: `--rounds`, `--seconds`, `--connections`, `--workers`, `--note`, `--no-readme`. "
        "Run it on a quiet machine: anything else running shows in every figure, the floor's too.",
        "",
        "## Other benchmarks here",
        "",
        *other_benchmarks(),
        "",
    ]
    return "\n".join(parts)
