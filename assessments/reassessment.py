"""When an organization's yearly self-assessment is due again: the one rule the home page and the reminder share.

An organization with an APPROVED action plan is due for a re-assessment on each anniversary of the plan's
period_start that falls inside the plan's period, every N years as the plan's reporting schedule says
(``ReportingSchedule.reassessment_years``: yearly by default, or every two or three years; start + N years, + 2N
years, ... up to period_end); a plan shorter than N years is due once, at its period_end. A 29 February start has
its anniversaries on 28 February.

Only the latest anniversary up to 30 days ahead counts (a missed earlier one is superseded by it). It is met by an
assessment of the organization, in any status, for the anniversary's year or a later one: a partner can only
start this year's assessment, so one that was missed last year is met by this year's.

It is "due soon" from DUE_SOON_DAYS before the date to the date itself and "overdue" after it. With several
approved plans the organization gets one item: the earliest date still to meet. Nothing is stored; every page and
job computes it from today's date (timezone.localdate()).

The anchor is the plan's period_start rather than its reporting schedule: the schedule may be quarterly,
half-yearly or custom, while the plan's start date is the same for every plan and stated on every plan page.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from actionplans.models import ActionPlan, ReassessmentInterval
from assessments.models import Assessment
from core.prepared import KEY, Prepared
from organizations.models import Membership

DUE_SOON_DAYS = 30


def years_startable(*, organization, today):
    """The years an assessment of the organization may be started for today: this year, and the year of a
    re-assessment due soon (in December, next January's anniversary can be met already)."""
    return {today.year} | {item.due.year for item in reassessments_due(today=today, organization=organization)}


def anniversary(start, years):
    """``start`` plus whole years; 29 February falls on 28 February in other years."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def due_date_for(*, period_start, period_end, today, every=1):
    """The plan's re-assessment date that counts today (the latest one up to DUE_SOON_DAYS ahead), or None;
    ``every``: the years between two re-assessments."""
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    if anniversary(period_start, every) > period_end:
        return period_end if period_end <= horizon else None
    due = None
    years = every
    while (candidate := anniversary(period_start, years)) <= min(period_end, horizon):
        due, years = candidate, years + every
    return due


def _approved_plans(*, editor_id=None, organization_id=None):
    """The approved plans of active organizations (those this person edits, that organization's) with their
    organization, the year of its latest assessment and the years between two re-assessments."""
    plans = ActionPlan.objects.filter(status=ActionPlan.Status.APPROVED, organization__is_active=True)
    if editor_id is not None:
        edited = Membership.objects.filter(user_id=editor_id, role=Membership.Role.EDITOR).values("organization_id")
        plans = plans.filter(organization_id__in=edited)
    if organization_id is not None:
        plans = plans.filter(organization_id=organization_id)
    latest = Assessment.objects.filter(organization_id=OuterRef("organization_id")).order_by("-year").values("year")
    return (
        plans.select_related("organization")
        .annotate(
            latest_assessed=Subquery(latest[:1]),
            # A plan approved before schedules existed has none: yearly.
            every=Coalesce("reporting_schedule__reassessment_years", Value(ReassessmentInterval.YEARLY)),
        )
        .order_by("pk")
    )


# Read on every visit of a partner's home: written by the ORM once per process (core.prepared).
_EDITORS_PLANS = Prepared(lambda editor_id: _approved_plans(editor_id=editor_id), KEY)


@dataclass
class ReassessmentDue:
    """One organization's re-assessment to do, as the partner's "What needs me" shows it."""

    organization: object
    due: datetime.date
    today: datetime.date
    template: str = "assessments/_reassessment_due.html"

    @property
    def overdue(self):
        return self.today > self.due


def reassessments_due(*, today, editor=None, organization=None):
    """The organizations due for a re-assessment today, by name; with ``editor`` only those the person edits, with
    ``organization`` only that one.

    One query whatever the number of plans and assessments: the approved plans with their organization and the
    year of the organization's latest assessment.
    """
    if editor is not None and organization is None:
        plans = _EDITORS_PLANS.objects(editor.pk)  # every visit of a partner's home
    else:
        plans = _approved_plans(editor_id=editor and editor.pk, organization_id=organization and organization.pk)
    due_by_organization = {}
    for plan in plans:
        due = due_date_for(period_start=plan.period_start, period_end=plan.period_end, today=today, every=plan.every)
        if due is None or (plan.latest_assessed is not None and plan.latest_assessed >= due.year):
            continue
        known = due_by_organization.get(plan.organization_id)
        if known is None or due < known.due:
            due_by_organization[plan.organization_id] = ReassessmentDue(plan.organization, due, today)
    return sorted(due_by_organization.values(), key=lambda item: (item.organization.name, item.organization.pk))
