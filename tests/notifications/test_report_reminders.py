"""Report reminders, run by the scheduler's job for a given date (no sleeping, no wall clock): a period report
due in 7 days, due today, overdue by one day and by seven days reaches the organization's editors once each."""

import datetime

import pytest
from django.core import mail

from actionplans.models import PeriodReport
from actionplans.reminders import digests_run, jobs_run, reminders_run
from actionplans.reporting import schedule_apply
from notifications.models import Delivery, Notification
from notifications.services import delivery_set
from organizations.models import Membership
from tests.reporting.conftest import approved_plan

from .helpers import at, mails_to

DUE = datetime.date(2026, 7, 15)  # period 1 (January to June 2026) of the half-yearly schedule
DAY = datetime.timedelta(days=1)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a job as the scheduler would, with the mails it enqueues delivered (tasks run in-process here)."""

    def go(job, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return job(**kwargs)

    return go


@pytest.fixture
def plan(org_a, coordinator):
    return approved_plan(org_a, coordinator)


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


def test_each_reminder_goes_out_on_its_day_not_the_day_before_and_never_twice(run, plan, partner):
    """Day by day from 9 days before the due date to 14 days after, the job run twice each day."""
    first_seen = {}
    for offset in range(9, -15, -1):
        day = DUE - offset * DAY
        run(reminders_run, today=day)
        run(reminders_run, today=day)  # the scheduler ran it again (a second worker, a retry)
        for kind in _kinds(partner):
            first_seen.setdefault(kind, offset)
    assert first_seen == {"report_due_soon": 7, "report_due_today": 0, "report_overdue": -1, "report_overdue_week": -7}
    subjects = [m.subject for m in mails_to(partner)]
    title = plan.title
    assert subjects == [
        f"Report due on 15 Jul 2026: {title}, period 1",
        f"Report due today: {title}, period 1",
        f"Report overdue: {title}, period 1",
        f"Report a week overdue: {title}, period 1",
    ]
    message = mails_to(partner)[0]
    assert plan.reporting_periods.get(number=1).get_absolute_url() in message.body
    assert "/notifications/settings/" in message.body
    assert message.alternatives[0].mimetype == "text/html"


def test_the_due_in_7_days_mail_goes_out_that_day_not_the_day_before_and_not_twice(run, plan, partner):
    run(reminders_run, today=DUE - 8 * DAY)
    assert mails_to(partner) == []
    run(reminders_run, today=DUE - 7 * DAY)
    run(reminders_run, today=DUE - 7 * DAY)
    run(reminders_run, today=DUE - 6 * DAY)
    assert [m.subject for m in mails_to(partner)] == [f"Report due on 15 Jul 2026: {plan.title}, period 1"]
    assert Notification.objects.filter(recipient=partner, kind="report_due_soon").count() == 1


def test_a_reminder_missed_while_the_worker_was_down_comes_late_but_once(run, plan, partner):
    """The worker was down on the day the report became overdue: the next run still tells the editors."""
    run(reminders_run, today=DUE - 3 * DAY)
    run(reminders_run, today=DUE + 3 * DAY)
    run(reminders_run, today=DUE + 4 * DAY)
    assert _kinds(partner) == ["report_due_soon", "report_overdue"]


def test_the_job_runs_after_midnight_in_the_time_zone(run, plan, partner):
    """00:30 in TIME_ZONE (Bishkek, UTC+6) is still the previous day in UTC: the reminders follow the local date."""
    run(jobs_run, now=at(DUE - 8 * DAY, hour=23, minute=50))
    assert mails_to(partner) == []
    run(jobs_run, now=at(DUE - 7 * DAY, hour=0, minute=30))
    assert len(mails_to(partner)) == 1


def test_only_the_editors_hear_not_viewers_coordinators_or_other_organizations(
    run, plan, partner, viewer, coordinator, partner_b
):
    run(reminders_run, today=DUE)
    assert [m.to for m in mail.outbox] == [[partner.email]]


def test_deactivated_and_removed_editors_get_nothing(run, plan, partner, org_a):
    from tests.conftest import make_user

    other = make_user("second-editor")
    Membership.objects.create(user=other, organization=org_a, role=Membership.Role.EDITOR)
    partner.is_active = False
    partner.save()
    Membership.objects.filter(user=other).delete()
    run(reminders_run, today=DUE)
    assert mail.outbox == []
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("status", "reminded"),
    [("draft", True), ("returned", True), ("submitted", False), ("accepted", False)],
)
def test_only_reports_still_to_write_are_reminded(run, plan, partner, status, reminded):
    """A draft or a report sent back is still owed; a submitted or accepted one is not (status as the pages say)."""
    PeriodReport.objects.create(period=plan.reporting_periods.get(number=1), status=status)
    run(reminders_run, today=DUE + DAY)
    assert bool(mails_to(partner)) is reminded


def test_plans_not_approved_have_no_reminders(run, plan, partner):
    plan.status = "completed"
    plan.save()
    run(reminders_run, today=DUE)
    assert mail.outbox == []


def test_a_moved_due_date_is_a_new_reminder(run, plan, partner, coordinator):
    run(reminders_run, today=DUE - 7 * DAY)
    schedule_apply(plan=plan, frequency="half_yearly", due_days=30, by=coordinator)  # now due on 30 July
    run(reminders_run, today=DUE - 7 * DAY + 15 * DAY)
    subjects = [m.subject for m in mails_to(partner)]
    assert subjects == [
        f"Report due on 15 Jul 2026: {plan.title}, period 1",
        f"Report due on 30 Jul 2026: {plan.title}, period 1",
    ]


def test_in_the_editors_language(run, plan, partner):
    partner.language = "ru"
    partner.save()
    run(reminders_run, today=DUE)
    [message] = mails_to(partner)
    assert message.subject == f"Отчёт нужно сдать сегодня: {plan.title}, период 1"


@pytest.mark.parametrize("delivery", [Delivery.DAILY, Delivery.WEEKLY])
def test_a_digest_reader_gets_the_reminders_in_one_digest_line_per_plan(run, plan, coordinator, partner, delivery):
    delivery_set(user=partner, delivery=delivery)
    schedule_apply(plan=plan, frequency="quarterly", by=coordinator)
    plan.reporting_periods.filter(number__in=[1, 2]).update(due=DUE)  # two reports of the plan due the same day
    run(reminders_run, today=DUE)
    assert mail.outbox == []  # waiting for the digest
    assert set(Notification.objects.values_list("mail", flat=True)) == {Notification.Mail.DIGEST}

    weekly = delivery == Delivery.WEEKLY
    if weekly:
        run(digests_run, today=DUE, weekly=False)
        assert mail.outbox == []  # a weekly reader gets no daily digest
    run(digests_run, today=DUE, weekly=weekly)
    run(digests_run, today=DUE, weekly=weekly)
    [digest] = mails_to(partner)
    assert "2 reports due today" in digest.body
    assert digest.body.count(plan.title) == 1 and plan.organization.name in digest.body


def test_none_means_the_bell_only(run, plan, partner):
    delivery_set(user=partner, delivery=Delivery.NONE)
    run(reminders_run, today=DUE)
    run(digests_run, today=DUE, weekly=True)
    assert mails_to(partner) == []
    assert Notification.objects.get(recipient=partner).mail == Notification.Mail.NOT_MAILED


def test_someone_removed_before_the_digest_gets_none_of_that_organization(run, plan, partner):
    """A reminder waiting for a daily digest is not mailed once the person has left the organization."""
    delivery_set(user=partner, delivery=Delivery.DAILY)
    run(reminders_run, today=DUE)
    assert Notification.objects.get(recipient=partner).mail == Notification.Mail.DIGEST
    Membership.objects.filter(user=partner).delete()
    run(digests_run, today=DUE, weekly=False)
    assert mails_to(partner) == []
