"""The README's production steps, read out of README.md, so the smoke test runs what a college
is told to run and the two cannot drift apart.

The ```sh block under "## Running it in production" is split into the steps the smoke test knows:
migrate, collectstatic, the web server, the email worker, the jobs worker and beat. Only `pip
install` is left out (the virtualenv has the packages). A line it does not know fails the smoke
test, so whoever adds a production step teaches the smoke test to run it too."""

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Running it in production"


class ReadmeDrift(AssertionError):
    pass


@dataclass
class ProductionSteps:
    migrate: list[str] = field(default_factory=list)
    collectstatic: list[str] = field(default_factory=list)
    web: list[str] = field(default_factory=list)
    email_worker: list[str] = field(default_factory=list)
    jobs_worker: list[str] = field(default_factory=list)
    beat: list[str] = field(default_factory=list)


def command_lines(readme: Path = README) -> list[list[str]]:
    text = readme.read_text()
    if SECTION not in text:
        raise ReadmeDrift(f"README.md has no {SECTION!r} section")
    block = re.search(r"```sh\n(.*?)```", text.split(SECTION, 1)[1], re.S)
    if not block:
        raise ReadmeDrift(f"No ```sh block under {SECTION!r} in README.md")
    lines = [shlex.split(line, comments=True) for line in block.group(1).splitlines()]
    return [words for words in lines if words]


def production_steps(readme: Path = README) -> ProductionSteps:
    steps, unknown = ProductionSteps(), []
    for words in command_lines(readme):
        program, rest = words[0], words[1:]
        if program in {"pip", "pip3"} or rest[:2] == ["-m", "pip"]:
            continue  # the virtualenv already holds the pinned packages
        if program in {"python", "python3"} and rest[:2] == ["manage.py", "migrate"]:
            steps.migrate = words
        elif program in {"python", "python3"} and rest[:2] == ["manage.py", "collectstatic"]:
            steps.collectstatic = words
        elif program == "gunicorn":
            steps.web = words
        elif program == "celery" and "worker" in rest:
            queue = option(words, "-Q", "--queues") or ""
            if queue.split(",") == ["email"]:
                steps.email_worker = words
            else:
                steps.jobs_worker = words
        elif program == "celery" and "beat" in rest:
            steps.beat = words
        else:
            unknown.append(shlex.join(words))
    missing = [name for name, words in vars(steps).items() if not words]
    if unknown or missing:
        raise ReadmeDrift(
            "The README's production steps and the smoke test disagree. "
            f"Lines it does not know how to run: {unknown}; steps not found: {missing}. "
            "Teach tests/production/readme.py the new step."
        )
    return steps


def option(words: list[str], *names: str) -> str | None:
    """The value of an option written `--name value`, `--name=value` or `-n value`."""
    for index, word in enumerate(words):
        for name in names:
            if word == name and index + 1 < len(words):
                return words[index + 1]
            if word.startswith(name + "="):
                return word.split("=", 1)[1]
    return None


def with_option(words: list[str], names: tuple[str, ...], value: str) -> list[str]:
    """`words` with the option's value replaced (or the option added, under its first name)."""
    result, skip = [], False
    for index, word in enumerate(words):
        if skip:
            skip = False
            continue
        if word in names and index + 1 < len(words):
            skip = True
            continue
        if any(word.startswith(name + "=") for name in names if name.startswith("--")):
            continue
        result.append(word)
    return [*result, names[0], value]
