"""Settings shared by every environment. Everything that differs between machines comes from
environment variables; `dev.py`, `test.py` and `production.py` beside this file only adjust."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from celery.schedules import crontab

from college.logs import logging_config

# Content Security Policy: the public policy and the admin's own, with the reasons (csp.py).
from .csp import CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN  # noqa: F401

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
    "reports",  # figures for commissioners, counted from enrolment's records
    "privacy",  # the registry of personal data, retention, subject access (docs/compliance/)
    "equality",  # optional equality monitoring, kept apart from anyone's name
    "monitoring",
    "demo",
    "staffauth",  # staff two-factor sign-in, lockout and idle time-out (docs/staff-sign-in.md)
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous visitors' copies of public pages (home/page_cache.py): a hit skips everything
    # below, and the copy kept is the one GZipMiddleware compressed.
    "home.page_cache.PublicPageCache",
    # Pages are compressed here (about a fifth of their size: the 150 KB page budget counts it).
    # Django pads each response against BREACH, and CSRF tokens are masked per response.
    # WhiteNoise, below it, sends static files already compressed at collectstatic.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy on every page (static files, answered by WhiteNoise above, need none):
    # the admin's policy under /admin/, the public one elsewhere (college/csp.py; policies below).
    "college.csp.CollegeCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Forms on no-referrer pages (emailed links) send Origin: null; home/csrf.py explains.
    "home.csrf.SameOriginFormsFromNoReferrerPages",
    "django.middleware.csrf.CsrfViewMiddleware",
    # A NUL character in the address, a cookie or a form: the 400 page, before any view or query.
    "home.middleware.RefuseNulCharacters",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sign-in (docs/staff-sign-in.md): end idle staff sessions first, then ask for the
    # code from their phone (when STAFF_TWO_FACTOR).
    "staffauth.middleware.StaffIdleTimeoutMiddleware",
    "staffauth.middleware.StaffTwoFactorMiddleware",
    # The site, the page an address leads to and the settings from a small cache (home/site_cache.py).
    "home.site_cache.PreloadSiteFrame",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns its "locked out" mark into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Wagtail would fetch staff avatars from gravatar.com, telling it a hash of each staff email on
# every admin page: staff get Wagtail's own default avatar instead, and img-src stays 'self'.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

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

# Staff sign-in (staffauth/, docs/staff-sign-in.md). Two-factor sign-in (django-otp: an
# authenticator app, plus recovery codes) for everyone who can open the admin: on in production,
# off here so the demo's printed admin password works on its own.
STAFF_TWO_FACTOR = env_bool("STAFF_TWO_FACTOR", False)
# Staff sessions end after this long without a request (students' sessions are not affected).
STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", "30"))
# django-axes: 5 wrong passwords for one username from one address pause that pair for 15 minutes.
# By the pair, not the username alone, or anyone could lock a colleague out by guessing.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("STAFF_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("STAFF_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a right password clears earlier slips
# Tries while paused do not move the end of the pause, so the time on the lockout page stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "staffauth.lockout.locked_out"
AXES_CLIENT_STR_CALLABLE = "staffauth.lockout.describe_client"  # no usernames or addresses in logs
# Count by the same client address as the public forms' rate limits (the proxy's header, README:
# RATELIMIT_IP_META_KEY), or behind a proxy every sign-in would seem to come from the proxy.
AXES_CLIENT_IP_CALLABLE = "home.client_address.client_address"

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


def redis_cache_url(broker_url: str) -> str:
    """The cache's Redis database: the broker's server, one database number up (db 0 or none
    gives 1). Apart, so the cache can evict keys while the broker never loses a message."""
    parts = urlsplit(broker_url)
    number = parts.path.strip("/") or "0"
    return urlunsplit(parts._replace(path=f"/{int(number) + 1}"))


# Redis: REDIS_URL is Celery's broker (needs maxmemory-policy noeviction); the cache has its own
# database, REDIS_CACHE_URL (see README). Without REDIS_URL, a cache in each process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_CACHE_URL = os.environ.get("REDIS_CACHE_URL") or (redis_cache_url(REDIS_URL) if REDIS_URL else "")
# Seconds: a stopped or unreachable Redis costs a request this much per cache call, not a 500.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))


def cache_for(url: str) -> dict:
    """The default cache: Redis at `url` (shared by every web process) or, without one, memory."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            # A cache that is down is a cache miss (logged), never an error page: Redis down must
            # not take the site down. Rate limits then fail open (RATELIMIT_FAIL_OPEN).
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT,
        },
    }


