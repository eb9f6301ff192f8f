"""The whole reporting cycle through the pages: approve with a schedule, draft, submit, send back, accept."""

import datetime
from decimal import Decimal

from django.urls import reverse

from actionplans.models import (
    ActionPlan,
    Indicator,
    PeriodReport,
    ReportingPeriod,
    ReportValue,
)
from tests.actionplans.conftest import make_plan


def report_data(plan, report=None, **values):
    """The POST of the report page: every indicator's value fields and every action's status."""
    data = {"version": report.version if report else 0, "achieved": "", "obstacles": "", "next_steps": ""}
    for objective in plan.objectives.all():
        for action in objective.actions.all():
            data[f"action-{action.pk}-status"] = action.status
    data.update(values)
    return data


def test_approving_with_a_quarterly_schedule_lays_out_the_periods(client, coordinator, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    client.force_login(coordinator)
    response = client.post(
        reverse("actionplans:review", args=[plan.pk]),
        {"decision": "approve", "comment": "", "schedule-frequency": "quarterly", "schedule-due_days": "20"},
    )
    assert response.status_code == 302
    periods = list(ReportingPeriod.objects.filter(plan=plan).order_by("number"))
    assert [(p.start, p.end) for p in periods] == [
        (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)),
        (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30)),
        (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
    ]
    assert periods[0].due == datetime.date(2026, 4, 20)


