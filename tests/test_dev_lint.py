"""`python3 dev.py lint`, which `dev.py test` (and so CI) runs before the suite: it fails on a rule
broken or a file the formatter would change, says how to fix it, and leaves migrations alone.
Run with the real ruff on a small copy of our configuration, so it cannot depend on the state of
the tree other people are editing."""

import subprocess
from pathlib import Path

import pytest

import dev

CLEAN = 'import os\n\n\ndef home() -> str:\n    return os.environ.get("HOME", "")\n'


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / "pyproject.toml").write_text((Path(dev.ROOT) / "pyproject.toml").read_text())
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "clean.py").write_text(CLEAN)
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    return tmp_path


def test_a_clean_project_passes(project, capfd):
    assert dev.lint() == 0
    assert "Lint failed" not in capfd.readouterr().err


def test_an_unused_import_fails_and_says_how_to_fix_it(project, capfd):
    (project / "app" / "clean.py").write_text("import sys\n" + CLEAN)
    assert dev.lint() == 1
    out, err = capfd.readouterr()
    assert "F401" in out
    assert "Lint failed: run `.venv/bin/ruff check --fix .` and `.venv/bin/ruff format .`" in err


def test_code_the_formatter_would_change_fails(project, capfd):
    (project / "app" / "clean.py").write_text(CLEAN.replace('"HOME", ""', "'HOME','' "))
    assert dev.lint() == 1
    out = capfd.readouterr().out
    assert "would be reformatted" in out and "app/clean.py" in out


def test_migrations_are_not_linted_because_django_writes_them(project):
    (project / "app" / "migrations").mkdir()
    (project / "app" / "migrations" / "0001_initial.py").write_text("import sys\nx = {  'a':1 }\n")
    assert dev.lint() == 0


def test_dev_py_test_stops_before_the_suite_when_lint_fails(monkeypatch):
    ran = []
    monkeypatch.setattr(dev, "ensure_installed", lambda: None)
    monkeypatch.setattr(dev, "lint", lambda: 1)
    monkeypatch.setattr(subprocess, "run", lambda command, **kwargs: ran.append(command))
    monkeypatch.delenv("TEST_REQUIRE_SERVICES", raising=False)
    assert dev.test([]) == 1
    assert ran == []  # no pytest run on either database


def test_dev_py_lint_is_a_command(project, monkeypatch):
    monkeypatch.setattr(dev, "ensure_installed", lambda: None)
    monkeypatch.setattr("sys.argv", ["dev.py", "lint"])
    with pytest.raises(SystemExit) as stopped:
        dev.main()
    assert stopped.value.code == 0
