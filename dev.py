#!/usr/bin/env python3
"""The two commands a newcomer needs, using nothing but Python 3.11+.

    python3 dev.py demo    install everything, build the demo college, serve it on 127.0.0.1:8000
                           with a Celery worker and beat beside it (emails kept in var/sent-emails)
    python3 dev.py test    install everything, lint, and run the whole test suite (extra args go to
                           pytest; with TEST_POSTGRES_URL set it runs again on PostgreSQL, as CI does,
                           and with TEST_REDIS_URL too that run includes the real-worker tests and
                           the production smoke test (gunicorn, Celery, redis-server);
                           the browser tests need Chromium: apt-get install chromium)
    python3 dev.py lint    only the lint: ruff's checks and its formatter's check (pyproject.toml)

Both create `.venv/` on first use and install the pinned versions in `constraints.txt`,
so every machine runs the same code. Nothing here needs Redis or PostgreSQL: without REDIS_URL
the demo's worker takes its tasks from files under var/ (see college/celery.py).
"""

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def _install_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_installed() -> None:
    """Create the virtual environment and install the pinned dependencies, once per change."""
    # The system's python3 runs this file, not the venv's, so it can be older than the project needs.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit(f"Python 3.11 or newer is needed (found {sys.version.split()[0]}).")
    if not PYTHON.exists():
        print("Creating a virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    fingerprint = _install_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    print("Installing dependencies (pinned in constraints.txt) ...", flush=True)
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-c",
            "constraints.txt",
            "-e",
            ".[test]",
        ],
        cwd=ROOT,
        check=True,
    )
    stamp.write_text(fingerprint)


def manage(*args: str, env: dict | None = None) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, check=True, env=env)


def demo() -> None:
    ensure_installed()
    address = os.environ.get("DEMO_ADDRESS", "127.0.0.1:8000")
    host, port = _host_and_port(address)
    url = f"http://{_browsable(host)}:{port}"
    # Emails go to files the demo can show (/dev/emails/) unless you chose a provider, and their
    # links point at this server.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE") or "college.settings.dev",
        "EMAIL_PROVIDER": os.environ.get("EMAIL_PROVIDER") or "files",
        "SITE_URL": os.environ.get("SITE_URL") or url,
    }
    taken = (
        f"Something else is using {address}. Stop it, or choose another address: "
        "DEMO_ADDRESS=127.0.0.1:8001 python3 dev.py demo"
    )
    if _answers(_connectable(host), port):  # or the banner below could name someone else's server
        sys.exit(taken)
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("load_demo_college", env=env)
    with contextlib.ExitStack() as processes:
        for command in celery_commands():
            processes.enter_context(background(command, env=env))
        # In a process group of its own, like the worker, so stopping it stops the child that
        # runserver's reloader starts (the one really serving) as well.
        server = processes.enter_context(
            background([str(PYTHON), "manage.py", "runserver", address], env=env, whole_group=True)
        )
        # Only once it answers: printed earlier, the address could still be taken by something else.
        if not _wait_until_serving(server, _connectable(host), port):
            sys.exit(f"The web server stopped before it was ready. {taken}")
        print(f"\nThe demo college is at {url}/  (Ctrl+C to stop)\nSign in to the admin at {url}/admin/\n", flush=True)
        try:
            server.wait()
        except KeyboardInterrupt:  # Ctrl+C, or SIGTERM (see main): the ExitStack stops both
            pass


def _host_and_port(address: str) -> tuple[str, int]:
    """Split an address as runserver takes it: "8001", "127.0.0.1:8001", "0:8001", "[::1]:8001"."""
    host, _, port = address.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


