"""The coordinators' weekly digest: plans and reports waiting for review, overdue reports by organization, plans
approved without a schedule, organizations with no editor, people who cannot be reached — one line per
organization or plan, never one per row; in the coordinator's language; once a week."""

import datetime

import pytest
from django.test import override_settings

from actionplans.models import Action, ActionPlan, PeriodReport, ReportingSchedule
from actionplans.reminders import digests_run, jobs_run
from organizations.models import Membership
from tests.actionplans.conftest import make_plan
from tests.conftest import make_user
from tests.reporting.conftest import approved_plan

from .helpers import at, mails_to

MONDAY = datetime.date(2026, 7, 20)  # period 1 of a half-yearly 2026 plan was due on 15 July


@pytest.fixture
def digest(django_capture_on_commit_callbacks, coordinator):
    """Run the weekly digests on MONDAY and return the coordinator's digest text (or None)."""

    def go():
        with django_capture_on_commit_callbacks(execute=True):
            digests_run(today=MONDAY, weekly=True)
        messages = mails_to(coordinator)
        assert len(messages) <= 1
        return messages[0].body if messages else None

    return go


def _lines(body, title):
    """The lines of one section of the text digest."""
    part = body.split(f"== {title} ==\n", 1)[1]
    return [line for line in part.split("\n\n", 1)[0].splitlines() if line.startswith("- ")]


def test_reports_waiting_for_review_one_line_per_plan(digest, coordinator, partner, org_a):
    plan = approved_plan(org_a, coordinator)
    for number in (1, 2):
        PeriodReport.objects.create(period=plan.reporting_periods.get(number=number), status="submitted")
    [line] = _lines(digest(), "Period reports waiting for your review")
    assert f"{org_a.name}: {plan.title}, periods 1, 2" in line
    assert plan.reporting_periods.get(number=1).get_absolute_url() in line


def test_overdue_reports_one_line_per_organization(digest, coordinator, partner, org_a, org_b):
    first = approved_plan(org_a, coordinator)
    second = approved_plan(org_a, coordinator, title="Second plan")
    schedule = ReportingSchedule.objects.get(plan=second)
    schedule.plan.reporting_periods.filter(number=1).update(due=datetime.date(2026, 7, 1))
    done = approved_plan(org_b, coordinator, title="Plan of B")
    PeriodReport.objects.create(period=done.reporting_periods.get(number=1), status="submitted")
    [line] = _lines(digest(), "Overdue reports by organization")
    assert line.startswith(f"- {org_a.name}: 2 overdue reports (")
    assert f"“{first.title}”, period 1" in line and "“Second plan”, period 1" in line
    assert org_a.get_absolute_url() in line


def test_plans_approved_without_a_schedule(digest, coordinator, partner, org_a):
    unscheduled = make_plan(org_a, title="Approved, never scheduled", status=ActionPlan.Status.APPROVED)
    approved_plan(org_a, coordinator, title="Scheduled plan")
    make_plan(org_a, title="Still a draft")
    [line] = _lines(digest(), "Plans approved without a reporting schedule (no report will ever be due)")
    assert "Approved, never scheduled" in line and f"/plans/{unscheduled.pk}/schedule/" in line


def test_organizations_with_a_plan_and_no_editor(digest, coordinator, partner, org_a, org_b):
    make_plan(org_a, title="Plan with an editor")
    make_plan(org_b, title="Plan without editor")
    lines = _lines(digest(), "Organizations with a plan but no editor (nobody there is told anything)")
    assert len(lines) == 1 and org_b.name in lines[0]


def test_people_who_cannot_be_reached_one_line_per_organization(digest, coordinator, partner, org_a):
    for name in ("nomail1", "nomail2"):
        person = make_user(name)
        person.email = ""
        person.save()
        Membership.objects.create(user=person, organization=org_a, role=Membership.Role.VIEWER)
    [line] = _lines(digest(), "Partners who cannot be reached by e-mail")
    assert f"{org_a.name}: nomail1, nomail2" in line


def test_plans_waiting_for_review(digest, coordinator, partner, org_a):
    plan = make_plan(org_a, title="Waiting plan", status=ActionPlan.Status.SUBMITTED)
    [line] = _lines(digest(), "Plans waiting for your review")
    assert "Waiting plan" in line and f"/plans/{plan.pk}/review/" in line


def test_nothing_to_say_means_no_digest(digest, coordinator, partner, org_a):
    plan = approved_plan(org_a, coordinator)
    PeriodReport.objects.create(period=plan.reporting_periods.get(number=1), status=PeriodReport.Status.ACCEPTED)
    Action.objects.update(status=Action.Status.DONE)
    assert digest() is None


def test_in_the_coordinators_language(digest, coordinator, partner, org_a):
    coordinator.language = "ru"
    coordinator.save()
    approved_plan(org_a, coordinator)
    body = digest()
    assert "== Просроченные отчёты по организациям ==" in body


@override_settings(DIGEST_HOUR=7, DIGEST_WEEKDAY=0)
def test_once_a_week_at_the_digest_hour(django_capture_on_commit_callbacks, coordinator, partner, org_a):
    approved_plan(org_a, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        jobs_run(now=at(MONDAY, hour=6))
        assert mails_to(coordinator) == []
        jobs_run(now=at(MONDAY, hour=7))
        jobs_run(now=at(MONDAY, hour=9))
        jobs_run(now=at(MONDAY + datetime.timedelta(days=1), hour=9))
    [message] = mails_to(coordinator)
    assert message.subject == "Your weekly digest"
