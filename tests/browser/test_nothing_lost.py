"""In a real browser: leaving a changed form asks first, a removed row comes back, and the plan editor on a
375 px phone adds a new objective's actions without saving first and returns to where the person was."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from actionplans.models import Objective
from sessions_log.models import TrainingSession
from tests.actionplans.conftest import make_plan

pytestmark = pytest.mark.browser


def _leave_and_record_dialogs(page, url):
    """Try to leave for `url`; return the beforeunload dialogs shown (each is dismissed: the person stays)."""
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    with contextlib.suppress(PlaywrightError):  # a dismissed beforeunload aborts the navigation
        page.goto(url, timeout=3000)
    page.remove_listener("dialog", answer)
    return dialogs


def test_leaving_the_training_form_with_changes_asks_and_an_unchanged_one_does_not(sign_in, coordinator, live_server):
    page = sign_in(coordinator)
    page.goto(f"{live_server.url}/sessions/new/")
    assert _leave_and_record_dialogs(page, f"{live_server.url}/plans/") == []  # nothing typed: leaves quietly

    page.goto(f"{live_server.url}/sessions/new/")
    page.get_by_label("Title").fill("Gender mainstreaming in organizations")
    assert _leave_and_record_dialogs(page, f"{live_server.url}/plans/") == ["beforeunload"]
    assert page.url == f"{live_server.url}/sessions/new/"
    assert page.get_by_label("Title").input_value() == "Gender mainstreaming in organizations"


def test_a_removed_row_can_be_restored_until_the_page_is_saved(sign_in, coordinator, live_server):
    page = sign_in(coordinator)
    page.goto(f"{live_server.url}/sessions/new/")
    facilitators = page.locator("[data-formset='facilitators']")
    facilitators.get_by_role("button", name="Add a facilitator").click()
    row = facilitators.locator("[data-formset-form]").last
    row.locator("input[name$='-name']").fill("Expert from a partner NGO")
    row.get_by_role("button", name="Remove").click()
    assert row.is_hidden()
    assert row.locator("input[name$='-DELETE']").is_checked()
    facilitators.get_by_role("button", name="Restore").click()
    assert row.is_visible()
    assert not row.locator("input[name$='-DELETE']").is_checked()
    assert row.locator("input[name$='-name']").input_value() == "Expert from a partner NGO"


def test_on_a_phone_a_new_objective_gets_its_actions_before_saving_and_the_save_returns_to_it(
    sign_in, partner, org_a, live_server
):
    plan = make_plan(org_a, actions=3)
    page = sign_in(partner)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/plans/{plan.pk}/edit/")

    page.get_by_role("button", name="Add an objective").click()
    new = page.locator(".objective-new").last
    new.get_by_label("Objective*").fill("Pay gap closed")
    new.get_by_label("Content area").select_option("recruitment")
    new.get_by_role("button", name="Add an action").click()
    new.locator("[data-formset-form]").last.get_by_label("Action*").fill("Publish the pay scale")
    new.get_by_role("button", name="Add an indicator").click()
    new.locator("[data-formset-form]").last.get_by_label("Indicator*").fill("Pay gap (%)")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"**/plans/{plan.pk}/edit/#objective-*")
    page.wait_for_load_state("load")

    objective = Objective.objects.get(plan=plan, title="Pay gap closed")
    assert [a.title for a in objective.actions.all()] == ["Publish the pay scale"]
    assert [i.name for i in objective.indicators.all()] == ["Pay gap (%)"]
    assert page.url.endswith(f"/plans/{plan.pk}/edit/#objective-{objective.pk}")
    card = page.locator(f"#objective-{objective.pk}")
    expect(card).to_be_in_viewport()  # the page opened at the objective, not at the top
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_plan_editor_asks_before_a_header_link_loses_a_change_and_saving_does_not_ask(
    sign_in, partner, org_a, live_server
):
    plan = make_plan(org_a, actions=1)
    page = sign_in(partner)
    page.goto(f"{live_server.url}/plans/{plan.pk}/edit/")
    page.locator("input[name='plan-title']").fill("A better title")
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.locator("header a, nav a").first.click()  # a header link
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == f"{live_server.url}/plans/{plan.pk}/edit/"
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/plans/{plan.pk}/edit/**")
    assert page.get_by_text("Your changes to the plan were saved.").is_visible()
    assert dialogs == ["beforeunload"]  # saving did not ask
    plan.refresh_from_db()
    assert plan.title == "A better title"


def test_the_back_button_and_closing_the_tab_ask_when_the_plan_editor_has_changes(sign_in, partner, org_a, live_server):
    plan = make_plan(org_a, actions=1)
    page = sign_in(partner)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    page.goto(f"{live_server.url}/plans/{plan.pk}/edit/")
    page.locator("input[name='plan-title']").fill("A better title")
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    with contextlib.suppress(PlaywrightError):  # the dismissed question cancels the navigation
        page.go_back(timeout=3000)
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert page.url == f"{live_server.url}/plans/{plan.pk}/edit/"
    assert page.locator("input[name='plan-title']").input_value() == "A better title"

    page.close(run_before_unload=True)  # closing the tab
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload", "beforeunload"]
    assert not page.is_closed()  # the person chose to stay


def test_a_form_shown_again_after_a_refused_save_asks_before_leaving_even_untouched(sign_in, coordinator, live_server):
    """What the refused POST carried is on the page but not saved: leaving it without a change still loses it."""
    page = sign_in(coordinator)
    page.goto(f"{live_server.url}/sessions/new/")
    page.get_by_label("Title").fill("Gender mainstreaming in organizations")
    page.get_by_label("Start date").fill("2021-11-18")
    page.get_by_label("End date").fill("2021-11-17")
    page.get_by_label("Summary").fill("Twelve organizations attended; eight questions were discussed.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save training").click()  # ends before it starts: refused
    expect(page.get_by_text("The end date cannot be before the start date.")).to_be_visible()
    assert not TrainingSession.objects.exists()
    assert page.get_by_label("Summary").input_value().startswith("Twelve organizations")
    assert _leave_and_record_dialogs(page, f"{live_server.url}/plans/") == ["beforeunload"]
