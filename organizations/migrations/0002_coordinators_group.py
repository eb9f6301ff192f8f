"""Create the Coordinators group with the permissions a programme coordinator needs."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from core.roles import COORDINATOR_APPS, COORDINATORS_GROUP, coordinators_group_sync


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_label in COORDINATOR_APPS:
        create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    coordinators_group_sync(
        group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission")
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COORDINATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0001_initial"),
        ("sessions_log", "0001_initial"),
        ("actionplans", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
