"""Archiving and completing ask first, and a coordinator can bring a plan back with the reason kept."""

import pytest
from django.urls import reverse

from actionplans.history import plan_history
from actionplans.models import ActionPlan, PlanWorkflowError
from tests.actionplans.conftest import make_plan

S = ActionPlan.Status


@pytest.mark.parametrize(
    ("step", "status", "button"), [("archive", S.DRAFT, "Archive the plan"), ("complete", S.APPROVED, "Mark completed")]
)
def test_archive_and_complete_ask_first_and_change_nothing_until_confirmed(
    client_for, coordinator, org_a, step, status, button
):
    plan = make_plan(org_a, status=status)
    page = client_for(coordinator).get(reverse(f"actionplans:{step}", args=[plan.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and f">{button}</button>" in html
    assert html.index('class="btn btn-primary"') < html.index(">Cancel</a>")  # primary first
    plan.refresh_from_db()
    assert plan.status == status


def test_the_plan_page_links_to_the_confirm_pages_instead_of_acting_in_one_click(client_for, coordinator, org_a):
    plan = make_plan(org_a, status=S.APPROVED)
    html = client_for(coordinator).get(plan.get_absolute_url()).content.decode()
    assert f'href="{reverse("actionplans:archive", args=[plan.pk])}"' in html
    assert f'href="{reverse("actionplans:complete", args=[plan.pk])}"' in html
    assert f'action="{reverse("actionplans:archive", args=[plan.pk])}"' not in html


@pytest.mark.parametrize("start", [S.DRAFT, S.RETURNED, S.APPROVED])
def test_restoring_an_archived_plan_brings_back_its_previous_status(client_for, coordinator, org_a, start):
    plan = make_plan(org_a, status=start)
    plan.archive(by=coordinator)
    client = client_for(coordinator)
    assert "Restore…" in client.get(plan.get_absolute_url()).content.decode()
    response = client.post(
        reverse("actionplans:restore", args=[plan.pk]), {"reason": "Archived by mistake"}, follow=True
    )
    plan.refresh_from_db()
    assert plan.status == start
    assert "The plan was restored to its previous status." in response.content.decode()
    latest = plan_history(plan)[0]
    assert "Archived by mistake" in latest.text and latest.who == "Cora Coordinator"


def test_a_plan_completed_archived_and_restored_twice_goes_back_to_approved(coordinator, org_a):
    plan = make_plan(org_a, status=S.APPROVED)
    plan.complete(by=coordinator)
    plan.archive(by=coordinator)
    plan.restore(by=coordinator, reason="Not finished with it")
    assert plan.status == S.COMPLETED
    plan.restore(by=coordinator, reason="Still running")
    assert plan.status == S.APPROVED


def test_restoring_needs_a_reason_and_an_archived_or_completed_plan(client_for, coordinator, org_a):
    plan = make_plan(org_a, status=S.ARCHIVED)
    response = client_for(coordinator).post(reverse("actionplans:restore", args=[plan.pk]), {"reason": " "})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == S.ARCHIVED
    draft = make_plan(org_a, status=S.DRAFT, title="Live")
    with pytest.raises(PlanWorkflowError):
        draft.restore(by=coordinator, reason="why")
    response = client_for(coordinator).post(
        reverse("actionplans:restore", args=[draft.pk]), {"reason": "x"}, follow=True
    )
    assert "that step is not possible now" in response.content.decode()


@pytest.mark.parametrize("size", [1, 8])
@pytest.mark.parametrize(("step", "status"), [("archive", S.DRAFT), ("complete", S.APPROVED), ("restore", S.COMPLETED)])
def test_the_confirm_and_restore_pages_take_a_fixed_number_of_queries(
    client_for, coordinator, org_a, step, status, size, django_assert_num_queries
):
    """A plan with more actions and more history costs no query more on its confirm page."""
    plan = make_plan(org_a, status=S.APPROVED, actions=size)
    for number in range(size):
        plan.title = f"Plan {number}"
        plan.save()  # a history entry each
    if status == S.COMPLETED:
        plan.complete(by=coordinator)
    else:
        ActionPlan.objects.filter(pk=plan.pk).update(status=status)
    client = client_for(coordinator)
    # session, user, permissions (1), the plan with its organization, the bell
    with django_assert_num_queries(5):
        assert client.get(reverse(f"actionplans:{step}", args=[plan.pk])).status_code == 200
