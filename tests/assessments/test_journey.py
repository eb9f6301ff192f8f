"""The self-assessment through its pages: a partner fills and submits it, a coordinator validates it (changing a
level with a comment), the scores show, and two suggestions go into the organization's draft plan."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans.models import Action, Indicator, Objective
from assessments.models import Answer, Assessment
from notifications.models import Notification
from tests.actionplans.conftest import make_plan, minimal_pdf

pytestmark = pytest.mark.django_db

# Levels per area for the two questions of each: gbv is the weakest, then leadership, then recruitment.
LEVELS = {"leadership": (1, 1), "gbv": (0, 1)}


def answer_data(assessment, *, complete=True, **extra):
    data = {"version": assessment.version, **extra}
    for answer in assessment.answers.select_related("question"):
        area = answer.question.content_area
        level = LEVELS.get(area, (2, 2))[answer.question.order]
        if complete or area == "leadership":
            data[f"answer-{answer.pk}-level"] = level
        data[f"answer-{answer.pk}-comment"] = f"About {area}"
    return data


def review_data(assessment, **overrides):
    data = {}
    for answer in assessment.answers.all():
        data[f"review-{answer.pk}-validated_level"] = ""
        data[f"review-{answer.pk}-coordinator_comment"] = ""
    data.update(overrides)
    return data


def test_the_whole_journey(client, org_a, partner, coordinator, questions, suggestions, snapshot_a):
    org_a.language = "ru"
    org_a.save()
    client.force_login(partner)

    # Start this year's assessment from the list.
    page = client.get(reverse("assessments:list"))
    assert b"start-organization" in page.content
    response = client.post(reverse("assessments:start"), {"organization": org_a.pk})
    assessment = Assessment.objects.get(organization=org_a)
    assert response["Location"] == reverse("assessments:edit", args=[assessment.pk])
    assert assessment.answers.count() == len(questions)

    # The editor groups questions by area and shows the headcount beside the leadership questions.
    page = client.get(response["Location"]).content.decode()
    assert "Your gender profile (latest headcount)" in page
    assert page.index("headcount-heading") < page.index("recruitment question 1?")

    # Submitting with questions left open is refused with the count, but the answers given are kept.
    response = client.post(response["Location"], answer_data(assessment, complete=False, submit="1"), follow=True)
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert "Choose a level for every question before submitting (12 without one)." in response.content.decode()
    assert assessment.answers.filter(level__isnull=False).count() == 2

    # All answered, with an evidence file on one: submitted, and the coordinators hear of it.
    first = assessment.answers.get(question__content_area="gbv", question__order=0)
    data = answer_data(assessment, submit="1")
    data[f"answer-{first.pk}-upload"] = SimpleUploadedFile("policy.pdf", minimal_pdf(), content_type="application/pdf")
    client.post(reverse("assessments:edit", args=[assessment.pk]), data)
    assessment.refresh_from_db()
    first.refresh_from_db()
    assert assessment.status == "submitted"
    assert first.evidence_name == "policy.pdf" and "policy" not in first.evidence.name
    assert Notification.objects.filter(recipient=coordinator, kind="assessment_submitted").exists()
    download = client.get(reverse("assessments:evidence", args=[assessment.pk, first.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="policy.pdf"'
    # As a plan's evidence (issue 17, item 4): kept by no cache, never run as a page.
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Security-Policy"] == "sandbox"

    # The coordinator raises one leadership answer; without a comment that is refused beside the field.
    client.force_login(coordinator)
    leader = assessment.answers.get(question__content_area="leadership", question__order=0)
    url = reverse("assessments:validate", args=[assessment.pk])
    # The coordinator checks the leadership answers against the organization's headcount, shown beside them.
    page = client.get(url).content.decode()
    assert "The organization's gender profile (latest headcount)" in page
    assert page.index('id="review-leadership"') < page.index("headcount-heading") < page.index("leadership question 1?")
    bad = review_data(assessment, **{f"review-{leader.pk}-validated_level": 2, "validate": "1"})
    response = client.post(url, bad)
    assert response.status_code == 200
    assert "Say why you changed the level; the partner sees this comment." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    good = {**bad, f"review-{leader.pk}-coordinator_comment": "The board minutes show women's proposals."}
    client.post(url, good)
    assessment.refresh_from_db()
    leader.refresh_from_db()
    assert assessment.status == "validated" and assessment.validated_by == coordinator
    assert (leader.level, leader.validated_level) == (1, 2)
    assert Notification.objects.filter(recipient=partner, kind="assessment_validated").exists()

    # The partner sees the scores: leadership 3 of 6 = 50, gbv 1 of 6 = 17, the rest 67; overall (50+17+5*67)/7 = 57.
    client.force_login(partner)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert 'id="overall-score">57<' in page
    assert "The board minutes show women&#x27;s proposals." in page
    assert "The programme median is shown once at least five organizations are assessed." in page

    # On the organization's draft plan: suggestions for the three weakest areas, in order.
    plan = make_plan(org_a)
    version = plan.version
    page = client.get(reverse("assessments:suggestions", args=[plan.pk])).content.decode()
    assert page.index("Improve gbv") < page.index("Improve leadership") < page.index("Improve recruitment")
    assert "Improve capacity" not in page
    assert (
        reverse("assessments:suggestions", args=[plan.pk])
        in client.get(reverse("actionplans:edit", args=[plan.pk])).content.decode()
    )

    # One click adds the gbv objective with its indicator (baseline: the area's score) and actions, in Russian.
    gbv = next(s for s in suggestions if s.content_area == "gbv")
    client.post(reverse("assessments:take", args=[plan.pk, gbv.pk]))
    objective = Objective.objects.get(plan=plan, content_area="gbv")
    assert objective.title == "Улучшить gbv"
    assert list(objective.actions.values_list("title", flat=True)) == ["Шаг 1 для gbv", "Шаг 2 для gbv"]
    indicator = Indicator.objects.get(objective=objective)
    assert (indicator.name, indicator.baseline_value, indicator.target_value) == ("Балл gbv", 17, 60)

    # A second click adds one leadership action under the plan's existing leadership objective.
    leadership = next(s for s in suggestions if s.content_area == "leadership")
    step = leadership.actions.get(order=1)
    client.post(reverse("assessments:take", args=[plan.pk, leadership.pk]), {"action": step.pk})
    assert Objective.objects.filter(plan=plan, content_area="leadership").count() == 1
    assert Action.objects.filter(objective__plan=plan, title="Шаг 2 для leadership").count() == 1
    plan.refresh_from_db()
    assert plan.version == version + 2  # an editor opened before the clicks is refused, not overwritten


def test_a_headcount_suggestion_takes_its_baseline_from_the_headcount(
    client, org_a, partner, questions, suggestions, snapshot_a
):
    from tests.assessments.conftest import make_assessment

    make_assessment(org_a, levels=0)
    plan = make_plan(org_a)
    client.force_login(partner)
    leadership = next(s for s in suggestions if s.content_area == "leadership")
    client.post(reverse("assessments:take", args=[plan.pk, leadership.pk]))
    indicator = Indicator.objects.get(objective__plan=plan, objective__title="Improve leadership")
    assert indicator.kind == "share_women" and indicator.level == "governing"
    assert (indicator.baseline_value, indicator.baseline_date) == (25, snapshot_a.as_of)


def test_a_submitted_plan_takes_no_suggestion(client, org_a, partner, questions, suggestions):
    from tests.assessments.conftest import make_assessment

    make_assessment(org_a, levels=0)
    plan = make_plan(org_a, status="submitted")
    client.force_login(partner)
    before = Objective.objects.count(), Action.objects.count()
    response = client.post(reverse("assessments:take", args=[plan.pk, suggestions[0].pk]), follow=True)
    assert "cannot be edited now" in response.content.decode()
    assert (Objective.objects.count(), Action.objects.count()) == before


def test_a_second_assessment_the_same_year_is_refused(client, org_a, partner, questions):
    client.force_login(partner)
    client.post(reverse("assessments:start"), {"organization": org_a.pk})
    response = client.post(reverse("assessments:start"), {"organization": org_a.pk}, follow=True)
    assert Assessment.objects.count() == 1
    assert "already has a self-assessment for" in response.content.decode()


def test_a_stale_save_is_refused_and_writes_nothing(client, org_a, partner, questions):
    client.force_login(partner)
    client.post(reverse("assessments:start"), {"organization": org_a.pk})
    assessment = Assessment.objects.get()
    stale = answer_data(assessment)
    client.post(reverse("assessments:edit", args=[assessment.pk]), answer_data(assessment))
    levels = list(Answer.objects.order_by("pk").values_list("level", flat=True))
    stale = {key: (3 if key.endswith("-level") else value) for key, value in stale.items()}
    response = client.post(reverse("assessments:edit", args=[assessment.pk]), stale)
    assert response.status_code == 409
    assert list(Answer.objects.order_by("pk").values_list("level", flat=True)) == levels


def test_a_disguised_evidence_file_is_refused_beside_the_field(client, org_a, partner, questions):
    client.force_login(partner)
    client.post(reverse("assessments:start"), {"organization": org_a.pk})
    assessment = Assessment.objects.get()
    answer = assessment.answers.first()
    data = answer_data(assessment)
    data[f"answer-{answer.pk}-upload"] = SimpleUploadedFile("notes.pdf", b"<html>hi</html>")
    response = client.post(reverse("assessments:edit", args=[assessment.pk]), data)
    assert response.status_code == 200
    assert "is not a PDF, an image or an office document" in response.content.decode()
    assert not Answer.objects.filter(level__isnull=False).exists()


def test_coordinators_keep_the_questionnaire(client, coordinator, questions):
    client.force_login(coordinator)
    response = client.post(
        reverse("assessments:question_new"),
        {
            "content_area": "gbv",
            "order": 5,
            "text_en": "Is there a referral list?",
            "missing_en": "No",
            "started_en": "Partly",
            "in_place_en": "Yes",
            "exemplary_en": "Shared",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    question = questions[0].__class__.objects.get(text_en="Is there a referral list?")
    client.post(reverse("assessments:question_toggle", args=[question.pk]))
    question.refresh_from_db()
    assert not question.is_active
    response = client.post(reverse("assessments:question_new"), {"content_area": "gbv", "order": 1})
    assert "This field is required." in response.content.decode()


def test_a_deactivated_question_is_not_asked_in_new_assessments(client, org_a, partner, questions):
    questions[0].is_active = False
    questions[0].save()
    client.force_login(partner)
    client.post(reverse("assessments:start"), {"organization": org_a.pk})
    assert Assessment.objects.get().answers.count() == len(questions) - 1
