"""Coordinators keep the library of suggested objectives (with their indicator and actions) on a page of their own,
not only in the back office: what they add there is what a draft plan is offered."""

import pytest
from django.urls import reverse

from assessments.models import SuggestedAction, Suggestion
from tests.actionplans.conftest import make_plan
from tests.assessments.conftest import make_assessment

pytestmark = pytest.mark.django_db


def objective_data(**overrides):
    data = {
        "content_area": "gbv",
        "up_to": "developing",
        "order": 1,
        "title_en": "A harassment policy that people know",
        "title_ru": "Политика против домогательств, которую знают",
        "title_ky": "Баары билген куугунтуктоого каршы саясат",
        "indicator_en": "Self-assessment score: harassment",
        "baseline_source": "area_score",
        "headcount_level": "",
        "target_value": "60",
        "is_active": "on",
        "actions-TOTAL_FORMS": "2",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-order": "1",
        "actions-0-title_en": "Name a trusted person",
        "actions-0-title_ru": "Назначить доверенное лицо",
        "actions-1-order": "0",  # an empty row as the page gives it
        "actions-1-title_en": "",
    }
    data.update(overrides)
    return data


def test_a_coordinator_adds_an_objective_with_its_actions_and_a_draft_plan_is_offered_it(
    client, coordinator, partner, org_a, questions
):
    client.force_login(coordinator)
    assert client.get(reverse("assessments:suggestion_new")).status_code == 200
    response = client.post(reverse("assessments:suggestion_new"), objective_data())
    assert response["Location"] == reverse("assessments:library")
    suggestion = Suggestion.objects.get()
    assert (suggestion.content_area, suggestion.up_to, suggestion.indicator_en) == (
        "gbv",
        "developing",
        "Self-assessment score: harassment",
    )
    assert list(suggestion.actions.values_list("title_en", "title_ru")) == [
        ("Name a trusted person", "Назначить доверенное лицо")
    ]  # the empty row added nothing
    assert "A harassment policy that people know" in client.get(reverse("assessments:library")).content.decode()

    # gbv is the organization's weakest area (starting): the partner's draft plan is offered the new objective.
    make_assessment(org_a, levels=[2, 2, 2, 2, 2, 2, 0, 0, 2, 2, 2, 2, 2, 2], questions=questions)
    plan = make_plan(org_a)
    client.force_login(partner)
    page = client.get(reverse("assessments:suggestions", args=[plan.pk])).content.decode()
    assert "A harassment policy that people know" in page and "Name a trusted person" in page


def test_editing_changes_the_words_removes_an_action_and_adds_one(client, coordinator):
    suggestion = Suggestion.objects.create(content_area="gbv", title_en="Old", indicator_en="Score")
    kept = SuggestedAction.objects.create(suggestion=suggestion, order=1, title_en="Keep")
    gone = SuggestedAction.objects.create(suggestion=suggestion, order=2, title_en="Remove")
    client.force_login(coordinator)
    data = objective_data(
        title_en="New",
        **{
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "2",
            "actions-0-id": kept.pk,
            "actions-0-order": "1",
            "actions-0-title_en": "Keep",
            "actions-0-title_ru": "",
            "actions-1-id": gone.pk,
            "actions-1-order": "2",
            "actions-1-title_en": "Remove",
            "actions-1-DELETE": "on",
            "actions-2-order": "3",
            "actions-2-title_en": "Added",
        },
    )
    response = client.post(reverse("assessments:suggestion_edit", args=[suggestion.pk]), data)
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.title_en == "New"
    assert list(suggestion.actions.values_list("title_en", flat=True)) == ["Keep", "Added"]


def test_a_headcount_baseline_without_its_level_is_refused_beside_the_field(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("assessments:suggestion_new"), objective_data(baseline_source="headcount"))
    assert response.status_code == 200
    page = response.content.decode()
    error = page.index('id="error_1_id_headcount_level"')  # crispy's error under the level's select
    assert page.index("Choose the level whose headcount gives the baseline.", error) - error < 200
    assert not Suggestion.objects.exists() and not SuggestedAction.objects.exists()


def test_a_deactivated_objective_is_no_longer_offered(client, coordinator, partner, org_a, questions, suggestions):
    make_assessment(org_a, levels=0)
    plan = make_plan(org_a)
    leadership = next(s for s in suggestions if s.content_area == "leadership")
    client.force_login(coordinator)
    client.post(reverse("assessments:suggestion_toggle", args=[leadership.pk]))
    leadership.refresh_from_db()
    assert not leadership.is_active
    assert "deactivated" in client.get(reverse("assessments:library")).content.decode()
    client.force_login(partner)
    page = client.get(reverse("assessments:suggestions", args=[plan.pk])).content.decode()
    assert "Improve leadership" not in page and "Improve recruitment" in page


# The library page (/assessments/library/) for a coordinator:
#   1-2  the session, the signed-in user
#   3    the user's own and group permissions (coordinator_required)
#   4    the suggested objectives
#   5    their actions (prefetched)
#   6    the bell's unread count
LIBRARY_QUERIES = 6


@pytest.mark.parametrize("count", [2, 20])
def test_the_library_page_queries_do_not_grow(count, client, coordinator, django_assert_num_queries):
    for index in range(count):
        suggestion = Suggestion.objects.create(content_area="gbv", title_en=f"Objective {index}", indicator_en="S")
        SuggestedAction.objects.create(suggestion=suggestion, title_en=f"Action {index}")
    client.force_login(coordinator)
    with django_assert_num_queries(LIBRARY_QUERIES):
        response = client.get(reverse("assessments:library"))
    assert response.content.decode().count('class="list-group-item') == count
