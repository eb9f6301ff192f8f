"""The audit list of account events: recorded by every account change, shown on the person's admin page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import AccountEvent

NEW_PASSWORD = "a-much-longer-new-secret-2026"


def test_a_completed_password_reset_is_recorded(client, partner):
    client.post(reverse("password_reset"), {"email": partner.email})
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    event = AccountEvent.objects.get()
    assert (event.kind, event.user) == ("password_reset", partner)


def test_the_persons_admin_page_lists_their_account_events(client, admin_user, coordinator, partner, org_a):
    AccountEvent.objects.create(kind="role_changed", user=partner, organization=org_a, actor=coordinator, role="viewer")
    AccountEvent.objects.create(kind="second_factor_added", user=partner, actor=partner)
    client.force_login(admin_user)
    page = client.get(reverse("admin:organizations_user_change", args=[partner.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Role changed" in content and "Second factor added" in content
    # Read-only: the audit list cannot be edited from there.
    assert 'name="account_events-0-kind"' not in content


def test_the_audit_list_is_read_only_in_the_back_office(client, admin_user, partner):
    event = AccountEvent.objects.create(kind="joined", user=partner)
    client.force_login(admin_user)
    assert client.get(reverse("admin:accounts_accountevent_changelist")).status_code == 200
    assert (
        client.post(reverse("admin:accounts_accountevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    )
    assert AccountEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "accounts:two_factor",
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
    ],
)
def test_the_two_factor_pages_need_a_sign_in(client, db, url):
    response = client.get(reverse(url))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["partner", "viewer", "partner_b", "staff", "coordinator", "admin_user"])
def test_everyone_signed_in_reaches_their_own_two_factor_page(client_for, who, request):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200
    # Nothing to verify yet: the verification page sends them to the set-up.
    assert client.get(reverse("accounts:two_factor_verify"))["Location"] == reverse("accounts:two_factor_setup")
    # Recovery codes only exist with a second factor.
    assert client.post(reverse("accounts:two_factor_recovery_codes")).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_invitation_link_answers_anyone_with_a_clear_page(method, db):
    response = getattr(Client(), method)(reverse("accounts:invitation_accept", args=["x" * 43]))
    assert response.status_code == 404
    assert "does not work" in response.content.decode()


def test_an_admin_removes_a_lost_second_factor_and_it_is_recorded(client, admin_user, partner):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=partner, name="authenticator", confirmed=True)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:organizations_user_changelist"),
        {"action": "remove_second_factor", "_selected_action": [partner.pk]},
        follow=True,
    )
    assert "The second factor of 1 person was removed" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=partner).exists()
    event = AccountEvent.objects.get()
    assert (event.kind, event.user, event.actor) == ("second_factor_removed", partner, admin_user)
