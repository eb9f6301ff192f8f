import time

import pyotp
import pytest

from tests.browser.axe import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in_with_password(page, base_url, user):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()


def test_a_coordinator_is_made_to_set_up_the_second_factor_then_signs_in_with_a_code(
    page, live_server, settings, coordinator
):
    settings.REQUIRE_2FA_FOR_STAFF = True
    coordinator.is_staff = True
    coordinator.save()
    base = live_server.url

    sign_in_with_password(page, base, coordinator)
    page.wait_for_url(f"{base}/accounts/two-factor/setup/**")
    assert page.get_by_role("heading", name="Set up two-factor sign-in").is_visible()
    assert page.locator("svg").first.is_visible()  # the QR code, inline
    # Going round the set-up page leads back to it.
    page.goto(f"{base}/admin/")
    assert "/accounts/two-factor/setup/" in page.url

    totp = pyotp.TOTP(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.fill("input[name=code]", totp.now())
    page.get_by_role("button", name="Turn on").click()
    page.wait_for_url(f"{base}/accounts/two-factor/**")
    assert page.locator("#recovery-codes li").count() == 10
    assert axe_violations(page) == []  # the one page no sweep can reach: it is shown once

    page.get_by_role("button", name="Sign out").first.click()
    page.wait_for_url(f"{base}/accounts/login/")

    sign_in_with_password(page, base, coordinator)
    page.wait_for_url(f"{base}/accounts/two-factor/verify/**")
    # The code of the next time step: the set-up code cannot be replayed.
    page.fill("input[name=code]", totp.at(time.time() + 30))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"{base}/")

    page.get_by_role("link", name="Back office").click()
    page.wait_for_url(f"{base}/admin/")
    assert page.get_by_role("heading", name="Import reference data, export reports").is_visible()
