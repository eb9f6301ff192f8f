"""Questionnaires and assessments for the fixed cast of tests/conftest.py."""

import pytest

from actionplans.models import ContentArea
from assessments.models import Answer, Assessment, Question, SuggestedAction, Suggestion
from organizations.models import Organization, OrganizationKind
from tests.actionplans.conftest import snapshot_a  # noqa: F401 (a fixture the tests here use)


def make_questions(per_area=2):
    """``per_area`` questions in each of the seven content areas, with guidance in English and Russian."""
    questions = []
    for area in ContentArea.values:
        for order in range(per_area):
            questions.append(
                Question.objects.create(
                    content_area=area,
                    order=order,
                    text_en=f"{area} question {order + 1}?",
                    text_ru=f"Вопрос {area} {order + 1}?",
                    missing_en="Nothing yet",
                    started_en="Begun",
                    in_place_en="Done and kept",
                    exemplary_en="A model for others",
                    started_ru="Начато",
                )
            )
    return questions


def make_assessment(organization, *, year=2025, status=Assessment.Status.VALIDATED, levels=None, questions=None):
    """An assessment answering ``questions`` (all active ones by default) with ``levels`` (a list, or one level)."""
    questions = questions if questions is not None else list(Question.objects.order_by("pk"))
    assessment = Assessment.objects.create(organization=organization, year=year, status=status)
    for index, question in enumerate(questions):
        level = levels[index] if isinstance(levels, list) else levels
        Answer.objects.create(assessment=assessment, question=question, level=level)
    return assessment


def make_organizations(count, start=0):
    return [
        Organization.objects.create(name=f"Organization {start + n}", kind=OrganizationKind.LOCAL_CSO)
        for n in range(count)
    ]


@pytest.fixture
def questions(db):
    return make_questions()


@pytest.fixture
def suggestions(db):
    """A headcount-based objective for leadership and a score-based one for each other area, with two actions."""
    rows = []
    for area in ContentArea.values:
        headcount = area == ContentArea.LEADERSHIP
        suggestion = Suggestion.objects.create(
            content_area=area,
            up_to="established",
            title_en=f"Improve {area}",
            title_ru=f"Улучшить {area}",
            indicator_en=f"Score of {area}",
            indicator_ru=f"Балл {area}",
            baseline_source="headcount" if headcount else "area_score",
            headcount_level="governing" if headcount else "",
            target_value=40 if headcount else 60,
        )
        for order in range(2):
            SuggestedAction.objects.create(
                suggestion=suggestion,
                order=order,
                title_en=f"Step {order + 1} for {area}",
                title_ru=f"Шаг {order + 1} для {area}",
            )
        rows.append(suggestion)
    return rows
