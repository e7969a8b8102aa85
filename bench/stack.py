"""The site as production runs it, on 127.0.0.1, for benchmarks: a fresh PostgreSQL database,
Redis databases 12 (broker) and 13 (cache), migrate and collectstatic, gunicorn on
`college.settings.production`, and beside it the floor (bench/floor/: a bare Django view) under the
same gunicorn config and worker count.

    with BenchStack(web_workers=2) as stack:
        requests.get(stack.url + "/course-dates/", headers=stack.headers)
        requests.get(stack.floor_url, headers=stack.headers)
        stack.restart_web(PAGE_CACHE_SECONDS="0")

Requests should carry `stack.headers`: what the college's proxy adds (Host, X-Forwarded-Proto),
so the app sees an https request for its own host name. Send X-Real-IP as well, one address per
simulated person: rate limits count by it (RATELIMIT_IP_META_KEY)."""

import contextlib
import fcntl
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
import requests

from bench.stub_esp import StubESP

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "courses.bench.test"
SITE_URL = f"https://{HOST}"
DATABASE = "college_bench"
DEFAULT_SERVER = "postgres://college:college@127.0.0.1:5432/college"
BROKER_DB, CACHE_DB = 12, 13
# One stack at a time on a machine: two would share (and drop) one database and two Redis databases.
LOCK_FILE = Path(tempfile.gettempdir()) / "college-bench.lock"
LOCK_PATIENCE = 30 * 60
# A production process gets these from its unit file, not a developer's shell.
PASSED_THROUGH = ("PATH", "LANG", "LC_ALL", "TMPDIR", "TZ")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_url() -> str:
    return os.environ.get("DATABASE_URL") or os.environ.get("TEST_POSTGRES_URL") or DEFAULT_SERVER


def redis_base() -> str:
    """REDIS_URL's server without its database number, or the local one."""
    parts = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379")
    return urlunsplit(parts._replace(path=""))


class BenchError(RuntimeError):
    pass


class Process:
    """A long-running process in its own process group, its output in its own log file."""

    def __init__(self, name: str, command: list[str], env: dict, logs: Path):
        self.name, self.command, self.env = name, command, env
        self.log = logs / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> "Process":
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- last lines of {self.log} ---\n" + "\n".join(text.splitlines()[-lines:])

    def stop(self, patience: float = 20) -> None:
        """SIGTERM (gunicorn's graceful stop), then SIGKILL for this process's own group."""
        if self.popen is None:
            return
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=patience)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=5)


