"""In a real browser: Kyrgyz chosen in the header stays chosen after signing out and in on another browser."""

import re

import pytest
from playwright.sync_api import expect

from actionplans.models import Action, ActionPlan, Objective
from tests.conftest import sign_in_page
from tests.i18n.test_documents_language import translated

pytestmark = pytest.mark.browser


def sign_in(context, live_server, user):
    return sign_in_page(context.new_page(), live_server.url, user)


def test_kyrgyz_chosen_in_the_header_follows_the_person_to_a_new_browser(browser, live_server, partner):
    laptop = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    page = sign_in(laptop, live_server, partner)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{live_server.url}/plans/")
    page.get_by_role("button", name="Кыргызча").click()
    page.wait_for_url(f"{live_server.url}/plans/")  # back on the same page
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    expect(page.get_by_role("button", name="Кыргызча")).to_have_attribute("aria-current", "true")
    page.locator("form[action='/accounts/logout/'] button").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    laptop.close()

    # A phone that prefers English and has never seen the switcher.
    phone = browser.new_context(locale="en-US", viewport={"width": 390, "height": 800})
    page = sign_in(phone, live_server, partner)
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    switcher = page.locator("form.language-switcher:visible")
    expect(switcher).to_be_visible()  # not hidden in the collapsed menu on a phone
    assert switcher.bounding_box()["x"] + switcher.bounding_box()["width"] <= 390
    phone.close()


def test_a_partner_switches_to_kyrgyz_and_reads_their_plan_in_kyrgyz(sign_in, live_server, partner, org_a):
    plan = ActionPlan.objects.create(
        organization=org_a,
        title="Гендердик иш-аракеттер планы 2027",
        period_start="2027-01-01",
        period_end="2027-12-31",
        statement_of_intent="We commit to equal participation.",
    )
    objective = Objective.objects.create(plan=plan, title="Women on the board", content_area="leadership")
    Action.objects.create(objective=objective, title="Quota for women on the board", due_date="2027-06-30")
    page = sign_in(partner)
    page.get_by_role("link", name=plan.title).first.click()
    page.wait_for_url(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("button", name="Кыргызча").click()
    page.wait_for_url(f"{live_server.url}/plans/{plan.pk}/")

    expect(page.locator("html")).to_have_attribute("lang", "ky")
    expect(page.get_by_role("heading", name=plan.title)).to_be_visible()  # typed content stays as typed
    main = page.locator("main")
    expect(main).to_contain_text(translated("ky", "Statement of intent"))
    expect(main).to_contain_text(translated("ky", "Leadership and decision-making"))
    expect(main).to_contain_text(translated("ky", "Draft"))
    expect(main).not_to_contain_text("Statement of intent")
    expect(
        page.locator("#main-nav").get_by_role("link", name=translated("ky", "Action plans"), exact=True)
    ).to_be_visible()


VISIBLE_TEXTS = """form => [...form.querySelectorAll('button')].map(button => {
  const copy = button.cloneNode(true);
  copy.querySelectorAll('.visually-hidden').forEach(hidden => hidden.remove());
  return copy.textContent.trim();
})"""


@pytest.mark.parametrize("width", [1366, 375])
def test_each_language_buttons_accessible_name_begins_with_the_text_it_shows(sign_in, partner, live_server, width):
    """Issue 13 §2 (WCAG 2.5.3, label in name): a speech user saying what the button shows reaches it. axe's rule
    for this is experimental and skips buttons named by their content, so the names are checked here."""
    page = sign_in(partner)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/plans/")
    switcher = page.locator("form.language-switcher:visible")
    shown = switcher.evaluate(VISIBLE_TEXTS)
    assert len(shown) == 3 and all(shown), shown
    for text in shown:
        button = switcher.get_by_role("button", name=re.compile(rf"^{re.escape(text)}(\s|$)"))
        expect(button).to_have_count(1)
        expect(button).to_have_text(re.compile(rf"^{re.escape(text)}"))
