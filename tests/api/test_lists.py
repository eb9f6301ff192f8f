"""Lists stay small whatever lies beneath their rows: a row carries counts of its nested rows (headcounts, attendance,
topics, findings, report values and action statuses), and one object (`/api/<list>/<id>/`) carries the rows."""

import datetime
import json

import pytest

from actionplans.models import Action, Indicator
from actionplans.models_reporting import PeriodReport, ReportActionStatus, ReportValue
from organizations.models import HeadcountSnapshot, Level
from sessions_log.models import Attendance


def _snapshots(organization, dates):
    for number in range(dates):
        for level in Level.values:
            HeadcountSnapshot.objects.create(
                organization=organization, as_of=datetime.date(2020, 1, 1 + number), level=level, women=1, men=2
            )


def _row(client, url, pk):
    rows = client.get(url).json()["results"]
    return next(row for row in rows if row["id"] == pk)


def test_an_organization_row_counts_its_headcounts_and_the_organization_lists_them(api, world, coordinator, org_a):
    _snapshots(org_a, 3)
    client = api(coordinator)
    row = _row(client, "/api/organizations/", org_a.pk)
    assert "headcounts" not in row
    assert row["headcounts_count"] == 1 + 3 * len(Level.values)
    assert row["kind_label"] and row["region_label"] is not None
    detail = client.get(f"/api/organizations/{org_a.pk}/").json()
    assert detail["headcounts_count"] == len(detail["headcounts"]) == 1 + 3 * len(Level.values)
    assert (
        client.get(f"/api/headcounts/?organization={org_a.pk}&page_size=500").json()["results"].__len__()
        == (row["headcounts_count"])
    )


def test_an_organization_row_keeps_its_size_from_2_to_102_snapshots(api, coordinator, org_a):
    client = api(coordinator)
    HeadcountSnapshot.objects.create(organization=org_a, as_of=datetime.date(2019, 1, 1), level=Level.GOVERNING)
    HeadcountSnapshot.objects.create(organization=org_a, as_of=datetime.date(2019, 1, 1), level=Level.MANAGEMENT)
    few = json.dumps(_row(client, "/api/organizations/", org_a.pk))
    _snapshots(org_a, 20)
    many = _row(client, "/api/organizations/", org_a.pk)
    assert many["headcounts_count"] == 102
    assert len(json.dumps(many)) == len(few) + 2  # "102" instead of "2"


def test_a_training_row_counts_attendance_participants_topics_and_findings(api, world, coordinator, org_a, org_b):
    training = world["training"]
    Attendance.objects.filter(session=training, organization=org_b).update(not_stated=2)
    client = api(coordinator)
    row = _row(client, "/api/trainings/", training.pk)
    assert {"facilitators", "attendance", "topics", "findings"}.isdisjoint(row)
    assert (row["attendance_count"], row["women"], row["men"], row["not_stated"]) == (2, 6, 2, 2)
    assert (row["topics_count"], row["findings_count"]) == (1, 1)
    detail = client.get(f"/api/trainings/{training.pk}/").json()
    assert len(detail["attendance"]) == 2 and sum(item["women"] for item in detail["attendance"]) == row["women"]
    assert len(detail["topics"]) == 1 and len(detail["findings"]) == 1
    assert detail["facilitators"] == [{"name": "International expert", "affiliation": "Partner NGO"}]


def test_a_training_without_attendance_counts_zero(api, coordinator):
    from tests.api.conftest import make_training

    training = make_training([])
    row = _row(api(coordinator), "/api/trainings/", training.pk)
    assert (row["attendance_count"], row["women"], row["men"], row["not_stated"]) == (0, 0, 0, 0)


def _report_rows(plan):
    report = PeriodReport.objects.get(period__plan=plan)
    ReportValue.objects.create(report=report, indicator=Indicator.objects.get(objective__plan=plan), value=30)
    for action in Action.objects.filter(objective__plan=plan):
        ReportActionStatus.objects.create(report=report, action=action, status="done")
    return report


def test_a_period_report_row_counts_values_and_statuses_and_the_report_lists_them(api, world, partner):
    report = _report_rows(world["plan_a"])
    client = api(partner)
    row = _row(client, "/api/period-reports/", report.pk)
    assert {"values", "action_statuses"}.isdisjoint(row)
    assert (row["values_count"], row["action_statuses_count"]) == (1, 2)
    detail = client.get(f"/api/period-reports/{report.pk}/").json()
    assert [value["value"] for value in detail["values"]] == ["30.00"]
    assert [status["status_label"] for status in detail["action_statuses"]] == ["Done", "Done"]


@pytest.mark.parametrize("role", ["partner", "partner_b"])
def test_partners_period_reports_and_counts_are_their_own(request, api, world, role):
    _report_rows(world["plan_a"])
    _report_rows(world["plan_b"])
    user = request.getfixturevalue(role)
    own = user.memberships.get().organization
    rows = api(user).get("/api/period-reports/").json()["results"]
    assert [row["id"] for row in rows] == [PeriodReport.objects.get(period__plan__organization=own).pk]
    assert (rows[0]["values_count"], rows[0]["action_statuses_count"]) == (1, 2)


def test_labels_follow_the_language_in_lists(api, world, coordinator):
    client = api(coordinator)
    plans = client.get("/api/plans/", HTTP_ACCEPT_LANGUAGE="ru").json()["results"]
    assert {row["status_label"] for row in plans} == {"Утверждён"}
    trainings = client.get("/api/trainings/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert trainings[0]["format_label"] == "Online"


def test_the_overdue_filter_splits_the_actions(api, world, partner):
    plan = world["plan_a"]
    done = Action.objects.filter(objective__plan=plan).first()
    done.status = Action.Status.DONE
    done.save()
    client = api(partner)
    overdue = {row["id"] for row in client.get("/api/actions/?overdue=true").json()["results"]}
    not_overdue = {row["id"] for row in client.get("/api/actions/?overdue=false").json()["results"]}
    everything = {row["id"] for row in client.get("/api/actions/").json()["results"]}
    assert done.pk in not_overdue and overdue and not overdue & not_overdue
    assert overdue | not_overdue == everything
    assert all(row["overdue"] for row in client.get("/api/actions/?overdue=true").json()["results"])
