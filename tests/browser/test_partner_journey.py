"""A partner completes and submits their plan in a real browser, then downloads it as a PDF."""

import subprocess

import pytest

from actionplans.models import Action, ActionPlan
from tests.actionplans.conftest import make_plan

pytestmark = pytest.mark.browser


def test_partner_adds_an_action_with_the_add_row_button_submits_and_downloads_the_pdf(
    sign_in, partner, org_a, live_server, tmp_path
):
    plan = make_plan(org_a, title="План действий 2026: women on the board", actions=1)
    objective = plan.objectives.get()
    page = sign_in(partner)

    page.get_by_role("link", name="Open the plan").click()
    page.get_by_role("link", name="Edit the plan").click()
    page.wait_for_url(f"{live_server.url}/plans/{plan.pk}/edit/")

    actions = page.locator(f"[data-formset='actions-{objective.pk}']")
    actions.get_by_role("button", name="Add an action").click()
    new_row = actions.locator("[data-formset-form]").last
    new_row.get_by_label("Action*").fill("Publish the board's selection criteria")
    new_row.get_by_label("Responsible person or role").fill("Chair of the board")
    new_row.get_by_label("Start date").fill("2026-04-01")
    new_row.get_by_label("Due date").fill("2026-05-31")
    assert page.locator(f"input[name='actions-{objective.pk}-TOTAL_FORMS']").input_value() == "2"

    page.get_by_role("button", name="Save", exact=True).click()
    assert page.get_by_text("Your changes to the plan were saved.").is_visible()
    added = Action.objects.get(title="Publish the board's selection criteria")
    assert added.objective == objective and added.responsible == "Chair of the board"

    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Submit for review").click()
    assert page.get_by_text("The plan was submitted for review.").is_visible()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED
    assert not page.get_by_role("link", name="Edit the plan").count()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    path = tmp_path / "plan.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert "План действий 2026: women on the board" in text
    assert "Publish the board's selection criteria" in text


def test_removing_a_row_in_the_browser_deletes_it_on_save(sign_in, partner, org_a, live_server):
    plan = make_plan(org_a, actions=2)
    page = sign_in(partner)
    page.goto(f"{live_server.url}/plans/{plan.pk}/edit/")
    first = page.locator("[data-formset^='actions-'] [data-formset-form]").first
    first.get_by_role("button", name="Remove action").click()
    assert first.is_hidden()
    page.get_by_role("button", name="Save and view the plan").click()
    page.wait_for_url(f"{live_server.url}{plan.get_absolute_url()}")
    assert list(Action.objects.filter(objective__plan=plan).values_list("title", flat=True)) == [
        "Quota for women on the board 2"
    ]
