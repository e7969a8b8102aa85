"""The staff roles as Wagtail groups: College admin, Course coordinator, Facilitator, Content editor.
What each holds is the table in staffauth/roles.py.

Safe to run more than once: a group that exists (a college may have made one by hand) is kept and
given the table's permissions; nothing it already had is taken away. Going back leaves the groups
alone: by then people may belong to them, and removing a group would silently take their access."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from staffauth.roles import ROLES


def make_permissions(apps):
    """Permissions are normally made after every migration has run (post_migrate), which on a new
    database is too late for this one; make them now, from the models as these migrations left them."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def find_permissions(Permission, names):
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None:
            raise LookupError(f"No permission {name}: fix staffauth/roles.py")
        found.append(permission)
    return found


def make_roles(apps, schema_editor):
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.add(*find_permissions(Permission, role.permissions))
        group.permissions.add(*Permission.objects.filter(content_type__app_label__in=role.apps))
        for codename in role.page_permissions:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        for permission in find_permissions(Permission, role.collection_permissions):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("staffauth", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0003_facilitator_user"),
        ("enrolment", "0013_completion_rule"),
        ("notices", "0004_feedback_kind"),
        ("reports", "0001_initial"),
        ("home", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailnhsukfrontendsettings", "0008_footersettingscolumns_footercolumnlinks"),
    ]

    operations = [migrations.RunPython(make_roles, migrations.RunPython.noop)]
