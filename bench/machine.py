"""What the figures were measured on, for bench/README.md: a ratio travels between machines
better than a req/s figure, but neither means much without the machine beside it."""

import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[1]


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return "unknown"


def _command(*words: str) -> str:
    try:
        done = subprocess.run(words, capture_output=True, text=True, timeout=10, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (done.stdout or done.stderr).strip()


def commit() -> str:
    head = _command("git", "rev-parse", "--short", "HEAD")
    changed = _command("git", "status", "--porcelain", "--untracked-files=no")
    return f"{head} (with uncommitted changes)" if changed and changed != "unknown" else head


def describe(stack, *, workers: int, connections: int, threads: int) -> dict[str, str]:
    memory_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    with redis.Redis.from_url(stack.redis_base, socket_timeout=5) as client:
        redis_version = client.info("server").get("redis_version", "unknown")
    [(postgres,)] = stack.query("SHOW server_version")
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git commit": commit(),
        "CPU": _first("/proc/cpuinfo", "model name"),
        "cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
        "RAM": f"{int(memory_kb) / 1024 / 1024:.1f} GiB" if memory_kb.isdigit() else "unknown",
        "OS": f"{_first('/etc/os-release', 'PRETTY_NAME=')}, Linux {platform.release()}",
        "load average at the start": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "Python": platform.python_version(),
        "Django / Wagtail": f"{importlib.metadata.version('django')} / {importlib.metadata.version('wagtail')}",
        "PostgreSQL": postgres.split()[0],
        "Redis": redis_version,
        "gunicorn": f"{importlib.metadata.version('gunicorn')}, sync workers x {workers} (site and floor alike)",
        "wrk": f"{_command('wrk', '-v').splitlines()[0].split(' [')[0]}, {connections} connections, {threads} threads",
    }
