"""The plan page below its buttons is drawn once per reporting stamp, plan, kind of reader, day and language: a write
shows on the next visit, and nobody gets a page drawn for another kind of reader or in another language."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from actionplans import services
from actionplans.models import ActionPlan, Indicator, ProgressUpdate
from tests.actionplans.conftest import make_plan
from tests.kept import KEPT_QUERIES

WAITS = "This plan waits for your review."
WITH_COORDINATOR = "The plan is with the coordinator for review."
FIRST_OBJECTIVE = "Add the first objective"


def test_a_measurement_recorded_on_its_page_shows_on_the_next_visit(client_for, coordinator, partner, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    indicator = Indicator.objects.get(objective__plan=plan)
    assert "1 measurement<" in client_for(coordinator).get(plan.get_absolute_url()).content.decode()
    client = client_for(partner)
    url = reverse("actionplans:measure", args=[plan.pk, indicator.pk])
    token = client.get(url).context["form"]["form_token"].value()
    data = {"date": "2026-07-01", "women": 4, "total": 10, "form_token": token}
    assert client.post(url, data).status_code == 302
    assert "2 measurements<" in client_for(coordinator).get(plan.get_absolute_url()).content.decode()


def test_a_progress_update_and_a_return_show_on_the_next_visit(client_for, coordinator, partner, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    client = client_for(partner)
    assert "Canteen opened for the creche" not in client.get(plan.get_absolute_url()).content.decode()
    ProgressUpdate.objects.create(plan=plan, narrative="Canteen opened for the creche", author=partner)
    assert "Canteen opened for the creche" in client.get(plan.get_absolute_url()).content.decode()
    services.plan_return(plan=plan, by=coordinator, comment="Give each action a person in charge")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Returned for changes." in page
    assert "Give each action a person in charge" in page


def test_a_write_that_is_rolled_back_keeps_the_cached_page(client_for, partner, org_a, django_assert_num_queries):
    from django.db import transaction

    plan = make_plan(org_a)
    client = client_for(partner)
    client.get(plan.get_absolute_url())
    with pytest.raises(RuntimeError), transaction.atomic():
        ProgressUpdate.objects.create(plan=plan, narrative="Never kept", author=partner)
        raise RuntimeError
    with django_assert_num_queries(KEPT_QUERIES):  # the page kept whole: nothing it reads was written
        page = client.get(plan.get_absolute_url()).content.decode()
    assert "Never kept" not in page


def test_the_coordinators_page_is_not_shown_to_a_partner_and_back(client_for, coordinator, partner, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    assert WAITS in client_for(coordinator).get(plan.get_absolute_url()).content.decode()
    page = client_for(partner).get(plan.get_absolute_url()).content.decode()
    assert WITH_COORDINATOR in page
    assert WAITS not in page
    assert WAITS in client_for(coordinator).get(plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize("first", ["partner", "viewer"])
def test_an_editor_and_a_viewer_each_get_their_own_page(client_for, request, org_a, first):
    plan = make_plan(org_a)
    plan.objectives.all().delete()
    people = {who: request.getfixturevalue(who) for who in ("partner", "viewer")}  # before any visit
    pages = {}
    for who in (first, "viewer" if first == "partner" else "partner", first):
        pages.setdefault(who, []).append(client_for(people[who]).get(plan.get_absolute_url()).content.decode())
    assert all(FIRST_OBJECTIVE in page for page in pages["partner"])
    assert all(FIRST_OBJECTIVE not in page and "No objectives yet." in page for page in pages["viewer"])


def test_a_partner_of_another_organization_gets_404_from_a_warm_cache(client_for, partner, partner_b, org_a):
    plan = make_plan(org_a)
    assert client_for(partner).get(plan.get_absolute_url()).status_code == 200
    assert client_for(partner_b).get(plan.get_absolute_url()).status_code == 404


def test_a_russian_visit_after_an_english_one_is_in_russian(client_for, partner, org_a):
    plan = make_plan(org_a)
    client = client_for(partner)
    with translation.override("ru"):
        russian = gettext("Statement of intent")
    assert russian != "Statement of intent"
    assert "Statement of intent" in client.get(plan.get_absolute_url()).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(plan.get_absolute_url()).content.decode()
    assert russian in page
    assert "Statement of intent" not in page


def test_an_action_due_yesterday_is_overdue_on_the_cached_page_tomorrow(client_for, coordinator, org_a, monkeypatch):
    """The page cached today says nothing overdue; the next day's page is drawn again and says so."""
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED, actions=1)
    action = plan.objectives.get().actions.get()
    client = client_for(coordinator)
    day = action.due_date
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)
    assert ">overdue<" not in client.get(plan.get_absolute_url()).content.decode()
    day = action.due_date + datetime.timedelta(days=1)
    assert ">overdue<" in client.get(plan.get_absolute_url()).content.decode()


