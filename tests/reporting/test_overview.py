"""Who has reported: the grid, its counts and on-time rate, the filters, the exports, and its query count."""

import datetime
import io
from collections import Counter

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionPlan, PeriodReport, PeriodState, ReportingPeriod
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


# Session, user, coordinator permission check (1: own and group permissions), the reporting stamp (1), the counts
# per state with the on-time rate (1), the number of plans (1), the page's plans (1), their periods with plan,
# organization and report (1), the bell's unread count (1). The training filter is a search box that lists no
# trainings.
OVERVIEW_QUERIES = 9
# Read again while nothing changed: the counts and the grid come from the cache under the same stamp, and so do the
# permissions (5 fewer).
OVERVIEW_CACHED_QUERIES = 4


@pytest.mark.parametrize(("organizations", "periods_each"), [(20, 4), (200, 8)])
def test_overview_queries_do_not_grow_with_the_grid(
    client, coordinator, django_assert_num_queries, organizations, periods_each, today
):
    _grid(organizations, periods_each, coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = client.get(reverse("actionplans:reports"))
    page = response.content.decode()
    shown = min(organizations, 50)  # 50 plans a page
    assert page.count('class="badge') - len(PeriodState) >= shown * periods_each  # a link from every cell
    assert f"Accepted: {organizations * periods_each // 2}" in page  # the counts cover every page
    with django_assert_num_queries(OVERVIEW_CACHED_QUERIES):
        again = client.get(reverse("actionplans:reports")).content.decode()
    assert f"Accepted: {organizations * periods_each // 2}" in again


def test_the_grid_shows_a_report_accepted_at_once(client, coordinator, today):
    """The cached grid and counts are never shown after a write: a report accepted moves the counts on the next
    reading, under every filter."""
    _grid(4, 2, coordinator)
    client.force_login(coordinator)
    url = reverse("actionplans:reports")
    assert "Accepted: 4<" in client.get(url).content.decode()
    assert "Accepted: 4<" in client.get(url, {"region": Region.OSH}).content.decode()
    waiting = ReportingPeriod.objects.filter(report__isnull=True).first()
    PeriodReport.objects.create(period=waiting, status="accepted")
    assert "Accepted: 5<" in client.get(url).content.decode()
    assert "Accepted: 5<" in client.get(url, {"region": Region.OSH}).content.decode()
    assert "Accepted: 0<" in client.get(url, {"region": Region.BATKEN}).content.decode()


def test_the_grid_pages_by_50_plans_and_keeps_the_filters(client, coordinator, today):
    plans = _grid(120, 4, coordinator)
    client.force_login(coordinator)
    url = reverse("actionplans:reports")
    first = client.get(url, {"region": Region.OSH}).content.decode()
    assert "Organization 0049" in first and "Organization 0050" not in first
    assert "Page 1 of 3" in first and "region=osh&amp;page=2" in first
    last = client.get(url, {"region": Region.OSH, "page": 3}).content.decode()
    assert "Organization 0119" in last and "Organization 0099" not in last
    assert f"Accepted: {120 * 4 // 2}" in last
    assert plans[119].reporting_periods.get(number=1).get_absolute_url() in last
    # The CSV has every row, not a page.
    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert text.count("Organization 0") == 120 * 4


def test_the_state_counted_in_sql_is_the_one_each_cell_shows(client, coordinator, rplan_a, rplan_b, today):
    """Every state of ReportingPeriod.state() and its SQL twin (period_state_expression) agree, on_time too."""
    from actionplans.selectors import periods_overview

    cases = [("submitted", 1), ("returned", 2)]
    for status, number in cases:
        PeriodReport.objects.create(period=rplan_a.reporting_periods.get(number=number), status=status)
    PeriodReport.objects.create(period=rplan_b.reporting_periods.get(number=1), status="draft")
    for day in (datetime.date(2026, 6, 1), today, datetime.date(2026, 7, 16), datetime.date(2027, 2, 1)):
        overview = periods_overview(user=coordinator, today=day)
        python = Counter(
            p.state(day)
            for p in ReportingPeriod.objects.select_related("report")
            if p.plan_id in (rplan_a.pk, rplan_b.pk)
        )
        assert {s: n for s, _label, n in overview["counts"] if n} == dict(python), day
        assert [c[1] for r in overview["rows"] for c in r.cells if c] == [
            c[0].state(day) for r in overview["rows"] for c in r.cells if c
        ]


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


def test_the_year_and_training_filters(client, coordinator, rplan_a, rplan_b, today):
    """Year: periods that end in that year; training: plans launched from that training (the other filters are
    tested above)."""
    from actionplans.reporting import schedule_apply
    from sessions_log.models import TrainingSession

    ActionPlan.objects.filter(pk=rplan_b.pk).update(
        period_start=datetime.date(2027, 1, 1), period_end=datetime.date(2027, 12, 31)
    )
    rplan_b.refresh_from_db()
    schedule_apply(plan=rplan_b, frequency="yearly", by=coordinator)
    session = TrainingSession.objects.create(
        title="Gender budgeting", start_date=datetime.date(2025, 11, 1), end_date=datetime.date(2025, 11, 2)
    )
    ActionPlan.objects.filter(pk=rplan_a.pk).update(source_session=session)
    client.force_login(coordinator)
    url = reverse("actionplans:reports")
    a, b = rplan_a.organization.short_name, rplan_b.organization.short_name

    page = client.get(url, {"year": 2027}).content.decode()
    assert b in page and a not in page
    assert "Not yet open: 1" in page and "Open: 0" in page and "Due soon: 0" in page
    page = client.get(url, {"year": 2026}).content.decode()
    assert a in page and b not in page
    page = client.get(url, {"session": session.pk}).content.decode()
    assert a in page and b not in page
    assert rplan_a.reporting_periods.get(number=2).get_absolute_url() in page
    rows = list(csv_rows(client.get(url, {"format": "csv", "session": session.pk})))
    assert {r[0] for r in rows[1:]} == {rplan_a.organization.name} and len(rows) == 1 + 2


def csv_rows(response):
    import csv

    return csv.reader(io.StringIO(response.content.decode("utf-8-sig")))


def test_the_filters_drawn_once_show_what_is_chosen_and_a_training_renamed_since(client, coordinator, rplan_a, today):
    """The filter form is kept in the cache per query, day and language; renaming a training renews it."""
    from sessions_log.models import TrainingSession

    session = TrainingSession.objects.create(
        title="Gender budgeting", start_date=datetime.date(2025, 11, 1), end_date=datetime.date(2025, 11, 2)
    )
    client.force_login(coordinator)
    url = reverse("actionplans:reports")
    page = client.get(url, {"session": session.pk, "year": 2026}).content.decode()
    assert "Gender budgeting" in page and '<option value="2026" selected>' in page
    assert '<option value="2026" selected>' not in client.get(url).content.decode()  # another query, its own form
    session.title = "Gender-responsive budgeting"
    session.save()
    page = client.get(url, {"session": session.pk, "year": 2026}).content.decode()
    assert "Gender-responsive budgeting" in page and "Gender budgeting" not in page


def test_a_filter_value_that_is_not_a_choice_is_said_beside_it_and_the_others_still_apply(
    client, coordinator, rplan_a, rplan_b, today
):
    """?year=abc (a link typed by hand, an old bookmark) is refused beside the year filter and left out; the
    region chosen beside it still filters the grid and the export."""
    client.force_login(coordinator)
    url = reverse("actionplans:reports")
    region = rplan_b.organization.region
    response = client.get(url, {"year": "abc", "region": region})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_year_error"' in page and "abc is not one of the available choices" in page
    assert 'aria-describedby="id_year_error"' in page and 'aria-invalid="true"' in page
    assert rplan_b.organization.short_name in page and rplan_a.organization.short_name not in page
    assert 'id="id_region_error"' not in page
    rows = list(csv_rows(client.get(url, {"format": "csv", "year": "abc", "region": region})))
    assert {r[0] for r in rows[1:]} == {rplan_b.organization.name}
