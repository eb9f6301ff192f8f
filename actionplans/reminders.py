"""The scheduled jobs about plans: reminders after midnight, digests at the digest hour (django-q2 Schedule).

``jobs_run`` is what the scheduler calls (hourly); every part is idempotent per day and person, so running it
again, or late after an outage, sends nothing twice. Dates are in TIME_ZONE.
"""

import datetime
import logging
from collections import OrderedDict

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actionplans import events
from actionplans.models import Action, ActionPlan, ReportingPeriod
from actionplans.models_reporting import DUE_SOON_DAYS  # "due soon": the same 7 days as the pages' badge
from actionplans.selectors import (
    WAITING_STATES,
    members_unreachable,
    organizations_without_editor,
    plans_approved_without_schedule,
    reports_overdue_by_organization,
    reports_to_review,
)
from core.roles import coordinators_all
from notifications.models import Delivery, Notification
from notifications.services import digest_send
from organizations.models import User

logger = logging.getLogger("actionplans.reminders")

# An action that became overdue while the job was not running is still reported within this many days.
OVERDUE_CATCH_UP_DAYS = 7


# A report reminder by the days left until the period's due date (negative: days late). Each is sent once per
# period, due date and person; a stage the job missed (the worker was down) is still sent within its window, so
# a reminder comes late rather than never, and never twice.
REPORT_REMINDERS = (
    ("report_due_soon", 1, DUE_SOON_DAYS),  # mailed 7 days before; on a later day only if that day was missed
    ("report_due_today", 0, 0),
    ("report_overdue", -6, -1),  # the day after the due date
    ("report_overdue_week", -13, -7),  # a week after it
)


def report_reminder_for(days_left):
    """The reminder a period owes on a day ``days_left`` days before its due date, or None."""
    for code, low, high in REPORT_REMINDERS:
        if low <= days_left <= high:
            return code
    return None


class _Editors(dict):
    """The active editors of each organization, read once per job run."""

    def __missing__(self, organization_id):
        self[organization_id] = events.editors_of(organization_id)
        return self[organization_id]


def reminders_run(*, today):
    """Remind the editors of approved plans of actions and period reports coming due or late; returns how many.

    Actions: due within 7 days, and overdue. Reports still to write (their status computed as the pages compute
    it): due in 7 days, due today, overdue by one day and by seven days.
    """
    editors = _Editors()
    return _actions_remind(today=today, editors=editors) + _reports_remind(today=today, editors=editors)


