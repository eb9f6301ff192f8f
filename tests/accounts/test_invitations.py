"""Invitations: a coordinator invites a person by e-mail, the person follows the link once and lands at home."""

import re
from datetime import timedelta
from html import escape

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountEvent, Invitation, token_digest
from core.roles import coordinators_group_sync, is_coordinator
from organizations.models import Membership, User

NEW_PASSWORD = "a-long-and-new-secret-2026"


def invitation_link(message):
    return re.search(r"https?://[^/\s]+(/accounts/invitations/[^/\s]+/)", message.body).group(1)


def invite(client, org, email="newcomer@example.org", role="editor", language="en"):
    return client.post(reverse("accounts:members", args=[org.pk]), {"email": email, "role": role, "language": language})


def accept(client, link, **extra):
    data = {
        "first_name": "Nurzhan",
        "last_name": "Asanova",
        "language": "ru",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **extra,
    }
    return client.post(link, data)


def test_the_whole_invitation_journey_through_the_pages(client_for, coordinator, org_a):
    client = client_for(coordinator)
    profile = client.get(org_a.get_absolute_url()).content.decode()
    assert reverse("accounts:members", args=[org_a.pk]) in profile

    response = invite(client, org_a, email="Newcomer@Example.org", role="viewer", language="ru")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "An invitation was sent to Newcomer@example.org" in page
    assert "Newcomer@example.org" in page  # listed as pending

    [message] = mail.outbox
    assert message.to == ["Newcomer@example.org"]
    assert org_a.name in message.subject and "Приглашение" in message.subject  # the language the coordinator chose
    html = message.alternatives[0][0]
    link = invitation_link(message)
    assert link in html
    # Only a hash of the token is stored.
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == token_digest(token) and token not in invitation.token_hash

    newcomer = Client()
    form_page = newcomer.get(link)
    assert form_page.status_code == 200 and escape(org_a.name) in form_page.content.decode()
    landed = accept(newcomer, link)
    assert landed.status_code == 302 and landed.url == reverse("home")
    home = newcomer.get(landed.url)
    user = home.context["user"]
    assert (user.email, user.first_name, user.last_name, user.language) == (
        "Newcomer@example.org",
        "Nurzhan",
        "Asanova",
        "ru",
    )
    assert Membership.objects.get(user=user).role == "viewer"
    assert user.check_password(NEW_PASSWORD)

    # The link was single-use.
    again = Client().get(link)
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert Invitation.objects.get().accepted_by == user
    kinds = list(AccountEvent.objects.filter(organization=org_a).values_list("kind", flat=True))
    assert kinds == ["joined", "invited"]

    # They sign in afterwards with the address.
    fresh = Client()
    signed_in = fresh.post(reverse("login"), {"username": "newcomer@example.org", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_the_mail_defaults_to_the_organizations_working_language(client_for, coordinator, org_a, org_b):
    """Issue 13 §4: an organization that writes in Russian gets its invitations in Russian unless changed."""
    org_b.language = "ru"
    org_b.save()
    client = client_for(coordinator)
    form = client.get(reverse("accounts:members", args=[org_b.pk])).context["form"]
    assert form["language"].value() == "ru"
    assert client.get(reverse("accounts:members", args=[org_a.pk])).context["form"]["language"].value() == "en"


def test_a_coordinators_invitation_defaults_to_the_sites_language(client, admin_user, settings):
    settings.LANGUAGE_CODE = "ky"
    client.force_login(admin_user)
    form = client.get(reverse("accounts:coordinator_invitations")).context["form"]
    assert form["language"].value() == "ky"


def test_an_existing_account_gets_the_membership_and_a_mail_saying_so(client_for, coordinator, org_a, partner_b):
    client = client_for(coordinator)
    invite(client, org_a, email=partner_b.email.upper(), role="viewer")
    assert Membership.objects.get(user=partner_b, organization=org_a).role == "viewer"
    assert not Invitation.objects.exists()
    [message] = mail.outbox
    assert message.to == [partner_b.email]
    assert "/accounts/invitations/" not in message.body and org_a.name in message.body
    assert AccountEvent.objects.get(user=partner_b).kind == "joined"


def test_an_address_already_a_member_is_told_so(client_for, coordinator, org_a, partner):
    response = invite(client_for(coordinator), org_a, email=partner.email)
    assert response.status_code == 200
    assert "already a member of this organization" in str(response.context["form"].errors["email"])
    assert mail.outbox == [] and not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-address", "role": "editor", "language": "en"}, "email"),
        ({"email": "a@example.org", "role": "coordinator", "language": "en"}, "role"),
        ({"email": "a@example.org", "role": "owner", "language": "en"}, "role"),
        ({"email": "a@example.org", "role": "editor", "language": "de"}, "language"),
    ],
)
def test_bad_invitation_input_is_refused_beside_the_field(client_for, coordinator, org_a, data, field):
    response = client_for(coordinator).post(reverse("accounts:members", args=[org_a.pk]), data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Invitation.objects.exists() and mail.outbox == []


def test_a_second_invitation_to_the_same_address_points_to_resend(client_for, coordinator, org_a):
    client = client_for(coordinator)
    invite(client, org_a)
    response = invite(client, org_a)
    assert "resend it" in str(response.context["form"].errors["email"])
    assert Invitation.objects.count() == 1


def test_resend_mails_a_new_link_and_the_old_one_stops_working(client_for, coordinator, org_a):
    client = client_for(coordinator)
    invite(client, org_a)
    old = invitation_link(mail.outbox[0])
    invitation = Invitation.objects.get()
    response = client.post(reverse("accounts:invitation_resend", args=[invitation.pk]))
    assert response.status_code == 302
    new = invitation_link(mail.outbox[1])
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_a_revoked_invitation_link_says_so(client_for, coordinator, org_a):
    client = client_for(coordinator)
    invite(client, org_a)
    link = invitation_link(mail.outbox[0])
    client.post(reverse("accounts:invitation_revoke", args=[Invitation.objects.get().pk]))
    response = Client().get(link)
    assert response.status_code == 410 and "withdrawn" in response.content.decode()
    assert accept(Client(), link).status_code == 410
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_an_expired_link_says_what_to_do(client_for, coordinator, org_a):
    client = client_for(coordinator)
    invite(client, org_a)
    link = invitation_link(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = accept(Client(), link)
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_an_invitation_expires_after_seven_days(client_for, coordinator, org_a):
    invite(client_for(coordinator), org_a)
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)


def test_a_tampered_link_is_a_clear_page_not_an_error(client, db):
    response = client.get(reverse("accounts:invitation_accept", args=["made-up-token"]))
    assert response.status_code == 404
    assert "incomplete or was changed" in response.content.decode()


def test_a_weak_password_is_refused_and_nothing_is_written(client_for, coordinator, org_a):
    invite(client_for(coordinator), org_a)
    link = invitation_link(mail.outbox[0])
    response = accept(Client(), link, password1="12345678", password2="12345678")
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(email="newcomer@example.org").exists()
    assert Invitation.objects.get().accepted_at is None


def test_password_messages_are_translated(client_for, coordinator, org_a):
    invite(client_for(coordinator), org_a)
    link = invitation_link(mail.outbox[0])
    newcomer = Client()
    newcomer.cookies["django_language"] = "ru"
    response = accept(newcomer, link, password1="12345678", password2="12345678")
    assert "Введённый пароль" in str(response.context["form"].errors["password2"])


def test_a_superuser_invites_a_coordinator(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:coordinator_invitations"),
        {"email": "colleague@example.org", "role": "coordinator", "language": "ky"},
    )
    assert response.status_code == 302
    link = invitation_link(mail.outbox[0])
    newcomer = Client()
    accept(newcomer, link)
    user = User.objects.get(email="colleague@example.org")
    assert is_coordinator(user) and not user.memberships.exists()


def test_inviting_an_existing_coordinator_says_so(client, admin_user, coordinator):
    client.force_login(admin_user)
    response = client.post(
        reverse("accounts:coordinator_invitations"),
        {"email": coordinator.email, "role": "coordinator", "language": "en"},
    )
    assert "already a coordinator" in str(response.context["form"].errors["email"])


def test_an_existing_account_invited_as_coordinator_joins_the_group(client, admin_user, partner):
    coordinators_group_sync(group_model=Group, permission_model=Permission)
    client.force_login(admin_user)
    client.post(
        reverse("accounts:coordinator_invitations"), {"email": partner.email, "role": "coordinator", "language": "en"}
    )
    partner = User.objects.get(pk=partner.pk)
    assert is_coordinator(partner)
    assert "coordinator" in mail.outbox[0].subject


def test_a_coordinator_cannot_resend_or_revoke_a_coordinator_invitation(client, admin_user, client_for, coordinator):
    client.force_login(admin_user)
    client.post(
        reverse("accounts:coordinator_invitations"),
        {"email": "colleague@example.org", "role": "coordinator", "language": "en"},
    )
    invitation = Invitation.objects.get()
    other = client_for(coordinator)
    assert other.post(reverse("accounts:invitation_revoke", args=[invitation.pk])).status_code == 404
    assert Invitation.objects.get().revoked_at is None


def test_two_accepts_of_one_link_make_one_account(client_for, coordinator, org_a):
    invite(client_for(coordinator), org_a)
    link = invitation_link(mail.outbox[0])
    form_client = Client()
    form_client.get(link)
    assert accept(form_client, link).status_code == 302
    assert accept(Client(), link).status_code == 410
    assert User.objects.filter(email="newcomer@example.org").count() == 1
