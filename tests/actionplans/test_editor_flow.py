"""The plan editor on a phone: a new objective takes its actions and indicators in the same save, the saved
page opens where the person was, and a returned plan's comment is at the top."""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, ReviewComment
from tests.actionplans.conftest import add_row, editor_data, make_plan


@pytest.fixture
def editor_client(client, partner):
    client.force_login(partner)
    return client


def test_a_new_objective_is_saved_with_its_actions_and_indicators_at_once(editor_client, plan_a):
    data = editor_data(plan_a)
    row = add_row(data, "objectives", title="Pay gap closed", content_area="recruitment")
    index = row.rsplit("-", 1)[1]
    data.update(
        {
            f"actions-new{index}-TOTAL_FORMS": 0,
            f"actions-new{index}-INITIAL_FORMS": 0,
            f"indicators-new{index}-TOTAL_FORMS": 0,
            f"indicators-new{index}-INITIAL_FORMS": 0,
        }
    )
    add_row(data, f"actions-new{index}", title="Publish the pay scale", status="planned")
    add_row(data, f"actions-new{index}", title="Audit salaries", status="planned")
    add_row(data, f"indicators-new{index}", name="Pay gap (%)", kind="count")
    data["return_to"] = f"objective-new{index}"
    response = editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data)
    objective = plan_a.objectives.get(title="Pay gap closed")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('actionplans:edit', args=[plan_a.pk])}#objective-{objective.pk}"
    assert [a.title for a in objective.actions.all()] == ["Publish the pay scale", "Audit salaries"]
    assert [i.name for i in objective.indicators.all()] == ["Pay gap (%)"]


def test_actions_under_a_new_objective_without_a_title_ask_for_the_title_and_save_nothing(editor_client, plan_a):
    data = editor_data(plan_a)
    row = add_row(data, "objectives", title="", content_area="")
    index = row.rsplit("-", 1)[1]
    data.update({f"actions-new{index}-TOTAL_FORMS": 0, f"actions-new{index}-INITIAL_FORMS": 0})
    add_row(data, f"actions-new{index}", title="Orphan action", status="planned")
    response = editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert 'value="Orphan action"' in response.content.decode()  # nothing typed is lost
    assert plan_a.objectives.count() == 1


@pytest.mark.parametrize(
    ("sent", "anchor"),
    [
        ("action-{action}", "action-{action}"),
        ("plan-header", "plan-header"),
        ("javascript:alert(1)", ""),
        ("objective-new9", ""),
    ],
)
def test_the_saved_editor_opens_where_the_person_was(editor_client, plan_a, sent, anchor):
    action = plan_a.objectives.get().actions.first()
    data = editor_data(plan_a)
    data["return_to"] = sent.format(action=action.pk)
    response = editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data)
    expected = reverse("actionplans:edit", args=[plan_a.pk]) + (f"#{anchor.format(action=action.pk)}" if anchor else "")
    assert response["Location"] == expected


def test_the_saved_rows_carry_the_anchors_the_save_returns_to(editor_client, plan_a):
    objective = plan_a.objectives.get()
    html = editor_client.get(reverse("actionplans:edit", args=[plan_a.pk])).content.decode()
    assert f'id="objective-{objective.pk}"' in html and 'id="plan-header"' in html
    for action in objective.actions.all():
        assert f'id="action-{action.pk}"' in html
    assert 'data-formset-placeholder="__objective__"' in html
    assert 'name="actions-new__objective__-TOTAL_FORMS"' in html  # "Add an objective" brings its own rows


def test_the_coordinators_return_comment_is_at_the_top_of_the_editor(editor_client, coordinator, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    plan.return_for_changes(by=coordinator, comment="Please add dates to every action.")
    html = editor_client.get(reverse("actionplans:edit", args=[plan.pk])).content.decode()
    assert "The coordinator returned the plan with this comment" in html
    assert html.index("Please add dates to every action.") < html.index('class="plan-editor"')
    assert ReviewComment.objects.count() == 1


def test_a_draft_shows_no_return_comment(editor_client, plan_a):
    html = editor_client.get(reverse("actionplans:edit", args=[plan_a.pk])).content.decode()
    assert "returned the plan with this comment" not in html
