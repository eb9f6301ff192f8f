"""The whole life of a plan through the pages, as the partner and the coordinator live it."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans.models import Action, ActionPlan, Evidence, Indicator, PeriodReport, ReportValue, ReviewComment
from tests.actionplans.conftest import add_row, editor_data, minimal_pdf


def test_partner_and_coordinator_take_a_plan_from_draft_to_progress(
    client, partner, coordinator, empty_plan_a, snapshot_a
):
    plan = empty_plan_a
    edit_url = reverse("actionplans:edit", args=[plan.pk])

    # The partner adds an objective; its actions and indicators come after the first save.
    client.force_login(partner)
    data = editor_data(plan)
    add_row(data, "objectives", title="More women on the board", content_area="leadership")
    response = client.post(edit_url, data)
    assert response.status_code == 302 and response["Location"] == edit_url
    objective = plan.objectives.get()

    # Two actions and an indicator whose baseline comes from the latest headcount in one click.
    data = editor_data(plan)
    add_row(data, f"actions-{objective.pk}", title="Quota for women on the board", responsible="Director",
            start_date="2026-02-01", due_date="2026-06-30", status="planned")  # fmt: skip
    add_row(data, f"actions-{objective.pk}", title="Mentoring for women managers", status="planned")
    row = add_row(data, f"indicators-{objective.pk}", name="Share of women on the board", kind="share_women",
                  level="governing", target_value="40", target_date="2026-12-31")  # fmt: skip
    data["baseline_from"] = row
    assert client.post(edit_url, data).status_code == 302
    indicator = Indicator.objects.get(objective=objective)
    assert indicator.baseline_value == Decimal("25.00")  # 2 women of 8 in the latest (December) snapshot
    assert indicator.baseline_date == snapshot_a.as_of
    assert objective.actions.count() == 2

    response = client.post(reverse("actionplans:submit", args=[plan.pk]), follow=True)
    assert "submitted for review" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED
    # Read-only for the partner now: the editor sends them back to the plan.
    assert client.get(edit_url)["Location"] == plan.get_absolute_url()

    # The coordinator returns it with a comment.
    client.force_login(coordinator)
    review_url = reverse("actionplans:review", args=[plan.pk])
    response = client.post(review_url, {"decision": "return", "comment": "Give the mentoring action dates."})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.RETURNED
    assert plan.review_comments.get().decision == ReviewComment.Decision.RETURNED

    # The partner sees why, fixes it and resubmits.
    client.force_login(partner)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Give the mentoring action dates." in page
    data = editor_data(plan)
    mentoring = Action.objects.get(title="Mentoring for women managers")
    prefix = next(k for k, v in data.items() if v == mentoring.pk and k.endswith("-id"))[: -len("-id")]
    data[f"{prefix}-start_date"] = "2026-03-01"
    data[f"{prefix}-due_date"] = "2026-11-30"
    assert client.post(edit_url, data).status_code == 302
    assert client.post(reverse("actionplans:submit", args=[plan.pk])).status_code == 302

    # The coordinator approves: who and when are recorded.
    client.force_login(coordinator)
    assert client.post(review_url, {"decision": "approve", "comment": "Good plan."}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.APPROVED
    assert plan.approved_by == coordinator and plan.approved_at is not None

    # Approval laid out half-yearly periods; the partner reports on the first one: a value with its parts, an
    # action moved on and what happened, with a PDF. (Plans with periods record progress only in their reports.)
    assert plan.reporting_periods.count() == 2
    client.force_login(partner)
    quota = Action.objects.get(title="Quota for women on the board")
    assert client.get(reverse("actionplans:measure", args=[plan.pk, indicator.pk]))["Location"] == reverse(
        "actionplans:report_edit", args=[plan.pk, 1]
    )
    report_file = SimpleUploadedFile("board-minutes.pdf", minimal_pdf(), content_type="application/pdf")
    data = {"version": 0, "achieved": "The board now has three women.", "obstacles": "", "next_steps": "",
            f"value-{indicator.pk}-women": 3, f"value-{indicator.pk}-men": 5, f"value-{indicator.pk}-note":
            "After the autumn election", f"action-{quota.pk}-status": "in_progress", f"action-{mentoring.pk}-status":
            "planned", "files": [report_file], "submit": "1"}  # fmt: skip
    response = client.post(reverse("actionplans:report_edit", args=[plan.pk, 1]), data)
    assert response.status_code == 302
    assert PeriodReport.objects.get().status == PeriodReport.Status.SUBMITTED
    assert ReportValue.objects.get(indicator=indicator).value == Decimal("37.50")
    evidence = Evidence.objects.get()
    assert evidence.original_name == "board-minutes.pdf" and evidence.content_type == "application/pdf"

    # The coordinator accepts the report: the action's status becomes the reported one.
    client.force_login(coordinator)
    client.post(reverse("actionplans:report_review", args=[plan.pk, 1]), {"decision": "accept"})
    quota.refresh_from_db()
    assert quota.status == Action.Status.IN_PROGRESS
    client.force_login(partner)

    # The plan page tells the story: values, the evidence link and each step in the history.
    page = client.get(plan.get_absolute_url()).content.decode()
    assert reverse("actionplans:report", args=[plan.pk, 1]) in page
    report_page = client.get(reverse("actionplans:report", args=[plan.pk, 1])).content.decode()
    assert "37.5&nbsp;%" in report_page
    assert reverse("actionplans:evidence", args=[plan.pk, evidence.pk]) in report_page
    history = page[page.index('id="history"') :]
    for step in (
        "Objective “More women on the board” added",
        "Action “Quota for women on the board” added",
        "Indicator “Share of women on the board” added",
        "Plan status: Draft → Submitted for review",
        "Plan status: Submitted for review → Returned for changes",
        "Action “Mentoring for women managers” start date: — → 1 Mar 2026; due date: — → 30 Nov 2026",
        "Plan status: Returned for changes → Submitted for review",
        "Plan status: Submitted for review → Approved",
        "Value of “Share of women on the board” for period 1: 37.5",
        "Report for period 1 · status: Draft → Submitted",
        "Report for period 1 · status: Submitted → Accepted",
        "Action “Quota for women on the board” status: Planned → In progress",
    ):
        assert step in history, step
    assert "by Aida Partner" in history and "by Cora Coordinator" in history
