"""The plans list, the plan page and the partner home cost the same number of queries at any size."""

import datetime

import pytest
from django.urls import reverse

from actionplans.models import Action, Evidence, Indicator, Measurement, Objective, ProgressUpdate
from actionplans.selectors import PLAN_PAGES_STAMP
from tests.actionplans.conftest import make_plan
from tests.kept import KEPT_QUERIES, draw_again


def _plans(organization, count):
    for number in range(count):
        make_plan(organization, title=f"Plan {number}", actions=2)


def _grow(plan, actions):
    """Add objectives, actions, indicators and measurements to `plan` until it has `actions` actions."""
    for number in range(actions - plan.objectives.get().actions.count()):
        objective = Objective.objects.create(plan=plan, title=f"Objective {number}", content_area="capacity")
        Action.objects.create(objective=objective, title=f"Action {number}", due_date=datetime.date(2026, 2, 1))
        indicator = Indicator.objects.create(objective=objective, name=f"Indicator {number}", kind="count")
        Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 5, 1), value=number)
        update = ProgressUpdate.objects.create(plan=plan, narrative=f"Update {number}")
        Evidence.objects.create(
            update=update, file="x.pdf", original_name="x.pdf", content_type="application/pdf", size=1
        )


# Plans list for a coordinator: session, user, coordinator permission check (1: own and group permissions), the
# reporting stamp (1), the plans page (1), its count for the paginator (1), the review-queue count (1), the bell's
# unread count (1). (8, was 10: the filter's organization and training pickers are search boxes that no longer list
# every row; the stamp's query came with the cache.)
LIST_QUERIES = 8
# Read again while nothing changed: the filters, the rows and the pages come from the cache, and so do the
# permissions read on the first visit (4 fewer).
LIST_CACHED_QUERIES = 4
# A partner's list: their organizations (1, the cache key's scope) and no review-queue count.
PARTNER_LIST_QUERIES = 8
PARTNER_LIST_CACHED_QUERIES = 5


@pytest.mark.parametrize("count", [3, 30])
def test_plans_list_queries_do_not_grow_with_the_number_of_plans(
    client, coordinator, org_a, django_assert_num_queries, count
):
    _plans(org_a, count)
    client.force_login(coordinator)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("actionplans:list"))
    assert response.content.decode().count('class="badge text-bg-secondary"') == count
    with django_assert_num_queries(LIST_CACHED_QUERIES):
        again = client.get(reverse("actionplans:list"))
    assert again.content.decode().count('class="badge text-bg-secondary"') == count


@pytest.mark.parametrize("count", [3, 30])
def test_partners_plans_list_queries_do_not_grow_with_the_number_of_plans(
    client, partner, org_a, org_b, django_assert_num_queries, count
):
    _plans(org_a, count)
    _plans(org_b, 2)
    client.force_login(partner)
    with django_assert_num_queries(PARTNER_LIST_QUERIES):
        response = client.get(reverse("actionplans:list"))
    assert response.content.decode().count('class="badge text-bg-secondary"') == count
    with django_assert_num_queries(PARTNER_LIST_CACHED_QUERIES):
        again = client.get(reverse("actionplans:list"))
    assert again.content.decode().count('class="badge text-bg-secondary"') == count


# Partner home: session, user, coordinator permission check (1), the reporting stamp (1), the person's organizations
# and roles (1, the cache key's scope), plans with action counts (1), their objectives (1), indicators with latest
# values (1), the user's editor memberships (1), reporting periods waiting for a report (1), the bell's unread count
# (1), "What needs me": the organizations the person edits (1), plans to complete (1), actions due within 14 days (1),
# the yearly self-assessment due again: approved plans of the organizations the person edits with each one's latest
# assessment year (1, added by config.views.home).
HOME_QUERIES = 15
# Read again while nothing changed: "What needs me", the reports to write and the plans come from the cache; the
# self-assessment due again (an app above, with a form) is read each time; the permissions come from the cache
# (9 fewer).
HOME_CACHED_QUERIES = 6


@pytest.mark.parametrize("count", [3, 30])
def test_partner_home_queries_do_not_grow_with_the_number_of_plans(
    client, partner, org_a, django_assert_num_queries, count
):
    _plans(org_a, count)
    client.force_login(partner)
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")
    assert response.content.decode().count("Share of women on the board") == count
    with django_assert_num_queries(HOME_CACHED_QUERIES):
        again = client.get("/")
    assert again.content.decode().count("Share of women on the board") == count


