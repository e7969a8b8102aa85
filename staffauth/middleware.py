"""Staff sign-in middleware: idle staff sessions end, and staff must give a code from their phone.

Students are untouched by both: they have no user account, and their "My courses" session keeps
its own clock (STUDENT_SESSION_SECONDS)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware
from wagtail.admin import messages

from .rules import can_reach_admin

LAST_SEEN_SESSION_KEY = "staffauth_last_seen"
# Writing the time on every request would save the session every request; a minute is close enough.
WRITE_EVERY_SECONDS = 60
SIGNED_OUT_MESSAGE = (
    "You were signed out because you had not used the admin for {minutes} minutes. "
    "This keeps the college's information safe on shared computers. Sign in again to carry on."
)

# What a signed-in member of staff may open before giving a code: signing in and out, the code
# pages, and what those pages load.
BEFORE_CODE_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "staffauth_verify",
    "staffauth_set_up",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


class StaffIdleTimeoutMiddleware:
    """A staff session ends after STAFF_IDLE_MINUTES without a request, so an admin left open on a
    shared computer does not stay open. An open page editor checks in with the server every few
    seconds while its tab is on screen, which counts as use: staff never lose unsaved work to this."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No session cookie, no session to end: most public visitors cost nothing here.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and can_reach_admin(request.user):
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY)
            idle_minutes = settings.STAFF_IDLE_MINUTES
            if last_seen is not None and now - last_seen > idle_minutes * 60:
                logout(request)
                if request.path.startswith(reverse("wagtailadmin_home")):
                    messages.info(request, SIGNED_OUT_MESSAGE.format(minutes=idle_minutes))
                    return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            elif last_seen is None or now - last_seen > WRITE_EVERY_SECONDS:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)


class StaffTwoFactorMiddleware(OTPMiddleware):
    """django-otp's middleware (request.user.is_verified()), and, when STAFF_TWO_FACTOR is on,
    everyone who can open the admin goes to the code page, or to set up an app if they have none,
    before any other page: the admin, our own staff screens, previews, private documents."""

    def __call__(self, request):
        self._install_lazy_accessors(request)
        if settings.STAFF_TWO_FACTOR and self.needs_code(request):
            page = "staffauth_verify" if user_has_device(request.user) else "staffauth_set_up"
            return redirect_to_login(request.get_full_path(), reverse(page))
        return self.get_response(request)

    @staticmethod
    def needs_code(request) -> bool:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        user = request.user
        if not can_reach_admin(user) or user.is_verified():
            return False
        try:
            return resolve(request.path_info).url_name not in BEFORE_CODE_URL_NAMES
        except Resolver404:
            return True
