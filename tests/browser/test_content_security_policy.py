"""A Content-Security-Policy on every page, and no page breaks it (issue 17, item 5).

Every page of every role's inventory (tests/browser/pages.py, whose own test fails when a page is missing there) is
checked by the accessibility sweep (test_accessibility.py), which loads each one in three languages and reads the
browser's violations on the same load. Here each role (coordinator, partners, back-office admin, anonymous
visitor) walks the pages it can reach by links from its start, one of each kind (ids differ, the template does
not), query strings included: the browser reports any violation (`securitypolicyviolation`), e.g. an inline
script or a third-party origin. A `javascript:` website does not run when clicked.
"""

import re
from urllib.parse import urldefrag, urlparse

import pytest

from organizations.models import Organization
from tests.browser.csp import LISTEN, csp_violations
from tests.demo.conftest import seed

pytestmark = pytest.mark.browser

# Downloads (not pages), writes reached by GET confirmation pages we do not need twice, and sign-out.
SKIP = re.compile(r"/(pdf|export|evidence/\d+|logout|process_import|r/\d+)/|\.(pdf|xlsx|csv)$|/admin/.*/delete/")
MAX_PAGES = 70


def _kind(path):
    """One page per template: ids replaced, so /plans/3/ and /plans/7/ are visited once."""
    return re.sub(r"\d+", "N", path)


@pytest.fixture
def demo(transactional_db, settings):
    from django.contrib.auth.models import Group, Permission

    from core.roles import coordinators_group_sync

    # The live server's flush between tests removes the migrated group; seed_demo expects it.
    coordinators_group_sync(group_model=Group, permission_model=Permission)
    settings.DEBUG = True  # seed_demo refuses otherwise; the live server serves with the test settings
    seed()
    settings.DEBUG = False


def _sign_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.locator("main form, #content form, form").last.get_by_role("button", name=re.compile("Sign in|Log in")).click()
    page.wait_for_load_state()


def _walk(page, base, start):
    """Visit every page reachable by links from `start` and from them (one of each kind, at most MAX_PAGES); return
    ({path: violations}, the kinds of page visited)."""
    seen, queue, found = set(), [start], {}
    links_followed = 0
    while queue and links_followed < MAX_PAGES:
        path = queue.pop(0)
        if _kind(path) in seen and path != start:
            continue
        seen.add(_kind(path))
        links_followed += 1
        response = page.goto(f"{base}{path}")
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        page.wait_for_load_state("load")
        violations = csp_violations(page)
        if violations:
            found[path] = violations
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            url = urlparse(urldefrag(href)[0])
            if url.scheme or url.netloc or not url.path.startswith("/") or SKIP.search(url.path):
                continue
            target = url.path + (f"?{url.query}" if url.query and not url.path.startswith("/admin/") else "")
            if _kind(target) not in seen:
                queue.append(target)
    return found, seen


@pytest.mark.parametrize(
    ("username", "start"),
    [
        ("coordinator", "/"),
        ("partner", "/"),
        ("partner2", "/"),
        ("admin", "/admin/"),
        ("anonymous", "/accounts/login/"),
    ],
)
def test_no_page_of_any_role_breaks_the_content_security_policy(page, live_server, demo, username, start):
    page.add_init_script(LISTEN)
    if username != "anonymous":
        _sign_in(page, live_server.url, username)
    response = page.goto(f"{live_server.url}{start}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    violations, visited = _walk(page, live_server.url, start)
    assert len(visited) >= 3  # the walk went beyond its start (every page of the inventory: the sweep)
    assert violations == {}


def test_a_javascript_website_does_not_run_when_clicked(page, live_server, demo):
    organization = Organization.objects.order_by("pk").first()
    organization.website = "javascript:document.title='pwned'"
    Organization.objects.filter(pk=organization.pk).update(website=organization.website)  # as "some other path"
    page.add_init_script(LISTEN)
    _sign_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/organizations/{organization.pk}/")
    links = page.locator("a[href^='javascript:']")
    assert links.count() == 0
    assert "javascript:document.title" in page.content()  # shown as text, not as a link
    assert page.title() != "pwned"
