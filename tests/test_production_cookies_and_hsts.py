"""In production, as the README's variables set it up: cookies named __Host- (for this host alone)
with what browsers demand of them, HSTS with subdomains and preloading (which a college may turn
off), and no warnings about either from `check --deploy`."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import TestCase, override_settings

from .header_fixtures import anas_place, sleep_well_run  # noqa: F401 (fixtures by other names)
from .sign_in_helpers import emailed_link

ROOT = Path(__file__).resolve().parent.parent


# ---- Production: HSTS and cookie names --------------------------------------------------------

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "college.settings.production",
    "SECRET_KEY": "a-production-like-secret-key-for-reading-settings-only-0123456789",
    "DATABASE_URL": "postgres://college:college@127.0.0.1:5432/college",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "courses.example.org",
    "SITE_URL": "https://courses.example.org",
    "EMAIL_PROVIDER": "smtp",
}
READ = (
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "CSRF_COOKIE_PATH",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
)


def production_environment(**env) -> dict[str, str]:
    ours = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    return {**ours, **PRODUCTION_ENV, **env}


def production_settings(**env) -> dict:
    """The production settings as a deployment with the README's variables gets them (read in a
    separate process: production.py refuses to load without them)."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {READ!r}}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return production_settings()


def test_production_names_its_cookies_for_this_host_alone(production):
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    # What browsers demand of a __Host- cookie, or they drop it (and nobody can sign in):
    for kind in ("SESSION", "CSRF"):
        assert production[f"{kind}_COOKIE_SECURE"] is True
        assert production[f"{kind}_COOKIE_DOMAIN"] is None
        assert production[f"{kind}_COOKIE_PATH"] == "/"


def test_production_asks_browsers_for_https_on_subdomains_too_and_for_preloading(production):
    assert production["SECURE_HSTS_SECONDS"] >= 31536000  # a year: the preload list's minimum
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True
    assert production["SECURE_SSL_REDIRECT"] is True


def test_a_college_can_turn_off_hsts_subdomains_and_preload():
    chosen = production_settings(SECURE_HSTS_INCLUDE_SUBDOMAINS="false", SECURE_HSTS_PRELOAD="false")
    assert chosen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False and chosen["SECURE_HSTS_PRELOAD"] is False


@pytest.mark.django_db
def test_with_production_cookie_settings_a_student_gets_cookies_a_browser_accepts(client, production, enrolled):
    cookies = {name: production[name] for name in READ if "COOKIE" in name}
    hsts = {name: production[name] for name in READ if "HSTS" in name}
    with override_settings(**cookies, **hsts):
        asked = client.get("/my-courses/sign-in/", secure=True)
        assert asked["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        csrf = asked.cookies["__Host-csrftoken"]
        with TestCase.captureOnCommitCallbacks(execute=True):  # the email goes when the request commits
            client.post("/my-courses/sign-in/", {"email": enrolled.student.email}, secure=True)
        signed = client.post(emailed_link(mail.outbox[-1]), secure=True)
        session = signed.cookies["__Host-sessionid"]
        for cookie in (csrf, session):
            assert cookie["secure"] is True and cookie["path"] == "/" and not cookie["domain"]
        assert "sessionid" not in signed.cookies and "csrftoken" not in asked.cookies
        assert "Your courses" in client.get("/my-courses/", secure=True).content.decode()


def test_check_deploy_has_no_hsts_or_cookie_warnings():
    # The full `check --deploy --fail-level WARNING` is run by the production smoke test; these
    # are the warnings this part of the settings answers for.
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "System check identified" in out.stdout + out.stderr, out.stdout + out.stderr
    mine = re.findall(r"security\.W0(?:04|05|08|12|16|21)\b", out.stdout + out.stderr)
    assert mine == [], out.stdout + out.stderr
