"""One rule for an indicator's progress: every place that shows it shows the same figure for the same indicator."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, Indicator, Measurement, indicator_progress
from actionplans.reporting import measurements_carry_over, schedule_apply
from tests.backoffice.helpers import admin_export, read_csv, read_xlsx


def test_the_rule_on_hand_computed_cases():
    assert indicator_progress(baseline=Decimal(20), value=Decimal(30), target=Decimal(40)) == 50.0
    assert indicator_progress(baseline=Decimal(20), value=Decimal(10), target=Decimal(40)) == -50.0
    assert indicator_progress(baseline=Decimal(10), value=Decimal(5), target=Decimal(0)) == 50.0  # a target below
    assert indicator_progress(baseline=Decimal(20), value=Decimal(50), target=Decimal(40)) == 150.0
    assert indicator_progress(baseline=Decimal(20), value=None, target=Decimal(40)) is None
    assert indicator_progress(baseline=Decimal(20), value=Decimal(30), target=None) is None
    # No baseline counts from zero.
    assert indicator_progress(baseline=None, value=Decimal(30), target=Decimal(40)) == 75.0
    # Keeping a level: reached or not.
    assert indicator_progress(baseline=Decimal(20), value=Decimal(20), target=Decimal(20)) == 100.0
    assert indicator_progress(baseline=Decimal(20), value=Decimal(15), target=Decimal(20)) == 0.0
    assert indicator_progress(baseline=Decimal(1), value=Decimal(2), target=Decimal(4)) == 33.3


@pytest.fixture
def approved_without_baseline(plan_a, coordinator):
    """Plan A approved, its indicator with no baseline: target 40, latest value 30 (so 75 % from zero)."""
    ActionPlan.objects.filter(pk=plan_a.pk).update(status=ActionPlan.Status.APPROVED)
    indicator = Indicator.objects.get(objective__plan=plan_a)
    Indicator.objects.filter(pk=indicator.pk).update(baseline_value=None, baseline_date=None, target_value=40)
    Measurement.objects.filter(indicator=indicator).delete()
    Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 6, 1), value=30, women=3, total=10)
    # Reports count accepted values only: laid out in periods, the measurement becomes period 1's accepted value.
    schedule_apply(plan=plan_a, frequency="half_yearly", by=coordinator)
    assert measurements_carry_over(plans=[plan_a])["values"] == 1
    return plan_a


def test_plan_page_print_view_and_report_show_the_same_progress(
    client_for, partner, coordinator, admin_user, approved_without_baseline
):
    plan = approved_without_baseline
    figure = "75 %"
    assert figure in client_for(partner).get(reverse("actionplans:detail", args=[plan.pk])).content.decode()
    assert figure in client_for(partner).get(reverse("actionplans:print", args=[plan.pk])).content.decode()

    client = client_for(admin_user)
    csv_rows = read_csv(admin_export(client, Indicator, resource=1).content)
    xlsx_rows, _cells = read_xlsx(admin_export(client, Indicator, resource=1, file_format="xlsx").content)
    column = "% of the way from baseline to target"
    assert [row[column] for row in csv_rows] == ["75.0"]
    assert [row[column] for row in xlsx_rows] == [75.0]
