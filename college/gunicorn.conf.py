"""gunicorn's settings: `gunicorn -c college/gunicorn.conf.py college.wsgi`.

Its own lines (start-up, worker deaths, one access line per request) go through the same logging
as Django's: plain text or, with LOG_FORMAT=json, one JSON object per line, with tokens, email
addresses and query strings taken out (college/logs.py). Everything else comes from the command
line or GUNICORN_CMD_ARGS, e.g. --workers 4 --bind 0.0.0.0:8000."""

import importlib.util
import os
from pathlib import Path

# Loaded by path: importing the `college` package here would start Celery's app before wsgi.py
# has chosen the settings module.
_spec = importlib.util.spec_from_file_location("college_logs", Path(__file__).with_name("logs.py"))
_logs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_logs)

logconfig_dict = _logs.logging_config(
    log_format=os.environ.get("LOG_FORMAT", "text").strip().lower(), level=os.environ.get("LOG_LEVEL", "INFO")
)
# No query string (search boxes, the admin's student search) and no referrer: the path, the
# status, the size and how long it took.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# A request that takes longer than this is killed and logged; pages take well under a second.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
