"""Logs say what happened, never who it happened to: a student's journey through the HTTP client
with every logger at DEBUG and LOG_FORMAT=json, then a search of what was written for each
detail the student typed and every token that passed through their emails and browser."""

import io
import json
import logging
import logging.config
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from college.logs import logging_config
from enrolment.models import Student

from .factories import make_course, make_run
from .sign_in_helpers import ask_for_link, emailed_link
from .webhook_helpers import bounce, post

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::anymail.exceptions.AnymailWarning")]

STUDENT = {
    "first_name": "Zebedee",
    "last_name": "Quillfeather",
    "email": "zeb.quillfeather@example.org",
    "phone": "07700 900461",
    "postcode": "OX4 1AA",
    "support_needs": "I get panic attacks in crowded rooms",
    "adult": "yes",
    "joining_as": "lived_experience",
    "heard_about": "",
    "contact_by": "email",
    "consent": "on",
    "supporter_name": "",
    "website": "",
}


@pytest.fixture
def json_logs():
    """Every logger at DEBUG, through the production handler (its filter included), into a buffer."""
    levels = {
        name: log.level for name, log in logging.root.manager.loggerDict.items() if isinstance(log, logging.Logger)
    }
    logging.config.dictConfig(logging_config(log_format="json", level="DEBUG"))
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    buffer = io.StringIO()
    logging.root.handlers[0].setStream(buffer)
    try:
        yield buffer
    finally:
        logging.config.dictConfig(settings.LOGGING)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


def links_in_outbox() -> list[str]:
    return [path for message in mail.outbox for path in re.findall(r"/link/[^/\s]+/", message.body)]


def test_a_students_journey_leaves_no_name_address_support_need_or_token_in_the_logs(client, course_index, json_logs):
    run = make_run(make_course(course_index, "Sleep well"), capacity=3)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the confirmation goes out, as a worker would
        assert client.post(f"/enrol/{run.pk}/", STUDENT).status_code == 302
    student = Student.objects.get()
    cancel = next(path for path in links_in_outbox())

    ask_for_link(client, STUDENT["email"])
    sign_in = emailed_link(mail.outbox[-1])
    assert client.get(sign_in).status_code == 200
    assert client.post(sign_in).status_code == 302
    assert client.post(sign_in).status_code == 400  # used once already: Django logs a 400 with the path
    broken = sign_in[:-6] + "xxxxx/"
    assert client.post(broken).status_code == 400
    assert client.get(sign_in + "more/").status_code == 404  # "Not Found: <path>"

    assert client.get(cancel).status_code == 200
    assert "Your place is cancelled" in client.post(cancel).content.decode()

    assert post(client, "postmark", bounce("postmark", STUDENT["email"], when=timezone.now())).status_code == 200
    student.refresh_from_db()
    assert student.email_undeliverable_at is not None

    logged = json_logs.getvalue()
    lines = [json.loads(line) for line in logged.splitlines()]
    assert any(line["logger"] == "django.request" and "[redacted]" in line["message"] for line in lines), (
        "the 4xx lines for token paths were written, redacted"
    )
    secrets = [STUDENT[key] for key in ("first_name", "last_name", "email", "phone", "postcode", "support_needs")]
    secrets += [student.postcode, student.phone, "panic attacks", STUDENT["email"].split("@")[0]]
    secrets += [path.split("/")[2] for path in links_in_outbox() + [broken]]
    secrets += [cookie.value for cookie in client.cookies.values() if len(cookie.value) >= 8]
    found = [secret for secret in secrets if secret and secret.lower() in logged.lower()]
    assert not found, f"in the logs: {found}"


def test_gunicorn_logs_the_same_way_and_its_access_lines_carry_no_query_or_referrer(monkeypatch):
    import runpy

    monkeypatch.setenv("LOG_FORMAT", "json")
    config = runpy.run_path(str(settings.BASE_DIR / "college" / "gunicorn.conf.py"))
    formatter = config["logconfig_dict"]["formatters"]["chosen"]
    assert formatter["()"] == "pythonjsonlogger.json.JsonFormatter"
    for logger in ("gunicorn.error", "gunicorn.access"):
        assert config["logconfig_dict"]["loggers"][logger]["handlers"] == ["console"]
    assert config["logconfig_dict"]["handlers"]["console"]["filters"] == ["redact"]
    for atom in ("%(r)s", "%(q)s", "%(f)s", "%(a)s"):  # request line with query, query, referrer, agent
        assert atom not in config["access_log_format"]


def test_a_cache_that_is_down_is_one_warning_line_not_a_traceback_per_call(json_logs, settings):
    from django.core.cache import caches

    from college.settings.base import cache_for

    settings.CACHES = {"default": cache_for("redis://127.0.0.1:1/1")}  # nothing listens on port 1
    assert caches["default"].get("anything") is None
    lines = [json.loads(line) for line in json_logs.getvalue().splitlines()]
    cache_lines = [line for line in lines if line["logger"] == "college.cache"]
    assert [line["level"] for line in cache_lines] == ["WARNING"]
    assert cache_lines[0]["message"].startswith("Cache unavailable, used as a miss: ")
    assert "Connection refused" in cache_lines[0]["message"]
    assert "exc_info" not in cache_lines[0]
