import datetime
import zoneinfo

from django.conf import settings
from django.core import mail

from actionplans.models import ActionPlan
from tests.actionplans.conftest import make_plan


def at(day, hour=0, minute=30):
    """An aware moment on ``day`` at the given local time in TIME_ZONE."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def approved_plan(organization, *, due, title="Gender action plan 2026"):
    """An approved plan with one open action due on ``due``."""
    plan = make_plan(organization, title=title, status=ActionPlan.Status.APPROVED, actions=1)
    action = plan.objectives.get().actions.get()
    action.due_date = due
    action.save()
    return plan, action


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]
