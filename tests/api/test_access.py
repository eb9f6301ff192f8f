"""Who may do what through the API: every endpoint and role, in the shape of the pages' matrix.

Outsiders (editor of B) get 404 for A's rows, anonymous callers 401, people who may read but not write (viewer,
a coordinator on a partner's figures, a read-only token) 403; a refused write changes nothing. No response, for
any role, carries a participant's story.
"""

import datetime

import pytest

from actionplans.models import Action, Indicator, Measurement
from actionplans.models_reporting import PeriodReport, ReportingPeriod
from organizations.models import HeadcountSnapshot
from sessions_log.models import DiscussionTopic
from tests.api.conftest import STORY_PSEUDONYM, STORY_TEXT

ROLES = ["coordinator", "partner", "viewer", "partner_b", "anonymous", "partner_read_only"]


def _ids(world):
    plan = world["plan_a"]
    return {
        "org": plan.organization_id,
        "plan": plan.pk,
        "action": Action.objects.filter(objective__plan=plan).first().pk,
        "indicator": Indicator.objects.filter(objective__plan=plan).first().pk,
        "measurement": Measurement.objects.filter(indicator__objective__plan=plan).first().pk,
        "headcount": HeadcountSnapshot.objects.filter(organization_id=plan.organization_id).first().pk,
        "training": world["training"].pk,
        "topic": DiscussionTopic.objects.get().pk,
        "period": ReportingPeriod.objects.get(plan=plan).pk,
        "report": PeriodReport.objects.get(period__plan=plan).pk,
    }


HEADCOUNT = {"as_of": "2026-06-01", "levels": [{"level": "management", "women": 3, "men": 4}]}
REPORT = {"version": 1, "achieved": "Quota adopted by the board", "values": [], "statuses": []}
MEASUREMENT = {"date": "2026-06-15", "women": 4, "total": 10}

#  method, url, payload, expected for: coordinator, editor A, viewer A, editor B, anonymous, read-only token of editor A
MATRIX = [
    ("get", "/api/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/organizations/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/organizations/{org}/", None, [200, 200, 200, 404, 401, 200]),
    ("post", "/api/organizations/{org}/headcounts/", HEADCOUNT, [201, 201, 403, 404, 401, 403]),
    ("get", "/api/headcounts/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/headcounts/{headcount}/", None, [200, 200, 200, 404, 401, 200]),
    ("get", "/api/trainings/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/trainings/{training}/", None, [200, 404, 404, 404, 401, 404]),
    ("get", "/api/topics/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/topics/{topic}/", None, [200, 404, 404, 404, 401, 404]),
    ("get", "/api/plans/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/plans/{plan}/", None, [200, 200, 200, 404, 401, 200]),
    ("get", "/api/actions/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/actions/{action}/", None, [200, 200, 200, 404, 401, 200]),
    ("patch", "/api/actions/{action}/", {"status": "done"}, [403, 200, 403, 404, 401, 403]),
    ("get", "/api/indicators/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/indicators/{indicator}/", None, [200, 200, 200, 404, 401, 200]),
    ("post", "/api/indicators/{indicator}/measurements/", MEASUREMENT, [403, 201, 403, 404, 401, 403]),
    ("get", "/api/measurements/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/measurements/{measurement}/", None, [200, 200, 200, 404, 401, 200]),
    ("get", "/api/periods/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/periods/{period}/", None, [200, 200, 200, 404, 401, 200]),
    ("put", "/api/periods/{period}/report/", REPORT, [403, 200, 403, 404, 401, 403]),
    ("get", "/api/period-reports/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/period-reports/{report}/", None, [200, 200, 200, 404, 401, 200]),
    ("get", "/api/reports/training-reach/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/reports/action-plan-progress/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/reports/indicator-progress/", None, [200, 200, 200, 200, 401, 200]),
    ("get", "/api/reports/indicator-periods/", None, [200, 200, 200, 200, 401, 200]),
]


def database_state():
    return (
        list(Action.objects.order_by("pk").values_list("pk", "status")),
        Measurement.objects.count(),
        HeadcountSnapshot.objects.count(),
        Action.history.count(),
        Measurement.history.count(),
        list(PeriodReport.objects.order_by("pk").values_list("pk", "version", "achieved")),
    )


