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


# --- The whole matrix: every reporting URL x every role of the cast ------------------------------------------

ROLES = ["anonymous", "partner", "viewer", "partner_b", "staff", "coordinator"]
# (method, URL name, what it takes, POST data, {role: status}); "anonymous" is sent to the sign-in page (302).
PARTNER_READS = {"partner": 200, "viewer": 200, "partner_b": 404, "staff": 404, "coordinator": 200}
COORDINATOR_ONLY = {"partner": 404, "viewer": 404, "partner_b": 404, "staff": 404}
MATRIX = [
    ("get", "report", "period", None, PARTNER_READS),
    ("get", "report_print", "period", None, PARTNER_READS),
    ("get", "report_pdf", "period", None, PARTNER_READS),
    # The report is submitted: its editor is sent to the report with why it cannot change (200 while a draft, above).
    ("get", "report_edit", "period", None, {**PARTNER_READS, "partner": 302, "viewer": 403, "coordinator": 403}),
    ("post", "report_edit", "period", {"version": 2, "achieved": "Changed"},
     {"partner": 302, "viewer": 403, "partner_b": 404, "staff": 404, "coordinator": 403}),
    ("post", "report_review", "period", {"decision": "send_back", "comment": "No"},
     {**COORDINATOR_ONLY, "coordinator": 302}),
    ("post", "report_reopen", "period", {"reason": "Why not"}, {**COORDINATOR_ONLY, "coordinator": 302}),
    ("get", "schedule", "plan", None, {**COORDINATOR_ONLY, "coordinator": 200}),
    ("post", "schedule", "plan", {"frequency": "yearly", "due_days": 5}, {**COORDINATOR_ONLY, "coordinator": 302}),
    ("post", "period_targets", "plan", {"due-0": "2030-01-01"}, {**COORDINATOR_ONLY, "coordinator": 200}),
    ("get", "reports", None, None, {**COORDINATOR_ONLY, "coordinator": 200}),
    ("get", "reports", None, {"format": "csv"}, {**COORDINATOR_ONLY, "coordinator": 200}),
]  # fmt: skip


def _state():
    """Everything a reporting write could change."""
    from actionplans.models import PeriodTarget, ReportingPeriod, ReportValue

    return (
        list(PeriodReport.objects.values_list("pk", "status", "achieved", "review_comment", "version")),
        list(ReportValue.objects.values_list("pk", "value")),
        list(ReportingSchedule.objects.values_list("plan_id", "frequency", "due_days")),
        list(ReportingPeriod.objects.order_by("pk").values_list("pk", "start", "end", "due")),
        list(PeriodTarget.objects.values_list("pk", "value")),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "name", "takes", "data", "expected"), MATRIX)
def test_every_reporting_url_for_every_role(client, request, rplan_a, today, role, method, name, takes, data, expected):
    """Outsiders (another organization, staff without the coordinator role) get 404, viewers read only,
    the signed-out go to the sign-in page; a refused write changes nothing."""
    period = rplan_a.reporting_periods.get(number=1)
    PeriodReport.objects.create(period=period, status="submitted", achieved="As submitted", version=2)
    args = {"period": [rplan_a.pk, 1], "plan": [rplan_a.pk], None: []}[takes]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    before = _state()
    path = reverse(f"actionplans:{name}", args=args)
    response = getattr(client, method)(path, data or {})
    status = 302 if role == "anonymous" else expected[role]
    assert response.status_code == status, (role, method, name)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    if status in (302, 403, 404) and not (role == "coordinator" and method == "post"):
        assert _state() == before  # refused, or (the partner's edit of a submitted report) refused with a message
