"""Staff without a model's permission learn nothing about which ids exist (issue 17, item 9).

Django's admin answered an existing object's change, delete or history page with 403 and a missing one with
a redirect, and its "view on site" shortcut redirected for existing objects: both told ids apart.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from actionplans.models import ActionPlan
from organizations.models import Organization
from tests.actionplans.conftest import make_plan


@pytest.mark.parametrize("view", ["change", "delete", "history"])
@pytest.mark.parametrize("model", [Organization, ActionPlan])
def test_object_pages_answer_404_alike_to_staff_without_permission(client_for, staff, org_a, model, view):
    existing = org_a if model is Organization else make_plan(org_a)
    client = client_for(staff)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    assert client.get(reverse(name, args=[existing.pk])).status_code == 404
    assert client.get(reverse(name, args=[existing.pk + 1000])).status_code == 404


def test_the_view_on_site_shortcut_answers_404_alike_to_staff_without_permission(client_for, staff, org_a):
    plan = make_plan(org_a)
    content_type = ContentType.objects.get_for_model(ActionPlan)
    client = client_for(staff)
    for pk in (plan.pk, plan.pk + 1000):
        assert client.get(reverse("admin:view_on_site", args=[content_type.pk, pk])).status_code == 404


def test_staff_with_the_view_permission_still_open_objects(client_for, admin_user, org_a):
    plan = make_plan(org_a)
    client = client_for(admin_user)
    assert client.get(reverse("admin:actionplans_actionplan_history", args=[plan.pk])).status_code == 200
    content_type = ContentType.objects.get_for_model(ActionPlan)
    response = client.get(reverse("admin:view_on_site", args=[content_type.pk, plan.pk]))
    assert response.status_code == 302
