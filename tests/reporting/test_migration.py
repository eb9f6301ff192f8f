"""Plans approved before reporting periods existed get the default half-yearly schedule from the data migration."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("actionplans", "0003_reporting_periods")]
AFTER = [("actionplans", "0004_default_schedule_for_approved_plans")]


@pytest.mark.django_db(transaction=True)
def test_approved_plans_get_half_yearly_periods_and_drafts_none():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Organization = apps.get_model("organizations", "Organization")
    ActionPlan = apps.get_model("actionplans", "ActionPlan")
    org = Organization.objects.create(name="Old partner", kind="local_cso", region="osh")
    start, end = datetime.date(2025, 3, 1), datetime.date(2026, 2, 28)
    approved = ActionPlan.objects.create(
        organization=org, title="A", period_start=start, period_end=end, status="approved"
    )
    draft = ActionPlan.objects.create(organization=org, title="B", period_start=start, period_end=end, status="draft")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    ReportingPeriod = apps.get_model("actionplans", "ReportingPeriod")
    ReportingSchedule = apps.get_model("actionplans", "ReportingSchedule")
    periods = list(
        ReportingPeriod.objects.filter(plan_id=approved.pk).order_by("number").values_list("start", "end", "due")
    )
    assert periods == [
        (datetime.date(2025, 3, 1), datetime.date(2025, 8, 31), datetime.date(2025, 9, 15)),
        (datetime.date(2025, 9, 1), datetime.date(2026, 2, 28), datetime.date(2026, 3, 15)),
    ]
    assert ReportingSchedule.objects.get(plan_id=approved.pk).frequency == "half_yearly"
    assert not ReportingPeriod.objects.filter(plan_id=draft.pk).exists()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
