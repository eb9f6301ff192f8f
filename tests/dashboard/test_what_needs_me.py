""" "What needs me" at the top of each home page holds every item issue 11 lists, and costs the same queries at
any size. Partner: the plan to complete or submit, reports open or overdue, actions due in the next 14 days,
comments to answer. Coordinator: reviews waiting (plans and reports), overdue reports by organization,
invitations pending."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Invitation
from actionplans.models import ActionPlan, PeriodReport, ReportingPeriod, ReviewComment
from assessments.reassessment import anniversary
from organizations.models import Membership, Organization
from tests.actionplans.conftest import make_plan

DAY = datetime.timedelta(days=1)


def _section(response):
    page = response.content.decode()
    start = page.index('id="needs-me"')
    return page[start : page.index("</section>", start)]


def _periods(plan, *rows):
    """Reporting periods of ``plan``: (days from today to the due date, the report's status or None, comment)."""
    today = timezone.localdate()
    for number, (due_in, status, comment) in enumerate(rows, start=1):
        due = today + due_in * DAY
        period = ReportingPeriod.objects.create(
            plan=plan, number=number, start=due - 120 * DAY, end=due - 15 * DAY, due=due
        )
        if status:
            PeriodReport.objects.create(period=period, status=status, review_comment=comment)


def partner_world(organization, coordinator, size):
    """``size`` of everything a partner editor has to do, in ``organization``."""
    today = timezone.localdate()
    for number in range(size):
        returned = make_plan(organization, title=f"Plan to finish {number}", status=ActionPlan.Status.RETURNED)
        ReviewComment.objects.create(
            plan=returned, author=coordinator, text=f"Add a budget line {number}", decision="returned"
        )
        running = make_plan(organization, title=f"Running plan {number}", status=ActionPlan.Status.APPROVED, actions=2)
        soon, later = running.objectives.get().actions.order_by("order")
        soon.title, soon.due_date = f"Train the board {number}", today + 10 * DAY
        soon.save()
        later.title, later.due_date = f"Far ahead {number}", today + 20 * DAY
        later.save()
        _periods(
            running,
            (-3, None, ""),  # overdue, never started
            (-40, PeriodReport.Status.RETURNED, f"The board count looks old {number}"),  # sent back
            (30, PeriodReport.Status.DRAFT, ""),  # open, a draft begun
            (-100, PeriodReport.Status.ACCEPTED, ""),  # done: nothing to do
        )


def test_a_partner_editor_sees_every_kind_of_item(client_for, partner, viewer, coordinator, org_a):
    partner_world(org_a, coordinator, 1)
    section = _section(client_for(partner).get("/"))
    # The plan to complete or submit, with the coordinator's comment to answer.
    assert "Plan to finish 0" in section and "Add a budget line 0" in section
    # Reports open or overdue, a report sent back with its comment to answer; not the accepted one.
    start = section.index('id="needs-reports"')
    reports = section[start : section.index("</ul>", start)]
    assert reports.count("<li>") == 3
    assert "Overdue" in reports and "Sent back" in reports and "Open" in reports
    assert "The board count looks old 0" in reports
    running = ActionPlan.objects.get(title="Running plan 0")
    assert f"/plans/{running.pk}/reports/1/edit/" in reports
    # Comments to answer: the returned plan's and the sent-back report's.
    assert "2 comments from the coordinator wait for your answer" in section
    # Actions due in the next 14 days, not later ones.
    assert "Train the board 0" in section and "Far ahead 0" not in section
    # A viewer of the same organization has nothing to do.
    assert "Nothing needs you now" in _section(client_for(viewer).get("/"))


def test_a_partner_of_another_organization_sees_none_of_it(client_for, partner_b, coordinator, org_a):
    partner_world(org_a, coordinator, 1)
    assert "Nothing needs you now" in _section(client_for(partner_b).get("/"))


# The partner's home with every item of "What needs me": session, user, coordinator permission check (1), plans
# with action counts, their objectives, indicators with latest values (3), the user's editor memberships for the
# plan cards (1), reporting periods waiting for a report and the indicators and values they miss (3), the bell's
# unread count (1), "What needs me": the organizations the person edits, plans to complete, the comments returning
# them, actions due within 14 days (4), the yearly self-assessment due again: the approved plans of the organizations
# the person edits with each organization's latest assessment year (1, from config.views.home), the reporting stamp
# (1) and the person's organizations and roles (1, the cache key's scope).
PARTNER_HOME_QUERIES = 18
# Read again while nothing changed: all but the self-assessment due again (an app above, with a form) come from the
# cache, the permissions too: session, user, the self-assessment due again, the stamp, the person's memberships, the
# bell.
PARTNER_HOME_CACHED_QUERIES = 6


@pytest.mark.parametrize("size", [1, 8])
def test_partner_home_queries_do_not_grow(client_for, partner, coordinator, org_a, django_assert_num_queries, size):
    partner_world(org_a, coordinator, size)
    due = timezone.localdate() + 10 * DAY
    yearly = make_plan(org_a, title="Yearly plan", status=ActionPlan.Status.APPROVED, actions=0)
    ActionPlan.objects.filter(pk=yearly.pk).update(period_start=anniversary(due, -1), period_end=anniversary(due, 2))
    client = client_for(partner)
    with django_assert_num_queries(PARTNER_HOME_QUERIES):
        response = client.get("/")
    assert _section(response).count("Add a budget line") == size
    assert _section(response).count("Your yearly gender self-assessment") == 1
    with django_assert_num_queries(PARTNER_HOME_CACHED_QUERIES):
        again = client.get("/")
    assert _section(again).count("Add a budget line") == size
    assert _section(again).count("Your yearly gender self-assessment") == 1


def coordinator_world(coordinator, size):
    """``size`` organizations each with a plan to review, a report to review, overdue reports and an invitation."""
    for number in range(size):
        organization = Organization.objects.create(name=f"Partner {number:02}", kind="local_cso")
        editor = Membership.objects.create(
            organization=organization,
            user=type(coordinator).objects.create_user(f"editor{number}", email=f"editor{number}@example.org"),
            role=Membership.Role.EDITOR,
        )
        assert editor
        make_plan(organization, title=f"Please review {number}", status=ActionPlan.Status.SUBMITTED)
        running = make_plan(organization, title=f"Running {number}", status=ActionPlan.Status.APPROVED)
        _periods(
            running,
            (-60, None, ""),  # overdue
            (-30, PeriodReport.Status.DRAFT, ""),  # overdue, a draft begun
            (-5, PeriodReport.Status.SUBMITTED, ""),  # waits for review
            (20, None, ""),  # open: not overdue
        )
        Invitation.objects.create(
            organization=organization,
            email=f"newcomer{number}@example.org",
            role="editor",
            language="en",
            token_hash=f"{number:064}",
            invited_by=coordinator,
            sent_at=timezone.now(),
            expires_at=timezone.now() + 7 * DAY,
        )


def test_a_coordinator_sees_reviews_overdue_reports_by_organization_and_invitations(client_for, coordinator):
    coordinator_world(coordinator, 2)
    section = _section(client_for(coordinator).get("/"))
    assert "2 action plans are waiting for your review." in section
    assert "2 period reports are waiting for your review" in section
    running = ActionPlan.objects.get(title="Running 0")
    assert f"/plans/{running.pk}/reports/3/" in section
    # Overdue reports: one line per organization, its plan with both overdue periods; the open one is not there.
    overdue = section[section.index('id="reports-overdue"') :]
    assert "4 period reports are overdue" in overdue
    line = re.search(r"<li>.*?Partner 00.*?</li>", overdue, re.S).group(0)
    assert "Running 0" in line and "period 1" in line and "period 2" in line and "period 4" not in line
    assert escape("?state=overdue") in overdue or "?state=overdue" in overdue
    assert "newcomer0@example.org" in section and "newcomer1@example.org" in section


def test_accepted_and_returned_reports_are_not_overdue_for_the_coordinator(client_for, coordinator, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    _periods(plan, (-10, PeriodReport.Status.ACCEPTED, ""), (-5, PeriodReport.Status.RETURNED, "Fix it"))
    section = _section(client_for(coordinator).get("/"))
    assert 'id="reports-overdue"' not in section


# The coordinator's home at any size, figures not cached yet: the 25 queries of tests/dashboard/test_queries.py,
# among them "What needs me"'s period reports waiting for review and overdue reports with plans and organizations.
COORDINATOR_HOME_QUERIES = 25


@pytest.mark.parametrize("size", [2, 12])
def test_coordinator_home_queries_do_not_grow(client_for, coordinator, django_assert_num_queries, size):
    coordinator_world(coordinator, size)
    client = client_for(coordinator)
    with django_assert_num_queries(COORDINATOR_HOME_QUERIES):
        response = client.get("/")
    section = _section(response)
    assert f"{2 * size} period reports are overdue" in section
    assert section.count("newcomer") == min(size, 10)
    # Only the first ten lines are read and shown, the totals count every one (the rows left out cost nothing).
    assert f"{size} period reports are waiting for your review" in section
    waiting = section[section.index('id="reports-to-review"') : section.index('id="reports-overdue"')]
    assert waiting.count("<li>") == min(size, 10) and "Partner 00" in waiting
    overdue = section[section.index('id="reports-overdue"') :]
    assert overdue[: overdue.index("</ul>")].count("<li>") == min(size, 10)
    assert (f"Partner {size - 1:02}" in overdue) == (size <= 10)
