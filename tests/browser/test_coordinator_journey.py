"""A coordinator records a training through the real page in Chromium, then launches the action plans.

Set SCREENSHOTS=/some/dir to keep a picture of every page visited (wide and phone width).
"""

import os
import re

import pytest
from playwright.sync_api import expect

from actionplans.models import ActionPlan
from organizations.models import HeadcountSnapshot, Level
from sessions_log.models import DiscussionTopic, TrainingSession

pytestmark = pytest.mark.browser


def snap(page, name, full_page=True):
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=full_page)


def pick_organization(page, row, name):
    """As a keyboard user does: type in the picker's search box, Enter, Down arrow to the select, choose."""
    search = page.locator(f"#id_attendances-{row}-organization_search")
    search.fill(name.split()[0])
    search.press("Enter")
    select = page.locator(f"select[name='attendances-{row}-organization']")
    expect(select.locator("option", has_text=name)).to_have_count(1)
    search.press("ArrowDown")
    expect(select).to_be_focused()
    select.select_option(label=name)


def pick_topic(page, row, question):
    """The topic picker works like the organization picker: search the library, then choose in the select."""
    search = page.locator(f"#id_topics-{row}-topic_search")
    search.fill(question.split()[-1].rstrip("?"))
    search.press("Enter")
    select = page.locator(f"select[name='topics-{row}-topic']")
    expect(select.locator("option", has_text=question)).to_have_count(1)
    search.press("ArrowDown")
    expect(select).to_be_focused()
    select.select_option(label=question)


def test_coordinator_records_a_training_and_launches_its_action_plans(sign_in, coordinator, org_a, org_b, live_server):
    DiscussionTopic.objects.create(question="What is gender to you?", theme="Understanding gender")
    page = sign_in(coordinator)

    page.get_by_role("link", name="Trainings", exact=True).click()
    page.get_by_role("link", name="Record a training").click()
    page.fill("input[name=title]", "Gender mainstreaming in organizations")
    page.fill("input[name=start_date]", "2021-11-18")
    page.fill("input[name=end_date]", "2021-11-18")
    page.select_option("select[name=format]", label="Online")
    page.fill("input[name=venue]", "Zoom")

    add_organization = page.get_by_role("button", name="+ Add an organization")
    add_organization.click()
    add_organization.click()
    pick_organization(page, 0, org_a.name)
    page.fill("input[name='attendances-0-women']", "3")
    page.fill("input[name='attendances-0-men']", "1")
    pick_organization(page, 1, org_b.name)
    page.fill("input[name='attendances-1-women']", "1")
    page.fill("input[name='attendances-1-men']", "2")

    add_topic = page.get_by_role("button", name="+ Add a topic")
    add_topic.click()
    add_topic.click()
    pick_topic(page, 0, "What is gender to you?")
    page.fill("textarea[name='topics-0-key_points']", "Roles a society attaches to women and men.")
    page.fill("input[name='topics-1-new_question']", "Why should we care about gender?")
    page.fill("input[name='topics-1-new_theme']", "Understanding gender")

    page.get_by_role("button", name="+ Add a story").click()
    page.fill("input[name='stories-0-pseudonym']", "Aigul")
    page.fill("input[name='stories-0-role_context']", "Local deputy")
    page.fill("textarea[name='stories-0-text']", "Not trusted to carry a gun in the militia.")
    page.get_by_label("Socio-cultural norms").check()
    page.get_by_label("consent obtained").check()

    # A row added by mistake and removed again is not saved.
    page.get_by_role("button", name="+ Add a finding").click()
    page.fill("textarea[name='findings-0-statement']", "A mistake")
    page.locator("#section-findings [data-formset-remove]").click()
    assert page.locator("textarea[name='findings-0-statement']").is_hidden()
    snap(page, "session-form")
    snap(page, "session-form-viewport", full_page=False)

    page.get_by_role("button", name="Save training").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    session = TrainingSession.objects.get()
    assert page.get_by_role("heading", name="Gender mainstreaming in organizations").is_visible()
    assert page.get_by_text("was saved").is_visible()
    assert page.get_by_text("Why should we care about gender?").is_visible()
    assert page.get_by_text("Aigul (name changed)").is_visible()
    assert page.locator("table").get_by_role("link", name=org_b.name).is_visible()
    assert session.attendances.count() == 2 and session.session_topics.count() == 2
    assert not session.findings.exists()
    snap(page, "session-detail")

    page.get_by_role("link", name="Launch action plans").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/launch-plans/$"))
    assert page.get_by_text(org_a.name).is_visible()
    snap(page, "launch-plans")
    page.get_by_role("button", name="Create 2 draft plans").click()
    page.wait_for_url(f"{live_server.url}{session.get_absolute_url()}")
    assert page.get_by_text("2 draft action plans created").is_visible()
    plans = page.locator("#plans")
    assert plans.get_by_role("link", name=org_a.name).is_visible()
    assert plans.get_by_role("link", name=org_b.name).is_visible()
    assert plans.get_by_text("Draft").count() == 2
    assert ActionPlan.objects.filter(source_session=session, status="draft").count() == 2
    assert page.get_by_role("link", name="Plans launched").is_visible()
    snap(page, "session-detail-with-plans")


PAGES = {
    "sessions-list": "/sessions/",
    "session-detail": "/sessions/{session}/",
    "session-form": "/sessions/{session}/edit/",
    "topics": "/topics/",
    "organizations": "/organizations/",
    "organization-profile": "/organizations/{org}/",
    "snapshot-form": "/organizations/{org}/snapshots/new/",
}


@pytest.mark.parametrize("width", [1280, 390])
def test_the_coordinator_pages_fit_the_screen_without_sideways_scrolling(
    sign_in, coordinator, org_a, org_b, live_server, width
):
    session = TrainingSession.objects.create(
        title="A training with a rather long title about gender mainstreaming in state bodies and NGOs",
        start_date="2021-11-18",
        end_date="2021-11-18",
    )
    session.attendances.create(organization=org_a, women=3, men=1)
    session.attendances.create(organization=org_b, women=1, men=2)
    HeadcountSnapshot.objects.create(organization=org_a, as_of="2021-12-01", level=Level.GOVERNING, women=1, men=4)
    page = sign_in(coordinator)
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in PAGES.items():
        page.goto(live_server.url + path.format(session=session.pk, org=org_a.pk))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        snap(page, f"{name}-{width}")
