"""The scoring rules on cases worked out by hand (assessments/scoring.py holds them in one place)."""

import pytest

from assessments import scoring
from assessments.models import Answer, Maturity
from assessments.selectors import assessment_comparison, assessment_for_page
from tests.assessments.conftest import make_assessment, make_organizations, make_questions


@pytest.mark.parametrize(
    ("levels", "score"),
    [
        ([0, 0, 0], 0),
        ([3, 3, 3], 100),
        ([3, 2, 1], 67),  # 6 of 9 points = 66.7
        ([1, 1], 33),  # 2 of 6 = 33.3
        ([2, 1], 50),  # 3 of 6
        ([1, 0, 0, 0], 8),  # 1 of 12 = 8.3
        ([3, 2, 2, 2, 2, 2, 2, 2], 71),  # 17 of 24 = 70.8
        ([None, 3], 50),  # no level counts as missing
    ],
)
def test_area_score_is_points_over_the_most_possible(levels, score):
    assert scoring.area_score(levels) == score


def test_half_points_round_up():
    # 15 of 24 points = 62.5 -> 63 (Python's round() would give 62).
    assert scoring.score_from_points(15, 8) == 63


def test_overall_is_the_mean_of_areas_whatever_their_number_of_questions():
    assert scoring.overall_score({"leadership": 100, "gbv": 0, "capacity": 50}) == 50
    assert scoring.overall_score({"leadership": 67, "gbv": 33}) == 50
    assert scoring.overall_score({"leadership": 33, "gbv": 34}) == 34  # 33.5 rounds up
    assert scoring.overall_score({}) is None


@pytest.mark.parametrize(
    ("score", "maturity"),
    [
        (0, Maturity.STARTING),
        (24, Maturity.STARTING),
        (25, Maturity.DEVELOPING),
        (49, Maturity.DEVELOPING),
        (50, Maturity.ESTABLISHED),
        (74, Maturity.ESTABLISHED),
        (75, Maturity.LEADING),
        (100, Maturity.LEADING),
    ],
)
def test_maturity_thresholds(score, maturity):
    assert scoring.maturity_of(score) == maturity


def test_median_needs_five_organizations():
    assert scoring.median_score([10, 20, 30, 40]) is None
    assert scoring.median_score([10, 20, 30, 40, 90]) == 30


def test_median_of_an_even_count_is_the_mean_of_the_middle_two_rounded_half_up():
    assert scoring.median_score([10, 20, 30, 41, 50, 60]) == 36  # (30 + 41) / 2 = 35.5


@pytest.mark.django_db
def test_coordinators_level_replaces_the_partners(org_a, coordinator):
    questions = make_questions(per_area=1)
    assessment = make_assessment(org_a, levels=1, questions=questions)
    answer = Answer.objects.get(assessment=assessment, question__content_area="leadership")
    answer.validated_level = 3
    answer.save()
    page = assessment_for_page(user=coordinator, pk=assessment.pk)
    scores = scoring.scores_of_answers(page.answers.all())
    assert scores["leadership"] == 100
    assert scores["gbv"] == 33


@pytest.mark.django_db
def test_comparison_with_previous_and_median_of_latest_per_organization(org_a, coordinator):
    questions = make_questions(per_area=1)
    make_assessment(org_a, year=2024, levels=0, questions=questions)
    current = make_assessment(org_a, year=2025, levels=2, questions=questions)
    others = make_organizations(4)
    for index, organization in enumerate(others):
        make_assessment(organization, year=2025, levels=[index % 4] * 7, questions=questions)
        # An older assessment of another organization does not count in the median: only its latest does.
        make_assessment(organization, year=2023, levels=3, questions=questions)
    comparison = assessment_comparison(assessment=assessment_for_page(user=coordinator, pk=current.pk))
    area = comparison.areas[0]
    assert (area.score, area.previous) == (67, 0)
    # Latest per organization: 67 (A), 0, 33, 67, 100 -> median 67.
    assert comparison.median_shown and area.median == 67
    assert comparison.organizations_assessed == 5
    assert comparison.previous_year == 2024


@pytest.mark.django_db
def test_median_is_hidden_below_five_organizations_and_drafts_do_not_count(org_a, coordinator):
    questions = make_questions(per_area=1)
    current = make_assessment(org_a, year=2025, levels=2, questions=questions)
    for organization in make_organizations(3):
        make_assessment(organization, levels=1, questions=questions)
    (draft_org,) = make_organizations(1, start=10)
    make_assessment(draft_org, levels=3, questions=questions, status="submitted")
    comparison = assessment_comparison(assessment=assessment_for_page(user=coordinator, pk=current.pk))
    assert not comparison.median_shown
    assert all(area.median is None for area in comparison.areas)
    assert comparison.organizations_assessed == 4


def test_maturity_ranges_follow_the_thresholds():
    assert scoring.maturity_ranges() == [
        (Maturity.STARTING, 0, 24),
        (Maturity.DEVELOPING, 25, 49),
        (Maturity.ESTABLISHED, 50, 74),
        (Maturity.LEADING, 75, 100),
    ]
