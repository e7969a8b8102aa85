"""College admins may put a hold on erasing a student (enrolment's new "hold_erasure_student"
permission). Migrations that have run do not run again, so the roles of staffauth/roles.py are
applied once more: the same idempotent step as 0002, which adds what is missing and takes nothing
away. College admin holds every enrolment permission, so it gains the new one; nobody else does."""

import importlib

from django.db import migrations

roles_0002 = importlib.import_module("staffauth.migrations.0002_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("staffauth", "0002_roles"),
        ("enrolment", "0015_erasure_hold"),
    ]

    operations = [migrations.RunPython(roles_0002.make_roles, migrations.RunPython.noop)]
