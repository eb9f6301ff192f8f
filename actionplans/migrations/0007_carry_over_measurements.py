"""Measurements recorded before reporting periods existed become accepted values of their period's report.

The logic is ``actionplans.carry_over`` (also ``reporting.measurements_carry_over``): idempotent, the history
of every row it writes says the value was carried over. The measurements themselves stay as they were.
"""

from django.db import migrations

from actionplans.carry_over import carry_over


def forwards(apps, schema_editor):
    carry_over(apps)


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0006_one_time_tokens_for_progress_and_measurements")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