# Plan page: session, user, coordinator permission check (1), the plan with organization, training, approver and
# whether the user edits it (1), the reporting stamp (1), objectives, actions, indicators, measurements (4), progress
# updates, their evidence (2), review comments (1), history: plan, objectives, actions, indicators, measurements,
# period reports (6; the progress updates and the names are those the page read already), the reporting periods with
# their reports (1), the bell's unread count (1), the stamp of the plan's pages kept whole (1). (21, was 22: the
# history reuses what the page read; one permissions query.)
DETAIL_QUERIES = 21
# Drawn again while nothing it reads changed: everything below the buttons and the permissions come from the cache:
# session, user, the plan (1), the two stamps (2), the bell (1). A draft plan has no period to report on: the periods
# are not read. Seen again, the page is kept whole (KEPT_QUERIES).
DETAIL_CACHED_QUERIES = 6


@pytest.mark.parametrize("actions", [3, 30])
def test_plan_page_queries_do_not_grow_with_the_number_of_actions(
    client, partner, org_a, django_assert_num_queries, actions
):
    plan = make_plan(org_a, actions=1)
    _grow(plan, actions)
    client.force_login(partner)
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(plan.get_absolute_url())
    assert response.content.decode().count('id="action-') == actions
    draw_again(PLAN_PAGES_STAMP)
    with django_assert_num_queries(DETAIL_CACHED_QUERIES):
        again = client.get(plan.get_absolute_url())
    assert again.content.decode().count('id="action-') == actions
    with django_assert_num_queries(KEPT_QUERIES):
        kept = client.get(plan.get_absolute_url())
    assert kept.content.decode().count('id="action-') == actions


@pytest.mark.parametrize("actions", [3, 30])
def test_print_view_queries_do_not_grow_with_the_number_of_actions(
    client, partner, org_a, django_assert_num_queries, actions
):
    plan = make_plan(org_a, actions=1)
    _grow(plan, actions)
    client.force_login(partner)
    # As the plan page, without the history, the reporting periods and the kept pages' stamp (8 fewer).
    with django_assert_num_queries(DETAIL_QUERIES - 8):
        first = client.get(reverse("actionplans:print", args=[plan.pk]))
    # Read again while nothing changed: the document below its header comes from the cache (its rows, 7 fewer), and
    # so do the permissions (1).
    with django_assert_num_queries(DETAIL_QUERIES - 16):
        again = client.get(reverse("actionplans:print", args=[plan.pk]))
    assert again.content.decode().count("<tr><td>") == first.content.decode().count("<tr><td>") >= actions


# Plan editor: session, user, coordinator permission check (1), the plan with its organization and whether the user
# edits it (1), the reporting stamp (1), the objectives (1), all their actions (1) and all their indicators (1, not
# two per objective), the organization's latest headcounts (1), the bell's unread count (1), the stamp of the plan's
# pages kept whole (1).
EDITOR_QUERIES = 11
# Drawn again while nothing it shows has changed: the plan's fields come from the cache under the same stamp and
# version, so the objectives, actions and indicators (3) are not read, nor the permissions (1). (7, was 10.) Opened
# again, the page is kept whole (KEPT_QUERIES).
EDITOR_CACHED_QUERIES = 7


@pytest.mark.parametrize("objectives", [3, 30])
def test_plan_editor_queries_do_not_grow_with_the_number_of_objectives(
    client, partner, org_a, django_assert_num_queries, objectives
):
    plan = make_plan(org_a, actions=1)
    _grow(plan, objectives)
    client.force_login(partner)
    url = reverse("actionplans:edit", args=[plan.pk])
    with django_assert_num_queries(EDITOR_QUERIES):
        cold = client.get(url).content.decode()
    draw_again(PLAN_PAGES_STAMP)
    with django_assert_num_queries(EDITOR_CACHED_QUERIES):
        warm = client.get(url).content.decode()
    with django_assert_num_queries(KEPT_QUERIES):
        kept = client.get(url).content.decode()
    for html in (cold, warm, kept):
        assert html.count('class="card shadow-sm mb-3 objective-card"') == objectives
        assert html.count('id="action-') == objectives
        # One empty row of each kind for the whole page, whatever the number of objectives.
        assert html.count("<template") == 3
