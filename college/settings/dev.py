"""Local development and the demo college: SQLite in var/, emails printed to the console."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"

# A fresh clone has no var/ yet; the SQLite file and the local Celery broker live there.
VAR_DIR.mkdir(parents=True, exist_ok=True)
