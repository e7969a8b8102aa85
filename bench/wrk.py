"""wrk, the load generator (Debian's `wrk` package), run once and read: requests per second,
median and 99th percentile latency, and what went wrong. Every run prints its exact figures
through bench/report.lua (or a script that requires it, such as bench/enrol.lua)."""

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = "BENCH_JSON "


@dataclass
class Load:
    connections: int = 16
    threads: int = 2
    seconds: float = 10


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def installed() -> bool:
    return shutil.which("wrk") is not None


def run(url: str, headers: dict[str, str], load: Load, *, script: str = "report.lua", args=()) -> Result:
    command = [
        "wrk",
        f"--threads={min(load.threads, load.connections)}",
        f"--connections={load.connections}",
        f"--duration={max(int(round(load.seconds)), 1)}s",
        "--timeout=30s",
        "--latency",
        f"--script={HERE / script}",
    ]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    command += [url, *(["--", *args] if args else [])]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=load.seconds + 120)
    lines = [line for line in finished.stdout.splitlines() if line.startswith(MARK)]
    if finished.returncode or not lines:
        raise RuntimeError(f"wrk failed (exit {finished.returncode}):\n{finished.stdout}\n{finished.stderr}")
    figures = json.loads(lines[-1][len(MARK) :])
    return Result(
        requests=figures.pop("requests"),
        seconds=figures.pop("duration_us") / 1e6,
        p50_ms=figures.pop("p50_us") / 1000,
        p99_ms=figures.pop("p99_us") / 1000,
        non_2xx_3xx=figures.pop("non_2xx_3xx"),
        socket_errors=figures.pop("socket_errors"),
        extra=figures,
    )
