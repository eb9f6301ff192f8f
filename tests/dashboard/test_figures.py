"""The dashboard's figures match the hand-counted programme of conftest.py."""

import datetime
import re

import pytest

from actionplans.models import ActionPlan
from dashboard.selectors import dashboard_figures
from sessions_log.models import Attendance, TrainingSession

TODAY = datetime.date(2026, 11, 28)
S = ActionPlan.Status


def figure(page, name):
    """The number shown in the element marked data-figure="name"."""
    match = re.search(rf'data-figure="{name}">\s*(\d+)', page)
    assert match, f"no figure {name!r} on the page"
    return int(match.group(1))


def test_figures_for_a_year_count_held_trainings_and_their_participants(programme, coordinator):
    figures = dashboard_figures(fetched_by=coordinator, year=2025, today=TODAY)

    reach = figures.reach_year
    assert (reach.sessions, reach.women, reach.men, reach.not_stated) == (2, 10, 6, 1)
    assert reach.participants == 17
    assert reach.share_of_women == 58.8
    assert figures.organizations_reached_year == 2


def test_figures_for_all_years_add_every_year_up(programme, coordinator):
    figures = dashboard_figures(fetched_by=coordinator, year=None, today=TODAY)

    total = figures.reach_total
    assert (total.sessions, total.women, total.men, total.not_stated) == (3, 15, 8, 1)
    assert total.share_of_women == 62.5
    assert figures.reach_year == total
    assert figures.organizations_reached_total == 3
    assert [(kind, overall) for kind, _label, _year, overall in figures.kinds] == [
        ("state_body", 1),
        ("local_cso", 1),
        ("research", 1),
    ]


def test_organizations_reached_by_kind_in_a_year_leave_out_the_others(programme, coordinator):
    figures = dashboard_figures(fetched_by=coordinator, year=2024, today=TODAY)

    in_2024 = {kind: in_year for kind, _label, in_year, _overall in figures.kinds}
    assert in_2024 == {"state_body": 1, "local_cso": 0, "research": 1}
    assert figures.organizations_reached_year == 2
    assert figures.reach_year.sessions == 1


def test_participants_per_year_run_from_the_first_year_to_the_last(programme, coordinator):
    figures = dashboard_figures(fetched_by=coordinator, year=2025, today=TODAY)

    assert [(r.year, r.sessions, r.women, r.men, r.not_stated) for r in figures.reach_years] == [
        (2024, 1, 5, 2, 0),
        (2025, 2, 10, 6, 1),
    ]


def test_a_year_without_trainings_between_two_others_shows_as_zero(programme, coordinator, org_a):
    session = TrainingSession.objects.create(title="Later", start_date="2027-02-01", end_date="2027-02-01")
    Attendance.objects.create(session=session, organization=org_a, women=1)

    figures = dashboard_figures(fetched_by=coordinator, year=2026, today=TODAY)

    assert [(r.year, r.participants) for r in figures.reach_years] == [(2024, 7), (2025, 17), (2026, 0), (2027, 1)]
    assert figures.reach_year.participants == 0


def test_plans_by_status_count_plans_running_in_the_year_and_all_plans(programme, coordinator):
    figures = dashboard_figures(fetched_by=coordinator, year=2025, today=TODAY)

    assert figures.plans == {
        S.DRAFT: (0, 1),
        S.SUBMITTED: (1, 1),
        S.RETURNED: (0, 1),
        S.APPROVED: (1, 1),
        S.COMPLETED: (0, 1),
        S.ARCHIVED: (0, 0),
    }
    assert (figures.plans_year, figures.plans_total) == (2, 5)


def test_organizations_with_an_approved_plan_count_approved_and_completed_plans(programme, coordinator):
    in_2025 = dashboard_figures(fetched_by=coordinator, year=2025, today=TODAY).approved
    in_2024 = dashboard_figures(fetched_by=coordinator, year=2024, today=TODAY).approved

    assert in_2025 == {"in_year": 1, "overall": 2, "with_plan": 2}
    assert in_2024 == {"in_year": 1, "overall": 2, "with_plan": 1}  # C's completed plan ran in 2024


def test_actions_done_in_progress_and_overdue_never_overlap(programme, coordinator):
    actions = dashboard_figures(fetched_by=coordinator, year=2025, today=TODAY).actions

    assert (actions["total_year"], actions["done_year"], actions["in_progress_year"], actions["overdue_year"]) == (
        5,
        1,
        0,
        3,
    )
    assert (actions["total"], actions["done"], actions["in_progress"], actions["overdue"]) == (9, 2, 2, 3)


def test_overdue_is_counted_from_the_given_day(programme, coordinator):
    # On 1 June 2025 only b1 (due 1 February) was past due; a2 is due that very day, so not yet overdue.
    figures = dashboard_figures(fetched_by=coordinator, year=None, today=datetime.date(2025, 6, 1))

    assert figures.actions["overdue"] == 1
    assert figures.overdue == [("Naryn Regional Administration", 1)]


