"""Who has reported: the grid, its counts and on-time rate, the filters, the exports, and its query count."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, PeriodReport, ReportingPeriod
from actionplans.periods import periods_layout
from organizations.models import Organization, OrganizationKind, Region


def _grid(organizations, periods_each, coordinator):
    """`organizations` approved plans with `periods_each` quarterly periods; every other period has a report."""
    orgs = Organization.objects.bulk_create(
        Organization(name=f"Organization {n:04}", kind=OrganizationKind.LOCAL_CSO, region=Region.OSH)
        for n in range(organizations)
    )
    start = datetime.date(2025, 1, 1)
    end = datetime.date(2025 + periods_each // 4, 12, 31) if periods_each > 4 else datetime.date(2025, 12, 31)
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(organization=o, title="Plan", period_start=start, period_end=end, status="approved") for o in orgs
    )
    layout = periods_layout(start=start, end=end, frequency="quarterly")[:periods_each]
    periods = ReportingPeriod.objects.bulk_create(
        ReportingPeriod(plan=p, number=n, start=s, end=e, due=d)
        for p in plans
        for n, (s, e, d) in enumerate(layout, start=1)
    )
    submitted = timezone.make_aware(datetime.datetime(2025, 4, 10))
    PeriodReport.objects.bulk_create(
        PeriodReport(period=p, status="accepted", first_submitted_at=submitted, submitted_at=submitted)
        for p in periods[::2]
    )
    return plans


# Session, user, coordinator permission check (2: user perms, group perms), the periods with their plan,
# organization and report (1), the bell's unread count (1). (6, was 7: the training filter is a search box that
# no longer lists every training.)
OVERVIEW_QUERIES = 6


@pytest.mark.parametrize(("organizations", "periods_each"), [(20, 4), (200, 8)])
def test_overview_queries_do_not_grow_with_the_grid(
    client, coordinator, django_assert_num_queries, organizations, periods_each, today
):
    _grid(organizations, periods_each, coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = client.get(reverse("actionplans:reports"))
    page = response.content.decode()
    assert page.count("/reports/") >= organizations * periods_each  # a link from every cell
    assert f"Accepted: {organizations * periods_each // 2}" in page


def test_counts_on_time_rate_filters_and_exports(client, coordinator, rplan_a, rplan_b, partner, today):
    report = PeriodReport.objects.create(
        period=rplan_a.reporting_periods.get(number=1), status="submitted",
        first_submitted_at=timezone.make_aware(datetime.datetime(2026, 7, 1)),
    )  # fmt: skip
    client.force_login(coordinator)
    url = reverse("actionplans:reports")
    page = client.get(url).content.decode()
    # Period 1 of A submitted on time; period 1 of B not submitted and not yet overdue (due 15 July): 100 %.
    assert "Submitted: 1" in page and "Due soon: 1" in page and "Open: 2" in page
    assert "On time: <strong>100 %</strong>" in page
    assert report.period.get_absolute_url() in page

    page = client.get(url, {"region": rplan_b.organization.region}).content.decode()
    assert rplan_b.organization.short_name in page and rplan_a.organization.short_name not in page
    page = client.get(url, {"state": "submitted"}).content.decode()
    assert "Submitted: 1" in page and "Open: 0" in page

    csv = client.get(url, {"format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Women's Initiative Osh" in text and "Submitted" in text
    xlsx = client.get(url, {"format": "xlsx", "kind": rplan_a.organization.kind})
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0][0] == "Organization" and {r[0] for r in rows[1:]} == {"Women's Initiative Osh"}


def test_overdue_counts_against_the_on_time_rate(client, coordinator, rplan_a, monkeypatch):
    from django.utils import timezone as tz

    real = tz.localdate
    monkeypatch.setattr(tz, "localdate", lambda value=None, timezone=None: datetime.date(2026, 8, 1) if value is None
                        else real(value, timezone))  # fmt: skip
    client.force_login(coordinator)
    page = client.get(reverse("actionplans:reports")).content.decode()
    assert "Overdue: 1" in page and "On time: <strong>0 %</strong>" in page
