"""Production: PostgreSQL, Redis, real email. Refuses to start when a required setting is missing."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ANYMAIL, DATABASES, EMAIL_PROVIDER, REDIS_URL, SECRET_KEY, STORAGES, env_bool

DEBUG = False
for name, value in {"SECRET_KEY": SECRET_KEY, "REDIS_URL": REDIS_URL,
                    "DATABASE_URL": os.environ.get("DATABASE_URL", "")}.items():
    if not value:
        raise ImproperlyConfigured(f"The {name} environment variable is required in production.")
if EMAIL_PROVIDER not in {"console", "files", "smtp"} and not ANYMAIL.get("WEBHOOK_SECRET"):
    # Without it anyone could post fake bounces to /anymail/.../tracking/ and stop our emails.
    raise ImproperlyConfigured("Set WEBHOOK_SECRET=user:password and give the same to your email "
                               "provider's tracking webhook (see README).")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://...")

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_CONTENT_TYPE_NOSNIFF = True
