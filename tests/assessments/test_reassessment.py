"""The yearly re-assessment: when it is due (assessments.reassessment), the partner's "What needs me" item, the
reminder to the organization's editors and the daily schedule that sends it."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.formats import date_format
from django_q.models import Schedule

from actionplans.models import ActionPlan
from assessments.models import Assessment
from assessments.reassessment import anniversary, due_date_for, reassessments_due, years_startable
from assessments.services import assessment_reminders_send
from notifications.models import Notification
from organizations.models import Membership
from tests.actionplans.conftest import make_plan
from tests.conftest import make_user

D = datetime.date
DAY = datetime.timedelta(days=1)
FUNC = "assessments.services.assessment_reminders_send"


def plan(organization, start, end, status=ActionPlan.Status.APPROVED, title="Gender action plan"):
    row = make_plan(organization, title=title, status=status, actions=0)
    ActionPlan.objects.filter(pk=row.pk).update(period_start=start, period_end=end)
    row.refresh_from_db()
    return row


def _due(start, end, today):
    return due_date_for(period_start=start, period_end=end, today=today)


# A three-year plan from 1 March 2025 to 29 February 2028: re-assessments on 1 March 2026 and 1 March 2027 (the
# third anniversary, 1 March 2028, is after the plan's end).
START, END = D(2025, 3, 1), D(2028, 2, 29)


@pytest.mark.parametrize(
    "today, due",
    [
        (D(2025, 6, 1), None),  # the first year: nothing yet
        (D(2026, 1, 29), None),  # 31 days before the first anniversary: not yet
        (D(2026, 1, 30), D(2026, 3, 1)),  # 30 days before: due soon
        (D(2026, 3, 1), D(2026, 3, 1)),  # on the day
        (D(2026, 3, 2), D(2026, 3, 1)),  # after it: overdue
        (D(2027, 1, 29), D(2026, 3, 1)),  # still the first one until 30 days before the next
        (D(2027, 1, 30), D(2027, 3, 1)),  # the second anniversary supersedes it
        (D(2028, 6, 1), D(2027, 3, 1)),  # the plan ended before its third anniversary
    ],
)
def test_the_due_date_is_the_latest_anniversary_inside_the_plan_up_to_30_days_ahead(today, due):
    assert _due(START, END, today) == due


def test_a_plan_shorter_than_a_year_is_due_at_its_end():
    start, end = D(2026, 1, 1), D(2026, 9, 30)
    assert _due(start, end, D(2026, 8, 30)) is None
    assert _due(start, end, D(2026, 8, 31)) == end
    assert _due(start, end, D(2027, 5, 1)) == end


def test_a_plan_of_exactly_one_year_is_due_on_its_anniversary():
    assert _due(D(2026, 1, 1), D(2027, 1, 1), D(2027, 1, 1)) == D(2027, 1, 1)


@pytest.mark.parametrize(
    "today, due",
    [
        (D(2026, 3, 2), None),  # the first anniversary does not count every two years
        (D(2027, 1, 30), D(2027, 3, 1)),  # 30 days before the second: due soon
        (D(2028, 6, 1), D(2027, 3, 1)),  # the plan ends before the fourth
    ],
)
def test_every_two_years_the_due_date_is_every_second_anniversary(today, due):
    assert due_date_for(period_start=START, period_end=END, today=today, every=2) == due


def test_a_plan_shorter_than_its_interval_is_due_at_its_end():
    assert due_date_for(period_start=START, period_end=END, today=D(2028, 2, 29), every=3) == END


def test_the_plans_schedule_sets_the_interval_and_yearly_is_the_default(org_a, coordinator):
    from actionplans.reporting import schedule_apply

    row = plan(org_a, START, END)
    assert [item.due for item in reassessments_due(today=D(2026, 3, 2))] == [D(2026, 3, 1)]  # no schedule: yearly
    schedule_apply(plan=row, frequency="yearly", by=coordinator)
    assert row.reporting_schedule.reassessment_years == 1
    assert [item.due for item in reassessments_due(today=D(2026, 3, 2))] == [D(2026, 3, 1)]
    schedule_apply(plan=row, frequency="yearly", reassessment_years=2, by=coordinator)
    assert reassessments_due(today=D(2026, 3, 2)) == []
    assert [item.due for item in reassessments_due(today=D(2027, 3, 2))] == [D(2027, 3, 1)]


def test_the_coordinator_sets_the_interval_on_the_schedule_page(client, org_a, coordinator):
    from django.urls import reverse

    row = plan(org_a, START, END)
    client.force_login(coordinator)
    url = reverse("actionplans:schedule", args=[row.pk])
    assert "Gender self-assessment again" in client.get(url).content.decode()
    response = client.post(url, {"frequency": "yearly", "due_days": 15, "custom_ends": "", "reassessment_years": 2})
    assert response.status_code == 302
    row.reporting_schedule.refresh_from_db()
    assert row.reporting_schedule.reassessment_years == 2
    response = client.post(url, {"frequency": "yearly", "due_days": 15, "custom_ends": "", "reassessment_years": 9})
    assert "Select a valid choice." in response.content.decode()
    row.reporting_schedule.refresh_from_db()
    assert row.reporting_schedule.reassessment_years == 2


def test_a_29_february_start_has_its_anniversary_on_28_february():
    assert anniversary(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert anniversary(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_due_soon_then_overdue(org_a):
    plan(org_a, START, END)
    (soon,) = reassessments_due(today=D(2026, 2, 10))
    assert (soon.organization, soon.due, soon.overdue) == (org_a, D(2026, 3, 1), False)
    assert reassessments_due(today=D(2026, 3, 1))[0].overdue is False
    assert reassessments_due(today=D(2026, 3, 2))[0].overdue is True


@pytest.mark.parametrize("status", [Assessment.Status.DRAFT, Assessment.Status.SUBMITTED, Assessment.Status.VALIDATED])
def test_an_assessment_of_the_anniversary_year_in_any_status_meets_it(org_a, status):
    plan(org_a, START, END)
    Assessment.objects.create(organization=org_a, year=2026, status=status)
    assert reassessments_due(today=D(2026, 3, 2)) == []


def test_an_earlier_year_does_not_meet_it_and_a_later_year_does(org_a):
    plan(org_a, START, END)
    Assessment.objects.create(organization=org_a, year=2025)
    assert [item.due for item in reassessments_due(today=D(2026, 3, 2))] == [D(2026, 3, 1)]
    # Missed in 2026: this year's assessment (the only one a partner can start in 2027) settles it.
    Assessment.objects.create(organization=org_a, year=2027)
    assert reassessments_due(today=D(2027, 1, 15)) == []


@pytest.mark.parametrize(
    "status",
    [
        ActionPlan.Status.DRAFT,
        ActionPlan.Status.SUBMITTED,
        ActionPlan.Status.RETURNED,
        ActionPlan.Status.COMPLETED,
        ActionPlan.Status.ARCHIVED,
    ],
)
def test_only_an_approved_plan_makes_a_reassessment_due(org_a, status):
    plan(org_a, START, END, status=status)
    assert reassessments_due(today=D(2026, 3, 2)) == []


def test_no_plan_nothing_due(org_a, org_b):
    assert reassessments_due(today=D(2026, 3, 2)) == []


def test_two_approved_plans_give_one_item_with_the_earliest_date_to_meet(org_a):
    plan(org_a, START, END, title="First")
    plan(org_a, D(2025, 6, 1), D(2027, 5, 31), title="Second")
    (item,) = reassessments_due(today=D(2026, 5, 20))
    assert item.due == D(2026, 3, 1)


def test_an_editor_sees_only_the_organizations_they_edit(org_a, org_b, partner, viewer, partner_b):
    plan(org_a, START, END)
    plan(org_b, START, END)
    today = D(2026, 3, 2)
    assert [item.organization for item in reassessments_due(today=today, editor=partner)] == [org_a]
    assert [item.organization for item in reassessments_due(today=today, editor=partner_b)] == [org_b]
    assert reassessments_due(today=today, editor=viewer) == []
    assert len(reassessments_due(today=today)) == 2


# The partner's home page, with dates around the real today.


def _section(response):
    page = response.content.decode()
    start = page.index('id="needs-me"')
    return page[start : page.index("</section>", start)]


def _plan_due_in(organization, days):
    """An approved plan of ``organization`` whose first anniversary is ``days`` from today (negative: past)."""
    due = timezone.localdate() + days * DAY
    plan(organization, anniversary(due, -1), anniversary(due, 2))
    return due


def test_a_partner_editor_sees_the_reassessment_due_with_a_link(client_for, partner, org_a):
    due = _plan_due_in(org_a, 10)
    section = _section(client_for(partner).get("/"))
    assert "Your yearly gender self-assessment (Women&#x27;s Initiative Osh) is due on" in section
    assert f"is due on {date_format(due, 'DATE_FORMAT')}." in section
    assert 'action="/assessments/new/"' in section
    assert f'name="year" value="{due.year}"' in section and f"Start the {due.year} self-assessment" in section
    assert "Nothing needs you now" not in section


def test_an_overdue_reassessment_says_since_when(client_for, partner, org_a):
    _plan_due_in(org_a, -3)
    section = _section(client_for(partner).get("/"))
    assert "is overdue since" in section and "Overdue" in section


def test_viewers_and_other_organizations_partners_do_not_see_it(client_for, viewer, partner_b, org_a):
    _plan_due_in(org_a, 10)
    assert "Nothing needs you now" in _section(client_for(viewer).get("/"))
    assert "Nothing needs you now" in _section(client_for(partner_b).get("/"))


def test_the_item_goes_once_the_years_assessment_is_started(client_for, partner, org_a):
    due = _plan_due_in(org_a, 10)
    Assessment.objects.create(organization=org_a, year=due.year)
    section = _section(client_for(partner).get("/"))
    assert "self-assessment" not in section and "Nothing needs you now" in section


def test_the_button_starts_the_due_years_assessment_and_the_item_goes(client_for, partner, org_a, questions):
    due = _plan_due_in(org_a, 10)
    client = client_for(partner)
    response = client.post("/assessments/new/", {"organization": org_a.pk, "year": due.year})
    assessment = Assessment.objects.get(organization=org_a)
    assert assessment.year == due.year and assessment.answers.count() == len(questions)
    assert response.url == f"/assessments/{assessment.pk}/edit/"
    assert "Nothing needs you now" in _section(client.get("/"))


def test_another_year_is_refused_without_a_reassessment_due(client_for, partner, org_a):
    """Without a re-assessment due next year (or with nonsense), only this year can be started."""
    today = timezone.localdate()
    client = client_for(partner)
    response = client.post("/assessments/new/", {"organization": org_a.pk, "year": today.year + 1}, follow=True)
    assert "can be started for this year or a re-assessment due soon" in response.content.decode()
    for bad in ["abc", "-1", "2026.5"]:
        client.post("/assessments/new/", {"organization": org_a.pk, "year": bad})
    assert not Assessment.objects.exists()


def test_the_years_startable_are_this_one_and_a_due_reassessments(org_a, org_b):
    plan(org_a, D(2026, 1, 5), D(2028, 1, 4))
    assert years_startable(organization=org_a, today=D(2026, 12, 5)) == {2026}
    assert years_startable(organization=org_a, today=D(2026, 12, 6)) == {2026, 2027}  # 30 days before 5 January
    assert years_startable(organization=org_b, today=D(2026, 12, 6)) == {2026}


def test_the_start_from_the_item_is_refused_to_viewers_and_other_organizations(client_for, viewer, partner_b, org_a):
    due = _plan_due_in(org_a, 10)
    for user in (viewer, partner_b):
        response = client_for(user).post("/assessments/new/", {"organization": org_a.pk, "year": due.year})
        assert response.status_code == 404
    assert not Assessment.objects.exists()


# The reminder.


def test_the_reminder_goes_once_to_the_organizations_editors(org_a, org_b, partner, viewer, partner_b):
    second_editor = make_user("second_editor")
    Membership.objects.create(user=second_editor, organization=org_a, role=Membership.Role.EDITOR)
    plan(org_a, START, END)
    assert assessment_reminders_send(today=D(2026, 1, 29)) == 0  # 31 days before: not yet
    assert assessment_reminders_send(today=D(2026, 1, 30)) == 2
    assert assessment_reminders_send(today=D(2026, 1, 30)) == 0  # run twice: nobody twice
    assert assessment_reminders_send(today=D(2026, 2, 20)) == 0  # a later day of the same window
    notifications = Notification.objects.filter(kind="assessment_due")
    assert sorted(n.recipient.username for n in notifications) == ["partner", "second_editor"]
    assert {n.key for n in notifications} == {f"assessment_due:{org_a.pk}:2026-03-01"}
    assert notifications[0].link == "/assessments/"
    assert "Women's Initiative Osh" in notifications[0].message and "2026" in notifications[0].message


def test_the_next_anniversary_reminds_again_and_a_long_missed_one_does_not(org_a, partner):
    plan(org_a, START, END)
    assert assessment_reminders_send(today=D(2026, 3, 8)) == 1  # the worker was down: a week late still
    assert assessment_reminders_send(today=D(2027, 1, 30)) == 1  # next year's date
    Notification.objects.all().delete()
    assert assessment_reminders_send(today=D(2026, 3, 9)) == 0  # more than a week late: the page says it


def test_no_reminder_once_the_years_assessment_exists(org_a, partner):
    plan(org_a, START, END)
    Assessment.objects.create(organization=org_a, year=2026)
    assert assessment_reminders_send(today=D(2026, 2, 1)) == 0


def test_the_daily_schedule_runs_the_reminder(db):
    schedule = Schedule.objects.get(func=FUNC)
    assert (schedule.schedule_type, schedule.repeats) == (Schedule.DAILY, -1)


def test_the_schedule_migration_is_idempotent_and_reversible(db):
    migration = importlib.import_module("assessments.migrations.0002_schedule_reassessment_reminders")
    migration.create(apps, None)
    assert Schedule.objects.filter(func=FUNC).count() == 1
    migration.remove(apps, None)
    assert not Schedule.objects.filter(func=FUNC).exists()
