"""Reminders and digests run every hour from the queue's scheduler (actionplans.reminders.jobs_run).

Hourly rather than once a day: each run is idempotent, reminders go out in the first hour after midnight in
TIME_ZONE, digests at DIGEST_HOUR, and a worker that was down catches up at its next run.
"""

import datetime

from django.db import migrations
from django.utils import timezone

NAME = "Reminders and digests"


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    next_hour = timezone.now().replace(minute=5, second=0, microsecond=0) + datetime.timedelta(hours=1)
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "actionplans.reminders.jobs_run",
            "schedule_type": "H",  # Schedule.HOURLY
            "repeats": -1,
            "next_run": next_hour,
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actionplans", "0004_default_schedule_for_approved_plans"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create, remove)]
