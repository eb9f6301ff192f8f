"""Launching draft action plans from a training: a confirm page, then one plan per attending organization."""

import datetime

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionPlan
from organizations.models import Organization, OrganizationKind
from sessions_log.models import Attendance, TrainingSession


@pytest.fixture
def session(org_a, org_b):
    session = TrainingSession.objects.create(
        title="Gender mainstreaming in organizations", start_date="2021-11-18", end_date="2021-11-18"
    )
    for organization in (org_a, org_b):
        Attendance.objects.create(session=session, organization=organization, women=2)
    return session


def test_the_confirm_page_lists_who_gets_a_plan_and_writes_nothing(client_for, coordinator, session, org_a, org_b):
    response = client_for(coordinator).get(reverse("actionplans:launch", args=[session.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert org_a.name.replace("'", "&#x27;") in html and org_b.name in html
    assert "Create 2 draft plans" in html
    assert not ActionPlan.objects.exists()


def test_launching_creates_a_draft_plan_per_attending_organization(client_for, coordinator, session, org_a, org_b):
    response = client_for(coordinator).post(reverse("actionplans:launch", args=[session.pk]), follow=True)

    assert response.redirect_chain[-1][0] == session.get_absolute_url()
    assert "2 draft action plans created; 0 organizations already had one." in response.content.decode()
    plans = ActionPlan.objects.order_by("organization__name")
    assert [plan.organization for plan in plans] == [org_b, org_a]
    today = datetime.date.today()
    for plan in plans:
        assert plan.status == ActionPlan.Status.DRAFT
        assert plan.source_session == session
        assert "Gender mainstreaming in organizations" in plan.title
        assert plan.period_start == today
        assert plan.period_end == today.replace(year=today.year + 1) - datetime.timedelta(days=1)
    assert [p.organization for p in response.context["plans"]] == [org_b, org_a]


def test_launching_twice_creates_no_duplicates_and_says_so(client_for, coordinator, session):
    client = client_for(coordinator)
    client.post(reverse("actionplans:launch", args=[session.pk]))
    response = client.post(reverse("actionplans:launch", args=[session.pk]), follow=True)
    assert ActionPlan.objects.count() == 2
    assert "0 draft action plans created; 2 organizations already had one." in response.content.decode()


def test_only_organizations_without_a_plan_from_this_session_get_one(coordinator, session, org_a, org_b):
    other = TrainingSession.objects.create(title="Other", start_date="2020-01-01", end_date="2020-01-01")
    ActionPlan.objects.create(
        organization=org_a, title="Old", period_start="2020-01-01", period_end="2020-12-31", source_session=other
    )
    ActionPlan.objects.create(
        organization=org_b, title="Mine", period_start="2022-01-01", period_end="2022-12-31", source_session=session
    )
    latecomer = Organization.objects.create(name="Latecomer", kind=OrganizationKind.OTHER)
    Attendance.objects.create(session=session, organization=latecomer)

    result = services.plans_launch_from_session(session=session, by=coordinator)

    assert result == services.LaunchResult(created=2, existing=1)
    assert set(session.action_plans.values_list("organization__name", flat=True)) == {
        org_a.name,
        org_b.name,
        "Latecomer",
    }
    assert ActionPlan.objects.get(title="Mine").period_start == datetime.date(2022, 1, 1)  # left as it was


def test_the_plan_period_of_a_29_february_launch_ends_on_28_february():
    assert services._one_year_from(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
    assert services._one_year_from(datetime.date(2026, 11, 28)) == datetime.date(2027, 11, 27)


def test_the_launch_page_is_a_confirm_page_not_a_link_that_acts(client_for, coordinator, session):
    client_for(coordinator).get(reverse("actionplans:launch", args=[session.pk]))
    assert not ActionPlan.objects.exists()


def test_the_detail_page_says_when_every_organization_has_its_plan(client_for, coordinator, session):
    client = client_for(coordinator)
    assert "Launch action plans" in client.get(session.get_absolute_url()).content.decode()
    client.post(reverse("actionplans:launch", args=[session.pk]))
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Plans launched" in html and "Launch action plans" not in html


@pytest.mark.parametrize("status", ["draft", "returned", "submitted", "approved"])
def test_an_organization_with_a_plan_in_progress_for_the_same_months_is_skipped_and_told_why(
    client_for, coordinator, session, org_a, org_b, status
):
    today = datetime.date.today()
    current = ActionPlan.objects.create(
        organization=org_a,
        title="Our plan this year",
        period_start=today - datetime.timedelta(days=100),
        period_end=today + datetime.timedelta(days=200),
        status=status,
    )
    client = client_for(coordinator)
    html = client.get(reverse("actionplans:launch", args=[session.pk])).content.decode()
    assert "Skipped: these organizations already have a plan in progress for the same months." in html
    assert current.get_absolute_url() in html and "Create 1 draft plan" in html
    response = client.post(reverse("actionplans:launch", args=[session.pk]), follow=True)
    assert "1 draft action plan created" in response.content.decode()
    assert "1 skipped" in response.content.decode()
    assert list(ActionPlan.objects.filter(organization=org_a)) == [current]
    assert ActionPlan.objects.filter(organization=org_b, source_session=session).count() == 1


@pytest.mark.parametrize(("status", "months_ago"), [("completed", 2), ("archived", 2), ("approved", 14)])
def test_closed_plans_and_plans_of_other_months_do_not_stop_a_launch(coordinator, session, org_a, status, months_ago):
    today = datetime.date.today()
    start = today - datetime.timedelta(days=30 * months_ago)
    ActionPlan.objects.create(
        organization=org_a,
        title="Earlier",
        period_start=start,
        period_end=start + datetime.timedelta(days=40),
        status=status,
    )
    result = services.plans_launch_from_session(session=session, by=coordinator)
    assert result == services.LaunchResult(created=2, existing=0, skipped=0)


def test_a_launched_plan_is_titled_in_its_organizations_working_language(coordinator, session, org_a, org_b):
    org_b.language = "ru"
    org_b.save()
    services.plans_launch_from_session(session=session, by=coordinator)
    assert ActionPlan.objects.get(organization=org_a).title.startswith("Gender action plan after")
    assert ActionPlan.objects.get(organization=org_b).title.startswith("Гендерный план действий")


@pytest.mark.parametrize("size", [1, 6])
def test_the_confirm_page_takes_a_fixed_number_of_queries(client_for, coordinator, size, django_assert_num_queries):
    """More organizations to launch for, to skip, or that have their plan already: no query more."""
    today = datetime.date.today()
    session = TrainingSession.objects.create(title="Training", start_date="2021-11-18", end_date="2021-11-18")
    for number in range(size):
        new, busy, done = (
            Organization.objects.create(name=f"{kind} {number}", kind=OrganizationKind.OTHER)
            for kind in ("New", "Busy", "Done")
        )
        for organization in (new, busy, done):
            Attendance.objects.create(session=session, organization=organization, women=1)
        ActionPlan.objects.create(
            organization=busy,
            title="Current",
            period_start=today - datetime.timedelta(days=10),
            period_end=today + datetime.timedelta(days=100),
        )
        ActionPlan.objects.create(
            organization=done, title="From it", period_start=today, period_end=today, source_session=session
        )
    client = client_for(coordinator)
    # session, user, permissions (1), the training, its plans, attendances with organizations, plans in progress
    # for the same months, the bell
    with django_assert_num_queries(8):
        html = client.get(reverse("actionplans:launch", args=[session.pk])).content.decode()
    assert f"Busy {size - 1}" in html and f"New {size - 1}" in html
