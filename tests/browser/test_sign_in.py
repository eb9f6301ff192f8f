import pytest

pytestmark = pytest.mark.browser


def test_partner_signs_in_and_sees_their_plans_then_signs_out(sign_in, partner, live_server):
    page = sign_in(partner)
    assert page.get_by_role("heading", name="Your organization's gender action plans").is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
