"""Settings for pytest. Each line says why it differs from base."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
# Hashing passwords slowly is a production virtue and a test-suite cost.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests read sent mail from django.core.mail.outbox.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Celery tasks run inline so a test sees their effect; the Redis integration tests opt out.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
# Static files are served from the app folders without a collectstatic step.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
# Page-created and task lines would bury test failures.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
# Tests change pages inside one transaction, whose on-commit new content version never comes, so
# a cached copy would hide the change; tests/test_page_cache.py turns the cache on.
PAGE_CACHE_SECONDS = 0
# The same for the site cache (home/site_cache.py); tests/test_query_budget.py turns it on.
SITE_CACHE_SECONDS = 0
