"""Every reporting URL for every role of the cast: outsiders 404, viewers read only, refused writes change nothing."""

import pytest
from django.urls import reverse

from actionplans.models import PeriodReport, ReportingSchedule

READ = ["report", "report_print"]
COORDINATOR_WRITES = ["report_review", "report_reopen"]


def url(name, plan, number=1):
    return reverse(f"actionplans:{name}", args=[plan.pk, number])


@pytest.mark.parametrize("name", READ)
def test_report_pages_for_each_role(client, name, rplan_a, partner, viewer, partner_b, coordinator, today):
    for user, status in ((partner, 200), (viewer, 200), (coordinator, 200), (partner_b, 404)):
        client.force_login(user)
        assert client.get(url(name, rplan_a)).status_code == status, user


def test_pdf_of_a_period_report(client, rplan_a, partner, partner_b):
    client.force_login(partner)
    response = client.get(url("report_pdf", rplan_a))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(partner_b)
    assert client.get(url("report_pdf", rplan_a)).status_code == 404


def test_report_edit_for_each_role(client, rplan_a, partner, viewer, partner_b, coordinator, today):
    for user, status in ((partner, 200), (viewer, 403), (coordinator, 403), (partner_b, 404)):
        client.force_login(user)
        assert client.get(url("report_edit", rplan_a)).status_code == status, user
        if status != 200:
            client.post(url("report_edit", rplan_a), {"version": 0, "achieved": "Written by someone else"})
    assert not PeriodReport.objects.exists()


def test_a_period_that_does_not_exist_is_404(client, rplan_a, partner):
    client.force_login(partner)
    assert client.get(url("report", rplan_a, 9)).status_code == 404


@pytest.mark.parametrize("name", COORDINATOR_WRITES)
def test_review_and_reopen_are_for_coordinators(client, name, rplan_a, partner, viewer, partner_b):
    for user in (partner, viewer, partner_b):
        client.force_login(user)
        assert client.post(url(name, rplan_a), {"decision": "accept", "reason": "x"}).status_code == 404


def test_schedule_and_overview_are_for_coordinators(client, rplan_a, partner, viewer, partner_b, coordinator, today):
    schedule_url = reverse("actionplans:schedule", args=[rplan_a.pk])
    for user in (partner, viewer, partner_b):
        client.force_login(user)
        assert client.get(schedule_url).status_code == 404
        assert client.post(schedule_url, {"frequency": "yearly", "due_days": 5}).status_code == 404
        assert client.get(reverse("actionplans:reports")).status_code == 404
    assert ReportingSchedule.objects.get(plan=rplan_a).frequency == "half_yearly"
    client.force_login(coordinator)
    assert client.get(schedule_url).status_code == 200
    assert client.get(reverse("actionplans:reports")).status_code == 200


def test_report_evidence_only_for_those_who_see_the_plan(client, partner, partner_b, coordinator, rplan_a, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from actionplans.reporting import report_save
    from tests.actionplans.conftest import minimal_pdf

    period = rplan_a.reporting_periods.get(number=1)
    upload = SimpleUploadedFile("minutes.pdf", minimal_pdf())
    report = report_save(period=period, by=partner, version=0, narrative={}, values=[], statuses={},
                         files=[upload], file_types=["application/pdf"])  # fmt: skip
    evidence = report.evidence.get()
    evidence_url = reverse("actionplans:evidence", args=[rplan_a.pk, evidence.pk])
    for user, status in ((partner, 200), (coordinator, 200), (partner_b, 404)):
        client.force_login(user)
        assert client.get(evidence_url).status_code == status