def _actions_remind(*, today, editors):
    open_actions = (
        Action.objects.filter(objective__plan__status=ActionPlan.Status.APPROVED, due_date__isnull=False)
        .exclude(status__in=Action.CLOSED_STATUSES)
        .select_related("objective__plan__organization")
    )
    count = 0
    soon = open_actions.filter(due_date__gt=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
    for action in soon:
        count += len(events.action_due_soon(action, editors[action.objective.plan.organization_id]))
    overdue = open_actions.filter(
        due_date__lt=today, due_date__gte=today - datetime.timedelta(days=OVERDUE_CATCH_UP_DAYS)
    )
    for action in overdue:
        count += len(events.action_overdue(action, editors[action.objective.plan.organization_id]))
    return count


def _reports_remind(*, today, editors):
    earliest = min(low for _code, low, _high in REPORT_REMINDERS)
    latest = max(high for _code, _low, high in REPORT_REMINDERS)
    periods = ReportingPeriod.objects.filter(
        plan__status=ActionPlan.Status.APPROVED,
        due__gte=today + datetime.timedelta(days=earliest),
        due__lte=today + datetime.timedelta(days=latest),
    ).select_related("plan__organization", "report")
    count = 0
    for period in periods:
        code = report_reminder_for((period.due - today).days)
        if code and period.state(today) in WAITING_STATES:
            count += len(events.period_reminder(code, period, editors[period.plan.organization_id]))
    return count


def coordinator_summary(*, today):
    """The coordinators' weekly review digest: what waits for them, one line per organization or plan.

    Reads everything once (seven queries); returns a function of the reader that gives [(title, [(line, link)])]
    in the reader's language (the digest renders it inside the reader's language).
    """
    waiting = list(
        ActionPlan.objects.filter(status=ActionPlan.Status.SUBMITTED)
        .select_related("organization")
        .order_by("organization__name", "title")
    )
    reports_waiting = reports_to_review()
    reports_overdue = reports_overdue_by_organization(today=today)
    actions_overdue = list(
        ActionPlan.objects.filter(status=ActionPlan.Status.APPROVED)
        .with_progress(today)
        .filter(actions_overdue__gt=0)
        .select_related("organization")
        .order_by("organization__name", "title")
    )
    unscheduled = list(plans_approved_without_schedule())
    without_editor = list(organizations_without_editor())
    unreachable = OrderedDict()
    for membership in members_unreachable():
        unreachable.setdefault(membership.organization, []).append(
            membership.user.get_full_name() or membership.user.username
        )

    def periods_text(row):
        return ngettext("period %(numbers)s", "periods %(numbers)s", len(row.periods)) % {"numbers": row.numbers}

    def sections(user):
        result = [
            (
                _("Plans waiting for your review"),
                [(f"{plan.organization.name}: {plan.title}", f"/plans/{plan.pk}/review/") for plan in waiting],
            ),
            (
                _("Period reports waiting for your review"),
                [
                    (
                        f"{row.plan.organization.name}: {row.plan.title}, {periods_text(row)}",
                        row.periods[0].get_absolute_url(),
                    )
                    for row in reports_waiting
                ],
            ),
            (
                _("Overdue reports by organization"),
                [
                    (
                        ngettext(
                            "%(organization)s: %(count)s overdue report (%(plans)s)",
                            "%(organization)s: %(count)s overdue reports (%(plans)s)",
                            row.count,
                        )
                        % {
                            "organization": row.organization.name,
                            "count": row.count,
                            "plans": "; ".join(f"“{item.plan.title}”, {periods_text(item)}" for item in row.plans),
                        },
                        row.organization.get_absolute_url(),
                    )
                    for row in reports_overdue
                ],
            ),
            (
                _("Overdue actions by organization"),
                [
                    (
                        _("%(organization)s: %(count)s overdue in “%(plan)s”")
                        % {"organization": p.organization.name, "count": p.actions_overdue, "plan": p.title},
                        p.get_absolute_url(),
                    )
                    for p in actions_overdue
                ],
            ),
            (
                _("Plans approved without a reporting schedule (no report will ever be due)"),
                [(f"{plan.organization.name}: {plan.title}", f"/plans/{plan.pk}/schedule/") for plan in unscheduled],
            ),
            (
                _("Organizations with a plan but no editor (nobody there is told anything)"),
                [(org.name, org.get_absolute_url()) for org in without_editor],
            ),
            (
                _("Partners who cannot be reached by e-mail"),
                [
                    (f"{organization.name}: {', '.join(names)}", organization.get_absolute_url())
                    for organization, names in unreachable.items()
                ],
            ),
        ]
        return [(title, lines) for title, lines in result if lines]

    return sections


def digests_run(*, today, weekly):
    """Daily digests (and on the digest weekday the weekly ones, with the coordinators' review digest)."""
    sent = 0
    people = User.objects.filter(is_active=True).exclude(email="")
    # Daily readers, and those who switched to every event with notifications still waiting for a digest.
    daily_people = people.filter(
        Q(delivery_setting__delivery=Delivery.DAILY)
        | Q(delivery_setting__delivery=Delivery.EVERY_EVENT, notifications__mail=Notification.Mail.DIGEST)
    ).distinct()
    for user in daily_people:
        sent += digest_send(user=user, frequency=Delivery.DAILY, period_key=today.isoformat()) is not None
    if not weekly:
        return sent
    summary = coordinator_summary(today=today)
    coordinators = {user.pk for user in coordinators_all()}
    weekly_people = people.filter(delivery_setting__delivery=Delivery.WEEKLY) | people.filter(pk__in=coordinators)
    for user in weekly_people.distinct():
        extra = summary if user.pk in coordinators else None
        sent += (
            digest_send(user=user, frequency=Delivery.WEEKLY, period_key=today.isoformat(), extra_sections=extra)
            is not None
        )
    return sent


def jobs_run(now=None):
    """What the scheduler runs every hour: reminders for today, digests once the digest hour has come."""
    now = timezone.localtime(now)
    today = now.date()
    reminded = reminders_run(today=today)
    digests = 0
    if now.hour >= settings.DIGEST_HOUR:
        digests = digests_run(today=today, weekly=today.weekday() == settings.DIGEST_WEEKDAY)
    logger.info("Reminders for %s: %s notifications; %s digests", today, reminded, digests)
    return {"notifications": reminded, "digests": digests}
