"""Partners' writes through the API follow the pages' rules and messages: the plan accepting progress, the version
guard (409 with the current version), the measurement form's rules, the headcount form's rules."""

import pytest

from actionplans.models import Action, ActionPlan, Indicator, Measurement
from organizations.models import HeadcountSnapshot


def _indicator(plan):
    return Indicator.objects.filter(objective__plan=plan).first()


def test_a_partner_records_a_share_of_women_and_the_value_is_computed(api, world, partner):
    indicator = _indicator(world["plan_a"])
    response = api(partner).post(
        f"/api/indicators/{indicator.pk}/measurements/",
        {"date": "2026-07-01", "women": 5, "total": 10, "note": "From HR"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    measurement = Measurement.objects.get(pk=response.json()["id"])
    assert measurement.value == 50 and measurement.recorded_by == partner
    assert measurement.history.first().history_user == partner


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"date": "2026-07-01", "women": 11, "total": 10}, "women", "There cannot be more women than people in total."),
        ({"date": "2026-07-01", "women": 0, "total": 0}, "total", "Count at least one person."),
        ({"date": "2026-07-01", "value": 40}, "women", "This field is required."),
    ],
)
def test_a_wrong_measurement_gets_the_pages_message_beside_the_field(api, world, partner, payload, field, message):
    indicator = _indicator(world["plan_a"])
    response = api(partner).post(
        f"/api/indicators/{indicator.pk}/measurements/", payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert message in response.json()[field]
    assert Measurement.objects.count() == 2


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "completed", "archived"])
def test_progress_is_refused_with_409_unless_the_plan_is_approved(api, world, partner, status):
    plan = world["plan_a"]
    ActionPlan.objects.filter(pk=plan.pk).update(status=status)
    client = api(partner)
    action = Action.objects.filter(objective__plan=plan).first()
    measured = client.post(
        f"/api/indicators/{_indicator(plan).pk}/measurements/",
        {"date": "2026-07-01", "women": 1, "total": 2},
        content_type="application/json",
    )
    status_set = client.patch(f"/api/actions/{action.pk}/", {"status": "done"}, content_type="application/json")
    for response in (measured, status_set):
        assert response.status_code == 409
        assert response.json()["detail"] == "Progress is recorded once the plan is approved."
    action.refresh_from_db()
    assert action.status == "planned" and Measurement.objects.count() == 2


def test_a_stale_plan_version_is_a_409_with_the_current_version(api, world, partner):
    plan = world["plan_a"]
    plan.refresh_from_db()
    action = Action.objects.filter(objective__plan=plan).first()
    client = api(partner)
    stale = client.patch(
        f"/api/actions/{action.pk}/",
        {"status": "done", "plan_version": plan.version + 5},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": "Someone else changed this plan while you were editing it. Nothing of your save was written.",
        "current_version": plan.version,
    }
    fresh = client.patch(
        f"/api/actions/{action.pk}/", {"status": "done", "plan_version": plan.version}, content_type="application/json"
    )
    assert fresh.status_code == 200
    assert fresh.json()["status"] == "done" and fresh.json()["status_label"] == "Done"


def test_an_unknown_action_status_is_a_400(api, world, partner):
    action = Action.objects.filter(objective__plan=world["plan_a"]).first()
    response = api(partner).patch(f"/api/actions/{action.pk}/", {"status": "finished"}, content_type="application/json")
    assert response.status_code == 400 and "status" in response.json()


