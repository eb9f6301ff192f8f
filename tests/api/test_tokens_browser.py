"""A partner makes a read-only token in a real browser, copies it once, a program reads with it, and it is revoked."""

import pytest

from api.models import ApiRequest, PersonalAccessToken
from tests.actionplans.conftest import make_plan

pytestmark = pytest.mark.browser


def test_partner_makes_uses_and_revokes_a_token(sign_in, partner, org_a, live_server, playwright):
    make_plan(org_a, title="Plan seen through the API")
    page = sign_in(partner)
    page.locator(".user-menu .dropdown-toggle").click()  # the person's own pages sit under their name
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("Power BI")
    page.get_by_label("Read-only").check()
    page.get_by_role("button", name="Make token").click()
    raw = page.locator("#token-value").input_value()
    assert raw.startswith("gap_")

    program = playwright.request.new_context(extra_http_headers={"Authorization": f"Bearer {raw}"})
    plans = program.get(f"{live_server.url}/api/plans/").json()["results"]
    assert [plan["title"] for plan in plans] == ["Plan seen through the API"]
    assert ApiRequest.objects.get().path == "/api/plans/"

    page.reload()
    assert raw not in page.content()  # shown once; the reload made no second token
    assert PersonalAccessToken.objects.count() == 1
    page.get_by_role("button", name="Revoke").click()
    assert page.get_by_text("was revoked").is_visible()
    assert PersonalAccessToken.objects.get().revoked_at is not None
    assert program.get(f"{live_server.url}/api/plans/").status == 401
    program.dispose()
