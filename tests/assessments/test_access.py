"""Who may do what with the self-assessment: every URL (GET and POST) for every role of tests/conftest.py.

Outsiders (editor of B) get 404, anonymous visitors the sign-in page, people who may read but not write (viewer,
coordinator on the partner's pages) 403, partners on the coordinators' pages 404. A refused write changes nothing.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from actionplans.models import Action, ActionPlan, Indicator, Objective
from assessments.models import Answer, Assessment, Question, SuggestedAction, Suggestion
from assessments.services import answer_evidence_store
from tests.actionplans.conftest import make_plan, minimal_pdf
from tests.assessments.conftest import make_assessment

ROLES = ["coordinator", "partner", "viewer", "partner_b", "anonymous"]
SIGN_IN = 302


def database_state():
    return (
        list(Assessment.objects.order_by("pk").values_list("pk", "status", "version", "validated_by")),
        list(
            Answer.objects.order_by("pk").values_list(
                "pk", "level", "comment", "validated_level", "coordinator_comment", "evidence"
            )
        ),
        list(Question.objects.order_by("pk").values_list("pk", "is_active", "text_en")),
        list(ActionPlan.objects.order_by("pk").values_list("pk", "version")),
        Objective.objects.count(),
        Action.objects.count(),
        Indicator.objects.count(),
        list(Suggestion.objects.order_by("pk").values_list("pk", "is_active", "title_en")),
        SuggestedAction.objects.count(),
        Assessment.history.count(),
        Answer.history.count(),
        Question.history.count(),
    )


def _setup(org, status):
    assessment = make_assessment(org, status=status, levels=1)
    answer = assessment.answers.order_by("pk").first()
    answer_evidence_store(
        answer=answer, upload=SimpleUploadedFile("policy.pdf", minimal_pdf()), content_type="application/pdf"
    )
    answer.save()
    plan = make_plan(org)
    return assessment, plan


def _payload(name, assessment, suggestions):
    answers = assessment.answers.order_by("pk")
    if name == "start":
        return {"organization": assessment.organization_id}
    if name == "edit":
        return {"version": assessment.version, **{f"answer-{a.pk}-level": 3 for a in answers}}
    if name == "validate":
        return {"validate": "1", **{f"review-{a.pk}-validated_level": "" for a in answers}}
    if name in ("question_new", "question_edit"):
        return {
            "content_area": "gbv",
            "order": 1,
            "text_en": "Changed?",
            "missing_en": "a",
            "started_en": "b",
            "in_place_en": "c",
            "exemplary_en": "d",
        }
    if name in ("suggestion_new", "suggestion_edit"):
        return {
            "content_area": "gbv",
            "up_to": "developing",
            "order": 1,
            "title_en": "Changed",
            "indicator_en": "Score",
            "baseline_source": "area_score",
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        }
    if name == "take":
        return {}
    return {}


def _args(name, assessment, plan, suggestions):
    if name in ("list", "start", "questions", "question_new", "library", "suggestion_new"):
        return []
    if name == "evidence":
        return [assessment.pk, assessment.answers.exclude(evidence="").get().pk]
    if name in ("question_edit", "question_toggle"):
        return [Question.objects.order_by("pk").first().pk]
    if name in ("suggestion_edit", "suggestion_toggle"):
        return [suggestions[0].pk]
    if name == "suggestions":
        return [plan.pk]
    if name == "take":
        return [plan.pk, suggestions[1].pk]
    return [assessment.pk]


#  url name, method, assessment status, expected for: coordinator, editor A, viewer A, editor B, anonymous
MATRIX = [
    ("list", "get", "draft", [200, 200, 200, 200, SIGN_IN]),
    ("start", "post", "validated", [302, 302, 404, 404, SIGN_IN]),
    ("detail", "get", "draft", [200, 200, 200, 404, SIGN_IN]),
    ("detail", "get", "validated", [200, 200, 200, 404, SIGN_IN]),
    ("edit", "get", "draft", [403, 200, 403, 404, SIGN_IN]),
    ("edit", "post", "draft", [403, 302, 403, 404, SIGN_IN]),
    ("submit", "post", "draft", [403, 302, 403, 404, SIGN_IN]),
    ("validate", "get", "submitted", [200, 404, 404, 404, SIGN_IN]),
    ("validate", "post", "submitted", [302, 404, 404, 404, SIGN_IN]),
    ("evidence", "get", "draft", [200, 200, 200, 404, SIGN_IN]),
    ("questions", "get", "draft", [200, 404, 404, 404, SIGN_IN]),
    ("question_new", "get", "draft", [200, 404, 404, 404, SIGN_IN]),
    ("question_new", "post", "draft", [302, 404, 404, 404, SIGN_IN]),
    ("question_edit", "get", "draft", [200, 404, 404, 404, SIGN_IN]),
    ("question_edit", "post", "draft", [302, 404, 404, 404, SIGN_IN]),
    ("question_toggle", "post", "draft", [302, 404, 404, 404, SIGN_IN]),
    ("library", "get", "draft", [200, 404, 404, 404, SIGN_IN]),
    ("suggestion_new", "get", "draft", [200, 404, 404, 404, SIGN_IN]),
    ("suggestion_new", "post", "draft", [302, 404, 404, 404, SIGN_IN]),
    ("suggestion_edit", "get", "draft", [200, 404, 404, 404, SIGN_IN]),
    ("suggestion_edit", "post", "draft", [302, 404, 404, 404, SIGN_IN]),
    ("suggestion_toggle", "post", "draft", [302, 404, 404, 404, SIGN_IN]),
    ("suggestions", "get", "validated", [403, 200, 403, 404, SIGN_IN]),
    ("take", "post", "validated", [403, 302, 403, 404, SIGN_IN]),
]


@pytest.mark.parametrize(("name", "method", "status", "expected"), MATRIX, ids=lambda v: str(v))
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(request, client, org_a, org_b, questions, suggestions, name, method, status, expected, role):
    assessment, plan = _setup(org_a, status)
    _setup(org_b, status)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user:
        client.force_login(user)
    url = reverse(f"assessments:{name}", args=_args(name, assessment, plan, suggestions))
    before = database_state()
    response = getattr(client, method)(url, _payload(name, assessment, suggestions))
    want = expected[ROLES.index(role)]
    assert response.status_code == want
    if want == SIGN_IN and role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if method == "post" and want == 302 and role != "anonymous":
        assert database_state() != before  # the allowed write did happen
    else:
        assert database_state() == before  # reads and refused writes change nothing


def test_a_partner_lists_only_their_own_organizations_assessments(client, org_a, org_b, partner, questions):
    make_assessment(org_a, levels=1)
    make_assessment(org_b, levels=1)
    client.force_login(partner)
    page = client.get(reverse("assessments:list")).content.decode()
    assert escape(org_a.name) in page and escape(org_b.name) not in page


def test_an_answer_of_another_assessment_under_mine_gives_404(client, org_a, org_b, partner, questions):
    mine, _plan = _setup(org_a, "draft")
    theirs, _plan_b = _setup(org_b, "draft")
    their_answer = theirs.answers.exclude(evidence="").get()
    client.force_login(partner)
    assert client.get(reverse("assessments:evidence", args=[mine.pk, their_answer.pk])).status_code == 404


def test_the_median_never_names_another_organization(client, org_a, partner, questions):
    from tests.assessments.conftest import make_organizations

    mine = make_assessment(org_a, levels=1)
    others = make_organizations(5)
    for organization in others:
        make_assessment(organization, levels=2)
    client.force_login(partner)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Programme median" in page
    assert not any(escape(organization.name) in page for organization in others)


def test_a_coordinator_cannot_validate_a_draft(client, org_a, coordinator, questions):
    assessment = make_assessment(org_a, status="draft", levels=1)
    client.force_login(coordinator)
    before = database_state()
    response = client.post(reverse("assessments:validate", args=[assessment.pk]), {"validate": "1"})
    assert response.status_code == 302
    assert database_state() == before