def test_custom_dates_outside_the_plan_are_refused_beside_the_field(client, coordinator, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    client.force_login(coordinator)
    response = client.post(
        reverse("actionplans:review", args=[plan.pk]),
        {"decision": "approve", "schedule-frequency": "custom", "schedule-due_days": "15",
         "schedule-custom_ends": "2026-03-31, 2027-03-31"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "fall outside the plan" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED  # nothing half-written
    assert not ReportingPeriod.objects.filter(plan=plan).exists()


def downstream(client):
    """What the coordinator's dashboard (2026) and the back office's indicator reports show."""
    import csv
    import io
    import re

    from actionplans.reports import report_export

    page = client.get("/", {"year": 2026}).content.decode()
    people = page[page.index('id="people-reported"') :][:600]
    numbers = re.search(
        r"<strong>([\d.]+)</strong>\s*· women (\d+) · men (\d+) · not stated (\d+)", " ".join(people.split())
    )
    card = page[page.index('id="reporting"') :]
    accepted = re.search(r"Accepted</dt><dd[^>]*>(\d+)<", card).group(1)

    def rows(name):
        text = report_export(name=name, file_format="csv").decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    progress = {
        r["Indicator"]: (
            r["Accepted value to date"], r["Submitted, not accepted"], r["% of the way from baseline to target"]
        )
        for r in rows("indicator-progress")
    }  # fmt: skip
    periods = {
        (r["Indicator"], r["Period"]): (r["Status"], r["Accepted value"], r["Submitted, not accepted"])
        for r in rows("indicator-periods")
    }
    return {"people": numbers.groups(), "accepted": accepted, "progress": progress, "periods": periods}


def progress_of(indicator, value):
    return str(indicator.progress_percent(Decimal(value)))


def test_the_whole_cycle(client, partner, coordinator, rplan_a, today):
    plan = rplan_a
    share, people = Indicator.objects.filter(objective__plan=plan).order_by("pk")
    edit_url = reverse("actionplans:report_edit", args=[plan.pk, 1])

    client.force_login(partner)
    # A draft with only one value; submitting lists what is missing with a link to it.
    data = report_data(plan, **{f"value-{people.pk}-value": "12", f"value-{people.pk}-women": "7",
                                f"value-{people.pk}-men": "5", "submit": "1"})  # fmt: skip
    response = client.post(edit_url, data)
    assert response.status_code == 302
    page = client.get(edit_url).content.decode()
    assert f"{edit_url}#value-{share.pk}" in page
    report = PeriodReport.objects.get(period__plan=plan, period__number=1)
    assert report.status == PeriodReport.Status.DRAFT

    # Parts that do not add up: the message is beside the field and nothing is written.
    data = report_data(plan, report, **{f"value-{people.pk}-value": "12", f"value-{people.pk}-women": "7",
                                        f"value-{people.pk}-men": "4", f"value-{people.pk}-not_stated": "0",
                                        f"value-{share.pk}-women": "3", f"value-{share.pk}-men": "6"})  # fmt: skip
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "The parts add up to 11, but the total is 12." in response.content.decode()

    data[f"value-{people.pk}-not_stated"] = "1"
    data["submit"] = "1"
    assert client.post(edit_url, data).status_code == 302
    report.refresh_from_db()
    assert report.status == PeriodReport.Status.SUBMITTED
    assert ReportValue.objects.get(report=report, indicator=share).value == Decimal("33.3")

    # The coordinator sends it back; the partner sees the comment at the top.
    client.force_login(coordinator)
    review_url = reverse("actionplans:report_review", args=[plan.pk, 1])
    client.post(review_url, {"decision": "send_back", "comment": "The board count looks old."})
    client.force_login(partner)
    assert "The board count looks old." in client.get(edit_url).content.decode()
    report.refresh_from_db()
    data = report_data(plan, report, **{f"value-{people.pk}-value": "12", f"value-{people.pk}-women": "7",
                                        f"value-{people.pk}-men": "5", f"value-{share.pk}-women": "4",
                                        f"value-{share.pk}-men": "6", "submit": "1"})  # fmt: skip
    assert client.post(edit_url, data).status_code == 302

    client.force_login(coordinator)
    before = downstream(client)
    # Submitted, not accepted: nothing counts yet; the report's values are shown apart.
    assert before["people"] == ("0", "0", "0", "0") and before["accepted"] == "0"
    assert before["progress"]["People trained"][:2] == ("", "12.00")
    assert before["periods"][("People trained", "1")] == ("Submitted", "", "12.00")
    client.post(review_url, {"decision": "accept"})
    report.refresh_from_db()
    assert report.status == PeriodReport.Status.ACCEPTED

    # Accepting moves the dashboard and the reports by exactly the accepted values, and nothing else.
    after = downstream(client)
    assert after["people"] == ("12", "7", "5", "0") and after["accepted"] == "1"
    assert after["progress"]["People trained"] == ("12.00", "", "12.0")  # 12 of the target 100
    assert after["progress"]["Share of women on the board"] == ("40.00", "", progress_of(share, "40"))
    assert after["periods"][("People trained", "1")] == ("Accepted", "12.00", "")
    assert after["periods"][("Share of women on the board", "1")] == ("Accepted", "40.00", "")
    assert {k: v for k, v in after["periods"].items() if k[1] == "2"} == {
        k: v for k, v in before["periods"].items() if k[1] == "2"
    }

    # The period is locked: the partner is told who accepted it.
    client.force_login(partner)
    response = client.post(edit_url, data, follow=True)
    assert "This period is locked: Cora Coordinator accepted its report" in response.content.decode()
    assert ReportValue.objects.get(report=report, indicator=share).women == 4


def test_plan_page_shows_values_against_period_targets_accepted_only(client, partner, coordinator, rplan_a, today):
    from actionplans.models import PeriodTarget

    plan = rplan_a
    people = Indicator.objects.get(objective__plan=plan, name="People trained")
    first, second = plan.reporting_periods.order_by("number")
    PeriodTarget.objects.create(indicator=people, period=first, value=40)
    accepted = PeriodReport.objects.create(period=first, status="accepted")
    ReportValue.objects.create(report=accepted, indicator=people, value=30, women=20, men=10)
    submitted = PeriodReport.objects.create(period=second, status="submitted")
    ReportValue.objects.create(report=submitted, indicator=people, value=25)
    client.force_login(partner)
    page = client.get(plan.get_absolute_url()).content.decode()
    figure = page[page.index(f'aria-labelledby="periods-caption-{people.pk}"') :]
    figure = figure[: figure.index("</figure>")]
    assert "Submitted, not counted yet" in figure
    # Only the accepted 30 counts towards the total to date, not the submitted 25.
    assert "Accepted to date</th><td></td><td>30" in figure
    # Two bars: the accepted one, and the submitted one lighter (plan.css).
    assert figure.count("<rect") == 2 and figure.count(' class="s"><title>') == 1


def test_dashboard_counts_accepted_values_only(client, coordinator, rplan_a, rplan_b, today):
    people_a = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    people_b = Indicator.objects.get(objective__plan=rplan_b, name="People trained")
    accepted = PeriodReport.objects.create(period=rplan_a.reporting_periods.get(number=1), status="accepted")
    ReportValue.objects.create(report=accepted, indicator=people_a, value=12, women=7, men=5)
    submitted = PeriodReport.objects.create(period=rplan_b.reporting_periods.get(number=1), status="submitted")
    ReportValue.objects.create(report=submitted, indicator=people_b, value=100, women=50, men=50)
    client.force_login(coordinator)

    def reported():
        page = client.get("/", {"year": 2026}).content.decode()
        return page[page.index('id="people-reported"') :][:400]

    assert "<strong>12</strong>" in reported() and "women 7" in reported()
    submitted.accept(by=coordinator)
    assert "<strong>112</strong>" in reported() and "women 57" in reported()


def test_indicator_report_has_one_row_per_indicator_and_period_with_accepted_values(rplan_a, coordinator, today):
    """One row per indicator x period: target, accepted value with every part (sex, age band, disability),
    status; a submitted value apart."""
    from actionplans.models import PeriodTarget
    from actionplans.reports import report_export
    from tests.backoffice.helpers import read_csv

    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    first = rplan_a.reporting_periods.get(number=1)
    PeriodTarget.objects.create(indicator=people, period=first, value=15)
    report = PeriodReport.objects.create(period=first, status="submitted")
    ReportValue.objects.create(
        report=report, indicator=people, value=12, women=7, men=5, age_under_30=4, age_30_54=6, age_55_over=2,
        with_disability=1,
    )  # fmt: skip

    def row():
        rows = read_csv(report_export(name="indicator-periods", file_format="csv"))
        assert len(rows) == 2 * 2  # two indicators by two periods
        found = next(r for r in rows if r["Indicator"] == "People trained" and r["Period"] == "1")
        return {k: v for k, v in found.items() if k not in ("Organization", "Plan", "Indicator", "Start", "End")}

    parts = {"Women": "7", "Men": "5", "Not stated": "", "Under 30": "4", "30 to 54": "6", "55 and over": "2",
             "With a disability": "1"}  # fmt: skip
    nothing = dict.fromkeys(parts, "")
    assert row() == {"Values over periods": "Added up over periods", "Period": "1", "Status": "Submitted",
                     "Target for the period": "15.00", "Accepted value": "", **nothing,
                     "Submitted, not accepted": "12.00"}  # fmt: skip  # not accepted yet: apart
    report.accept(by=coordinator)
    assert row() == {"Values over periods": "Added up over periods", "Period": "1", "Status": "Accepted",
                     "Target for the period": "15.00", "Accepted value": "12.00", **parts,
                     "Submitted, not accepted": ""}  # fmt: skip
