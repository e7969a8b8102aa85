"""The production smoke test's one fixture: the whole stack, started once for every test in
test_smoke_1_pages_enrolling_and_limits.py and test_smoke_2_redis_outage_and_logs.py (in that
order: pytest takes a folder's files in name order, and the second uses what the first did) and
torn down at the end (see stack.py). It runs in `dev.py test`'s PostgreSQL pass
when TEST_REDIS_URL is set too; it makes its own database on that server and its own
redis-server, never touching pytest-django's test database or the shared Redis."""

import os
import time

import pytest

from .stack import ProductionStack, RedisServer


@pytest.fixture(scope="session")
def stack(tmp_path_factory, request):
    if not RedisServer.installed():
        message = "the production smoke test starts its own redis-server: apt-get install redis-server"
        if os.environ.get("TEST_REQUIRE_SERVICES"):
            pytest.fail(f"TEST_REQUIRE_SERVICES is set but {message}")
        pytest.skip(f"needs redis-server: {message}")
    postgres_url = os.environ.get("TEST_POSTGRES_URL") or os.environ["DATABASE_URL"]
    stack = ProductionStack(tmp_path_factory.mktemp("production"), postgres_url)
    try:
        yield stack.start()
    finally:
        started = time.monotonic()
        stack.stop()
        stack.timings["stop everything"] = time.monotonic() - started
        report(request.config, stack)


def report(config, stack: ProductionStack) -> None:
    """The figures, printed whatever happened, so CI's output shows them."""
    capture = config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():  # as capsys.disabled() does, for a session fixture
        _write_figures(config.pluginmanager.get_plugin("terminalreporter").write_line, stack)


def _write_figures(write, stack: ProductionStack) -> None:
    write("")
    write("== Production smoke test: figures ==")
    for name, value in stack.figures.items():
        write(f"  {name}: {value}")
    for name, seconds in stack.timings.items():
        write(f"  time, {name}: {seconds:.1f} s")
    write(f"  time, total: {time.monotonic() - stack.started_at:.1f} s")
    write(f"  logs were in {stack.logs} (removed with pytest's temporary folders)")
