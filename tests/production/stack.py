"""The production stack, as real processes on this machine: its own PostgreSQL database and
redis-server, the README's migrate and collectstatic, gunicorn, an email worker, a jobs worker
and one beat under `college.settings.production`, sending email to a stand-in provider.

Every process writes to its own log file in a temporary folder; the last smoke test reads them all."""

import concurrent.futures
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
import requests

from .http import Person
from .mailbox import Mailbox
from .readme import production_steps, with_option

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "courses.example.test"
SITE_URL = f"https://{HOST}"
WEB_WORKERS = 3
# The environment a process gets from us, and nothing else: a deployment does not inherit a
# developer's shell.
PASSED_THROUGH = ("PATH", "LANG", "LC_ALL", "TMPDIR", "TZ")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float, what: str, *, interval: float = 0.2, tail=lambda: ""):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up after {timeout:.0f} s waiting for {what}.\n{tail()}")
        time.sleep(interval)


class Database:
    """A database of its own on the TEST_POSTGRES_URL server, dropped at the end."""

    def __init__(self, server_url: str):
        parts = urlsplit(server_url)
        self.name = f"college_smoke_{secrets.token_hex(4)}"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self._maintenance = urlunsplit(parts._replace(path="/postgres"))

    def create(self) -> None:
        with psycopg.connect(self._maintenance, autocommit=True, connect_timeout=10) as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        with psycopg.connect(self._maintenance, autocommit=True, connect_timeout=10) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def query(self, sql: str, *params) -> list[tuple]:
        with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as connection:
            return connection.execute(sql, params).fetchall()


class RedisServer:
    """redis-server on a port of its own, which the smoke test stops and starts again. Never the
    one on 6379: other tests use that."""

    def __init__(self, folder: Path, logs: Path):
        self.port, self.folder, self.logs, self.process, self.starts = free_port(), folder, logs, None, 0

    @staticmethod
    def installed() -> bool:
        return bool(shutil.which("redis-server") and shutil.which("redis-cli"))

    def url(self, db: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, db=db, socket_timeout=2, socket_connect_timeout=2)

    def start(self) -> None:
        self.starts += 1
        with (self.logs / f"redis-{self.starts}.log").open("wb") as log:
            # noeviction, as the README asks of the broker: a full Redis refuses, never forgets a task.
            self.process = subprocess.Popen(
                [
                    shutil.which("redis-server"),
                    "--port",
                    str(self.port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--maxmemory-policy",
                    "noeviction",
                    "--dir",
                    str(self.folder),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        wait_until(self.answers, 15, f"redis-server on port {self.port}")

    def answers(self) -> bool:
        with contextlib.suppress(redis.RedisError), self.client() as client:
            return bool(client.ping())
        return False

    def shutdown(self) -> None:
        """As an operator would stop it: `redis-cli shutdown nosave`."""
        subprocess.run(
            [shutil.which("redis-cli"), "-p", str(self.port), "shutdown", "nosave"], capture_output=True, timeout=15
        )
        if self.process:
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Process:
    """A long-running process in its own process group, its output in its own log file."""

    def __init__(self, name: str, command: list[str], env: dict, logs: Path):
        self.name, self.command, self.env = name, command, env
        self.log = logs / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
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

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def tail(self, lines: int = 40) -> str:
        return f"--- last lines of {self.log.name} ---\n" + "\n".join(self.output().splitlines()[-lines:])

    def stop(self, patience: float = 20) -> None:
        """SIGTERM (a warm shutdown), then SIGKILL for the whole group if it will not go."""
        if self.popen is None:
            return
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=patience)
            except subprocess.TimeoutExpired:
                pass
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)  # a pool child left behind, if any
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=5)


