"""An approved plan of organization A with its half-yearly periods laid out, and one of organization B."""

import datetime

import pytest

from actionplans.models import ActionPlan, Indicator
from actionplans.reporting import schedule_apply
from tests.actionplans.conftest import make_plan

TODAY = datetime.date(2026, 7, 10)  # in the second half-year; period 1 (January to June) is due on 15 July


def approved_plan(organization, coordinator, **extra):
    plan = make_plan(organization, status=ActionPlan.Status.APPROVED, **extra)
    objective = plan.objectives.get()
    Indicator.objects.create(
        objective=objective,
        name="People trained",
        kind=Indicator.Kind.COUNT,
        counts_people=True,
        aggregation=Indicator.Aggregation.SUM,
        target_value=100,
    )
    schedule_apply(plan=plan, frequency="half_yearly", by=coordinator)
    return plan


@pytest.fixture
def today(monkeypatch):
    """Freeze the app's idea of today (due soon, overdue, on time); the database clock is untouched."""
    from django.utils import timezone

    real = timezone.localdate

    def fake(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr(timezone, "localdate", fake)
    return TODAY


@pytest.fixture
def rplan_a(org_a, coordinator):
    return approved_plan(org_a, coordinator)


@pytest.fixture
def rplan_b(org_b, coordinator):
    return approved_plan(org_b, coordinator, title="Plan of B")
