"""Logging that keeps students' details out of the logs, and JSON lines when LOG_FORMAT=json.

Our own code logs ids, never names, addresses or support needs. What else could carry them is
text we do not write: Django's request warnings name the path, and an emailed link's path holds
its signed token (`/link/<token>/`); a query string can hold whatever someone typed into a
search box (the admin's student search); a database error can quote an email address. The
`RedactPersonalData` filter sits on every handler, so whatever logger a line comes from it is
cleaned before it is written, in either format."""

import logging
import re

REDACTED = "[redacted]"
# An emailed link: everything after /link/ up to the next slash, quote, space or query.
LINK_TOKEN = re.compile(r"(/link/)[^/?#\s'\"<>]+")
# Any other value made by django.core.signing ("payload:timestamp:signature", url-safe base64),
# wherever it turns up: a query string, a form value quoted in an error.
SIGNED_VALUE = re.compile(r"\.?[A-Za-z0-9_-]{8,}(?::[A-Za-z0-9_-]{4,}){2,}")
QUERY_STRING = re.compile(r"(\?)[^\s'\"<>#]+")
# A domain ending in letters, so "redis://:**@127.0.0.1" (a masked password) is not taken for one.
EMAIL_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=^_`{|}~-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")

# Attributes every LogRecord has; anything else was passed as `extra` (Django passes the request).
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


def redact(text: str) -> str:
    text = LINK_TOKEN.sub(rf"\g<1>{REDACTED}", text)
    text = QUERY_STRING.sub(rf"\g<1>{REDACTED}", text)
    text = SIGNED_VALUE.sub(REDACTED, text)
    return EMAIL_ADDRESS.sub("[email]", text)


class RedactPersonalData(logging.Filter):
    """Rewrites the record in place: the message (with its arguments merged in), any `extra`
    values (Django's `request`, shown as its path) and the exception's text. Drops Django's
    template debug lines, which print every variable a page had, names and support needs too."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.template") and record.levelno < logging.INFO:
            return False  # each missing variable, with the whole template context: people's details
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formed log call still gets logged, cleaned
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), ()
        for name, value in list(vars(record).items()):
            if name not in _STANDARD and not isinstance(value, (int, float, bool, type(None))):
                setattr(record, name, redact(str(value)))
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class CacheErrorInOneLine(logging.Filter):
    """django-redis logs every cache call it could not make with a full traceback; while Redis is
    down that is one traceback per call. One warning line each says the same."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg, record.args = "Cache unavailable, used as a miss: %s: %s", (type(error).__name__, error)
            record.exc_info, record.exc_text = None, None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def logging_config(*, log_format: str, level: str) -> dict:
    """Django's LOGGING: one handler on the root logger (Django's, Celery's and gunicorn's loggers
    all reach it), plain text or one JSON object per line."""
    formatters = {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": RedactPersonalData}, "cache_in_one_line": {"()": CacheErrorInOneLine}},
        "formatters": {"chosen": formatters["json" if log_format == "json" else "text"]},
        "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"], "formatter": "chosen"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # One line per Wagtail background job drowns out everything else.
            "django_tasks": {"level": "WARNING"},
            # Django, gunicorn and Celery each add handlers of their own to some loggers; here
            # every line goes through the one handler above, so through the filter.
            "django": {"handlers": [], "propagate": True},
            "django.server": {"handlers": ["console"], "propagate": False},
            "gunicorn.error": {"handlers": ["console"], "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "propagate": False},
            "celery": {"handlers": [], "propagate": True},
            "college.cache": {"filters": ["cache_in_one_line"]},  # DJANGO_REDIS_LOGGER
        },
    }
