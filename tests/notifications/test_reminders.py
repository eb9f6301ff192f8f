"""Reminders and digests run by the scheduler's job for a given date: no sleeping, no wall clock."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from actionplans.reminders import digests_run, jobs_run, reminders_run
from notifications.models import Delivery, Notification
from notifications.services import delivery_set
from organizations.models import Membership

from .helpers import approved_plan, at, mails_to

DUE = datetime.date(2026, 3, 10)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a job as the scheduler would, with the mails it enqueues delivered (tasks run in-process here)."""

    def go(job, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return job(**kwargs)

    return go


def test_the_due_in_7_days_mail_goes_out_on_that_day_not_the_day_before_and_not_twice(run, partner, org_a):
    plan, action = approved_plan(org_a, due=DUE)

    run(reminders_run, today=DUE - datetime.timedelta(days=8))
    assert mails_to(partner) == []

    run(reminders_run, today=DUE - datetime.timedelta(days=7))
    [message] = mails_to(partner)
    assert message.subject == f"Due on 10 Mar 2026: {action.title}"
    assert f"/plans/{plan.pk}/" in message.body
    assert message.alternatives[0].mimetype == "text/html"

    run(reminders_run, today=DUE - datetime.timedelta(days=7))  # the job run again the same day
    run(reminders_run, today=DUE - datetime.timedelta(days=6))  # and the next day
    assert len(mails_to(partner)) == 1
    assert Notification.objects.filter(recipient=partner, kind="action_due_soon").count() == 1


def test_an_overdue_action_is_mailed_once_the_day_after_its_due_date(run, partner, org_a):
    _, action = approved_plan(org_a, due=DUE)
    run(reminders_run, today=DUE)
    assert [m for m in mails_to(partner) if m.subject.startswith("Overdue")] == []

    run(reminders_run, today=DUE + datetime.timedelta(days=1))
    run(reminders_run, today=DUE + datetime.timedelta(days=2))
    overdue = [m for m in mails_to(partner) if m.subject.startswith("Overdue")]
    assert [m.subject for m in overdue] == [f"Overdue: {action.title}"]


def test_the_job_runs_after_midnight_in_the_time_zone(run, partner, org_a):
    """00:30 in Bishkek is still the previous day in UTC: the reminder follows the local date."""
    approved_plan(org_a, due=DUE)
    run(jobs_run, now=at(DUE - datetime.timedelta(days=7), hour=0, minute=30))
    assert len(mails_to(partner)) == 1


def test_done_actions_unapproved_plans_viewers_and_coordinators_get_no_reminder(
    run, partner, viewer, coordinator, org_a, org_b
):
    _, done = approved_plan(org_a, due=DUE)
    done.status = "done"
    done.save()
    draft_plan, _ = approved_plan(org_b, due=DUE, title="Draft of B")
    draft_plan.status = "draft"
    draft_plan.save()
    run(reminders_run, today=DUE - datetime.timedelta(days=7))
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_deactivated_and_removed_people_get_nothing_more(run, partner, partner_b, org_a, org_b):
    approved_plan(org_a, due=DUE)
    approved_plan(org_b, due=DUE, title="Plan of B")
    partner.is_active = False
    partner.save()
    Membership.objects.filter(user=partner_b).delete()
    run(reminders_run, today=DUE - datetime.timedelta(days=7))
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_daily_digest_groups_by_organization_and_plan_and_goes_out_once(run, partner, org_a):
    delivery_set(user=partner, delivery=Delivery.DAILY)
    plan, first = approved_plan(org_a, due=DUE)
    for number in range(2):
        first.pk = None
        first.title = f"Another action {number}"
        first.save()
    run(reminders_run, today=DUE - datetime.timedelta(days=7))
    assert mail.outbox == []  # waiting for the digest
    assert set(Notification.objects.values_list("mail", flat=True)) == {Notification.Mail.DIGEST}

    run(digests_run, today=DUE - datetime.timedelta(days=7), weekly=False)
    run(digests_run, today=DUE - datetime.timedelta(days=7), weekly=False)
    [digest] = mails_to(partner)
    assert digest.subject == "Your daily digest"
    # One line for the three actions of the plan, under the organization and the plan.
    assert "3 actions due within 7 days" in digest.body
    assert digest.body.count(plan.title) == 1 and org_a.name in digest.body
    # Text and HTML, each with the link to the plan and the footer to change one's settings.
    [(html, mimetype)] = digest.alternatives
    assert mimetype == "text/html"
    page, footer = f"{settings.SITE_URL}/plans/{plan.pk}/", f"{settings.SITE_URL}/notifications/settings/"
    assert page in digest.body and footer in digest.body
    assert f'href="{page}"' in html and footer in html and "3 actions due within 7 days" in html
    assert set(Notification.objects.values_list("mail", flat=True)) == {Notification.Mail.IN_DIGEST}

    run(digests_run, today=DUE - datetime.timedelta(days=6), weekly=False)
    assert len(mails_to(partner)) == 1  # nothing new: no empty digest


@override_settings(DIGEST_HOUR=7, DIGEST_WEEKDAY=0)
def test_coordinators_weekly_digest_lists_reviews_and_organizations_nobody_hears_of(run, coordinator, org_a, org_b):
    from tests.actionplans.conftest import make_plan

    make_plan(org_a, title="Waiting plan", status="submitted")
    make_plan(org_b, title="Plan without editor")  # org_b has no editor in this test
    monday = datetime.date(2026, 3, 2)
    run(jobs_run, now=at(monday, hour=6))
    assert mails_to(coordinator) == []  # before the digest hour
    run(jobs_run, now=at(monday, hour=7))
    run(jobs_run, now=at(monday, hour=8))
    [digest] = mails_to(coordinator)
    assert digest.subject == "Your weekly digest"
    assert "Plans waiting for your review" in digest.body and "Waiting plan" in digest.body
    assert "no editor" in digest.body and org_b.name in digest.body
    run(jobs_run, now=at(monday + datetime.timedelta(days=1), hour=8))  # not on other weekdays
    assert len(mails_to(coordinator)) == 1


def test_none_means_no_mail_but_the_bell_still_tells(run, partner, org_a):
    delivery_set(user=partner, delivery=Delivery.NONE)
    approved_plan(org_a, due=DUE)
    run(reminders_run, today=DUE - datetime.timedelta(days=7))
    run(digests_run, today=DUE - datetime.timedelta(days=7), weekly=True)
    assert mail.outbox == []
    assert Notification.objects.get(recipient=partner).mail == Notification.Mail.NOT_MAILED


def test_the_queues_own_scheduler_runs_the_reminders_job_once_per_due_run(run, partner, org_a):
    """The hourly schedule (a data migration) is what runs jobs_run: django-q2's scheduler, not a loop of ours."""
    from django.utils import timezone
    from django_q.models import Schedule
    from django_q.scheduler import scheduler

    _, action = approved_plan(org_a, due=timezone.localdate() + datetime.timedelta(days=7))
    job = Schedule.objects.get(func="actionplans.reminders.jobs_run")
    assert job.schedule_type == Schedule.HOURLY and job.repeats == -1
    Schedule.objects.filter(pk=job.pk).update(next_run=timezone.now() - datetime.timedelta(minutes=1))

    run(scheduler)
    run(scheduler)  # not due again before the next hour
    assert [m.subject for m in mails_to(partner)] == [f"Due on {action.due_date.strftime('%-d %b %Y')}: {action.title}"]
    job.refresh_from_db()
    assert job.next_run > timezone.now()


def test_switching_from_a_digest_to_every_event_the_waiting_ones_come_in_the_next_daily_digest(run, partner, org_a):
    """Nothing collected for a digest is lost when the person changes their mind."""
    delivery_set(user=partner, delivery=Delivery.WEEKLY)
    _, action = approved_plan(org_a, due=DUE)
    run(reminders_run, today=DUE - datetime.timedelta(days=7))
    delivery_set(user=partner, delivery=Delivery.EVERY_EVENT)
    run(digests_run, today=DUE - datetime.timedelta(days=6), weekly=False)
    run(digests_run, today=DUE - datetime.timedelta(days=5), weekly=False)
    [digest] = mails_to(partner)
    assert digest.subject == "Your daily digest" and action.title in digest.body
    assert Notification.objects.get(recipient=partner).mail == Notification.Mail.IN_DIGEST


def test_switching_from_a_digest_to_no_mail_drops_the_waiting_ones(run, partner, org_a):
    delivery_set(user=partner, delivery=Delivery.DAILY)
    approved_plan(org_a, due=DUE)
    run(reminders_run, today=DUE - datetime.timedelta(days=7))
    delivery_set(user=partner, delivery=Delivery.NONE)
    run(digests_run, today=DUE - datetime.timedelta(days=7), weekly=True)
    assert mails_to(partner) == []
    assert Notification.objects.get(recipient=partner).mail == Notification.Mail.NOT_MAILED  # as the admin shows
