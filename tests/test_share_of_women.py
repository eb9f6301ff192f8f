"""One rule for the share of women (core.figures.share_of_women): every place that shows it agrees.

1 woman of 16 people is 6.25 %: the rule rounds half up to one decimal, 6.3. Python's round() on the float
gives 6.2 and the measurement form stored 6.25 before, so this case tells the copies apart.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, Indicator, Measurement
from actionplans.services import indicator_baseline_from_headcount
from core.figures import share_of_women, whole_percent
from dashboard.charts import dashboard_drawings
from dashboard.selectors import dashboard_figures
from organizations.models import HeadcountSnapshot, Level
from sessions_log.models import Attendance, TrainingSession
from tests.actionplans.conftest import make_plan
from tests.backoffice.helpers import admin_export, read_csv

DAY = datetime.date(2026, 3, 2)
WOMEN, TOTAL = 1, 16
FIGURE = 6.3


def test_the_rule_on_hand_computed_cases():
    assert share_of_women(1, 16) == 6.3  # 6.25 rounds half up
    assert share_of_women(27, 34) == 79.4
    assert share_of_women(4, 5) == 80.0
    assert share_of_women(1, 3) == 33.3
    assert share_of_women(2, 3) == 66.7
    assert share_of_women(0, 7) == 0.0
    assert share_of_women(7, 7) == 100.0
    assert share_of_women(0, 0) is None
    assert [whole_percent(share) for share in (62.5, 12.5, 6.3, 0.0, 99.5)] == [63, 13, 6, 0, 100]


def test_the_participants_chart_label_and_the_card_round_the_same_share_alike(client_for, coordinator, org_a):
    """5 women of 8 is 62.5 %: the card (floatformat) and the chart label both say 63 %, not 62 on one of them."""
    session = TrainingSession.objects.create(title="Pay gap", start_date=DAY, end_date=DAY)
    Attendance.objects.create(session=session, organization=org_a, women=5, men=3, not_stated=0)
    figures = dashboard_figures(fetched_by=coordinator, year=2026, today=DAY)
    assert figures.reach_year.share_of_women == 62.5
    [column] = dashboard_drawings(figures)["participants_chart"].columns
    assert column.share_text == "63%"
    page = client_for(coordinator).get(reverse("dashboard:index") + "?year=2026").content.decode()
    assert "63% women" in page


@pytest.fixture
def same_people(org_a, coordinator):
    """Organization A: 1 woman and 15 men in management, and the same 16 at a training held in 2026."""
    HeadcountSnapshot.objects.create(organization=org_a, as_of=DAY, level=Level.MANAGEMENT, women=WOMEN, men=TOTAL - 1)
    session = TrainingSession.objects.create(
        title="Gender budgeting", start_date=DAY, end_date=DAY, status=TrainingSession.Status.HELD
    )
    Attendance.objects.create(session=session, organization=org_a, women=WOMEN, men=TOTAL - 1, not_stated=0)
    return session


def test_headcount_attendance_dashboard_measurement_baseline_and_export_show_the_same_share(
    client_for, org_a, coordinator, partner, admin_user, same_people
):
    session = same_people
    coordinator_client = client_for(coordinator)

    # The headcount profile on the organization page.
    assert HeadcountSnapshot.objects.get().share_of_women == FIGURE
    profile = coordinator_client.get(org_a.get_absolute_url()).content.decode()
    assert f"{FIGURE}%" in profile

    # The training's attendance summary.
    response = coordinator_client.get(session.get_absolute_url())
    assert response.context["summary"]["totals"]["share_of_women"] == FIGURE
    assert f"{FIGURE}%" in response.content.decode()

    # The dashboard: participants of the year and women in management.
    figures = dashboard_figures(fetched_by=coordinator, year=2026, today=DAY)
    assert figures.reach_year.share_of_women == FIGURE
    [management] = figures.decision_making
    assert management.latest_share == FIGURE
    assert str(FIGURE) in coordinator_client.get(reverse("dashboard:index") + "?year=2026").content.decode()

    # A share-of-women measurement recorded by the partner, and the baseline taken from the headcount.
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    indicator = Indicator.objects.get(objective__plan=plan)
    Indicator.objects.filter(pk=indicator.pk).update(level=Level.MANAGEMENT)
    indicator.refresh_from_db()
    response = client_for(partner).post(
        reverse("actionplans:measure", args=[plan.pk, indicator.pk]),
        {"date": "2026-09-01", "women": WOMEN, "total": TOTAL},
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=indicator, total=TOTAL)
    assert measurement.value == Decimal(str(FIGURE))
    indicator_baseline_from_headcount(indicator=indicator, organization=org_a)  # sets it; the editor saves it
    assert indicator.baseline_value == FIGURE

    # The measurements export.
    rows = [
        {k.lower(): v for k, v in row.items()}
        for row in read_csv(admin_export(client_for(admin_user), Measurement).content)
    ]
    assert [Decimal(row["value"]) for row in rows if row["total"] == str(TOTAL)] == [Decimal(str(FIGURE))]
