"""The floor: Django with no apps, no middleware and no database, answering one view. What any
page of ours costs is read as a ratio to this, measured in the same run on the same machine."""

import os

SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-floor-has-no-secrets"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = []
MIDDLEWARE = []
ROOT_URLCONF = "bench.floor.urls"
DATABASES = {}
USE_TZ = True
