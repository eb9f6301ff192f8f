"""Every list endpoint costs the same number of queries whatever the number of rows (no N+1).

Common to every request with a token (4): the token with its owner, its last-used date, the owner's permissions
(1: own and group's, for the coordinator check), and the log entry. The rest is per endpoint, listed below.

The lists are cached under their stamps (api/caching.py): a first request reads the stamps (1) and then the rows; the
next one with the same URL, scope and language reads the stamps only.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models_reporting import PeriodReport, ReportingPeriod
from organizations.models import HeadcountSnapshot, Level
from sessions_log.models import DiscussionTopic, TrainingSession
from tests.actionplans.conftest import make_plan
from tests.api.conftest import make_training

TOKEN = 4
STAMPS = 1  # the cached lists' stamps (reporting and api), in one query
CACHED_LISTS = {
    "/api/organizations/": TOKEN + STAMPS + 1,  # organizations with their headcounts counted (a subquery)
    "/api/headcounts/": TOKEN + STAMPS + 1,  # snapshots with their organization
    "/api/trainings/": TOKEN + STAMPS + 1,  # trainings with attendance, topics and findings counted (subqueries)
    "/api/topics/": TOKEN + STAMPS + 1,
    "/api/plans/": TOKEN + STAMPS + 1,  # plans with action counts and organization
    "/api/actions/": TOKEN + STAMPS + 1,  # actions with objective and plan
    "/api/indicators/": TOKEN + STAMPS + 1,  # indicators with the latest measurement (subqueries)
    "/api/measurements/": TOKEN + STAMPS + 1,
    "/api/periods/": TOKEN + STAMPS + 1,  # periods with their report
    "/api/period-reports/": TOKEN + STAMPS + 1,  # reports with their values and action statuses counted (subqueries)
}
LIST_QUERIES = {
    **CACHED_LISTS,
    "/api/reports/training-reach/": TOKEN + 1,
    "/api/reports/action-plan-progress/": TOKEN + 1,
    "/api/reports/indicator-progress/": TOKEN + 1,
    "/api/reports/indicator-periods/": TOKEN + 4,  # periods, indicators, targets, values
}


def _data(org_a, org_b, size):
    for number in range(size):
        plan = make_plan(org_a, title=f"Plan {number}", actions=2)
        ReportingPeriod.objects.create(
            plan=plan,
            number=1,
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 6, 30),
            due=datetime.date(2026, 7, 31),
        )
        PeriodReport.objects.create(period=plan.reporting_periods.get(), achieved="Done")
        make_training([org_a, org_b], title=f"Training {number}", day=datetime.date(2025, 1, 1 + number))
        DiscussionTopic.objects.create(question=f"Question {number}?", theme="More")
        for level in Level.values:
            HeadcountSnapshot.objects.create(
                organization=org_a, as_of=datetime.date(2025, 1, 1 + number), level=level, women=number, men=1
            )


@pytest.mark.parametrize("url", list(LIST_QUERIES))
@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_list_queries_do_not_grow_with_the_rows(request, api, org_a, org_b, token_for, url, size, role):
    _data(org_a, org_b, size)
    client = api(request.getfixturevalue(role))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    body = response.json()
    rows = body.get("results", body.get("rows"))
    coordinators_only = url in ("/api/trainings/", "/api/topics/")
    if role == "partner" and coordinators_only:
        # Their door is empty for partners: no query is made but the stamps'.
        assert rows == [] and len(queries) == TOKEN + STAMPS
        return
    assert len(rows) >= (1 if url == "/api/organizations/" else size)
    assert len(queries) == LIST_QUERIES[url], "\n".join(q["sql"][:200] for q in queries.captured_queries)


@pytest.mark.parametrize("url", list(CACHED_LISTS))
@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_a_list_asked_again_reads_only_the_stamps(request, api, org_a, org_b, url, size, role):
    _data(org_a, org_b, size)
    client = api(request.getfixturevalue(role))
    first = client.get(url)
    # The token (4) and the stamps (1): the rows come from the cache.
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert len(queries) == TOKEN + STAMPS, "\n".join(q["sql"][:200] for q in queries.captured_queries)


@pytest.mark.parametrize("size", [1, 8])
def test_a_plans_page_costs_the_same_at_any_size(api, org_a, partner, size, django_assert_num_queries):
    plan = make_plan(org_a, actions=size)
    client = api(partner)
    # Token (4), the plan with counts, objectives, actions, indicators with latest values, measurements.
    with django_assert_num_queries(TOKEN + 5):
        response = client.get(f"/api/plans/{plan.pk}/")
    assert len(response.json()["objectives"][0]["actions"]) == size


# One object of the lists whose rows carry counts: its nested rows come with it, in a fixed number of queries.
DETAIL_QUERIES = {
    "organization": TOKEN + 2,  # the organization with its count, its headcounts
    "training": TOKEN + 5,  # the training with its counts, facilitators, attendance, topics, findings
    "period-report": TOKEN + 3,  # the report with its counts, values, action statuses
}


@pytest.mark.parametrize("kind", list(DETAIL_QUERIES))
@pytest.mark.parametrize("size", [2, 12])
def test_one_object_costs_the_same_at_any_size(api, org_a, org_b, coordinator, kind, size):
    _data(org_a, org_b, size)
    pk = {
        "organization": org_a.pk,
        "training": TrainingSession.objects.order_by("pk").first().pk,
        "period-report": PeriodReport.objects.order_by("pk").first().pk,
    }[kind]
    client = api(coordinator)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/{kind}s/{pk}/")
    assert response.status_code == 200
    assert len(queries) == DETAIL_QUERIES[kind], "\n".join(q["sql"][:200] for q in queries.captured_queries)
