"""A small programme whose figures are counted by hand in the comments below.

Organizations: A = Women's Initiative Osh (local CSO), B = Naryn Regional Administration (state body),
C = Institute of Gender Research (research institute).

Trainings (only held ones count):
  2024-11-12 held       C 4 women 1 man; B 1 woman 1 man
  2025-03-10 held       A 5 women 2 men 1 not stated; B 3 women 4 men
  2025-06-01 cancelled  C 10 women                       -> not counted
  2025-10-20 held       A 2 women
  => 2025: 2 trainings, 10 women, 6 men, 1 not stated = 17, 58.8 % women; organizations A, B (2)
  => all years: 3 trainings, 15 women, 8 men, 1 not stated = 24, 62.5 % women; A, B, C (3), one of each kind

Plans (period; status):
  A 2025-01-01..2026-12-31 approved      B 2025-01-01..2025-12-31 submitted
  B 2026-01-01..2026-12-31 returned      C 2023-01-01..2024-06-30 completed
  C 2022-01-01..2022-12-31 draft
  => running in 2025: approved 1, submitted 1; organizations with an approved plan: A (1) of A, B (2)
  => all: one plan in each of approved, submitted, returned, completed, draft; approved or completed: A, C (2)

Actions (all due dates in the past, so "overdue" does not depend on the day the test runs):
  plan A: a1 done 2025-03-01; a2 in progress 2025-06-01 (overdue); a3 planned 2025-12-31 (overdue);
          a4 cancelled 2025-01-01; a5 done 2024-05-01; a6 in progress 2099-01-01; a7 planned, no due date
  plan B (submitted): b1 postponed 2025-02-01 (overdue); b2 in progress, no due date
  => due in 2025: 5 actions; done 1, in progress 0, overdue 3 (A 2, B 1)
  => all: 9 actions; done 2, in progress 2 (a6, b2), overdue 3 (A 2, B 1)

Headcounts at management level:
  A 2023-01-01 2 women / 10; 2024-01-01 3 / 10; 2025-01-01 4 women 6 men = 40 %  (baseline 20 %, latest 40 %)
    (A also has a later administrative-level snapshot that must not count)
  B 2025-06-01 1 woman 3 men (25 %, a single snapshot)
  C administrative level only -> not in the chart
"""

import datetime

import pytest

from actionplans.models import Action, ActionPlan, ContentArea, Objective
from organizations.models import HeadcountSnapshot, Level, Organization, OrganizationKind
from sessions_log.models import Attendance, TrainingSession

d = datetime.date


@pytest.fixture
def org_c(db):
    return Organization.objects.create(name="Institute of Gender Research", kind=OrganizationKind.RESEARCH)


def _session(start, rows, status=TrainingSession.Status.HELD):
    session = TrainingSession.objects.create(
        title=f"Training of {start:%B %Y}", start_date=start, end_date=start, status=status
    )
    for org, (women, men, not_stated) in rows:
        Attendance.objects.create(session=session, organization=org, women=women, men=men, not_stated=not_stated)
    return session


def _plan(org, start, end, status):
    return ActionPlan.objects.create(
        organization=org, title=f"{org.name} plan {start.year}", period_start=start, period_end=end, status=status
    )


def _actions(plan, *rows):
    objective = Objective.objects.create(plan=plan, title="Objective", content_area=ContentArea.LEADERSHIP)
    for title, status, due in rows:
        Action.objects.create(objective=objective, title=title, status=status, due_date=due)


@pytest.fixture
def programme(org_a, org_b, org_c):
    _session(d(2024, 11, 12), [(org_c, (4, 1, 0)), (org_b, (1, 1, 0))])
    _session(d(2025, 3, 10), [(org_a, (5, 2, 1)), (org_b, (3, 4, 0))])
    _session(d(2025, 6, 1), [(org_c, (10, 0, 0))], status=TrainingSession.Status.CANCELLED)
    _session(d(2025, 10, 20), [(org_a, (2, 0, 0))])

    S = ActionPlan.Status
    plan_a = _plan(org_a, d(2025, 1, 1), d(2026, 12, 31), S.APPROVED)
    plan_b = _plan(org_b, d(2025, 1, 1), d(2025, 12, 31), S.SUBMITTED)
    _plan(org_b, d(2026, 1, 1), d(2026, 12, 31), S.RETURNED)
    _plan(org_c, d(2023, 1, 1), d(2024, 6, 30), S.COMPLETED)
    _plan(org_c, d(2022, 1, 1), d(2022, 12, 31), S.DRAFT)

    A = Action.Status
    _actions(
        plan_a,
        ("a1", A.DONE, d(2025, 3, 1)),
        ("a2", A.IN_PROGRESS, d(2025, 6, 1)),
        ("a3", A.PLANNED, d(2025, 12, 31)),
        ("a4", A.CANCELLED, d(2025, 1, 1)),
        ("a5", A.DONE, d(2024, 5, 1)),
        ("a6", A.IN_PROGRESS, d(2099, 1, 1)),
        ("a7", A.PLANNED, None),
    )
    _actions(plan_b, ("b1", A.POSTPONED, d(2025, 2, 1)), ("b2", A.IN_PROGRESS, None))

    M = Level.MANAGEMENT
    HeadcountSnapshot.objects.create(organization=org_a, as_of=d(2023, 1, 1), level=M, women=2, men=8)
    HeadcountSnapshot.objects.create(organization=org_a, as_of=d(2024, 1, 1), level=M, women=3, men=7)
    HeadcountSnapshot.objects.create(organization=org_a, as_of=d(2025, 1, 1), level=M, women=4, men=6)
    HeadcountSnapshot.objects.create(
        organization=org_a, as_of=d(2026, 1, 1), level=Level.ADMINISTRATIVE, women=9, men=1
    )
    HeadcountSnapshot.objects.create(organization=org_b, as_of=d(2025, 6, 1), level=M, women=1, men=3)
    HeadcountSnapshot.objects.create(
        organization=org_c, as_of=d(2025, 6, 1), level=Level.ADMINISTRATIVE, women=5, men=0
    )
    return {"a": org_a, "b": org_b, "c": org_c, "plan_a": plan_a, "plan_b": plan_b}


@pytest.fixture
def staff(staff):
    """Back-office staff who may read the dashboard (the cast's staff has no permission at all)."""
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="view_dashboard"))
    return staff
