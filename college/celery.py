"""The Celery application. Tasks live in each app's `tasks.py` and are found automatically.

Production runs it on Redis (REDIS_URL). Without REDIS_URL the broker is kombu's filesystem
transport: messages are files in folders under var/, shared by the web process and the worker on
one machine, so the demo runs a real worker and beat with no server to install.

Why files: the memory transport and eager mode live inside one process (the web server would
send the emails itself, inside the request, and beat could not run); kombu's SQLAlchemy transport
needs SQLAlchemy and, on the demo's SQLite, would compete with bookings for the one write lock;
the filesystem transport ships with kombu. It keeps no unacknowledged copy: a message taken by a
worker that is then killed is gone. The ledger covers that (the sweep hands pending rows over
again and rescues rows left `sending`), as it does for Redis."""

import logging
from pathlib import Path

from celery import Celery
from celery.signals import worker_ready

# No default settings module here: `college/__init__.py` imports this file first in every process,
# so a default set here would win over wsgi.py's production default and a web process started
# without DJANGO_SETTINGS_MODULE would run the development settings. manage.py and dev.py name dev.

logger = logging.getLogger(__name__)
app = Celery("college")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def make_broker_folders(sender: Celery, **kwargs) -> None:
    """The filesystem transport fails to queue or read a message when its folders are missing, and
    keeps its exchange bindings in `control_folder`, which is relative to the working directory
    unless set. Runs when the configuration is first read, so in every process (web, worker, beat,
    shell) before it can queue or consume anything."""
    if not str(sender.conf.broker_url or "").startswith("filesystem:"):
        return
    options = sender.conf.broker_transport_options
    if options.get("data_folder_in"):
        options.setdefault("control_folder", str(Path(options["data_folder_in"]).parent / "celery-control"))
    keys = ["data_folder_in", "data_folder_out", "control_folder"]
    if options.get("store_processed"):
        keys.append("processed_folder")
    for key in keys:
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)


@worker_ready.connect
def warn_if_broker_may_evict(sender=None, **kwargs) -> None:
    """Say so in the worker's log, as it starts, if Redis could drop queued messages (README: Redis)."""
    from django.conf import settings

    from monitoring.checks import broker_eviction_problem

    url = str(settings.CELERY_BROKER_URL)
    if url.startswith(("redis://", "rediss://")):
        problem = broker_eviction_problem(url)
        if problem:
            logger.warning(problem)
