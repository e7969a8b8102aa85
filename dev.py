#!/usr/bin/env python3
"""The two commands a newcomer needs, using nothing but Python 3.11+.

    python3 dev.py demo    install everything, build the demo college, serve it on 127.0.0.1:8000
    python3 dev.py test    install everything and run the whole test suite (extra args go to pytest;
                           with TEST_POSTGRES_URL set it runs again on PostgreSQL, as CI does)

Both create `.venv/` on first use and install the pinned versions in `constraints.txt`,
so every machine runs the same code. Nothing here needs Redis or PostgreSQL.
"""

import hashlib
import os
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
    manage("migrate", "--no-input", "-v", "0")
    manage("load_demo_college")
    address = os.environ.get("DEMO_ADDRESS", "127.0.0.1:8000")
    print(f"\nThe demo college is at http://{address}/  (Ctrl+C to stop)\n", flush=True)
    try:
        manage("runserver", address)
    except KeyboardInterrupt:
        pass


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
