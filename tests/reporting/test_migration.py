"""Plans approved before reporting periods existed get the default half-yearly schedule from the data migration."""

import datetime
from decimal import Decimal

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


CARRY_BEFORE = [("actionplans", "0006_one_time_tokens_for_progress_and_measurements")]
CARRY_AFTER = [("actionplans", "0007_carry_over_measurements")]


@pytest.mark.django_db(transaction=True)
def test_old_measurements_become_accepted_values_of_their_period_once():
    """Half-years Mar-Aug 2025 and Sep 2025-Feb 2026: an added-up indicator sums its measurements per period, a
    share of women takes the period's latest; a measurement outside the plan's periods is left; a report a
    partner started keeps its own value; a second run writes nothing; the history says "carried over"."""
    executor = MigrationExecutor(connection)
    executor.migrate(CARRY_BEFORE)
    apps = executor.loader.project_state(CARRY_BEFORE).apps
    Organization = apps.get_model("organizations", "Organization")
    ActionPlan = apps.get_model("actionplans", "ActionPlan")
    Objective = apps.get_model("actionplans", "Objective")
    Indicator = apps.get_model("actionplans", "Indicator")
    Measurement = apps.get_model("actionplans", "Measurement")
    ReportingPeriod = apps.get_model("actionplans", "ReportingPeriod")
    PeriodReport = apps.get_model("actionplans", "PeriodReport")
    ReportValue = apps.get_model("actionplans", "ReportValue")
    org = Organization.objects.create(name="Old partner", kind="local_cso", region="osh")
    plan = ActionPlan.objects.create(
        organization=org, title="A", status="approved",
        period_start=datetime.date(2025, 3, 1), period_end=datetime.date(2026, 2, 28),
    )  # fmt: skip
    first = ReportingPeriod.objects.create(
        plan=plan, number=1, start=datetime.date(2025, 3, 1), end=datetime.date(2025, 8, 31),
        due=datetime.date(2025, 9, 15),
    )  # fmt: skip
    second = ReportingPeriod.objects.create(
        plan=plan, number=2, start=datetime.date(2025, 9, 1), end=datetime.date(2026, 2, 28),
        due=datetime.date(2026, 3, 15),
    )  # fmt: skip
    objective = Objective.objects.create(plan=plan, title="O", content_area="capacity")
    trained = Indicator.objects.create(objective=objective, name="People trained", kind="count", aggregation="sum")
    share = Indicator.objects.create(
        objective=objective, name="Women managers", kind="share_women", aggregation="latest", counts_people=True
    )
    for day, value in (("2025-04-01", 10), ("2025-08-31", 5), ("2025-10-01", 7), ("2024-12-31", 99)):
        Measurement.objects.create(indicator=trained, date=datetime.date.fromisoformat(day), value=value)
    for day, women, total in (("2025-03-01", 2, 10), ("2025-06-30", 3, 10), ("2025-05-01", 9, 10)):
        Measurement.objects.create(
            indicator=share, date=datetime.date.fromisoformat(day), value=100 * women / total, women=women, total=total
        )
    Measurement.objects.create(indicator=share, date=datetime.date(2025, 12, 1), value=40, women=4, total=10)
    started = PeriodReport.objects.create(period=second, status="draft")
    ReportValue.objects.create(report=started, indicator=share, value=50, women=5, not_stated=5)
    draft_plan = ActionPlan.objects.create(
        organization=org, title="B", status="draft",
        period_start=datetime.date(2025, 3, 1), period_end=datetime.date(2026, 2, 28),
    )  # fmt: skip
    draft_indicator = Indicator.objects.create(
        objective=Objective.objects.create(plan=draft_plan, title="O", content_area="capacity"), name="X"
    )
    Measurement.objects.create(indicator=draft_indicator, date=datetime.date(2025, 4, 1), value=3)

    executor = MigrationExecutor(connection)
    executor.migrate(CARRY_AFTER)
    apps = executor.loader.project_state(CARRY_AFTER).apps
    PeriodReport = apps.get_model("actionplans", "PeriodReport")
    ReportValue = apps.get_model("actionplans", "ReportValue")
    carried = PeriodReport.objects.get(period_id=first.pk)
    assert carried.status == "accepted"
    values = {
        (v.report.period_id, v.indicator_id): (v.value, v.women, v.not_stated)
        for v in ReportValue.objects.select_related("report")
    }
    assert values == {
        (first.pk, trained.pk): (Decimal("15.00"), None, None),  # 10 + 5, both in period 1 (31 August included)
        (first.pk, share.pk): (Decimal("30.00"), 3, 7),  # the latest by date (30 June), not the last entered
        (second.pk, share.pk): (Decimal("50.00"), 5, 5),  # the partner's draft keeps its own value
    }
    # Period 2's 7 trained people stay out: that report is the partner's (a draft), nothing is added to it.
    assert PeriodReport.objects.get(pk=started.pk).status == "draft"
    assert not PeriodReport.objects.filter(period__plan_id=draft_plan.pk).exists()
    history = apps.get_model("actionplans", "HistoricalReportValue").objects.filter(report_id=carried.pk)
    assert {h.history_change_reason for h in history} == {
        "carried over from measurements recorded before reporting periods"
    }
    assert apps.get_model("actionplans", "HistoricalPeriodReport").objects.get(id=carried.pk).history_type == "+"

    from actionplans.carry_over import carry_over

    assert carry_over(apps) == {"reports": 0, "values": 0, "outside": 1, "left": 2}  # the second run writes nothing
    assert ReportValue.objects.count() == 3
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
