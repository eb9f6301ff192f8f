"""On a 375 px phone no table cuts columns off: a wide table scrolls sideways inside its own box, which the keyboard
can reach and which shows a shadow on the edge that hides columns (issue 13 §3)."""

import pytest
from django.contrib.auth.models import Group, Permission

from core.roles import coordinators_group_sync
from demo.data import demo_load
from organizations.models import User
from sessions_log.models import TrainingSession
from tests.conftest import PASSWORD, sign_in_page

pytestmark = pytest.mark.browser

# Every table on the page: how wide it is against the box that holds it, and what that box shows.
TABLES = """() => [...document.querySelectorAll('main table')].filter(t => t.getClientRects().length).map(table => {
  const box = table.closest('.table-responsive');
  const style = box && getComputedStyle(box);
  return {
    wide: table.scrollWidth > (box || table.parentElement).clientWidth + 1,
    inBox: !!box,
    scrolls: !!box && ['auto', 'scroll'].includes(style.overflowX) && box.scrollWidth > box.clientWidth,
    keyboard: !!box && box.getAttribute('tabindex') === '0',
    cue: !!box && (style.backgroundImage.match(/radial-gradient/g) || []).length === 2,
    fitsWindow: (box || table).getBoundingClientRect().right <= innerWidth,
  };
})"""


def test_wide_tables_scroll_in_their_box_with_a_shadow_on_a_phone(transactional_db, browser, live_server):
    coordinators_group_sync(group_model=Group, permission_model=Permission)
    demo_load(password=PASSWORD)
    session = TrainingSession.objects.get(title="Gender mainstreaming in organizations")
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = sign_in_page(context.new_page(), live_server.url, User.objects.get(username="coordinator"))
    page.goto(f"{live_server.url}/plans/")
    page.locator("form.language-switcher:visible button[value='ky']").click()  # the longest words
    page.wait_for_load_state()
    wide = {}
    for url in ("/organizations/", "/sessions/", session.get_absolute_url(), "/plans/", "/reports/"):
        page.goto(live_server.url + url)
        tables = page.evaluate(TABLES)
        assert all(table["fitsWindow"] for table in tables), (url, tables)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
        wide[url] = [table for table in tables if table["wide"]]
    context.close()
    assert any(wide.values()), "no page had a table wider than a phone: the test shows nothing"
    for url, tables in wide.items():
        for table in tables:
            assert table["inBox"] and table["scrolls"], (url, table)
            assert table["keyboard"], (url, "the scrolling box is not reachable with Tab")
            assert table["cue"], (url, "no shadow on the edges says the table goes on")
