"""A partner writes and submits a period report on a phone-sized window; the coordinator sends it back, then
accepts it."""

import pytest

from actionplans.models import Indicator, PeriodReport, ReportValue
from tests.reporting.conftest import approved_plan

pytestmark = pytest.mark.browser


def test_partner_submits_on_a_phone_and_the_coordinator_sends_back_then_accepts(
    sign_in, page, partner, coordinator, org_a, live_server
):
    plan = approved_plan(org_a, coordinator)
    people = Indicator.objects.get(objective__plan=plan, name="People trained")
    share = Indicator.objects.get(objective__plan=plan, kind=Indicator.Kind.SHARE_OF_WOMEN)
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(partner)

    page.locator("#reporting-due a").first.click()
    page.get_by_role("link", name="Write the report").click()
    page.locator(f"#value-{people.pk}").get_by_label("People in total").fill("10")
    page.locator(f"#value-{people.pk}").get_by_label("Women", exact=True).fill("6")
    page.locator(f"#value-{people.pk}").get_by_label("Men", exact=True).fill("3")
    page.locator(f"#value-{share.pk}").get_by_label("Women", exact=True).fill("2")
    page.locator(f"#value-{share.pk}").get_by_label("Men", exact=True).fill("6")
    page.get_by_label("What was achieved").fill("Ten people trained on gender budgeting.")
    page.get_by_role("button", name="Submit the report").click()
    # 6 + 3 is not 10 with "not stated" left empty: the rule is said beside the field, nothing is lost.
    assert page.get_by_text("The parts add up to 9, but the total is 10.").is_visible()
    page.locator(f"#value-{people.pk}").get_by_label("Not stated").fill("1")
    page.screenshot(path="/tmp/report_edit_375.png", full_page=True)
    page.get_by_role("button", name="Submit the report").click()
    assert page.get_by_text("Your report was submitted.").is_visible()
    report = PeriodReport.objects.get(period__plan=plan)
    assert report.status == PeriodReport.Status.SUBMITTED
    assert ReportValue.objects.get(report=report, indicator=people).not_stated == 1

    page.context.clear_cookies()
    sign_in(coordinator)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.get_by_label("Send it back").check()
    page.get_by_label("Comment to the organization").fill("Add the list of participants.")
    page.get_by_role("button", name="Record the decision").click()
    assert page.get_by_text("The report was sent back").is_visible()

    page.context.clear_cookies()
    sign_in(partner)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    assert page.locator("#coordinator-comment").get_by_text("Add the list of participants.").is_visible()
    page.get_by_role("link", name="Continue the report").click()
    page.get_by_role("button", name="Submit the report").click()
    assert page.get_by_text("Your report was submitted.").is_visible()

    page.context.clear_cookies()
    sign_in(coordinator)
    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.get_by_label("Accept the report").check()
    page.get_by_role("button", name="Record the decision").click()
    assert page.get_by_text("The report was accepted").is_visible()
    page.screenshot(path="/tmp/report_detail_375.png", full_page=True)
    report.refresh_from_db()
    assert report.status == PeriodReport.Status.ACCEPTED
