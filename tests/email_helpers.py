"""What the tests of emails' content share: the course they are about (the fixture `run`, which
wins over the conftest's in the modules that import it), and reading an email's parts: its days
as UK words, the signed links it carries, its preheader, its text and HTML together."""

import datetime as dt
import re

import pytest

from enrolment.links import read_link

from .notice_helpers import html_of, links_in, make_run

TITLE = "Understanding anxiety"


def uk_day(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


def signed(message) -> set[tuple[str, int]]:
    found = set()
    for url in links_in(message):
        match = re.search(r"/link/([^/]+)/$", url)
        if match:
            link = read_link(match[1])
            found.add((link.purpose, link.object_id))
    return found


def preheader(html: str) -> str:
    return re.search(r'<div style="display:none;[^"]*">([^&<]*)', html)[1]


def both(message) -> tuple[str, str]:
    return message.body, html_of(message)


@pytest.fixture(name="run")
def understanding_anxiety_run(course_index, college):
    return make_run(course_index, TITLE, capacity=2)