CACHES = {"default": cache_for(REDIS_CACHE_URL)}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "college.cache"
# Sessions live in the database (Django's default, said out loud): never only in Redis, so
# students stay signed in to My courses and staff to the admin while Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

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
    for name in (
        "POSTMARK_SERVER_TOKEN",
        "SENDGRID_API_KEY",
        "MAILGUN_API_KEY",
        "MAILGUN_SENDER_DOMAIN",
        "MAILGUN_WEBHOOK_SIGNING_KEY",
        "BREVO_API_KEY",
        "WEBHOOK_SECRET",
    )
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
# Workers and beat outlive a Redis outage: they keep trying to reconnect (every few seconds, at
# most 30 s apart) instead of stopping after Celery's 100 tries (tests/test_redis_outage.py).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# The email task's hard time limit in seconds: Celery kills a task still running after it, so no
# worker holds a row `sending` longer, and the sweep puts back rows left `sending` longer than
# this (notices/sending.py SENDING_TIMEOUT). notices/dispatch.py sets it, and a soft limit 30 s
# earlier so the task can record what it has done. A `--pool=solo` worker (the demo's) cannot
# enforce either (docs/emails.md, "A worker that dies mid-email").
NOTICE_SEND_TIME_LIMIT = int(os.environ.get("NOTICE_SEND_TIME_LIMIT", "120"))
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The sweep finds due reminders and lost or failed sends every minute; offers are swept every
# minute too, because an offer that has run out must pass its place on promptly.
CELERY_BEAT_SCHEDULE = {
    "sweep-notices": {"task": "notices.tasks.sweep", "schedule": 60.0},
    "expire-due-offers": {"task": "enrolment.tasks.expire_due_offers", "schedule": 60.0},
    # Places are offered only once a run's enrolment opens: this offers them within the minute.
    "offer-places-as-enrolment-opens": {"task": "enrolment.tasks.offer_places_as_enrolment_opens", "schedule": 60.0},
    "remind-offers-ending": {"task": "enrolment.tasks.remind_offers_ending", "schedule": 300.0},
    # Personal details past their time are erased nightly, in the quiet hours (privacy/retention.py).
    "apply-retention": {"task": "privacy.tasks.apply_retention", "schedule": crontab(hour=3, minute=30)},
    # Heartbeats for /health/: proof that beat queued them and a worker on each queue ran them.
    "heartbeat-email-worker": {
        "task": "monitoring.tasks.heartbeat",
        "schedule": 60.0,
        "args": ["email-worker"],
        "options": {"queue": "email", "expires": 55},
    },
    "heartbeat-jobs-worker": {
        "task": "monitoring.tasks.heartbeat",
        "schedule": 60.0,
        "args": ["jobs-worker"],
        "options": {"queue": "celery", "expires": 55},
    },
}
# Beat records its own heartbeat as it ticks (monitoring/beat.py).
CELERY_BEAT_SCHEDULER = "monitoring.beat:HeartbeatScheduler"
# A process not seen for this long is reported unhealthy by /health/.
HEARTBEAT_STALE_SECONDS = int(os.environ.get("HEARTBEAT_STALE_SECONDS", "180"))

# Wagtail's own background jobs (search index updates, image renditions) use Django's task
# framework, which is separate from Celery; running them inline keeps the admin simple.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = os.environ.get("COLLEGE_NAME", "Oxfordshire Recovery College")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # how staff sign-in is named in their authenticator app
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The page cache (home/page_cache.py): how many seconds an anonymous visitor's copy of a public
# page is kept. Spaces left on a run may be this old, so keep it short; 0 turns the cache off.
PAGE_CACHE_SECONDS = float(os.environ.get("PAGE_CACHE_SECONDS", "5"))
# What pages share and staff change (site, routes, settings, menu: home/site_cache.py) is kept until
# the content version changes, and at most this many seconds; 0 turns it off.
SITE_CACHE_SECONDS = float(os.environ.get("SITE_CACHE_SECONDS", "300"))

# Course dates and prospectus
COURSE_DATES_PER_PAGE = int(os.environ.get("COURSE_DATES_PER_PAGE", "20"))
CALENDAR_DOMAIN = os.environ.get("CALENDAR_DOMAIN", "recovery-college.example.org")

# Logs: LOG_FORMAT=json gives one JSON object per line (web, gunicorn and Celery alike); either
# way tokens, email addresses and query strings are taken out of every line (college/logs.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
LOGGING = logging_config(log_format=LOG_FORMAT, level=os.environ.get("LOG_LEVEL", "INFO"))

# Students: a sign-in link opens 'My courses' for this long in that browser.
STUDENT_SESSION_SECONDS = int(os.environ.get("STUDENT_SESSION_SECONDS", 2 * 60 * 60))
# Per-address and per-email limits on the public forms (django-ratelimit, counted in the default
# cache: Redis in production so every web process shares the count). Generous per address, because
# a college computer room or an NHS trust can put many people behind one address.
RATE_LIMITS = {
    "enrol": {"ip": os.environ.get("RATE_LIMIT_ENROL_IP", "60/h"), "email": "10/h"},
    "sign_in": {"ip": os.environ.get("RATE_LIMIT_SIGN_IN_IP", "30/h"), "email": "5/h"},
}
# Behind a proxy every request comes from the proxy: have it set X-Real-IP and set the environment
# variable RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP (see README). django-ratelimit (and django-axes)
# ask home/client_address.py, which reads that header and, when a request lacks it, counts the
# socket address with a logged warning instead of failing every form with a 500.
CLIENT_ADDRESS_HEADER = os.environ.get("RATELIMIT_IP_META_KEY") or None
RATELIMIT_IP_META_KEY = "home.client_address.client_address"
# With the cache (Redis) down nothing can be counted: let people through (enrolment/limits.py
# logs a warning) rather than refuse every enrolment and sign-in.
RATELIMIT_FAIL_OPEN = True
