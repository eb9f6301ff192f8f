"""The organization picker in a real browser: labelled, filled by typing, chosen with the keyboard alone."""

import datetime

import pytest
from playwright.sync_api import expect

from organizations.models import Organization
from sessions_log.models import Attendance, TrainingSession

pytestmark = pytest.mark.browser


def test_the_trainings_filter_finds_an_organization_by_typing(sign_in, coordinator, org_a, live_server):
    for number in range(30):
        Organization.objects.create(name=f"Rural council {number:02}")
    day = datetime.date(2024, 5, 1)
    session = TrainingSession.objects.create(title="Budgets and gender", start_date=day, end_date=day)
    Attendance.objects.create(session=session, organization=Organization.objects.get(name="Rural council 17"))
    TrainingSession.objects.create(title="Another training", start_date=day, end_date=day)
    page = sign_in(coordinator)
    page.goto(f"{live_server.url}/sessions/")

    search = page.get_by_role("searchbox", name="Search: Attending organization")
    select = page.get_by_label("Attending organization", exact=True)
    expect(select.locator("option")).to_have_count(1)  # only "Any organization": not 31 names
    search.fill("council 17")
    search.press("Enter")
    expect(select.locator("option")).to_have_count(2)
    expect(page.get_by_role("status").filter(has_text="Matches in the list: 1")).to_have_count(1)
    search.press("ArrowDown")
    expect(select).to_be_focused()
    page.keyboard.press("ArrowDown")
    select.press("Enter")
    if "organization=" not in page.url:  # the filter bar is sent with its button
        page.get_by_role("button", name="Filter").click()

    expect(page.get_by_role("link", name="Budgets and gender")).to_be_visible()
    expect(page.get_by_role("link", name="Another training")).to_have_count(0)
    expect(select).to_have_value(str(Organization.objects.get(name="Rural council 17").pk))