@pytest.mark.parametrize(("method", "url", "payload", "expected"), MATRIX, ids=lambda v: str(v))
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(request, api, world, method, url, payload, expected, role):
    request.getfixturevalue("viewer")
    request.getfixturevalue("partner_b")
    name = "partner" if role == "partner_read_only" else role
    user = None if role == "anonymous" else request.getfixturevalue(name)
    client = api(user, read_only=role == "partner_read_only")
    before = database_state()
    response = getattr(client, method)(url.format(**_ids(world)), payload, content_type="application/json")
    want = expected[ROLES.index(role)]
    assert response.status_code == want, response.content
    body = response.content.decode()
    assert STORY_TEXT not in body and STORY_PSEUDONYM not in body
    if method != "get" and want < 300:
        assert database_state() != before  # the allowed write did happen
    else:
        assert database_state() == before  # reads and refused writes change nothing
    if want == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("role", ["partner", "viewer", "partner_b"])
def test_partners_lists_hold_only_their_own_organizations_rows(request, api, world, role):
    user = request.getfixturevalue(role)
    own = user.memberships.get().organization
    client = api(user)
    for url, key in [
        ("/api/organizations/", "id"),
        ("/api/headcounts/", "organization"),
        ("/api/plans/", "organization"),
    ]:
        rows = client.get(url).json()["results"]
        assert rows and {row[key] for row in rows} == {own.pk}, url
    for url in ("/api/actions/", "/api/indicators/", "/api/measurements/"):
        rows = client.get(url).json()["results"]
        plans = {row["plan"] for row in rows}
        assert rows and plans == set(own.action_plans.values_list("pk", flat=True)), url
    assert client.get("/api/trainings/").json()["results"] == []
    assert client.get("/api/topics/").json()["results"] == []
    report = client.get("/api/reports/training-reach/").json()
    assert {row["organization"] for row in report["rows"]} == {own.name}


def test_coordinators_see_trainings_with_attendance_topics_and_findings_but_no_story(api, world, coordinator):
    body = api(coordinator).get(f"/api/trainings/{world['training'].pk}/").json()
    assert body["format"] == "online" and body["format_label"] == "Online"
    assert [row["organization_name"] for row in body["attendance"]] == sorted(
        row["organization_name"] for row in body["attendance"]
    )
    assert body["topics"][0]["question"] == "What does gender mean to you?"
    assert body["findings"][0]["barrier_label"] == "Participation in decision-making"
    assert "stories" not in body


def test_the_browser_session_works_too_and_labels_follow_the_language(client, world, partner):
    client.force_login(partner)
    body = client.get(f"/api/plans/{world['plan_a'].pk}/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert body["status"] == "approved"
    assert body["status_label"] == "Утверждён"
    assert body["objectives"][0]["indicators"][0]["measurements"][0]["women"] == 3


def test_a_session_write_needs_the_csrf_token(world, partner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    action = Action.objects.filter(objective__plan=world["plan_a"]).first()
    response = client.patch(f"/api/actions/{action.pk}/", {"status": "done"}, content_type="application/json")
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "planned"


def test_trainings_filter_by_format_and_year(api, world, coordinator, org_a):
    from tests.api.conftest import make_training

    workshop = make_training([org_a], title="Workshop", day=datetime.date(2026, 9, 24))
    workshop.format = "in_person"
    workshop.save()
    client = api(coordinator)
    online = client.get("/api/trainings/?format=online").json()["results"]
    assert [row["title"] for row in online] == ["Gender mainstreaming in organizations"]
    assert [row["title"] for row in client.get("/api/trainings/?year=2026").json()["results"]] == ["Workshop"]
    assert client.get("/api/trainings/?format=nonsense").status_code == 400


@pytest.mark.parametrize(
    "moment", ["0687-12-02T16:08:12-17:26", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "2026-01-01"]
)
def test_updated_since_takes_any_offset(api, world, coordinator, moment):
    from urllib.parse import quote

    response = api(coordinator).get(f"/api/plans/?updated_since={quote(moment)}")
    assert response.status_code == 200
