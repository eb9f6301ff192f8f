"""Period reports tell people too: submitted → coordinators; sent back or accepted → the organization's editors."""

from django.core import mail

from actionplans.models import PeriodReport
from actionplans.reporting import report_accept, report_send_back
from notifications.models import Notification
from tests.reporting.conftest import approved_plan

from .helpers import mails_to


def _submitted(plan, number):
    return PeriodReport.objects.create(period=plan.reporting_periods.get(number=number), status="submitted")


def test_accepted_and_sent_back_reports_tell_the_editors(
    django_capture_on_commit_callbacks, coordinator, partner, viewer, org_a
):
    plan = approved_plan(org_a, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        report_accept(report=_submitted(plan, 1), by=coordinator)
        report_send_back(report=_submitted(plan, 2), by=coordinator, comment="The board count looks old.")
    subjects = sorted(m.subject for m in mails_to(partner))
    assert subjects == [f"Report accepted: {plan.title}, period 1", f"Report sent back: {plan.title}, period 2"]
    sent_back = Notification.objects.get(recipient=partner, kind="report_sent_back")
    assert "The board count looks old." in sent_back.message
    assert sent_back.link == plan.reporting_periods.get(number=2).get_absolute_url()
    assert mails_to(viewer) == [] and mails_to(coordinator) == []
    assert len(mail.outbox) == 2


def test_a_submitted_report_tells_the_coordinators_not_the_partner(
    django_capture_on_commit_callbacks, coordinator, partner, org_a
):
    from actionplans.models import ReportValue
    from actionplans.reporting import report_submit

    plan = approved_plan(org_a, coordinator)
    report = PeriodReport.objects.create(period=plan.reporting_periods.get(number=1))
    for indicator in plan.objectives.get().indicators.all():
        ReportValue.objects.create(report=report, indicator=indicator, value=5)
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=report, by=partner)
    [message] = mails_to(coordinator)
    assert message.subject == f"Report submitted: {plan.title}, period 1"
    assert plan.reporting_periods.get(number=1).get_absolute_url() in message.body
    assert mails_to(partner) == []