def test_only_status_is_written_on_an_action(api, world, partner):
    action = Action.objects.filter(objective__plan=world["plan_a"]).first()
    response = api(partner).patch(
        f"/api/actions/{action.pk}/", {"status": "in_progress", "title": "Renamed"}, content_type="application/json"
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == "in_progress" and action.title != "Renamed"


def test_a_partner_sends_a_headcount_and_a_second_one_on_the_same_date_is_refused(api, world, partner, org_a):
    client = api(partner)
    payload = {
        "as_of": "2026-06-30",
        "source": "HR system",
        "levels": [{"level": "management", "women": 3, "men": 5}, {"level": "governing", "women": 2, "men": 2}],
    }
    first = client.post(f"/api/organizations/{org_a.pk}/headcounts/", payload, content_type="application/json")
    assert first.status_code == 201
    assert {row["level"]: row["share_of_women"] for row in first.json()} == {"management": 37.5, "governing": 50.0}
    again = client.post(f"/api/organizations/{org_a.pk}/headcounts/", payload, content_type="application/json")
    assert again.status_code == 400
    assert sorted(again.json()["as_of"]) == [
        "Governing body already has a snapshot on this date.",
        "Management and decision-making already has a snapshot on this date.",
    ]
    assert HeadcountSnapshot.objects.filter(organization=org_a).count() == 3


def test_a_headcount_with_a_level_twice_is_refused(api, world, partner, org_a):
    level = {"level": "management", "women": 3, "men": 5}
    response = api(partner).post(
        f"/api/organizations/{org_a.pk}/headcounts/",
        {"as_of": "2026-06-30", "levels": [level, level]},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json() == {"levels": ["Give each level once."]}


def test_a_plan_closed_while_the_write_waits_is_a_409_and_nothing_is_written(api, world, partner, monkeypatch):
    """The service checks "accepts progress" again under the plan's lock: a plan completed meanwhile refuses."""
    from actionplans import services

    plan = world["plan_a"]
    real_lock = services._lock_plan_for_progress

    def closed_meanwhile(plan_id):
        ActionPlan.objects.filter(pk=plan_id).update(status=ActionPlan.Status.COMPLETED)
        return real_lock(plan_id)

    monkeypatch.setattr(services, "_lock_plan_for_progress", closed_meanwhile)
    response = api(partner).post(
        f"/api/indicators/{_indicator(plan).pk}/measurements/",
        {"date": "2026-07-01", "women": 1, "total": 2},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == "Progress is recorded once the plan is approved."
    assert Measurement.objects.count() == 2


def test_a_partner_writes_a_period_report_and_a_stale_version_is_a_409(api, world, partner):
    from actionplans.models_reporting import PeriodReport, ReportingPeriod

    plan = world["plan_a"]
    period = ReportingPeriod.objects.get(plan=plan)
    indicator = _indicator(plan)
    action = Action.objects.filter(objective__plan=plan).first()
    client = api(partner)
    body = {
        "version": 1,
        "achieved": "Quota adopted",
        "values": [{"indicator": indicator.pk, "value": "40", "women": 4, "men": 6}],
        "statuses": [{"action": action.pk, "status": "done"}],
    }
    saved = client.put(f"/api/periods/{period.pk}/report/", body, content_type="application/json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == 2 and saved.json()["values"][0]["women"] == 4
    assert saved.json()["action_statuses"][0]["status"] == "done"
    stale = client.put(f"/api/periods/{period.pk}/report/", body, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": "Someone else changed this report while you were editing it. Nothing of your save was written.",
        "current_version": 2,
    }
    assert PeriodReport.objects.get(period=period).achieved == "Quota adopted"


def test_a_period_report_row_of_another_plan_is_a_404(api, world, partner):
    from actionplans.models_reporting import PeriodReport, ReportingPeriod

    period = ReportingPeriod.objects.get(plan=world["plan_a"])
    theirs = _indicator(world["plan_b"])
    response = api(partner).put(
        f"/api/periods/{period.pk}/report/",
        {"version": 1, "values": [{"indicator": theirs.pk, "value": "1"}]},
        content_type="application/json",
    )
    assert response.status_code == 404  # as the pages: another plan's rows are not there for this report
    assert response.json() == {"detail": "That row is not one of this plan's."}
    assert not PeriodReport.objects.filter(period=period, values__indicator=theirs).exists()