# --- The plans list -------------------------------------------------------------------------------------------


def test_a_plan_submitted_shows_in_the_list_on_the_next_visit(client_for, coordinator, partner, org_a):
    plan = make_plan(org_a)
    client = client_for(coordinator)
    url = reverse("actionplans:list")
    assert "plan waits for review" not in client.get(url).content.decode()
    assert 'class="table-warning"' not in client.get(url, {"status": "submitted"}).content.decode()
    services.plan_submit(plan=plan, by=partner)
    assert "1 plan waits for review" in client.get(url).content.decode()
    assert 'class="table-warning"' in client.get(url, {"status": "submitted"}).content.decode()


def test_each_partner_and_the_coordinator_get_their_own_list(client_for, coordinator, partner, partner_b, org_a, org_b):
    make_plan(org_a, title="Plan of A")
    make_plan(org_b, title="Plan of B")
    url = reverse("actionplans:list")
    for _round in range(2):
        of_a = client_for(partner).get(url).content.decode()
        of_b = client_for(partner_b).get(url).content.decode()
        everyone = client_for(coordinator).get(url).content.decode()
        assert "Plan of A" in of_a and "Plan of B" not in of_a
        assert "Plan of B" in of_b and "Plan of A" not in of_b
        assert "Plan of A" in everyone and "Plan of B" in everyone


def test_the_list_follows_its_filters_and_the_language(client_for, coordinator, org_a):
    make_plan(org_a, title="Draft plan")
    make_plan(org_a, title="Approved plan", status=ActionPlan.Status.APPROVED)
    client = client_for(coordinator)
    url = reverse("actionplans:list")
    assert "Draft plan" in client.get(url).content.decode()
    only_approved = client.get(url, {"status": "approved"}).content.decode()
    assert "Approved plan" in only_approved and "Draft plan" not in only_approved
    with translation.override("ru"):
        russian = gettext("Action plans")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert f"{russian}</h1>" in client.get(url).content.decode()


# --- A partner's home ---------------------------------------------------------------------------------------------


def test_a_measurement_shows_on_the_partners_home_on_the_next_visit(client_for, partner, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    indicator = Indicator.objects.get(objective__plan=plan)
    client = client_for(partner)
    assert "measured 1 Sep 2026" not in client.get("/").content.decode()
    indicator.measurements.create(date=datetime.date(2026, 9, 1), value=50, women=5, total=10, recorded_by=partner)
    assert "measured 1 Sep 2026" in client.get("/").content.decode()


def test_a_plan_returned_shows_in_what_needs_me_on_the_next_visit(client_for, coordinator, partner, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    client = client_for(partner)
    assert "Plans to complete and submit" not in client.get("/").content.decode()
    services.plan_return(plan=plan, by=coordinator, comment="Name a person for each action")
    page = client.get("/").content.decode()
    assert "Plans to complete and submit" in page
    assert "Name a person for each action" in page


@pytest.mark.parametrize("first", ["partner", "viewer", "partner_b"])
def test_each_partner_gets_their_own_home_from_a_warm_cache(client_for, request, org_a, org_b, first):
    make_plan(org_a, title="Plan of A")
    make_plan(org_b, title="Plan of B")
    people = {who: request.getfixturevalue(who) for who in ("partner", "viewer", "partner_b")}  # before any visit
    order = [first] + [who for who in people if who != first]
    pages = {who: client_for(people[who]).get("/").content.decode() for who in order}
    assert "Continue editing" in pages["partner"] and "Plan of B" not in pages["partner"]
    assert "Continue editing" not in pages["viewer"] and "Plan of A" in pages["viewer"]
    assert "Plans to complete and submit" not in pages["viewer"]  # viewers have nothing to do
    assert "Plan of B" in pages["partner_b"] and "Plan of A" not in pages["partner_b"]


def test_a_russian_home_after_an_english_one(client_for, partner, org_a):
    make_plan(org_a)
    client = client_for(partner)
    with translation.override("ru"):
        russian = gettext("Open the plan")
    assert "Open the plan" in client.get("/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get("/").content.decode()
    assert russian in page and "Open the plan" not in page


# --- The print view and the PDF -----------------------------------------------------------------------------------


def test_the_print_view_shows_a_change_and_the_language_asked_for(client_for, partner, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    client = client_for(partner)
    url = reverse("actionplans:print", args=[plan.pk])
    assert "Quota for women on the board 1" in client.get(url, {"language": "en"}).content.decode()
    action = plan.objectives.get().actions.get(order=0)
    action.title = "Quota for women in the council"
    action.save()
    assert "Quota for women in the council" in client.get(url, {"language": "en"}).content.decode()
    with translation.override("ru"):
        russian = gettext("Statement of intent")
    page = client.get(url, {"language": "ru"}).content.decode()
    assert russian in page and "Statement of intent" not in page
