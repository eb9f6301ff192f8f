"""Back-office writes to plans: workflow fields stay with the workflow, and every save moves the plan's version."""

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.models import Action, ActionPlan
from tests.actionplans.conftest import editor_data


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def editor_client(partner):
    """The partner's own browser, beside the back office's."""
    client = Client()
    client.force_login(partner)
    return client


def _admin_change_post(client, url, **changes):
    """POST the admin change form back as the page shows it (every inline included), with `changes`."""
    context = client.get(url).context
    data = {}
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        forms += formset.forms
    for form in forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if hasattr(value, "pk"):
                value = value.pk
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    data.update(changes)
    return client.post(url, data)


def test_an_admin_save_of_a_plan_moves_its_version_so_an_open_editor_is_refused(
    client_for, admin_user, editor_client, plan_a
):
    opened = editor_data(plan_a)  # a partner opened the editor before the back office changed the plan
    response = _admin_change_post(client_for(admin_user), admin_url(ActionPlan, "change", plan_a.pk), title="Renamed")
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    plan_a.refresh_from_db()
    assert plan_a.title == "Renamed" and plan_a.version == 2

    opened["plan-title"] = "The partner's title"
    assert editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), opened).status_code == 409
    plan_a.refresh_from_db()
    assert plan_a.title == "Renamed"


def test_an_admin_save_of_an_action_moves_its_plans_version(client_for, admin_user, plan_a):
    action = Action.objects.filter(objective__plan=plan_a).first()
    response = _admin_change_post(client_for(admin_user), admin_url(Action, "change", action.pk), title="Renamed")
    assert response.status_code == 302
    plan_a.refresh_from_db()
    assert plan_a.version == 2


def test_the_admin_cannot_change_a_plans_workflow_fields(client_for, admin_user, coordinator, plan_a):
    client = client_for(admin_user)
    url = admin_url(ActionPlan, "change", plan_a.pk)
    form = client.get(url).context["adminform"].form
    assert not {"status", "approved_by", "approved_at", "version"} & set(form.fields)

    response = _admin_change_post(
        client, url, status=ActionPlan.Status.APPROVED, approved_by=coordinator.pk, approved_at="2026-01-01 10:00"
    )
    assert response.status_code == 302
    plan_a.refresh_from_db()
    assert plan_a.status == ActionPlan.Status.DRAFT and plan_a.approved_by is None and plan_a.approved_at is None
