"""The daily reminder of yearly re-assessments coming due (assessments.services.assessment_reminders_send).

Daily is enough: the rule counts in days, and the notification's key makes every run after the first one a no-op
for the same organization and due date. It runs after midnight in TIME_ZONE, like the plans' reminders.
"""

import datetime

from django.db import migrations
from django.utils import timezone

NAME = "Self-assessment reminders"


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    now = timezone.localtime()
    next_run = now.replace(hour=0, minute=20, second=0, microsecond=0) + datetime.timedelta(days=1)
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "assessments.services.assessment_reminders_send",
            "schedule_type": "D",  # Schedule.DAILY
            "repeats": -1,
            "next_run": next_run,
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create, remove)]