def test_overdue_actions_per_organization_most_first(programme, coordinator):
    figures = dashboard_figures(fetched_by=coordinator, year=2025, today=TODAY)

    assert figures.overdue == [("Women's Initiative Osh", 2), ("Naryn Regional Administration", 1)]
    assert dashboard_figures(fetched_by=coordinator, year=2024, today=TODAY).overdue == []


def test_women_in_decision_making_compare_the_earliest_and_the_latest_management_headcount(programme, coordinator):
    shares = dashboard_figures(fetched_by=coordinator, year=2025, today=TODAY).decision_making

    assert [(s.organization, s.baseline_share, s.latest_share, s.change, s.single_snapshot) for s in shares] == [
        ("Women's Initiative Osh", 20.0, 40.0, 20.0, False),
        ("Naryn Regional Administration", 25.0, 25.0, 0.0, True),
    ]
    assert shares[0].baseline_date == datetime.date(2023, 1, 1)
    assert shares[0].latest_date == datetime.date(2025, 1, 1)


def test_years_with_data_come_from_trainings_and_plans(programme, coordinator):
    assert dashboard_figures(fetched_by=coordinator, year=None, today=TODAY).years == [2026, 2025, 2024, 2023, 2022]


def test_the_page_shows_the_hand_counted_figures_for_the_chosen_year(programme, client_for, coordinator):
    page = client_for(coordinator).get("/?year=2025").content.decode()

    assert figure(page, "sessions") == 2
    assert figure(page, "participants") == 17
    assert (figure(page, "women"), figure(page, "men"), figure(page, "not-stated")) == (10, 6, 1)
    assert "59% women" in page
    assert figure(page, "organizations") == 2
    assert figure(page, "approved") == 1
    assert (figure(page, "done"), figure(page, "in-progress"), figure(page, "overdue")) == (1, 0, 3)
    assert (figure(page, "plans"), figure(page, "plans-submitted"), figure(page, "plans-approved")) == (2, 1, 1)
    assert "3 in all years" in page  # trainings held in all years


def test_all_years_shows_the_overall_figures(programme, client_for, coordinator):
    page = client_for(coordinator).get("/?year=all").content.decode()

    assert figure(page, "sessions") == 3
    assert figure(page, "participants") == 24
    assert figure(page, "organizations") == 3
    assert figure(page, "approved") == 2
    assert (figure(page, "done"), figure(page, "in-progress"), figure(page, "overdue")) == (2, 2, 3)
    assert figure(page, "plans") == 5


def test_the_year_selector_lists_years_with_data_and_all_years(programme, client_for, coordinator):
    response = client_for(coordinator).get("/?year=2024")
    page = response.content.decode()

    for year in (2022, 2023, 2024, 2025, 2026):
        assert f'href="?year={year}"' in page
    assert 'href="?year=all"' in page
    assert re.search(r'class="nav-link active" aria-current="page" href="\?year=2024"', page)
    assert figure(page, "sessions") == 1
    assert figure(page, "participants") == 7


@pytest.mark.parametrize("value", ["", "abc", "1066", "99999999999999999999", "2025.5"])
def test_an_unreadable_year_falls_back_to_this_year(programme, client_for, coordinator, value):
    response = client_for(coordinator).get("/", {"year": value})

    assert response.status_code == 200
    assert response.context["year"] == datetime.date.today().year


def test_without_a_year_the_page_shows_this_year(client_for, coordinator, org_a):
    today = datetime.date.today()
    session = TrainingSession.objects.create(title="This year", start_date=today, end_date=today)
    Attendance.objects.create(session=session, organization=org_a, women=3, men=1)
    TrainingSession.objects.create(title="Long ago", start_date="2020-05-05", end_date="2020-05-05")

    response = client_for(coordinator).get("/")
    page = response.content.decode()

    assert response.context["year"] == today.year
    assert figure(page, "sessions") == 1
    assert figure(page, "participants") == 4
    assert "2 in all years" in page


def test_an_empty_programme_shows_zeros_and_empty_charts(client_for, coordinator):
    response = client_for(coordinator).get("/")
    page = response.content.decode()

    assert response.status_code == 200
    assert figure(page, "sessions") == 0
    assert figure(page, "participants") == 0
    assert "No trainings held yet." in page
    assert "No action plans yet." in page
    assert "No overdue actions." in page
    assert "No headcount at management level recorded yet." in page
    assert 'role="img"' not in page


def test_a_year_without_plans_says_so(programme, client_for, coordinator):
    page = client_for(coordinator).get("/?year=2030").content.decode()

    assert "No action plans running in 2030." in page


def test_an_empty_programme_invites_the_coordinator_to_record_a_training(client_for, coordinator):
    page = client_for(coordinator).get("/").content.decode()

    assert "Nothing is recorded yet." in page
    assert "/sessions/new/" in page
    assert "None in any year yet" in page
    assert 'class="dash-overdue"' not in page  # no alarm colour for zero
