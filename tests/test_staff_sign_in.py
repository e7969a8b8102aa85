"""Staff sign-in, as staff meet it: a code from their phone after the password (or a recovery code),
an admin resetting it for someone who lost their phone, a pause after too many wrong passwords,
and sessions that end when left idle. Students are never caught by any of it."""

import datetime as dt
import logging
import os
import re
import subprocess
import sys
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staffauth.middleware import LAST_SEEN_SESSION_KEY
from staffauth.recovery import make_recovery_codes

from .factories import make_student
from .sign_in_helpers import ask_for_link, emailed_link

PASSWORD = "a-long-staff-password"
# Admin pages, Wagtail's and our own staff screens: none may open before the code.
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/reports/site-history/",
    "/admin/notices/people-to-call/",
    "/admin/notices/emails-not-sent/",
    "/admin/students/",
]


@pytest.fixture
def two_factor(settings):
    settings.STAFF_TWO_FACTOR = True


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("alex", "alex@example.org", PASSWORD)


@pytest.fixture
def editor(db):
    """Staff who can open the admin (Wagtail's Editors group) but are not admins."""
    user = get_user_model().objects.create_user("eddie", "eddie@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(client, username, password=PASSWORD, address="127.0.0.1", **headers):
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def add_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def code_now(device: TOTPDevice) -> str:
    """What the authenticator app shows at this moment."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def verified(client, user):
    """A client signed in with password and code (what two real steps leave in the session)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or add_app(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_staff_without_an_app_must_set_one_up_before_any_admin_page(client, two_factor, editor):
    assert sign_in(client, "eddie").status_code == 302
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/admin/two-factor/set-up/?next="), url
    # A code page cannot be skipped to by asking for it: without an app it sends them to set one up.
    assert client.get("/admin/two-factor/verify/").url.startswith("/admin/two-factor/set-up/")

    set_up = client.get("/admin/two-factor/set-up/?next=/admin/pages/")
    assert set_up.status_code == 200
    assert "Set up two-factor sign-in" in page_text(set_up) and "<svg" in page_text(set_up)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.get("/admin/two-factor/set-up/").context["key"].replace(" ", "") in device.config_url

    wrong_password = client.post("/admin/two-factor/set-up/", {"code": code_now(device), "password": "nope"})
    assert "That is not your password. Try again." in page_text(wrong_password)
    done = client.post("/admin/two-factor/set-up/?next=/admin/pages/", {"code": code_now(device), "password": PASSWORD})
    assert done.status_code == 302 and done.url.startswith("/admin/two-factor/recovery-codes/")

    codes_page = page_text(client.get(done.url))
    codes = re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", codes_page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert 'href="/admin/pages/"' in codes_page  # carries on where they were going
    again = page_text(client.get(done.url))
    assert not re.findall(r"<li>[a-z2-7]{4}-[a-z2-7]{4}</li>", again)
    assert "only shown once" in again and "You have 10 recovery codes left." in again
    for url in ["/admin/", "/admin/pages/"]:  # what an editor may see
        assert client.get(url).status_code == 200, url


def test_with_an_app_the_admin_needs_a_valid_code(client, two_factor, admin_user):
    device = add_app(admin_user)
    sign_in(client, "alex")
    for url in ADMIN_PAGES:
        assert client.get(url).url.startswith("/admin/two-factor/verify/?next="), url
    # Nor can someone add their own app to the account from a signed-in computer.
    assert client.get("/admin/two-factor/set-up/").url.startswith("/admin/two-factor/verify/")

    page = client.get("/admin/two-factor/verify/?next=/admin/pages/")
    assert "Enter your code" in page_text(page)
    wrong = client.post("/admin/two-factor/verify/", {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert "That code did not work. Check it and try again." in page_text(wrong)
    assert client.get("/admin/").status_code == 302

    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes the next try wait a second after a wrong code
    right = client.post("/admin/two-factor/verify/", {"code": code_now(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right.url == "/admin/pages/"
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url


def test_the_code_page_never_sends_people_to_another_site(client, two_factor, admin_user):
    device = add_app(admin_user)
    sign_in(client, "alex")
    response = client.post("/admin/two-factor/verify/", {"code": code_now(device), "next": "https://evil.example/"})
    assert response.url == "/admin/"


def test_a_recovery_code_works_once(client, two_factor, admin_user):
    add_app(admin_user)
    code = make_recovery_codes(admin_user)[0]
    sign_in(client, "alex")
    used = client.post(
        "/admin/two-factor/verify/", {"code": f"{code[:4]}-{code[4:].upper()}", "next": "/admin/"}, follow=True
    )
    assert used.status_code == 200
    assert "You used a recovery code. You have 9 left." in page_text(used)
    assert client.get("/admin/pages/").status_code == 200

    client.logout()
    sign_in(client, "alex")
    again = client.post("/admin/two-factor/verify/", {"code": code, "next": "/admin/"})
    assert "That code did not work." in page_text(again)
    assert client.get("/admin/").status_code == 302
    assert StaticToken.objects.filter(device__user=admin_user).count() == 9


def test_new_recovery_codes_replace_the_old_ones(client, two_factor, admin_user):
    verified(client, admin_user)
    old = make_recovery_codes(admin_user)
    response = client.post("/admin/two-factor/recovery-codes/")
    new = re.findall(r"<li>([a-z2-7]{4})-([a-z2-7]{4})</li>", page_text(client.get(response.url)))
    assert len(new) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == {a + b for a, b in new}
    assert not set(old) & {a + b for a, b in new}


def test_an_admin_resets_someones_two_factor_and_they_set_it_up_again(client, two_factor, admin_user, editor, caplog):
    add_app(editor)
    make_recovery_codes(editor)
    verified(client, admin_user)
    reset_url = f"/admin/two-factor/reset/{editor.pk}/"
    assert reset_url in client.get("/admin/users/").content.decode()
    assert reset_url in client.get(f"/admin/users/edit/{editor.pk}/").content.decode()

    confirm = client.get(reset_url)
    assert confirm.status_code == 200
    assert "Their authenticator app and recovery codes will stop working." in page_text(confirm)
    assert TOTPDevice.objects.filter(user=editor).exists()  # a GET changes nothing

    with caplog.at_level(logging.INFO, logger="staffauth"):
        done = client.post(reset_url, follow=True)
    assert "They will set it up again the next time they sign in." in page_text(done)
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    [line] = [r.getMessage() for r in caplog.records if r.name == "staffauth.views"]
    assert line == f"Two-factor sign-in reset: user {admin_user.pk} reset user {editor.pk} (2 devices removed)"
    assert "eddie" not in line and "alex" not in line

    client.logout()
    sign_in(client, "eddie")
    assert client.get("/admin/").url.startswith("/admin/two-factor/set-up/")


def test_staff_who_are_not_admins_cannot_reset_anyone(client, two_factor, admin_user, editor):
    add_app(admin_user)
    colleague = get_user_model().objects.create_user("cat", "cat@example.org", PASSWORD)
    colleague.groups.add(Group.objects.get(name="Editors"))
    add_app(colleague)
    verified(client, editor)
    for person in (colleague, admin_user):
        assert client.get(f"/admin/two-factor/reset/{person.pk}/").status_code == 403
        assert client.post(f"/admin/two-factor/reset/{person.pk}/").status_code == 403
    assert TOTPDevice.objects.filter(user__in=[colleague, admin_user]).count() == 2


def test_the_reset_permission_lets_a_non_superuser_reset_staff_but_not_superusers(client, admin_user, editor):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="reset_two_factor"))
    colleague = get_user_model().objects.create_user("cat", "cat@example.org", PASSWORD)
    add_app(colleague)
    add_app(admin_user)
    client.force_login(editor)
    assert client.post(f"/admin/two-factor/reset/{colleague.pk}/").status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert client.post(f"/admin/two-factor/reset/{admin_user.pk}/").status_code == 403


def test_five_wrong_passwords_pause_that_username_from_that_address(client, admin_user):
    for _ in range(4):
        assert sign_in(client, "alex", "wrong").status_code == 200  # the form again, with its error
    fifth = sign_in(client, "alex", "wrong")
    assert fifth.status_code == 429
    text = page_text(fifth)
    assert "Signing in is paused for 15 minutes" in text
    paused_at = AccessAttempt.objects.get(username="alex").attempt_time
    assert f"try again after <strong>{timezone.localtime(paused_at + dt.timedelta(minutes=15)):%H:%M}</strong>" in text
    assert "ask the person who looks after staff accounts" in text

    sixth = sign_in(client, "alex")  # the right password, still refused
    assert sixth.status_code == 429
    assert client.get("/admin/").status_code == 302  # not signed in

    # Someone else at another address is not locked out by it...
    assert sign_in(client, "alex", address="192.0.2.7").url == "/admin/"


def test_a_pause_follows_the_proxy_address_when_there_is_one(client, settings, admin_user):
    """Behind a proxy the socket address is the proxy's: the pause must use the same client address
    as the public rate limits, or one person's mistakes would pause everyone."""
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"  # what RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP gives
    for _ in range(5):
        sign_in(client, "alex", "wrong", address="10.0.0.1", HTTP_X_REAL_IP="203.0.113.5")
    assert sign_in(client, "alex", address="10.0.0.1", HTTP_X_REAL_IP="203.0.113.5").status_code == 429
    assert sign_in(client, "alex", address="10.0.0.1", HTTP_X_REAL_IP="198.51.100.9").url == "/admin/"


def test_idle_staff_sessions_end_and_the_next_admin_page_asks_them_to_sign_in(client, admin_user, settings):
    settings.STAFF_IDLE_MINUTES = 30
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200

    def idle_for(minutes):
        session = client.session
        session[LAST_SEEN_SESSION_KEY] = time.time() - minutes * 60
        session.save()

    idle_for(29)
    assert client.get("/admin/pages/").status_code == 200
    idle_for(31)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response.url == "/admin/login/?next=/admin/pages/"
    login_page = page_text(client.get(response.url))
    assert "You were signed out because you had not used the admin for 30 minutes." in login_page
    assert client.get("/admin/").status_code == 302


def test_idle_time_out_leaves_students_alone(client, course_index):
    student = make_student("Ana", email="ana@example.org")
    ask_for_link(client, student.email)
    assert client.post(emailed_link(mail.outbox[-1])).url == "/my-courses/"
    assert client.get("/my-courses/").status_code == 200
    assert LAST_SEEN_SESSION_KEY not in client.session
    assert client.session.get_expiry_age() > 60 * 60  # STUDENT_SESSION_SECONDS, as before


def test_demo_and_test_settings_leave_two_factor_off_and_production_turns_it_on(settings):
    assert settings.STAFF_TWO_FACTOR is False
    env = {key: value for key, value in os.environ.items() if key != "STAFF_TWO_FACTOR"}
    production = {
        **env,
        "SECRET_KEY": "x" * 50,
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DATABASE_URL": "postgres://college:college@127.0.0.1:5432/unused",
        "EMAIL_PROVIDER": "smtp",
    }
    script = "import college.settings.{} as s; print(s.STAFF_TWO_FACTOR)"
    for module, environment, expected in [("dev", env, "False"), ("production", production, "True")]:
        out = subprocess.run(
            [sys.executable, "-c", script.format(module)], env=environment, check=True, capture_output=True, text=True
        ).stdout.strip()
        assert out == expected, module
