"""A plan's history shows only what happened while a row belonged to that plan (issue 17, item 1).

Rows moved to another organization's plan used to carry their later renames and measurements, with the
other organization's people's names, back onto the first plan's page.
"""

import datetime

import pytest
from django.urls import reverse

from actionplans.history import plan_history
from actionplans.models import Action, ActionPlan, Indicator, Measurement, Objective, ProgressUpdate
from tests.actionplans.conftest import make_plan
from tests.actionplans.test_admin_writes import _admin_change_post, admin_url


def _texts(plan):
    return " | ".join(f"{entry.who}: {entry.text}" for entry in plan_history(plan))


def _as(user, instance, **changes):
    """Save `instance` with `changes`, recorded in the history as done by `user` (as the pages record it)."""
    for name, value in changes.items():
        setattr(instance, name, value)
    instance._history_user = user
    instance.save()


@pytest.fixture
def moved_indicator(plan_a, plan_b, partner_b):
    """Plan A's indicator moved (by an older back office) to plan B, then renamed and measured there by B."""
    indicator = Indicator.objects.get(objective__plan=plan_a)
    _as(None, indicator, objective=Objective.objects.get(plan=plan_b))
    _as(partner_b, indicator, name="Secret indicator of B")
    measurement = Measurement(
        indicator=indicator, date=datetime.date(2026, 9, 1), value=77, women=7, total=10, recorded_by=partner_b
    )
    _as(partner_b, measurement)
    return indicator


def test_a_row_moved_to_another_organizations_plan_takes_its_later_history_with_it(
    client_for, partner, partner_b, plan_a, plan_b, moved_indicator
):
    history_a = _texts(plan_a)
    assert "Share of women on the board" in history_a  # what happened while it was plan A's stays
    assert "Secret indicator of B" not in history_a
    assert "77" not in history_a
    assert "partner_b" not in history_a

    page = client_for(partner).get(reverse("actionplans:detail", args=[plan_a.pk])).content.decode()
    assert "Secret indicator of B" not in page and "partner_b" not in page

    # Plan B's history shows the rename and the measurement made while the row was B's.
    history_b = _texts(plan_b)
    assert "Secret indicator of B" in history_b and "77" in history_b


def test_a_moved_objective_takes_its_actions_later_history_with_it(partner_b, plan_a, plan_b):
    objective = Objective.objects.get(plan=plan_a)
    _as(None, objective, plan=plan_b)
    action = Action.objects.filter(objective=objective).first()
    _as(partner_b, action, title="Secret action of B")
    _as(partner_b, objective, title="Secret objective of B")

    history_a = _texts(plan_a)
    assert "Secret" not in history_a and "partner_b" not in history_a
    assert "More women on the board" in history_a
    # Plan B tells what happened to the objective since it came, not what it was called at A's.
    history_b = _texts(plan_b)
    assert "Secret objective of B" in history_b


# --- the back office refuses to move a row between plans of different organizations -----------------


def _other_plan_of(organization):
    return make_plan(organization, title="Another plan", status=ActionPlan.Status.APPROVED)


@pytest.mark.parametrize(
    ("model", "field", "target"),
    [
        (Objective, "plan", lambda plan: plan),
        (Action, "objective", lambda plan: plan.objectives.first()),
        (Indicator, "objective", lambda plan: plan.objectives.first()),
        (Measurement, "indicator", lambda plan: Indicator.objects.filter(objective__plan=plan).first()),
    ],
)
def test_the_admin_refuses_to_move_a_row_to_another_organizations_plan(
    client_for, admin_user, plan_a, plan_b, org_a, model, field, target
):
    row = model.objects.for_user(admin_user).filter(**{_plan_path(model): plan_a}).first()
    client = client_for(admin_user)
    url = admin_url(model, "change", row.pk)

    response = _admin_change_post(client, url, **{field: target(plan_b).pk})
    assert response.status_code == 200
    assert "another organization" in str(response.context["adminform"].form.errors)
    row.refresh_from_db()
    assert _plan_of(row) == plan_a

    # Within the same organization a row may still move (a plan replaced by the next year's).
    other_a = _other_plan_of(org_a)
    response = _admin_change_post(client, url, **{field: target(other_a).pk})
    assert response.status_code == 302
    row.refresh_from_db()
    assert _plan_of(row) == other_a


def test_the_admin_refuses_to_move_a_progress_update_or_a_plan_to_another_organization(
    client_for, admin_user, plan_a, plan_b, org_b, partner
):
    client = client_for(admin_user)
    update = ProgressUpdate.objects.create(
        plan=plan_a, date=datetime.date(2026, 7, 1), narrative="Done", author=partner
    )
    response = _admin_change_post(client, admin_url(ProgressUpdate, "change", update.pk), plan=plan_b.pk)
    assert response.status_code == 200
    update.refresh_from_db()
    assert update.plan == plan_a

    response = _admin_change_post(client, admin_url(ActionPlan, "change", plan_a.pk), organization=org_b.pk)
    assert response.status_code == 200
    assert "another organization" in str(response.context["adminform"].form.errors)
    plan_a.refresh_from_db()
    assert plan_a.organization != org_b


def _plan_path(model):
    return {Objective: "plan", Action: "objective__plan", Indicator: "objective__plan"}.get(
        model, "indicator__objective__plan"
    )


def _plan_of(row):
    if isinstance(row, Objective):
        return row.plan
    if isinstance(row, Measurement):
        return row.indicator.objective.plan
    return row.objective.plan
