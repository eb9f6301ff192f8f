"""Two-factor sign-in: required for coordinators, staff and superusers by a setting; partners may opt in."""

import re

import pyotp
import pytest
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountEvent
from tests.conftest import PASSWORD


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    return settings


def totp_for(user):
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return pyotp.TOTP(re.sub(r"\s", "", _secret(device)))


def _secret(device):
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


def sign_in(user):
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def set_up(client, user):
    """Open the set-up page and turn the second factor on with the code the app would show."""
    page = client.get(reverse("accounts:two_factor_setup"))
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', page.content.decode()).group(1).replace(" ", "")
    totp = pyotp.TOTP(secret)
    response = client.post(reverse("accounts:two_factor_setup"), {"code": totp.now()})
    assert response.status_code == 302, response.content.decode()[:2000]
    return totp


def coordinator_pages(org):
    return [
        "/",
        reverse("sessions_log:list"),
        reverse("sessions_log:topics"),
        reverse("organizations:list"),
        org.get_absolute_url(),
        reverse("accounts:members", args=[org.pk]),
        reverse("actionplans:list"),
        reverse("admin:index"),
        reverse("admin:organizations_organization_changelist"),
    ]


def test_a_coordinator_without_a_second_factor_reaches_no_coordinator_page_and_no_admin(
    required, client_for, coordinator, org_a
):
    coordinator.is_staff = True
    coordinator.save()
    client = client_for(coordinator)
    for url in coordinator_pages(org_a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:two_factor_setup")), url


@pytest.mark.parametrize("who", ["staff", "admin_user"])
def test_staff_and_superusers_are_sent_to_set_up_too(required, client_for, who, request):
    client = client_for(request.getfixturevalue(who))
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_partners_are_not_asked_unless_they_opt_in(required, client_for, partner):
    assert client_for(partner).get("/").status_code == 200


def test_with_the_setting_off_coordinators_sign_in_with_the_password_alone(client_for, coordinator, org_a):
    assert client_for(coordinator).get(reverse("organizations:list")).status_code == 200


def test_set_up_then_sign_in_again_with_a_code(required, coordinator, org_a):
    client = sign_in(coordinator)
    assert client.get(reverse("organizations:list"))["Location"].startswith(reverse("accounts:two_factor_setup"))
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert "<svg" in page  # the QR code is inline, nothing is fetched from elsewhere
    totp = set_up(client, coordinator)
    codes = client.get(reverse("accounts:two_factor")).context["new_codes"]
    assert len(codes) == 10
    assert client.get(reverse("accounts:two_factor")).context["new_codes"] is None  # shown once
    assert client.get(reverse("organizations:list")).status_code == 200
    assert AccountEvent.objects.get().kind == "second_factor_added"

    again = sign_in(coordinator)
    response = again.get(reverse("organizations:list"))
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert again.get(reverse("accounts:two_factor_setup"))["Location"].startswith(reverse("accounts:two_factor_verify"))
    # The next time step: the code used at set-up cannot be replayed.
    import time

    verified = again.post(
        reverse("accounts:two_factor_verify") + "?next=/organizations/", {"code": totp.at(time.time() + 30)}
    )
    assert verified.status_code == 302 and verified.url == "/organizations/"
    assert again.get(reverse("organizations:list")).status_code == 200

    # A recovery code works once.
    third = sign_in(coordinator)
    assert third.post(reverse("accounts:two_factor_verify"), {"code": codes[0]}).status_code == 302
    assert third.get(reverse("organizations:list")).status_code == 200
    fourth = sign_in(coordinator)
    assert fourth.post(reverse("accounts:two_factor_verify"), {"code": codes[0]}).status_code == 200


def test_a_wrong_code_follows_the_axes_rules(required, settings, coordinator):
    client = sign_in(coordinator)
    set_up(client, coordinator)
    other = sign_in(coordinator)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = other.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
        assert response.status_code == 200 and "not right" in response.content.decode()
    locked = other.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in other.session
    # The password alone does not get past the lockout either.
    assert Client().post(reverse("login"), {"username": coordinator.username, "password": PASSWORD}).status_code == 429


def test_a_partner_opts_in_and_is_then_asked_for_a_code(partner):
    client = sign_in(partner)
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    set_up(client, partner)
    again = sign_in(partner)
    assert again.get("/")["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_a_partner_turns_it_off_again(partner):
    client = sign_in(partner)
    set_up(client, partner)
    response = client.post(reverse("accounts:two_factor_remove"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=partner).exists()
    assert list(AccountEvent.objects.values_list("kind", flat=True)) == ["second_factor_removed", "second_factor_added"]
    assert sign_in(partner).get("/").status_code == 200


def test_a_coordinator_cannot_turn_it_off_while_it_is_required(required, coordinator):
    client = sign_in(coordinator)
    set_up(client, coordinator)
    client.post(reverse("accounts:two_factor_remove"))
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_a_wrong_code_at_set_up_says_so(partner):
    client = sign_in(partner)
    client.get(reverse("accounts:two_factor_setup"))
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "123"})
    assert response.status_code == 200 and response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=partner, confirmed=True).exists()


def test_the_next_address_must_be_on_this_site(required, coordinator):
    client = sign_in(coordinator)
    set_up(client, coordinator)
    codes = client.get(reverse("accounts:two_factor")).context["new_codes"]
    again = sign_in(coordinator)
    response = again.post(reverse("accounts:two_factor_verify") + "?next=https://evil.example/", {"code": codes[1]})
    assert response.url == "/"


def deploy_check_ids():
    return [message.id for message in run_checks(include_deployment_checks=True)]


def test_the_deploy_check_warns_when_the_requirement_is_off_in_production(settings):
    settings.DEBUG = False
    settings.REQUIRE_2FA_FOR_STAFF = False
    assert "accounts.W001" in deploy_check_ids()
    settings.REQUIRE_2FA_FOR_STAFF = True
    assert "accounts.W001" not in deploy_check_ids()
    settings.DEBUG = True
    settings.REQUIRE_2FA_FOR_STAFF = False
    assert "accounts.W001" not in deploy_check_ids()  # the make-run demo


def test_the_requirement_is_on_by_default_without_debug_and_off_with_it(monkeypatch):
    import subprocess
    import sys

    def setting(**env):
        code = "import config.settings as s; print(s.REQUIRE_2FA_FOR_STAFF)"
        clean = {k: v for k, v in __import__("os").environ.items() if k not in {"REQUIRE_2FA_FOR_STAFF", "DEBUG"}}
        result = subprocess.run(
            [sys.executable, "-c", code], env={**clean, "SECRET_KEY": "x", **env}, capture_output=True, text=True
        )
        return result.stdout.strip()

    assert setting(DEBUG="false") == "True"
    assert setting(DEBUG="true") == "False"
    assert setting(DEBUG="false", REQUIRE_2FA_FOR_STAFF="false") == "False"
