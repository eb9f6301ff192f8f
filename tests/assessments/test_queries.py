"""The assessment page and the suggestions page run a fixed number of queries whatever the size of the
questionnaire and of the programme."""

import pytest
from django.urls import reverse

from tests.assessments.conftest import make_assessment, make_organizations, make_questions

# The assessment page (/assessments/<pk>/) for its partner:
#   1-2  the session, the signed-in user
#   3    the user's own and group permissions, one query (is_coordinator, in for_user)
#   4    the assessment with its organization and validator (scoped to the user's organizations)
#   5    its answers with their questions (prefetched)
#   6    every validated assessment's points per content area (the previous one and the programme median)
#   7    the bell's unread count (every page)
# (Whether the user edits the organization is asked only of a draft; this one is validated.)
ASSESSMENT_PAGE_QUERIES = 7


@pytest.mark.parametrize(("per_area", "others"), [(1, 2), (4, 12)])
def test_assessment_page_queries_do_not_grow(per_area, others, client, org_a, partner, django_assert_num_queries):
    questions = make_questions(per_area=per_area)
    make_assessment(org_a, year=2024, levels=1, questions=questions)
    current = make_assessment(org_a, year=2025, levels=2, questions=questions)
    for organization in make_organizations(others):
        make_assessment(organization, levels=3, questions=questions)
    client.force_login(partner)
    with django_assert_num_queries(ASSESSMENT_PAGE_QUERIES):
        response = client.get(current.get_absolute_url())
    assert response.status_code == 200


# The assessment editor (/assessments/<pk>/edit/): 1-3 as above, 4-5 the assessment and answers, 6 the editor check,
# 7 the latest headcounts, 8 the bell.
EDITOR_QUERIES = 8


@pytest.mark.parametrize("per_area", [1, 4])
def test_editor_queries_do_not_grow(per_area, client, org_a, partner, django_assert_num_queries):
    questions = make_questions(per_area=per_area)
    draft = make_assessment(org_a, year=2025, status="draft", levels=None, questions=questions)
    client.force_login(partner)
    with django_assert_num_queries(EDITOR_QUERIES):
        response = client.get(reverse("assessments:edit", args=[draft.pk]))
    assert response.status_code == 200
