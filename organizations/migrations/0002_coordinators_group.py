"""Create the Coordinators group with the permissions a programme coordinator needs."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("organizations", "sessions_log", "actionplans")
# Coordinators see and manage everything of the programme; the user model stays with the admins.
EXCLUDED_MODELS = {"user", "historicalactionplan", "historicalobjective", "historicalaction",
                   "historicalindicator", "historicalmeasurement"}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_label in APPS:
        create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Coordinators")
    permissions = Permission.objects.filter(content_type__app_label__in=APPS).exclude(
        content_type__model__in=EXCLUDED_MODELS
    )
    group.permissions.add(*permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Coordinators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0001_initial"),
        ("sessions_log", "0001_initial"),
        ("actionplans", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
