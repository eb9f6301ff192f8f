"""The period report pages cost the same number of queries for 3 and 30 indicators and actions."""

import pytest
from django.urls import reverse

from actionplans.models import Action, Indicator, PeriodReport, ReportActionStatus, ReportValue


def _grow(plan, count):
    objective = plan.objectives.get()
    period = plan.reporting_periods.get(number=1)
    report = PeriodReport.objects.create(period=period, achieved="Done")
    for n in range(count):
        indicator = Indicator.objects.create(objective=objective, name=f"Indicator {n}", counts_people=True)
        ReportValue.objects.create(report=report, indicator=indicator, value=10, women=6, men=4)
        action = Action.objects.create(objective=objective, title=f"Action {n}")
        ReportActionStatus.objects.create(report=report, action=action, status="done")
    return report


# Session, user, coordinator permission check (2), the period with plan, organization and report (1), the
# report with its values, statuses, files (4), the period's targets (1), indicators (1), actions (1), the
# user's membership (1), history: report, values, statuses records, period numbers, indicator and action names (6).
DETAIL_QUERIES = 19


@pytest.mark.parametrize("count", [3, 30])
def test_report_page_queries(client, partner, rplan_a, django_assert_num_queries, count, today):
    _grow(rplan_a, count)
    client.force_login(partner)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(reverse("actionplans:report", args=[rplan_a.pk, 1]))
    assert response.content.decode().count('id="value-') == count + 2


# Session, user, coordinator permission check (2), the plan and the user's membership for the editor door (2),
# the period (1), the report with values, statuses, files (4), indicators (1), actions (1).
EDIT_QUERIES = 13


@pytest.mark.parametrize("count", [3, 30])
def test_report_edit_queries(client, partner, rplan_a, django_assert_num_queries, count, today):
    _grow(rplan_a, count)
    client.force_login(partner)
    with django_assert_num_queries(EDIT_QUERIES):
        response = client.get(reverse("actionplans:report_edit", args=[rplan_a.pk, 1]))
    assert response.content.decode().count('id="value-') == count + 2
