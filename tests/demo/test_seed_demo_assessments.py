# ruff: noqa: RUF002, RUF003
# Russian and Kyrgyz text is meant: the demo questionnaire is written in the three languages.
"""`manage.py seed_demo`: the self-assessment's first questionnaire (20–30 questions over the seven content areas, in
English, Russian and Kyrgyz), its suggested objectives and the demo assessments."""

import re

from django.utils.html import escape

from actionplans.models import ContentArea
from assessments.models import Assessment, Question, Suggestion
from assessments.selectors import assessment_comparison, assessment_for_page
from organizations.models import User

CYRILLIC = re.compile(r"[А-Яа-яЁёӨөҮүҢң]")
KYRGYZ_LETTERS = re.compile(r"[ӨөҮүҢң]")
TEXT_FIELDS = ("text", "missing", "started", "in_place", "exemplary")


def test_the_questionnaire_has_20_to_30_questions_over_the_seven_content_areas(seeded):
    questions = Question.objects.active()
    assert 20 <= questions.count() <= 30
    assert set(questions.values_list("content_area", flat=True)) == set(ContentArea.values)


def test_every_question_and_line_of_guidance_is_written_in_english_russian_and_kyrgyz(seeded):
    for question in Question.objects.all():
        for field in TEXT_FIELDS:
            en, ru, ky = (getattr(question, f"{field}_{language}") for language in ("en", "ru", "ky"))
            assert en and not CYRILLIC.search(en), (question.pk, field)
            assert CYRILLIC.search(ru) and ru != ky, (question.pk, field)
            assert CYRILLIC.search(ky), (question.pk, field)
    # Kyrgyz is not Russian with another name: its own letters (ө, ү, ң) run through the questionnaire.
    kyrgyz = " ".join(Question.objects.values_list("text_ky", flat=True))
    assert len(KYRGYZ_LETTERS.findall(kyrgyz)) > 20


def test_the_pages_show_the_question_in_the_readers_language(seeded, client_for, settings):
    question = Question.objects.order_by("content_area", "order").first()
    client = client_for(User.objects.get(username="coordinator"))
    for language in ("ru", "ky"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get("/assessments/questions/").content.decode()
        assert escape(getattr(question, f"text_{language}")) in page


def test_suggested_objectives_cover_every_content_area_with_an_indicator_and_actions_in_three_languages(seeded):
    suggestions = Suggestion.objects.prefetch_related("actions")
    assert set(suggestions.values_list("content_area", flat=True)) == set(ContentArea.values)
    for suggestion in suggestions:
        for field in ("title", "indicator"):
            assert all(getattr(suggestion, f"{field}_{language}") for language in ("en", "ru", "ky"))
        assert suggestion.actions.count() >= 2
        assert all(action.title_ru and action.title_ky for action in suggestion.actions.all())


def test_five_organizations_are_assessed_so_the_programme_median_shows(seeded):
    validated = Assessment.objects.counted()
    assert validated.values("organization").distinct().count() == 5
    coordinator = User.objects.get(username="coordinator")
    partner_draft = Assessment.objects.get(organization__memberships__user__username="partner", status="draft")
    comparison = assessment_comparison(assessment=assessment_for_page(user=coordinator, pk=partner_draft.pk))
    assert comparison.median_shown and comparison.previous_year == partner_draft.year - 1
