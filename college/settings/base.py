"""Settings shared by every environment. Everything that differs between machines comes from
environment variables; `dev.py`, `test.py` and `production.py` beside this file only adjust."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("COLLEGE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "home.csrf.csrf_failure"  # a kind page, not Django's one for developers

INSTALLED_APPS = [
    "home",
    "courses",
    "enrolment",
    "geo",
    "notices",
    "demo",
    "anymail",
    "wagtailnhsukfrontend",
    "wagtailnhsukfrontend.forms",
    "wagtailnhsukfrontend.settings",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages are compressed here (about a fifth of their size: the 150 KB page budget counts it).
    # Django pads each response against BREACH, and CSRF tokens are masked per response.
    # WhiteNoise, below it, sends static files already compressed at collectstatic.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "college.urls"
WSGI_APPLICATION = "college.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]
# NHS.UK form markup (labels, hints, inline errors) for every Django form on the public site.
FORM_RENDERER = "wagtailnhsukfrontend.forms.renderers.NHSUKFrontendRenderer"

# SQLite in a file under var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'college.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue behind the busy timeout
    # instead of one failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# The public address, for links in emails (written by the worker, which has no request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Email: EMAIL_PROVIDER picks the backend; anymail talks to the provider's HTTP API. Locally,
# "console" prints each email and "files" keeps each one in var/sent-emails for /dev/emails/.
EMAIL_PROVIDER = os.environ.get("EMAIL_PROVIDER", "console").strip().lower()
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "files": "notices.local_backend.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "postmark": "anymail.backends.postmark.EmailBackend",
    "sendgrid": "anymail.backends.sendgrid.EmailBackend",
    "mailgun": "anymail.backends.mailgun.EmailBackend",
    "brevo": "anymail.backends.brevo.EmailBackend",
    "amazon_ses": "anymail.backends.amazon_ses.EmailBackend",
}
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or EMAIL_BACKENDS[EMAIL_PROVIDER]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Recovery College <courses@example.org>")
SENT_EMAILS_DIR = VAR_DIR / "sent-emails"
# Provider credentials and options, each from an environment variable of the same name
# (ESP_API_URL points any of them at another address, such as the benchmark's stub).
ANYMAIL = {
    name: os.environ[name]
    for name in ("POSTMARK_SERVER_TOKEN", "SENDGRID_API_KEY", "MAILGUN_API_KEY", "MAILGUN_SENDER_DOMAIN",
                 "MAILGUN_WEBHOOK_SIGNING_KEY", "BREVO_API_KEY", "WEBHOOK_SECRET")
    if os.environ.get(name)
}
if os.environ.get("ESP_API_URL") and EMAIL_PROVIDER in {"postmark", "sendgrid", "mailgun", "brevo"}:
    ANYMAIL[f"{EMAIL_PROVIDER.upper()}_API_URL"] = os.environ["ESP_API_URL"]
if os.environ.get("AWS_SES_REGION"):
    ANYMAIL["AMAZON_SES_CLIENT_PARAMS"] = {"region_name": os.environ["AWS_SES_REGION"]}
ANYMAIL["SENDGRID_MERGE_FIELD_FORMAT"] = "-{}-"  # must match notices.esp.MERGE_FIELD_FORMATS
ANYMAIL["REQUESTS_TIMEOUT"] = (5, 30)  # connect, read: a hung provider frees the worker
# Batches: reminders for one session go to the provider in one call where it supports merge data.
EMAIL_BATCH_SENDING = env_bool("EMAIL_BATCH_SENDING", True)

# Celery: Redis in production; without REDIS_URL a broker kept in files under var/ so the demo
# needs no server at all (see docs/architecture.md).
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
if not REDIS_URL:
    _queue_dir = VAR_DIR / "celery-broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "store_processed": False,
    }
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "celery"
# Email has its own queue, so a slow provider never holds up other work (README: run a worker per queue).
CELERY_TASK_ROUTES = {"notices.tasks.send_notices": {"queue": "email"}}
# Take one message at a time and acknowledge it only when done: a worker that dies gives its
# message back instead of losing it (sending.py makes the redelivery harmless).
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
# A web request queues at most one message per change; with the broker down it must give up fast
# (the sweep queues the row later) rather than keep a student waiting.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The sweep finds due reminders and lost or failed sends every minute; offers are swept every
# minute too, because an offer that has run out must pass its place on promptly.
CELERY_BEAT_SCHEDULE = {
    "sweep-notices": {"task": "notices.tasks.sweep", "schedule": 60.0},
    "expire-due-offers": {"task": "enrolment.tasks.expire_due_offers", "schedule": 60.0},
    "remind-offers-ending": {"task": "enrolment.tasks.remind_offers_ending", "schedule": 300.0},
}

# Wagtail's own background jobs (search index updates, image renditions) use Django's task
# framework, which is separate from Celery; running them inline keeps the admin simple.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = os.environ.get("COLLEGE_NAME", "Oxfordshire Recovery College")
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Course dates and prospectus
COURSE_DATES_PER_PAGE = int(os.environ.get("COURSE_DATES_PER_PAGE", "20"))
CALENDAR_DOMAIN = os.environ.get("CALENDAR_DOMAIN", "recovery-college.example.org")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per Wagtail background job drowns out everything else.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# Students: a sign-in link opens 'My courses' for this long in that browser.
STUDENT_SESSION_SECONDS = int(os.environ.get("STUDENT_SESSION_SECONDS", 2 * 60 * 60))
# Per-address and per-email limits on the public forms (django-ratelimit, counted in the default
# cache: Redis in production so every web process shares the count). Generous per address, because
# a college computer room or an NHS trust can put many people behind one address.
RATE_LIMITS = {
    "enrol": {"ip": os.environ.get("RATE_LIMIT_ENROL_IP", "60/h"), "email": "10/h"},
    "sign_in": {"ip": os.environ.get("RATE_LIMIT_SIGN_IN_IP", "30/h"), "email": "5/h"},
}
# Behind a proxy every request comes from the proxy: have it set X-Real-IP and set
# RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP (see README).
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
