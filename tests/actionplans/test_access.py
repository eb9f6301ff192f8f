"""Who may do what on organization A's plan: every plan URL (GET and POST) for every role.

Outsiders (editor of B) get 404, anonymous visitors the sign-in page, people who may read but not
write (viewer, coordinator on the partner's pages) 403, partners on coordinator steps 404.
A refused write changes nothing in the database, history included.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans.models import (
    Action,
    ActionPlan,
    Evidence,
    Indicator,
    Measurement,
    Objective,
    ProgressUpdate,
    ReviewComment,
)
from actionplans.services import evidence_store
from tests.actionplans.conftest import editor_data, make_plan, minimal_pdf

ROLES = ["coordinator", "partner", "viewer", "partner_b", "anonymous"]
SIGN_IN = 302


def database_state():
    """Everything a write could change, history included."""
    return (
        list(ActionPlan.objects.order_by("pk").values_list("pk", "status", "version", "title", "approved_by")),
        list(Action.objects.order_by("pk").values_list("pk", "title", "status")),
        list(Indicator.objects.order_by("pk").values_list("pk", "name", "baseline_value")),
        Objective.objects.count(),
        Measurement.objects.count(),
        ProgressUpdate.objects.count(),
        Evidence.objects.count(),
        ReviewComment.objects.count(),
        ActionPlan.history.count(),
        Action.history.count(),
        Measurement.history.count(),
    )


def _plan(org, status):
    plan = make_plan(org, status=status)
    if status == ActionPlan.Status.APPROVED:
        update = ProgressUpdate.objects.create(plan=plan, narrative="Started")
        upload = SimpleUploadedFile("minutes.pdf", minimal_pdf())
        evidence_store(update=update, upload=upload, content_type="application/pdf")
    return plan


def _payload(name, plan):
    if name == "edit":
        data = editor_data(plan)
        data["plan-title"] = "Changed by someone"
        return data
    if name == "review":
        return {"decision": "approve", "comment": "ok"}
    if name == "progress":
        return {"date": "2026-05-01", "narrative": "Done a lot"}
    if name == "measure":
        return {"date": "2026-05-01", "women": 1, "total": 2}
    if name == "action_status":
        return {"status": "done"}
    if name == "restore":
        return {"reason": "Archived by mistake"}
    return {}


def _args(name, plan):
    if name == "action_status":
        return [plan.pk, Action.objects.filter(objective__plan=plan).first().pk]
    if name == "measure":
        return [plan.pk, Indicator.objects.filter(objective__plan=plan).first().pk]
    if name == "evidence":
        return [plan.pk, Evidence.objects.filter(update__plan=plan).first().pk]
    return [plan.pk]


#  url name, method, plan status, expected status for: coordinator, editor A, viewer A, editor B, anonymous
MATRIX = [
    ("detail", "get", "draft", [200, 200, 200, 404, SIGN_IN]),
    ("print", "get", "draft", [200, 200, 200, 404, SIGN_IN]),
    ("pdf", "get", "draft", [200, 200, 200, 404, SIGN_IN]),
    ("edit", "get", "draft", [403, 200, 403, 404, SIGN_IN]),
    ("edit", "post", "draft", [403, 302, 403, 404, SIGN_IN]),
    ("edit", "post", "returned", [403, 302, 403, 404, SIGN_IN]),
    ("submit", "post", "draft", [403, 302, 403, 404, SIGN_IN]),
    ("review", "get", "submitted", [200, 404, 404, 404, SIGN_IN]),
    ("review", "post", "submitted", [302, 404, 404, 404, SIGN_IN]),
    ("complete", "post", "approved", [302, 404, 404, 404, SIGN_IN]),
    ("archive", "post", "approved", [302, 404, 404, 404, SIGN_IN]),
    ("complete", "get", "approved", [200, 404, 404, 404, SIGN_IN]),
    ("archive", "get", "approved", [200, 404, 404, 404, SIGN_IN]),
    ("restore", "get", "archived", [200, 404, 404, 404, SIGN_IN]),
    ("restore", "post", "archived", [302, 404, 404, 404, SIGN_IN]),
    ("progress", "get", "approved", [403, 200, 403, 404, SIGN_IN]),
    ("progress", "post", "approved", [403, 302, 403, 404, SIGN_IN]),
    ("measure", "get", "approved", [403, 200, 403, 404, SIGN_IN]),
    ("measure", "post", "approved", [403, 302, 403, 404, SIGN_IN]),
    ("action_status", "post", "approved", [403, 302, 403, 404, SIGN_IN]),
    ("evidence", "get", "approved", [200, 200, 200, 404, SIGN_IN]),
]


@pytest.mark.parametrize(("name", "method", "status", "expected"), MATRIX, ids=lambda v: str(v))
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(request, client, org_a, org_b, name, method, status, expected, role):
    plan = _plan(org_a, status)
    _plan(org_b, status)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user:
        client.force_login(user)
    url = reverse(f"actionplans:{name}", args=_args(name, plan))
    before = database_state()
    response = getattr(client, method)(url, _payload(name, plan))
    want = expected[ROLES.index(role)]
    assert response.status_code == want
    if want == SIGN_IN and role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if method == "post" and want == 302 and role != "anonymous":
        assert database_state() != before  # the allowed write did happen
    else:
        assert database_state() == before  # reads and refused writes change nothing


@pytest.mark.parametrize("status", ["submitted", "approved", "completed", "archived"])
def test_nobody_edits_a_plan_outside_draft_or_returned(client, partner, org_a, status):
    plan = make_plan(org_a, status=status)
    client.force_login(partner)
    data = editor_data(plan)
    data["plan-title"] = "Sneaky change"
    before = database_state()
    response = client.post(reverse("actionplans:edit", args=[plan.pk]), data)
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert database_state() == before


@pytest.mark.parametrize("status", ["draft", "submitted", "completed"])
def test_progress_is_recorded_only_on_an_approved_plan(client, partner, org_a, status):
    plan = make_plan(org_a, status=status)
    indicator = Indicator.objects.get(objective__plan=plan)
    client.force_login(partner)
    before = database_state()
    client.post(reverse("actionplans:progress", args=[plan.pk]), {"date": "2026-05-01", "narrative": "x"})
    client.post(reverse("actionplans:measure", args=[plan.pk, indicator.pk]), {"women": 1, "total": 2})
    action = Action.objects.filter(objective__plan=plan).first()
    client.post(reverse("actionplans:action_status", args=[plan.pk, action.pk]), {"status": "done"})
    assert database_state() == before


def test_rows_of_another_plan_under_my_plan_url_give_404(client, partner, org_a, org_b):
    mine = _plan(org_a, "approved")
    theirs = _plan(org_b, "approved")
    client.force_login(partner)
    before = database_state()
    their_action = Action.objects.filter(objective__plan=theirs).first()
    their_indicator = Indicator.objects.filter(objective__plan=theirs).first()
    their_evidence = Evidence.objects.get(update__plan=theirs)
    post = client.post
    assert (
        post(reverse("actionplans:action_status", args=[mine.pk, their_action.pk]), {"status": "done"}).status_code
        == 404
    )
    measure_url = reverse("actionplans:measure", args=[mine.pk, their_indicator.pk])
    assert post(measure_url, {"women": 1, "total": 2}).status_code == 404
    assert client.get(reverse("actionplans:evidence", args=[mine.pk, their_evidence.pk])).status_code == 404
    assert client.get(reverse("actionplans:evidence", args=[theirs.pk, their_evidence.pk])).status_code == 404
    assert database_state() == before


def test_partners_cannot_approve_even_their_own_plan(client, partner, org_a):
    plan = make_plan(org_a, status="submitted")
    client.force_login(partner)
    response = client.post(reverse("actionplans:review", args=[plan.pk]), {"decision": "approve"})
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.approved_by is None


def test_evidence_is_served_as_a_download_not_from_a_public_url(client, partner, org_a, settings):
    plan = _plan(org_a, "approved")
    evidence = Evidence.objects.get()
    client.force_login(partner)
    response = client.get(reverse("actionplans:evidence", args=[plan.pk, evidence.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # The stored name is random, and nothing maps the media URL.
    assert "minutes" not in evidence.file.name
    assert client.get(settings.MEDIA_URL + evidence.file.name).status_code == 404
    page = client.get(plan.get_absolute_url()).content.decode()
    assert evidence.file.name not in page
