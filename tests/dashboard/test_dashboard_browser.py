"""The dashboard in a real browser: charts drawn without script, readable on a phone, numbers one click away."""

import pytest

from tests.conftest import sign_in_page
from tests.dashboard.programme import build_programme

pytestmark = pytest.mark.browser


@pytest.fixture
def dashboard_page(page, live_server, coordinator):
    build_programme()
    return sign_in_page(page, live_server.url, coordinator)


def test_on_a_phone_the_dashboard_fits_the_screen_and_shows_the_numbers_on_demand(dashboard_page):
    page = dashboard_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    chart = page.locator("svg[role=img]").first
    assert chart.bounding_box()["width"] > 300
    table = page.locator("details.chart-numbers table").first
    assert not table.is_visible()
    page.locator("details.chart-numbers summary").first.click()
    assert table.is_visible()


def test_bars_are_drawn_in_proportion_without_script(browser, live_server, coordinator):
    build_programme()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in_page(page, live_server.url, coordinator)
    page.goto(f"{live_server.url}/?year=all")

    bars = page.locator("svg[aria-labelledby^=chart-plans] rect[fill='#15803d']")  # approved plans
    drafts = page.locator("svg[aria-labelledby^=chart-plans] rect[fill='#868e96']")
    approved_width, draft_width = bars.bounding_box()["width"], drafts.bounding_box()["width"]
    # The demo programme has 4 approved plans and 2 drafts.
    assert approved_width == pytest.approx(2 * draft_width, rel=0.02)
    assert page.locator("#chart-decision-title").count() == 1
    context.close()


def test_the_printed_dashboard_keeps_its_charts_and_drops_the_menu(dashboard_page):
    page = dashboard_page
    page.emulate_media(media="print")

    assert not page.locator("nav.navbar").is_visible()
    assert page.locator("svg[role=img]").count() == 4
    assert all(chart.is_visible() for chart in page.locator("svg[role=img]").all())
    assert not page.locator("nav[aria-label=Year]").is_visible()