def _browsable(host: str) -> str:
    """The host to put in a link: every-address hosts are reached on this computer's loopback."""
    host = {"0": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"[{host}]" if ":" in host else host


def _connectable(host: str) -> str:
    return _browsable(host).strip("[]")


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _wait_until_serving(server: subprocess.Popen, host: str, port: int) -> bool:
    """True once the server accepts connections; False if it exits first (port taken, error)."""
    while server.poll() is None:
        if _answers(host, port):
            return True
        time.sleep(0.2)
    return False


def celery_commands() -> list[list[str]]:
    """A worker for both queues, with beat (the every-minute sweep) inside it. The solo pool runs
    one task at a time in the worker process itself: plenty for a demo, and no fork needed.
    Gossip, mingle and heartbeats are chatter between workers, which the demo has none of, and
    would be files written every few seconds on the filesystem broker."""
    celery = [str(PYTHON), "-m", "celery", "-A", "college"]
    worker = [
        *celery,
        "worker",
        "-Q",
        "email,celery",
        "--pool=solo",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if os.name == "nt":  # Celery cannot embed beat in a worker on Windows: run it beside it.
        return [worker, [*celery, "beat", "--loglevel=INFO"]]
    return [[*worker, "--beat"]]


@contextlib.contextmanager
def background(command: list[str], *, env: dict, whole_group: bool = False):
    """Run `command` for the duration of the block, then stop it and wait. It runs in its own
    process group, so Ctrl+C reaches only this script, which then stops each one in turn: the
    worker is asked for a warm shutdown (SIGTERM: finish the email in hand, then stop); with
    `whole_group` every process in the group is sent SIGTERM (runserver and its reloader's child).
    On Windows it is simply ended; the sweep sends again anything it left half done."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        **({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt" else {"start_new_session": True}),
    )
    try:
        yield process
    finally:
        _stop(process, whole_group=whole_group)


def _stop(process: subprocess.Popen, *, whole_group: bool = False, patience: float = 20) -> None:
    if process.poll() is not None:
        return
    if os.name == "nt":
        process.terminate()
    elif whole_group:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    else:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=patience)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):  # stuck, or a second Ctrl+C: stop now
        if os.name != "nt":
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # the embedded beat process too
        process.kill()
        process.wait()


LINT_FAILED = "Lint failed: run `.venv/bin/ruff check --fix .` and `.venv/bin/ruff format .`"


def lint() -> int:
    """ruff's checks, then its formatter's check (rules in pyproject.toml). Both run, so one go
    shows every problem; 1 if either found any."""
    ruff = [str(PYTHON), "-m", "ruff"]  # not .venv/bin/ruff: on Windows the script is ruff.exe
    checks = subprocess.run([*ruff, "check", "."], cwd=ROOT).returncode
    formatting = subprocess.run([*ruff, "format", "--check", "."], cwd=ROOT).returncode
    if checks or formatting:
        print(LINT_FAILED, file=sys.stderr, flush=True)
        return 1
    return 0


def test(pytest_args: list[str]) -> int:
    """Lint; then the whole suite on SQLite; then again on PostgreSQL when TEST_POSTGRES_URL names a
    server (CI starts one), where the tests marked `postgres` run instead of being skipped."""
    ensure_installed()
    # CI sets TEST_REQUIRE_SERVICES: without a PostgreSQL to test on, its tests (and the production
    # smoke test) would be skipped, so the run fails instead.
    if os.environ.get("TEST_REQUIRE_SERVICES") and not os.environ.get("TEST_POSTGRES_URL"):
        print(
            "TEST_REQUIRE_SERVICES is set (CI), but TEST_POSTGRES_URL is not: nothing would run on PostgreSQL.",
            file=sys.stderr,
            flush=True,
        )
        return 1
    # First, because it takes seconds and the suite takes minutes: CI fails on lint either way.
    print("== Lint (ruff) ==", flush=True)
    if lint():
        return 1
    pytest = [str(PYTHON), "-m", "pytest", *pytest_args]
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    print("== Test suite on SQLite ==", flush=True)
    result = subprocess.run(pytest, cwd=ROOT, env=env).returncode
    postgres_url = os.environ.get("TEST_POSTGRES_URL")
    if postgres_url:
        print("== Test suite on PostgreSQL ==", flush=True)
        result = subprocess.run(pytest, cwd=ROOT, env={**env, "DATABASE_URL": postgres_url}).returncode or result
    else:
        print("(Set TEST_POSTGRES_URL=postgres://... to run the suite on PostgreSQL as well, as CI does.)")
    if not os.environ.get("TEST_REDIS_URL"):
        print(
            "(Set TEST_REDIS_URL=redis://127.0.0.1:6379/15 as well to run the tests with a real worker "
            "and the production smoke test.)"
        )
    if not (os.environ.get("TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")):
        print("(Install Chromium, for example `apt-get install chromium`, to run the browser tests as CI does.)")
    return result


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    # A supervisor, `kill` or a closing terminal stops us with SIGTERM, which would otherwise end
    # this script at once and leave the web server and worker running: treat it as Ctrl+C, so the
    # `finally` blocks stop them.
    signal.signal(signal.SIGTERM, _interrupt)
    command, *rest = sys.argv[1:] or ["help"]
    if command == "demo":
        try:
            demo()
        except KeyboardInterrupt:  # stopped while installing, migrating or loading: nothing to say
            sys.exit(130)
    elif command == "test":
        sys.exit(test(rest))
    elif command == "lint":
        ensure_installed()
        sys.exit(lint())
    else:
        print(__doc__)
        sys.exit(0 if command in {"help", "-h", "--help"} else 2)


if __name__ == "__main__":
    main()
