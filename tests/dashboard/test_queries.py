"""The dashboard runs a fixed number of queries whatever the size of the programme."""

import datetime

import pytest

from actionplans.models import Action, ActionPlan, ContentArea, Objective
from assessments.models import Answer, Assessment, Question
from organizations.models import HeadcountSnapshot, Level, Organization, OrganizationKind
from sessions_log.models import Attendance, TrainingSession


def make_programme(size):
    """``size`` organizations, trainings and plans over three years, each plan with overdue and done actions."""
    kinds = OrganizationKind.values
    statuses = ActionPlan.Status.values
    orgs = Organization.objects.bulk_create(
        Organization(name=f"Organization {i:03}", kind=kinds[i % len(kinds)]) for i in range(size)
    )
    sessions = TrainingSession.objects.bulk_create(
        TrainingSession(
            title=f"Training {i}",
            start_date=datetime.date(2023 + i % 3, 1 + i % 12, 1),
            end_date=datetime.date(2023 + i % 3, 1 + i % 12, 1),
        )
        for i in range(size)
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, organization=orgs[(i + k) % size], women=3, men=2, not_stated=k % 2)
        for i, session in enumerate(sessions)
        for k in range(min(3, size))
    )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            organization=org,
            title=f"Plan {i}",
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2025, 12, 31),
            status=statuses[i % len(statuses)],
        )
        for i, org in enumerate(orgs)
    )
    objectives = Objective.objects.bulk_create(
        Objective(plan=plan, title="Objective", content_area=ContentArea.LEADERSHIP) for plan in plans
    )
    Action.objects.bulk_create(
        Action(objective=objective, title=title, status=status, due_date=datetime.date(2025, 3, 1))
        for objective in objectives
        for title, status in (("late", Action.Status.IN_PROGRESS), ("done", Action.Status.DONE))
    )
    HeadcountSnapshot.objects.bulk_create(
        HeadcountSnapshot(organization=org, as_of=datetime.date(year, 1, 1), level=Level.MANAGEMENT, women=i % 4, men=5)
        for i, org in enumerate(orgs)
        for year in (2023, 2025)
    )
    # A validated self-assessment baseline and a re-assessment per organization, one question per content area.
    questions = Question.objects.bulk_create(
        Question(content_area=area, text_en=area, missing_en="-", started_en="-", in_place_en="-", exemplary_en="-")
        for area in ContentArea.values
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(organization=org, year=year, status=Assessment.Status.VALIDATED)
        for org in orgs
        for year in (2024, 2025)
    )
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question=question, level=(i + k) % 4)
        for i, assessment in enumerate(assessments)
        for k, question in enumerate(questions)
    )


# The coordinator's home (/), whatever the data size, the first time (the figures are not cached yet):
#   1-2   the session, the signed-in user
#   3     the user's own and group permissions, one query (is_coordinator; cached on the user for the request)
#   +1    the dashboard's stamp, the key of the cached page (read on the primary: the lists of what needs doing are)
#   +1    the same stamp as the key of the cached figures (read where the figures are: the replica when there is one)
#   4     trainings held per year with their participants by gender       (reach_by_year)
#   5     years that have trainings or plans (one UNION query)             (years_with_data)
#   6     organizations reached by kind, in the year and overall           (organizations_reached_by_kind)
#   7     plans by status, in the year and overall                         (plans_by_status)
#   8     organizations with an approved plan                              (organizations_with_approved_plan)
#   9     actions done / in progress / overdue                             (action_counts)
#   10    overdue actions per organization                                 (overdue_by_organization)
#   11    earliest and latest management headcount per organization        (women_in_decision_making)
#   12    period reports accepted / submitted / sent back / overdue         (reporting_counts)
#   13    people counted in accepted period reports                         (people_reported)
#   14    self-assessment scores per validated assessment and content area (programme_distribution)
#   15    plans waiting for review, with their organization
#   16    recent trainings
#   17    recently updated plans, with their organization
#   18    the bell's unread count (every page)
#   19-23 "What needs me": period reports waiting for review, overdue period reports (with plan and
#         organization), organizations with a plan and no editor, members without an e-mail address,
#         pending invitations
COORDINATOR_HOME_QUERIES = 25
# /dashboard/ for staff: the same without the coordinator's shortcuts (15-17, 19-23), and is_coordinator finds no
# permission in 3 so the read-only check asks nothing more.
STAFF_DASHBOARD_QUERIES = 17
# Once cached, the whole page below its header and the permissions come from the cache: session, user, the stamp,
# the bell.
COORDINATOR_HOME_CACHED_QUERIES = 4


@pytest.mark.parametrize("size", [3, 30])
def test_coordinator_home_queries_do_not_grow_with_the_data(size, client_for, coordinator, django_assert_num_queries):
    make_programme(size)
    client = client_for(coordinator)

    with django_assert_num_queries(COORDINATOR_HOME_QUERIES):
        response = client.get("/", {"year": "2025"})

    assert response.status_code == 200
    assert len(response.context["figures"].decision_making) == size


@pytest.mark.parametrize("size", [3, 30])
def test_all_years_queries_do_not_grow_with_the_data(size, client_for, coordinator, django_assert_num_queries):
    make_programme(size)
    client = client_for(coordinator)

    with django_assert_num_queries(COORDINATOR_HOME_QUERIES):
        response = client.get("/", {"year": "all"})

    assert response.context["figures"].plans_total == size


@pytest.mark.parametrize("size", [3, 30])
def test_staff_dashboard_queries_do_not_grow_with_the_data(size, client_for, staff, django_assert_num_queries):
    make_programme(size)
    client = client_for(staff)

    with django_assert_num_queries(STAFF_DASHBOARD_QUERIES):
        response = client.get("/dashboard/", {"year": "2025"})

    assert response.status_code == 200
    assert response.context["figures"].actions["overdue"] == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_second_visit_reads_the_figures_from_the_cache(size, client_for, coordinator, django_assert_num_queries):
    make_programme(size)
    client = client_for(coordinator)
    first = client.get("/", {"year": "2025"})

    with django_assert_num_queries(COORDINATOR_HOME_CACHED_QUERIES):
        again = client.get("/", {"year": "2025"})

    page, cached = first.content.decode(), again.content.decode()
    assert cached[cached.index("<main") : cached.index("</main>")] == page[page.index("<main") : page.index("</main>")]


# The full women-in-management table: session, user, permissions (1), the stamp, the headcounts per organization
# (the rest of the figures come from the same cached computation: 10 more the first time), the bell.
DECISION_TABLE_QUERIES = 15
# Again while nothing changed: the table is drawn from the cache and the figures are not even unpickled, and the
# permissions come from the cache (11 fewer).
DECISION_TABLE_CACHED_QUERIES = 4


@pytest.mark.parametrize("size", [3, 60])
def test_the_full_decision_table_costs_the_same_at_any_size(size, client_for, coordinator, django_assert_num_queries):
    make_programme(size)
    client = client_for(coordinator)

    with django_assert_num_queries(DECISION_TABLE_QUERIES):
        response = client.get("/dashboard/decision-making/")

    assert response.status_code == 200
    assert len(response.context["rows"]) == min(size, 50)
    with django_assert_num_queries(DECISION_TABLE_CACHED_QUERIES):
        again = client.get("/dashboard/decision-making/")
    page, cached = response.content.decode(), again.content.decode()
    assert cached[cached.index("<main") : cached.index("</main>")] == page[page.index("<main") : page.index("</main>")]
