"""The plan's life cycle as model methods: each step checks the status it starts from."""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, PlanWorkflowError, ReviewComment
from tests.actionplans.conftest import make_plan

S = ActionPlan.Status


@pytest.mark.parametrize(
    ("start", "step", "end"),
    [
        (S.DRAFT, "submit", S.SUBMITTED),
        (S.RETURNED, "submit", S.SUBMITTED),
        (S.SUBMITTED, "approve", S.APPROVED),
        (S.SUBMITTED, "return_for_changes", S.RETURNED),
        (S.APPROVED, "complete", S.COMPLETED),
        (S.APPROVED, "archive", S.ARCHIVED),
        (S.COMPLETED, "archive", S.ARCHIVED),
        (S.DRAFT, "archive", S.ARCHIVED),
    ],
)
def test_allowed_steps_move_the_plan_and_bump_its_version(org_a, coordinator, start, step, end):
    plan = make_plan(org_a, status=start)
    kwargs = {"comment": "Please add dates."} if step == "return_for_changes" else {}
    getattr(plan, step)(by=coordinator, **kwargs)
    plan.refresh_from_db()
    assert plan.status == end
    assert plan.version == 2  # an editor opened before the step can no longer save
    assert plan.history.first().history_user == coordinator


@pytest.mark.parametrize(
    ("start", "step"),
    [
        (S.SUBMITTED, "submit"),
        (S.APPROVED, "submit"),
        (S.DRAFT, "approve"),
        (S.RETURNED, "approve"),
        (S.APPROVED, "approve"),
        (S.DRAFT, "return_for_changes"),
        (S.DRAFT, "complete"),
        (S.SUBMITTED, "complete"),
        (S.SUBMITTED, "archive"),
        (S.ARCHIVED, "archive"),
    ],
)
def test_steps_from_the_wrong_status_raise_a_clear_error_and_change_nothing(org_a, coordinator, start, step):
    plan = make_plan(org_a, status=start)
    kwargs = {"comment": "x"} if step == "return_for_changes" else {}
    with pytest.raises(PlanWorkflowError, match="that step is not possible now"):
        getattr(plan, step)(by=coordinator, **kwargs)
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (start, 1)
    assert not ReviewComment.objects.exists()


def test_approve_records_who_and_when_and_a_review_comment(org_a, coordinator):
    plan = make_plan(org_a, status=S.SUBMITTED)
    plan.approve(by=coordinator, comment="Well done")
    assert plan.approved_by == coordinator and plan.approved_at is not None
    comment = plan.review_comments.get()
    assert (comment.decision, comment.text, comment.author) == (
        ReviewComment.Decision.APPROVED,
        "Well done",
        coordinator,
    )


def test_return_needs_a_comment_and_records_it(org_a, coordinator):
    plan = make_plan(org_a, status=S.SUBMITTED)
    with pytest.raises(PlanWorkflowError):
        plan.return_for_changes(by=coordinator, comment="  ")
    plan.return_for_changes(by=coordinator, comment="Add dates")
    assert plan.review_comments.get().decision == ReviewComment.Decision.RETURNED


def test_coordinator_completes_and_archives_through_the_page(client, coordinator, org_a):
    plan = make_plan(org_a, status=S.APPROVED)
    client.force_login(coordinator)
    response = client.post(reverse("actionplans:complete", args=[plan.pk]), follow=True)
    assert "The plan was marked completed." in response.content.decode()
    response = client.post(reverse("actionplans:complete", args=[plan.pk]), follow=True)
    assert "that step is not possible now" in response.content.decode()
    client.post(reverse("actionplans:archive", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == S.ARCHIVED


def test_review_page_is_only_for_submitted_plans(client, coordinator, org_a):
    plan = make_plan(org_a, status=S.DRAFT)
    client.force_login(coordinator)
    response = client.get(reverse("actionplans:review", args=[plan.pk]))
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
