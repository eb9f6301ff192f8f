"""In a real browser: Kyrgyz chosen in the header stays chosen after signing out and in on another browser."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(context, live_server, user):
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


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
    switcher = page.locator("form.language-switcher")
    expect(switcher).to_be_visible()  # not hidden in the collapsed menu on a phone
    assert switcher.bounding_box()["x"] + switcher.bounding_box()["width"] <= 390
    phone.close()
