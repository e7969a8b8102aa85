"""The College admin role may turn equality monitoring on and off in Settings (nobody else: what a
college asks its students about themselves is the college's decision). The group is made by
staffauth/migrations/0002_roles.py; a college that has no such group gives it in Settings > Groups.
Going back leaves the group alone, as that migration does."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally made after every migration (post_migrate): too late on a new database.
    app_config = apps.get_app_config("equality")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="College admin").first()
    if group is not None:
        group.permissions.add(*Permission.objects.filter(content_type__app_label="equality"))


class Migration(migrations.Migration):
    dependencies = [
        ("equality", "0001_initial"),
        ("staffauth", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
