"""Production: PostgreSQL, Redis, real email. Refuses to start when a required setting is missing."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ANYMAIL, DATABASES, EMAIL_PROVIDER, REDIS_URL, SECRET_KEY, STORAGES, env_bool

DEBUG = False
for name, value in {
    "SECRET_KEY": SECRET_KEY,
    "REDIS_URL": REDIS_URL,
    "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
}.items():
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable is required in production.")
if EMAIL_PROVIDER not in {"console", "files", "smtp"} and not ANYMAIL.get("WEBHOOK_SECRET"):
    # Without it anyone could post fake bounces to /anymail/.../tracking/ and stop our emails.
    raise ImproperlyConfigured(
        "Set WEBHOOK_SECRET=user:password and give the same to your email provider's tracking webhook (see README)."
    )
if EMAIL_PROVIDER == "mailgun" and not ANYMAIL.get("MAILGUN_WEBHOOK_SIGNING_KEY"):
    # Without it the webhook is not mounted (notices/webhooks.py): bounces would go unnoticed.
    raise ImproperlyConfigured(
        "Set MAILGUN_WEBHOOK_SIGNING_KEY to the HTTP webhook signing key from Mailgun's dashboard (see README)."
    )
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://...")

# Everyone who can open the admin signs in with a code from their phone too (docs/staff-sign-in.md).
STAFF_TWO_FACTOR = env_bool("STAFF_TWO_FACTOR", True)

STORAGES = {
    **STORAGES,
    # WhiteNoise's compressed, hashed files, tolerating source maps a package names but does not
    # ship (college/storage.py); any other missing file still stops collectstatic.
    "staticfiles": {"BACKEND": "college.storage.ForgivingSourceMapsStorage"},
}
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The __Host- prefix makes the browser refuse these cookies unless they are Secure, for the whole
# site (Path=/) and for this host alone (no Domain): so no other site under the same domain can
# set or overwrite them. Both are read only by Django, under these names (nothing else asks for them).
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer checks health over plain HTTP inside the network: answer it, not redirect it.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
# On by default, as `check --deploy` asks. A college serving plain-HTTP sites on subdomains of
# its site's host name sets SECURE_HSTS_INCLUDE_SUBDOMAINS=false; preload only asks browsers to
# build HTTPS in (after a submission at hstspreload.org) and needs includeSubDomains too.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