class BenchStack:
    def __init__(self, *, web_workers: int = 2, page_cache_seconds: int = 5, extra_env: dict | None = None):
        self.web_workers = web_workers
        self.folder = Path(tempfile.mkdtemp(prefix="college-bench-"))
        self.logs_dir = self.folder / "logs"
        for name in ("logs", "static", "media", "var", "home"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        parts = urlsplit(server_url())
        self.database_url = urlunsplit(parts._replace(path=f"/{DATABASE}"))
        self._maintenance_url = urlunsplit(parts._replace(path="/postgres"))
        self.redis_base = redis_base()
        self.stub = StubESP()
        self.web_port, self.floor_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.web_port}"
        self.floor_url = f"http://127.0.0.1:{self.floor_port}"
        self.headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        self.site_url = SITE_URL
        self.processes: dict[str, Process] = {}
        self._commands = 0
        self._started = False
        self._lock = None
        self.env = self._production_env(page_cache_seconds, extra_env or {})

    # The environment.

    def _production_env(self, page_cache_seconds: int, extra: dict) -> dict[str, str]:
        passed = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        env = {
            **passed,
            # gunicorn keeps a control socket under HOME: one of our own.
            "HOME": str(self.folder / "home"),
            "DJANGO_SETTINGS_MODULE": "college.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"{self.redis_base}/{BROKER_DB}",
            "REDIS_CACHE_URL": f"{self.redis_base}/{CACHE_DB}",
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": SITE_URL,
            "SITE_URL": SITE_URL,
            "DEFAULT_FROM_EMAIL": f"Recovery College <courses@{HOST}>",
            # Nothing in a web request sends email (the worker does), but production needs a
            # provider: the stand-in, so a worker started here would send to it, not the world.
            "EMAIL_PROVIDER": "postmark",
            "POSTMARK_SERVER_TOKEN": secrets.token_hex(16),
            "ESP_API_URL": f"{self.stub.url}/",
            "WEBHOOK_SECRET": f"provider:{secrets.token_urlsafe(24)}",
            # No TLS on 127.0.0.1: the proxy's X-Forwarded-Proto says https, as in production.
            "SECURE_SSL_REDIRECT": "false",
            "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
            "LOG_FORMAT": "json",
            "STATIC_ROOT": str(self.folder / "static"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "COLLEGE_VAR_DIR": str(self.folder / "var"),
            "PYTHONUNBUFFERED": "1",
        }
        return {**env, **{name: str(value) for name, value in extra.items()}}

    # Starting and stopping.

    def __enter__(self) -> "BenchStack":
        try:
            self.start()
        except BaseException:
            self.stop(keep_logs=True)
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.stop(keep_logs=exc_type is not None)

    def _take_lock(self) -> None:
        self._lock = LOCK_FILE.open("a+")
        deadline = time.monotonic() + LOCK_PATIENCE
        told = False
        while True:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BenchError(f"Another BenchStack held {LOCK_FILE} for {LOCK_PATIENCE // 60} minutes") from None
                if not told:
                    print(f"bench: waiting for another BenchStack to finish ({LOCK_FILE})", file=sys.stderr)
                    told = True
                time.sleep(2)

    def start(self) -> None:
        self._take_lock()
        self._started = True
        self.stub.start()
        self._flush_redis()
        self._create_database()
        self.manage("migrate", "--no-input", timeout=600)
        self.manage("collectstatic", "--no-input", timeout=600)
        self._start_floor()
        self._start_web()

    def stop(self, *, keep_logs: bool = False) -> None:
        for process in self.processes.values():
            process.stop()
        self.processes.clear()
        if self._started:
            with contextlib.suppress(Exception):
                self.stub.stop()
            with contextlib.suppress(Exception):
                self._flush_redis()
            with contextlib.suppress(Exception):
                self._drop_database()
        else:
            self.stub._server.server_close()  # bound when made, never started
        if self._lock:
            self._lock.close()  # and with it the lock
            self._lock = None
        if keep_logs:
            print(f"bench: logs kept in {self.logs_dir}", file=sys.stderr)
        else:
            shutil.rmtree(self.folder, ignore_errors=True)

    def restart_web(self, **env_changes) -> None:
        """Stop the site's gunicorn and start it again on the same port, with these changes to its
        environment (kept for later processes too), e.g. restart_web(PAGE_CACHE_SECONDS="0")."""
        self.env.update({name: str(value) for name, value in env_changes.items()})
        self.processes.pop("web").stop()
        self._start_web()

    def _gunicorn(self, app: str, port: int) -> list[str]:
        return [
            str(BIN / "gunicorn"),
            "-c",
            "college/gunicorn.conf.py",
            app,
            "--worker-class",
            "sync",
            "--workers",
            str(self.web_workers),
            "--bind",
            f"127.0.0.1:{port}",
        ]

    def _start_web(self) -> None:
        self.start_process("web", self._gunicorn("college.wsgi", self.web_port))
        self._wait_for_answer("web", f"{self.url}/robots.txt")

    def _start_floor(self) -> None:
        env = {**self.env, "DJANGO_SETTINGS_MODULE": "bench.floor.settings"}
        self.start_process("floor", self._gunicorn("bench.floor.wsgi", self.floor_port), env=env)
        self._wait_for_answer("floor", f"{self.floor_url}/")

    def start_process(self, name: str, command: list[str], *, env: dict | None = None) -> Process:
        """Any long-running process under this stack's environment, stopped with the stack."""
        if name in self.processes:
            raise BenchError(f"A process called {name} is running already")
        process = Process(name, command, env or dict(self.env), self.logs_dir)
        self.processes[name] = process.start()
        return process

    def start_email_worker(self, concurrency: int = 2) -> Process:
        """The README's email worker, sending to the stand-in provider (self.stub)."""
        command = [str(BIN / "celery"), "-A", "college", "worker", "-Q", "email", "--concurrency", str(concurrency)]
        return self.start_process("email-worker", [*command, "--loglevel=info", "-n", "email@bench"])

    def _wait_for_answer(self, name: str, url: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                requests.get(url, headers=self.headers, timeout=30, allow_redirects=False)
                return
            except (requests.ConnectionError, requests.Timeout):
                if not self.processes[name].running:
                    raise BenchError(f"gunicorn ({name}) stopped:\n{self.processes[name].tail()}") from None
                if time.monotonic() > deadline:
                    raise BenchError(f"gunicorn ({name}) did not answer:\n{self.processes[name].tail()}") from None
                time.sleep(0.2)

    # PostgreSQL and Redis.

    def _create_database(self) -> None:
        with psycopg.connect(self._maintenance_url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{DATABASE}"')

    def _drop_database(self) -> None:
        with psycopg.connect(self._maintenance_url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')

    def _flush_redis(self) -> None:
        for number in (BROKER_DB, CACHE_DB):
            with redis.Redis.from_url(f"{self.redis_base}/{number}", socket_timeout=5) as client:
                client.flushdb()

    def query(self, sql: str, *params) -> list[tuple]:
        """Read the bench database directly (counting rows after a run, say)."""
        with psycopg.connect(self.database_url, autocommit=True, connect_timeout=10) as connection:
            return connection.execute(sql, params).fetchall()

    def execute(self, sql: str, *params) -> int:
        """Change the bench database directly; returns the rows changed."""
        with psycopg.connect(self.database_url, autocommit=True, connect_timeout=10) as connection:
            return connection.execute(sql, params).rowcount

    def flush_cache(self) -> None:
        """Empty the cache database (page cache and rate-limit counts)."""
        with redis.Redis.from_url(f"{self.redis_base}/{CACHE_DB}", socket_timeout=5) as client:
            client.flushdb()

    # Commands.

    def run(self, command: list[str], *, name: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run a command under .env; its output goes to a log file; raise BenchError on failure."""
        self._commands += 1
        log = self.logs_dir / f"command-{self._commands:02d}-{name}.log"
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout
        )
        log.write_text(result.stdout + result.stderr)
        if result.returncode:
            tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
            raise BenchError(f"`{' '.join(command[1:])}` failed (exit {result.returncode}):\n{tail}")
        return result

    def manage(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        return self.run([sys.executable, "manage.py", *args], name=args[0], timeout=timeout)

    def python(self, script: str | Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run a Python script (e.g. bench/make_dataset.py) under .env, from the project's root."""
        return self.run([sys.executable, str(script), *args], name=Path(script).stem, timeout=timeout)
