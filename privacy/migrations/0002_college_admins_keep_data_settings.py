"""College admins may change how long personal data is kept (RetentionSettings): College admin
holds every permission of the privacy app (staffauth/roles.py). Migrations that have run do not
run again, so the roles are applied once more, by the same idempotent step as staffauth 0002,
which adds what is missing and takes nothing away."""

import importlib

from django.db import migrations

roles_0002 = importlib.import_module("staffauth.migrations.0002_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("staffauth", "0003_erasure_hold_permission"),
    ]

    operations = [migrations.RunPython(roles_0002.make_roles, migrations.RunPython.noop)]