class ProductionStack:
    def __init__(self, folder: Path, postgres_url: str):
        self.folder = folder
        self.logs = folder / "logs"
        for name in ("logs", "static", "media", "var", "redis", "home"):
            (folder / name).mkdir(parents=True, exist_ok=True)
        self.database = Database(postgres_url)
        self.redis = RedisServer(folder / "redis", self.logs)
        self.mailbox = Mailbox()
        self.web_port = free_port()
        self.processes: dict[str, Process] = {}
        self.steps = production_steps()
        self.problems: list[str] = []  # README steps that failed but let the rest start
        self.timings: dict[str, float] = {}
        self.figures: dict[str, object] = {}
        self.secrets: list[str] = []  # values no log line may contain
        # What the tests leave for later ones: the made-up students (whose details no log line may
        # contain), the browser signed in to My courses, and where the Redis outage's log lines are.
        self.students: list = []
        self.signed_in = None
        self.outage: dict = {}
        self.started_at = time.monotonic()
        self._commands = 0

    # Setting up and tearing down.

    @property
    def env(self) -> dict[str, str]:
        env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        return {
            **env,
            # gunicorn keeps a control socket under HOME: one of our own, beside other servers.
            "HOME": str(self.folder / "home"),
            "DJANGO_SETTINGS_MODULE": "college.settings.production",
            "SECRET_KEY": self._secret_key,
            "DATABASE_URL": self.database.url,
            "REDIS_URL": self.redis.url(0),
            "REDIS_CACHE_URL": self.redis.url(1),
            "ALLOWED_HOSTS": HOST,
            "CSRF_TRUSTED_ORIGINS": SITE_URL,
            "SITE_URL": SITE_URL,
            "DEFAULT_FROM_EMAIL": f"Recovery College <courses@{HOST}>",
            "EMAIL_PROVIDER": "postmark",
            "POSTMARK_SERVER_TOKEN": self._provider_token,
            "ESP_API_URL": f"{self.mailbox.url}/",
            "WEBHOOK_SECRET": self._webhook_secret,
            "RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP",
            "RATE_LIMIT_SIGN_IN_IP": "5/h",
            "LOG_FORMAT": "json",
            "STATIC_ROOT": str(self.folder / "static"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "COLLEGE_VAR_DIR": str(self.folder / "var"),
            "PYTHONUNBUFFERED": "1",
        }

    def start(self) -> "ProductionStack":
        self._secret_key = secrets.token_urlsafe(50)
        self._provider_token = secrets.token_hex(16)
        self._webhook_secret = f"provider:{secrets.token_urlsafe(24)}"
        self.secrets += [self._secret_key, self._provider_token, self._webhook_secret.split(":", 1)[1]]
        with self.phase("start redis, database and stand-in provider"):
            self.redis.start()
            self.mailbox.start()
            self.database.create()
        with self.phase("README: migrate"):
            self.run_or_fail(self.python(self.steps.migrate), "migrate")
        with self.phase("load_demo_college"):
            # The demo command refuses to run with DEBUG off unless told this copy is a throwaway.
            self.run_or_fail([sys.executable, "manage.py", "load_demo_college", "--force"], "load_demo_college")
        with self.phase("README: collectstatic"):
            result = self.run(self.python(self.steps.collectstatic), "collectstatic")
            if result.returncode:
                self.problems.append(f"`{' '.join(self.steps.collectstatic)}` failed:\n{result.tail}")
        with self.phase("README: start gunicorn, workers and beat"):
            self.start_processes()
        return self

    def start_processes(self) -> None:
        web = with_option(
            with_option(self.executable(self.steps.web), ("--bind", "-b"), f"127.0.0.1:{self.web_port}"),
            ("--workers", "-w"),
            str(WEB_WORKERS),
        )
        email = with_option(self.executable(self.steps.email_worker), ("--concurrency", "-c"), "2")
        jobs = with_option(self.executable(self.steps.jobs_worker), ("--concurrency", "-c"), "1")
        beat = with_option(
            self.executable(self.steps.beat), ("--schedule", "-s"), str(self.folder / "var" / "celerybeat-schedule")
        )
        for name, command in {"web": web, "email-worker": email, "jobs-worker": jobs, "beat": beat}.items():
            self.processes[name] = process = Process(name, command, self.env, self.logs)
            process.start()
        wait_until(self._web_answers, 120, "gunicorn to answer", tail=self.processes["web"].tail)
        for name in ("email-worker", "jobs-worker"):
            worker = self.processes[name]
            # Bound as a default: the check must read this worker, not whichever the loop reached last.
            wait_until(
                lambda worker=worker: " ready." in worker.output() or not worker.running,
                90,
                f"the {name} to be ready",
                tail=worker.tail,
            )
            if not worker.running:
                self.problems.append(f"The {name} stopped at once:\n{worker.tail()}")
        if not self.processes["beat"].running:
            self.problems.append(f"Beat stopped at once:\n{self.processes['beat'].tail()}")

    def _web_answers(self) -> bool:
        try:
            requests.get(
                f"{self.base}/robots.txt",
                headers={"Host": HOST, "X-Forwarded-Proto": "https"},
                timeout=60,
                allow_redirects=False,
            )
            return True
        except (requests.ConnectionError, requests.Timeout):
            if not self.processes["web"].running:
                raise AssertionError(f"gunicorn stopped:\n{self.processes['web'].tail()}") from None
            return False

    def stop(self) -> None:
        # All at once: each is given the same patience, and none waits for another to go first.
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(self.processes) or 1) as pool:
            list(pool.map(Process.stop, self.processes.values()))
        with contextlib.suppress(Exception):
            self.mailbox.stop()
        self.redis.shutdown()
        self.database.drop()

    # Running things.

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def person(self, ip: str = "192.0.2.10") -> Person:
        return Person(base=self.base, host=HOST, ip=ip)

    def python(self, words: list[str]) -> list[str]:
        return [sys.executable, *words[1:]] if words[0] in {"python", "python3"} else words

    def executable(self, words: list[str]) -> list[str]:
        return [str(BIN / words[0]), *words[1:]]

    def run(self, command: list[str], name: str, timeout: float = 300) -> subprocess.CompletedProcess:
        self._commands += 1
        log = self.logs / f"command-{self._commands:02d}-{name}.log"
        result = subprocess.run(
            command, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout
        )
        log.write_text(result.stdout + result.stderr)
        result.tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        return result

    def run_or_fail(self, command: list[str], name: str) -> subprocess.CompletedProcess:
        result = self.run(command, name)
        if result.returncode:
            raise AssertionError(f"`{' '.join(command[1:])}` failed (exit {result.returncode}):\n{result.tail}")
        return result

    def manage(self, *args: str, name: str | None = None) -> subprocess.CompletedProcess:
        return self.run([sys.executable, "manage.py", *args], name or args[0])

    def shell_json(self, code: str, name: str):
        """Run `code` in `manage.py shell` on the production settings; it prints one JSON line last."""
        result = self.manage("shell", "--no-imports", "-c", code, name=name)
        assert result.returncode == 0, f"manage.py shell failed:\n{result.tail}"
        return json.loads(result.stdout.strip().splitlines()[-1])

    @contextlib.contextmanager
    def phase(self, name: str):
        started = time.monotonic()
        try:
            yield
        finally:
            self.timings[name] = time.monotonic() - started

    def log_files(self) -> list[Path]:
        return sorted(self.logs.glob("*.log"))
