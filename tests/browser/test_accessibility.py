"""Every page, for every role, in English, Russian and Kyrgyz, at 1366 and 375 px: no WCAG 2.1 A/AA violation
(axe-core in the real browser), nothing wider than a phone, no Content-Security-Policy violation (issue 17: each
page is loaded here anyway, so the policy is checked on the same load), and a one-line header on laptop screens."""

import pytest
from django.contrib.auth.models import Group, Permission

from core.roles import coordinators_group_sync
from demo.data import demo_load
from organizations.models import User
from tests.browser.axe import axe_violations, style_sheets
from tests.browser.csp import LISTEN, csp_violations
from tests.browser.pages import EXPECTED_STATUS, NOT_PAGES, ROLES, covered_names, pages_by_role, url_names
from tests.conftest import PASSWORD, sign_in_page

LANGUAGES = ["en", "ru", "ky"]
WIDTHS = [1366, 375]
# Bootstrap's navbar is 56 px with one line of links; a second line makes it at least 80.
ONE_LINE_HEADER = 64


@pytest.fixture
def demo(transactional_db):
    # live_server's flush between tests removes the migrated group; the demo needs it.
    coordinators_group_sync(group_model=Group, permission_model=Permission)
    demo_load(password=PASSWORD)
    return pages_by_role()


def test_every_page_is_in_the_inventory(db):
    demo_load(password=PASSWORD)
    missing = set(url_names()) - covered_names(pages_by_role()) - set(NOT_PAGES)
    assert not missing, f"pages no sweep visits (add them to tests/browser/pages.py): {sorted(missing)}"


def choose_language(page, base_url, language):
    page.goto(f"{base_url}/plans/" if page.url.startswith(base_url) else f"{base_url}/accounts/login/")
    page.locator(f"form.language-switcher:visible button[value='{language}']").click()
    page.wait_for_load_state()


def sweep(page, base_url, urls):
    """Each URL at each width: its axe violations and its horizontal overflow on a phone; once per URL, what the
    browser reported against the Content-Security-Policy while loading it (read before axe runs).

    The page is loaded once and the window resized (the layout is CSS media queries only: no script lays a page out
    by its width at load), which halves the page loads of the sweep. The style sheets' own text (what axe's
    css-orientation-lock rule reads, whatever the width) is checked once per set of style sheets."""
    problems, sheets_checked = {}, set()
    for url in urls:
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        response = page.goto(base_url + url)
        expected = EXPECTED_STATUS.get(url, 200)
        policy = [f"CSP: {violation}" for violation in csp_violations(page)]
        sheets = style_sheets(page)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            found = [] if response.status == expected else [f"HTTP {response.status}, not {expected}"]
            found += policy if width == WIDTHS[0] else []
            found += axe_violations(page, preload=sheets not in sheets_checked)
            sheets_checked.add(sheets)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                found.append(f"{overflow} px wider than the window")
            if found:
                problems[f"{url} @ {width}px"] = found
    return problems


def _admin_pages(urls, kind_of):
    """The admin's own top-level pages (its index, the reports page) and every page outside the admin, then the first
    admin page of each kind."""
    seen, sample = set(), [url for url in urls if not url.startswith("/admin/") or url.strip("/").count("/") < 2]
    for url in urls:
        parts = url.strip("/").split("/")
        if len(parts) >= 3 and parts[0] == "admin":
            kind = kind_of(parts)
            if kind not in seen:
                seen.add(kind)
                sample.append(url)
    return sample


def admin_sample(urls):
    """For what a model's own admin options decide (its list columns, its fields: where a stored payload shows), every
    model's list, and per app the first add form, change form, import and export pages."""
    return _admin_pages(urls, lambda parts: (parts[1], parts[-1] if not parts[-1].isdigit() else "change"))


ADMIN_PAGE_TYPES = ("add", "change", "import", "export")


def admin_layout_sample(urls):
    """For markup and layout (axe, a phone's width): Django's admin draws every model's pages with the same
    templates, so per app its first list, add form, change form, import and export page stand for the rest."""
    return _admin_pages(urls, lambda parts: (parts[1], parts[-1] if parts[-1] in ADMIN_PAGE_TYPES else "list"))


@pytest.mark.browser
@pytest.mark.sweep
@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_and_fits_a_phone(role, demo, browser, live_server):
    """Each role's pages in each language in turn, on one load of the demo (a third of the set-up a test per role and
    language would cost)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    if role != "anonymous":
        sign_in_page(page, live_server.url, User.objects.get(username=role))
    urls = admin_layout_sample(demo[role]) if role == "admin" else demo[role]
    problems = {}
    for language in LANGUAGES:
        choose_language(page, live_server.url, language)
        assert page.locator("html").get_attribute("lang") == language
        problems |= {f"{language} {where}": found for where, found in sweep(page, live_server.url, urls).items()}
    context.close()
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_stays_one_line_on_laptop_screens(language, demo, browser, live_server):
    """The admin has the most header items (trainings, topics, organizations, plans, dashboard, back office)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in_page(page, live_server.url, User.objects.get(username="admin"))
    choose_language(page, live_server.url, language)
    heights = {}
    for width in (1280, 1366, 1440):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/plans/")
        heights[width] = page.locator("nav.navbar").bounding_box()["height"]
    context.close()
    assert all(height <= ONE_LINE_HEADER for height in heights.values()), heights
