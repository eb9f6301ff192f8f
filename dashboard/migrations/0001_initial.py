import uuid

from django.db import migrations, models


def create_stamp(apps, schema_editor):
    apps.get_model("dashboard", "FiguresStamp").objects.create(pk=1)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="FiguresStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.UUIDField(default=uuid.uuid4, verbose_name="token")),
            ],
            options={
                "verbose_name": "dashboard figures stamp",
                "verbose_name_plural": "dashboard figures stamps",
            },
        ),
        migrations.RunPython(create_stamp, migrations.RunPython.noop),
    ]
