import pytest

from tests.conftest import PASSWORD


@pytest.fixture
def sign_in(page, live_server):
    """Sign in through the real form, as a person would."""

    def do_sign_in(user):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do_sign_in
