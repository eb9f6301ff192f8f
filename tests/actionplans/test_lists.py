"""The plans list (filters, review queue) and the partner home (progress, overdue, latest values)."""

import datetime

from django.urls import reverse

from actionplans.models import Action, ActionPlan, Indicator, Measurement
from organizations.models import OrganizationKind
from sessions_log.models import TrainingSession
from tests.actionplans.conftest import make_plan


def _titles(response):
    return [plan.title for plan in response.context["plans"]]


def test_review_queue_comes_first_for_coordinators(client, coordinator, org_a, org_b):
    make_plan(org_a, title="A draft")
    make_plan(org_b, title="B submitted", status=ActionPlan.Status.SUBMITTED)
    client.force_login(coordinator)
    response = client.get(reverse("actionplans:list"))
    assert _titles(response)[0] == "B submitted"
    assert "1 plan waits for review" in response.content.decode()


def test_coordinator_filters_by_status_organization_kind_session_and_overdue(client, coordinator, org_a, org_b):
    session = TrainingSession.objects.create(title="Nov 2021", start_date="2021-11-16", end_date="2021-11-16")
    make_plan(org_a, title="A after session", source_session=session)
    make_plan(org_b, title="B approved", status=ActionPlan.Status.APPROVED)
    on_time = make_plan(org_b, title="B on time")
    Action.objects.filter(objective__plan=on_time).update(due_date=datetime.date.today() + datetime.timedelta(days=30))
    client.force_login(coordinator)
    url = reverse("actionplans:list")
    assert _titles(client.get(url, {"status": "approved"})) == ["B approved"]
    assert _titles(client.get(url, {"organization": org_a.pk})) == ["A after session"]
    assert _titles(client.get(url, {"kind": OrganizationKind.STATE_BODY})) == ["B approved", "B on time"]
    assert _titles(client.get(url, {"source_session": session.pk})) == ["A after session"]
    assert _titles(client.get(url, {"overdue": "false"})) == ["B on time"]
    assert set(_titles(client.get(url, {"overdue": "true"}))) == {"A after session", "B approved"}


def test_partners_list_shows_their_own_plans_and_no_organization_filters(client, partner, org_a, org_b):
    make_plan(org_a, title="Ours")
    make_plan(org_b, title="Theirs")
    client.force_login(partner)
    response = client.get(reverse("actionplans:list"))
    assert _titles(response) == ["Ours"]
    assert set(response.context["filter"].form.fields) == {"status", "overdue"}
    # A filter value naming another organization is refused, not used to reveal anything.
    assert _titles(client.get(reverse("actionplans:list"), {"organization": org_b.pk})) == ["Ours"]


def test_partner_home_shows_progress_overdue_and_latest_values(client, partner, org_a):
    plan = make_plan(org_a, actions=4)  # all due 1 Mar 2026, so overdue unless done or cancelled
    actions = list(Action.objects.filter(objective__plan=plan))
    actions[0].status = Action.Status.DONE
    actions[0].save()
    actions[1].status = Action.Status.CANCELLED
    actions[1].save()
    indicator = Indicator.objects.get(objective__plan=plan)
    Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 9, 1), value=35, women=7, total=20)
    client.force_login(partner)
    page = client.get("/").content.decode()
    assert "1 of 4 actions done (25 %)" in page
    assert "2 overdue actions" in page
    assert "35&nbsp;%" in page and "40&nbsp;%" in page  # latest value and target
    assert "measured 1 Sep 2026" in page
    assert 'aria-valuenow="75"' in page  # from 20 % towards 40 %: 35 % is three quarters of the way


def test_viewer_home_offers_no_editing(client, viewer, org_a):
    make_plan(org_a)
    client.force_login(viewer)
    page = client.get("/").content.decode()
    assert "Open the plan" in page
    assert "Continue editing" not in page


def test_partner_without_plans_is_told_where_they_come_from(client, partner):
    client.force_login(partner)
    assert "Your organization has no action plan yet." in client.get("/").content.decode()
