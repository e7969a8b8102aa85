#!/usr/bin/env python3
"""The two commands a newcomer needs, using nothing but Python 3.11+.

    python3 dev.py demo    install everything, build the demo college, serve it on 127.0.0.1:8000
                           with a Celery worker and beat beside it (emails kept in var/sent-emails)
    python3 dev.py test    install everything and run the whole test suite (extra args go to pytest;
                           with TEST_POSTGRES_URL set it runs again on PostgreSQL, as CI does, and
                           with TEST_REDIS_URL too that run includes the real-worker tests;
                           the browser tests need Chromium: apt-get install chromium)

Both create `.venv/` on first use and install the pinned versions in `constraints.txt`,
so every machine runs the same code. Nothing here needs Redis or PostgreSQL: without REDIS_URL
the demo's worker takes its tasks from files under var/ (see college/celery.py).
"""

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
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
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed (found %s)." % sys.version.split()[0])
    if not PYTHON.exists():
        print("Creating a virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".installed"
    fingerprint = _install_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    print("Installing dependencies (pinned in constraints.txt) ...", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", "constraints.txt", "-e", ".[test]"],
        cwd=ROOT, check=True,
    )
    stamp.write_text(fingerprint)


def manage(*args: str, env: dict | None = None) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, check=True, env=env)


def demo() -> None:
    ensure_installed()
    address = os.environ.get("DEMO_ADDRESS", "127.0.0.1:8000")
    # Emails go to files the demo can show (/dev/emails/) unless you chose a provider, and their
    # links point at this server.
    env = {**os.environ, "EMAIL_PROVIDER": os.environ.get("EMAIL_PROVIDER") or "files",
           "SITE_URL": os.environ.get("SITE_URL") or f"http://{address}"}
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("load_demo_college", env=env)
    with contextlib.ExitStack() as processes:
        for command in celery_commands():
            processes.enter_context(background(command, env=env))
        print(f"\nThe demo college is at http://{address}/  (Ctrl+C to stop)\n", flush=True)
        try:
            manage("runserver", address, env=env)
        except KeyboardInterrupt:
            pass


def celery_commands() -> list[list[str]]:
    """A worker for both queues, with beat (the every-minute sweep) inside it. The solo pool runs
    one task at a time in the worker process itself: plenty for a demo, and no fork needed.
    Gossip, mingle and heartbeats are chatter between workers, which the demo has none of, and
    would be files written every few seconds on the filesystem broker."""
    celery = [str(PYTHON), "-m", "celery", "-A", "college"]
    worker = [*celery, "worker", "-Q", "email,celery", "--pool=solo", "--loglevel=INFO",
              "--without-gossip", "--without-mingle", "--without-heartbeat"]
    if os.name == "nt":  # Celery cannot embed beat in a worker on Windows: run it beside it.
        return [worker, [*celery, "beat", "--loglevel=INFO"]]
    return [[*worker, "--beat"]]


@contextlib.contextmanager
def background(command: list[str], *, env: dict):
    """Run `command` for the duration of the block, then stop it and wait. It runs in its own
    process group, so Ctrl+C reaches only this script and the web server; the worker is then
    asked for a warm shutdown (SIGTERM: finish the email in hand, then stop). On Windows it is
    simply ended; the sweep sends again anything it left half done."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                               **({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
                                  if os.name == "nt" else {"start_new_session": True}))
    try:
        yield process
    finally:
        _stop(process)


def _stop(process: subprocess.Popen, *, patience: float = 20) -> None:
    if process.poll() is not None:
        return
    if os.name == "nt":
        process.terminate()
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


def test(pytest_args: list[str]) -> int:
    """The whole suite on SQLite; then again on PostgreSQL when TEST_POSTGRES_URL names a server
    (CI starts one), where the tests marked `postgres` run instead of being skipped."""
    ensure_installed()
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
        print("(Set TEST_REDIS_URL=redis://127.0.0.1:6379/15 as well to run the tests with a real worker.)")
    if not (os.environ.get("TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")):
        print("(Install Chromium, for example `apt-get install chromium`, to run the browser tests as CI does.)")
    return result


def main() -> None:
    command, *rest = sys.argv[1:] or ["help"]
    if command == "demo":
        demo()
    elif command == "test":
        sys.exit(test(rest))
    else:
        print(__doc__)
        sys.exit(0 if command in {"help", "-h", "--help"} else 2)


if __name__ == "__main__":
    main()
