# The figures' stamp is core's Stamp "dashboard" now (core.stamps); its row is made here, as 0001 made the old one.

from django.db import migrations


def create_stamp(apps, schema_editor):
    apps.get_model("core", "Stamp").objects.get_or_create(name="dashboard")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("dashboard", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="FiguresStamp"),
        migrations.RunPython(create_stamp, migrations.RunPython.noop),
    ]
