"""The dashboard tells the demo's story (organizations/demo_data.py), counted by hand from the report's data.

Seen on 28 November 2026 (the demo's dates are fixed):
- November 2021 training: 12 partners; attendance (women, men, not stated) 2/1/0, 2/1/0, 1/1/0, 3/0/0,
  3/0/0, 1/2/0, 3/0/0, 2/0/0, 2/0/1, 2/1/0, 3/0/0, 1/1/0 = 25 women, 7 men, 1 not stated (33).
  Four state bodies, four local and two national CSOs, two research institutes.
- September 2026 follow-up workshop: 8 partners; 12 women, 3 men (15). The 2027 training is only planned.
- Plans: Naryn approved (2026-2027), one completed (2022-2023), one submitted, one returned, a draft for each
  of the other eight partners. Two of Naryn's actions are overdue.
"""

import datetime
import io

import pytest
from django.core.management import call_command

from actionplans.models import ActionPlan
from dashboard.selectors import dashboard_figures
from organizations.models import User

TODAY = datetime.date(2026, 11, 28)
S = ActionPlan.Status


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    return User.objects.get(username="coordinator")


def test_the_2021_training_reached_twelve_partners_and_33_people(demo):
    figures = dashboard_figures(fetched_by=demo, year=2021, today=TODAY)

    reach = figures.reach_year
    assert (reach.sessions, reach.women, reach.men, reach.not_stated) == (1, 25, 7, 1)
    assert {kind: n for kind, _label, n, _all in figures.kinds if n} == {
        "state_body": 4,
        "local_cso": 4,
        "national_cso": 2,
        "research": 2,
    }


def test_2026_shows_the_follow_up_workshop_and_the_overdue_actions(demo):
    figures = dashboard_figures(fetched_by=demo, year=2026, today=TODAY)

    assert (figures.reach_year.sessions, figures.reach_year.women, figures.reach_year.men) == (1, 12, 3)
    assert figures.organizations_reached_year == 8
    assert figures.actions["overdue"] == 2
    assert figures.overdue == [("Мэрия города Нарын", 2)]
    assert figures.approved["in_year"] == 1


def test_all_years_add_up_to_two_trainings_and_twelve_plans(demo):
    figures = dashboard_figures(fetched_by=demo, year=None, today=TODAY)

    total = figures.reach_total
    assert (total.sessions, total.participants, total.women) == (2, 48, 37)
    assert figures.organizations_reached_total == 12
    assert {status: overall for status, (_year, overall) in figures.plans.items()} == {
        S.DRAFT: 8,
        S.SUBMITTED: 1,
        S.RETURNED: 1,
        S.APPROVED: 1,
        S.COMPLETED: 1,
        S.ARCHIVED: 0,
    }
    assert figures.approved["overall"] == 2
    assert 2021 in figures.years and 2026 in figures.years


def test_women_in_decision_making_rose_in_naryn_from_1_of_11_to_3_of_12(demo):
    shares = dashboard_figures(fetched_by=demo, year=None, today=TODAY).decision_making
    naryn = next(item for item in shares if item.organization == "Мэрия города Нарын")

    assert (naryn.baseline_women, naryn.baseline_total, naryn.latest_women, naryn.latest_total) == (1, 11, 3, 12)
    assert (naryn.baseline_share, naryn.latest_share) == (9.1, 25.0)


def test_the_demo_coordinator_sees_the_dashboard_at_home(demo, client_for):
    response = client_for(demo).get("/", {"year": "2026"})

    assert response.status_code == 200
    assert "Programme overview" in response.content.decode()
