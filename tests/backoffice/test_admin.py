"""The admin back office: every page opens, lists do not grow queries with rows, who may enter."""

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from actionplans.models import Action, ActionPlan, Indicator, Measurement, Objective
from sessions_log.models import Story
from tests.backoffice.factories import make_world

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MODEL_IDS = [model._meta.label for model, _model_admin in REGISTERED]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_superuser_opens_changelist_add_and_change_page_of_every_model(client_for, admin_user, rf, model, model_admin):
    world = make_world()
    client = client_for(admin_user)
    request = rf.get("/admin/")
    request.user = admin_user

    assert client.get(admin_url(model, "changelist")).status_code == 200
    # Third-party admins that offer no add page (django-axes' access logs) answer 403, as they should.
    expected_add = 200 if model_admin.has_add_permission(request) else 403
    assert client.get(admin_url(model, "add")).status_code == expected_add
    obj = world.get(model) or model.objects.first()
    if obj is not None or model._meta.app_label in ("organizations", "sessions_log", "actionplans"):
        assert client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("kept", [False, True], ids=["drawn", "kept"])
@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_changelist_query_count_does_not_grow_with_rows(client_for, admin_user, model, model_admin, kept):
    # Session, user, the count queries, the page of rows with its select_related joins and the filters'
    # choices: the same number for one row as for three (no query per row). Kept (core.admin.LongListMixin), the
    # page seen again costs the same few queries at any size too.
    client = client_for(admin_user)
    url = admin_url(model, "changelist")

    def visit():
        client.get(url)  # warm caches (content types, permissions, and the page itself)
        if not kept:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return queries

    make_world(1)
    one = visit()
    make_world(2)
    make_world(3)
    three = visit()
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]


def test_history_tracked_models_have_a_history_page(client_for, admin_user):
    world = make_world()
    client = client_for(admin_user)
    for tracked in (ActionPlan, Objective, Action, Indicator, Measurement):
        response = client.get(admin_url(tracked, "history", world[tracked].pk))
        assert response.status_code == 200
        assert "simple_history" in " ".join(t.name for t in response.templates if t.name)


def test_partner_is_refused_the_admin(client_for, partner):
    response = client_for(partner).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_partner_cannot_open_an_admin_list(client_for, partner):
    response = client_for(partner).get(reverse("admin:organizations_organization_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_permissions_sees_no_model(client_for, staff):
    client = client_for(staff)
    assert client.get(reverse("admin:organizations_organization_changelist")).status_code == 403
    assert client.get(reverse("admin:actionplans_action_export")).status_code == 403


def test_stories_have_no_export(client_for, admin_user):
    make_world()
    client = client_for(admin_user)
    response = client.get(admin_url(Story, "changelist"))
    assert response.status_code == 200
    assert b"export_link" not in response.content
    assert b"export_admin_action" not in response.content
    with pytest.raises(NoReverseMatch):
        admin_url(Story, "export")
    response = client.get("/admin/sessions_log/story/export/", follow=True)
    assert "Content-Disposition" not in response
