"""The back office's plan reports count accepted period reports only: drafts never, submitted values apart."""

from decimal import Decimal

from django.urls import reverse

from actionplans.models import Action, Indicator, PeriodReport, ReportActionStatus, ReportValue
from actionplans.reporting import schedule_apply
from actionplans.reports import report_export
from tests.backoffice.helpers import read_csv

# Quarterly: P1 accepted, P2 accepted, P3 submitted, P4 a draft. (added up, latest) values per period.
REPORTS = [("accepted", 10, 20), ("accepted", 5, 30), ("submitted", 7, 45), ("draft", 100, 90)]


def _reports(plan, coordinator):
    schedule_apply(plan=plan, frequency="quarterly", by=coordinator)
    trained = Indicator.objects.get(objective__plan=plan, name="People trained")
    share = Indicator.objects.get(objective__plan=plan, kind=Indicator.Kind.SHARE_OF_WOMEN)
    share.aggregation = Indicator.Aggregation.LATEST
    share.target_value = 40
    share.save()
    action = Action.objects.filter(objective__plan=plan).first()
    for period, (status, count, percent) in zip(plan.reporting_periods.order_by("number"), REPORTS, strict=True):
        report = PeriodReport.objects.create(period=period, status=status)
        ReportValue.objects.create(report=report, indicator=trained, value=count)
        ReportValue.objects.create(report=report, indicator=share, value=percent, women=percent, men=100 - percent)
        if status in ("submitted", "draft"):
            ReportActionStatus.objects.create(
                report=report, action=action, status="cancelled" if status == "draft" else "done"
            )
    return trained, share, action


def test_indicator_progress_adds_up_or_takes_the_latest_of_accepted_values_only(rplan_a, coordinator):
    _reports(rplan_a, coordinator)
    rows = {r["Indicator"]: r for r in read_csv(report_export(name="indicator-progress", file_format="csv"))}

    trained, share = rows["People trained"], rows["Share of women on the board"]
    # Added up: 10 + 5 accepted; the submitted 7 apart; the draft's 100 nowhere.
    assert (trained["Accepted value to date"], trained["Submitted, not accepted"]) == ("15.00", "7.00")
    assert trained["Accepted up to"] == "2026-06-30"
    assert trained["% of the way from baseline to target"] == "15.0"  # 15 of 100 from no baseline
    # Latest value: period 2's 30 (not the submitted 45, not the draft's 90).
    assert (share["Accepted value to date"], share["Submitted, not accepted"]) == ("30.00", "45.00")
    assert share["% of the way from baseline to target"] == "50.0"  # 20 -> 30 of the way to 40
    assert "100" not in trained.values() and "90.00" not in share.values()


def test_nothing_accepted_means_no_value_in_the_report(rplan_a, coordinator):
    _reports(rplan_a, coordinator)
    PeriodReport.objects.filter(status="accepted").update(status="submitted")
    rows = {r["Indicator"]: r for r in read_csv(report_export(name="indicator-progress", file_format="csv"))}
    assert rows["People trained"]["Accepted value to date"] == ""
    assert rows["People trained"]["% of the way from baseline to target"] == ""


def test_action_plan_progress_shows_the_accepted_status_and_the_submitted_one_apart(rplan_a, coordinator):
    _trained, _share, action = _reports(rplan_a, coordinator)
    rows = read_csv(report_export(name="action-plan-progress", file_format="csv"))
    row = next(r for r in rows if r["Action"] == action.title)
    # The action's own status moves only on acceptance; P3's submitted "done" is apart; P4's draft "cancelled"
    # appears nowhere.
    assert (row["Status"], row["Status submitted, not accepted"]) == ("Planned", "Done")
    assert "Cancelled" not in {value for r in rows for value in r.values()}


def test_accepting_moves_the_reports_by_exactly_the_accepted_values(rplan_a, coordinator):
    trained, _share, action = _reports(rplan_a, coordinator)
    PeriodReport.objects.get(period__number=3).accept(by=coordinator)
    rows = {r["Indicator"]: r for r in read_csv(report_export(name="indicator-progress", file_format="csv"))}
    assert rows["People trained"]["Accepted value to date"] == "22.00"  # 15 + 7
    assert rows["People trained"]["Submitted, not accepted"] == ""
    assert rows["Share of women on the board"]["Accepted value to date"] == "45.00"
    row = next(
        r
        for r in read_csv(report_export(name="action-plan-progress", file_format="csv"))
        if r["Action"] == action.title
    )
    assert (row["Status"], row["Status submitted, not accepted"]) == ("Done", "")
    assert Decimal(rows["People trained"]["Accepted value to date"]) == trained.combine_periods([10, 5, 7])


def test_the_reports_page_says_only_accepted_values_count(client_for, admin_user):
    html = client_for(admin_user).get(reverse("backoffice_reports")).content.decode()
    assert "values and action statuses from accepted period reports only" in html
    assert "Drafts never count" in html


def test_a_cumulative_indicator_takes_its_latest_accepted_value_to_date(rplan_a, coordinator):
    """Cumulative to date: each period reports the total so far, so the value to date is the latest accepted one
    (not the sum), in the report's SQL and in Indicator.combine_periods() alike."""
    trained, _share, _action = _reports(rplan_a, coordinator)
    trained.aggregation = Indicator.Aggregation.CUMULATIVE
    trained.save()
    rows = {r["Indicator"]: r for r in read_csv(report_export(name="indicator-progress", file_format="csv"))}
    # P1 10 and P2 5 accepted: 5 to date, not 15; the submitted 7 apart.
    assert (rows["People trained"]["Accepted value to date"], rows["People trained"]["Submitted, not accepted"]) == (
        "5.00",
        "7.00",
    )
    assert trained.combine_periods([Decimal(10), Decimal(5), None]) == Decimal(5)
    trained.aggregation = Indicator.Aggregation.SUM
    assert trained.combine_periods([Decimal(10), Decimal(5), None]) == Decimal(15)
