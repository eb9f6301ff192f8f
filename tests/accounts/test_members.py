"""The members page: coordinators see members with role and last sign-in, change roles and end memberships."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AccountEvent, Invitation
from accounts.selectors import MEMBER_PAGES_STAMP
from actionplans.models import ActionPlan
from organizations.models import Membership, Organization, OrganizationKind
from tests.conftest import make_user
from tests.kept import KEPT_QUERIES, draw_again


def members_url(org):
    return reverse("accounts:members", args=[org.pk])


def new_pages(org, membership, invitation):
    """Every new URL of this issue that is for coordinators, with the method it answers."""
    return [
        ("get", members_url(org)),
        ("post", reverse("accounts:membership_role", args=[org.pk, membership.pk])),
        ("get", reverse("accounts:membership_end", args=[org.pk, membership.pk])),
        ("post", reverse("accounts:invitation_resend", args=[invitation.pk])),
        ("post", reverse("accounts:invitation_revoke", args=[invitation.pk])),
    ]


@pytest.fixture
def invitation(org_a, coordinator):
    from django.utils import timezone

    now = timezone.now()
    return Invitation.objects.create(
        organization=org_a,
        email="pending@example.org",
        role="viewer",
        language="en",
        token_hash="x" * 64,
        invited_by=coordinator,
        sent_at=now,
        expires_at=now + timezone.timedelta(days=7),
    )


@pytest.mark.parametrize("who", ["partner", "viewer", "partner_b", "staff"])
def test_everyone_but_coordinators_gets_404_on_every_new_page(client_for, who, request, org_a, partner, invitation):
    client = client_for(request.getfixturevalue(who))
    membership = Membership.objects.get(user=partner)
    for method, url in new_pages(org_a, membership, invitation):
        assert getattr(client, method)(url, {"role": "viewer"}).status_code == 404, url
    assert client.get(reverse("accounts:coordinator_invitations")).status_code == 404
    assert Membership.objects.get(user=partner).role == "editor"
    assert Invitation.objects.get().revoked_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client, org_a, partner, invitation):
    membership = Membership.objects.get(user=partner)
    for method, url in [
        *new_pages(org_a, membership, invitation),
        ("get", reverse("accounts:coordinator_invitations")),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


def test_coordinators_reach_every_new_page_but_not_the_coordinator_invitations(
    client_for, coordinator, org_a, partner, invitation
):
    client = client_for(coordinator)
    assert client.get(members_url(org_a)).status_code == 200
    assert (
        client.get(reverse("accounts:membership_end", args=[org_a.pk, partner.memberships.get().pk])).status_code == 200
    )
    assert client.post(reverse("accounts:invitation_resend", args=[invitation.pk])).status_code == 302
    assert client.get(reverse("accounts:coordinator_invitations")).status_code == 404


def test_superusers_reach_the_coordinator_invitations(client, admin_user, org_a):
    client.force_login(admin_user)
    assert client.get(reverse("accounts:coordinator_invitations")).status_code == 200
    assert client.get(members_url(org_a)).status_code == 200


def test_a_membership_of_another_organization_is_404_under_this_one(client_for, coordinator, org_a, org_b, partner_b):
    membership = partner_b.memberships.get()
    client = client_for(coordinator)
    url = reverse("accounts:membership_role", args=[org_a.pk, membership.pk])
    assert client.post(url, {"role": "viewer"}).status_code == 404
    assert client.get(reverse("accounts:members", args=[99999])).status_code == 404


def test_the_page_lists_members_with_role_and_last_sign_in(client_for, coordinator, org_a, partner, viewer):
    Client().post(reverse("login"), {"username": "partner", "password": "correct-horse-battery-staple"})
    page = client_for(coordinator).get(members_url(org_a))
    rows = {m.user: m for m in page.context["members"]}
    assert set(rows) == {partner, viewer}
    assert rows[partner].user.last_login is not None and rows[viewer].user.last_login is None
    assert (rows[partner].get_role_display(), rows[viewer].get_role_display()) == ("Editor", "Viewer")
    assert "never" in page.content.decode()


def test_a_coordinator_changes_a_role(client_for, coordinator, org_a, partner, viewer):
    client = client_for(coordinator)
    response = client.post(
        reverse("accounts:membership_role", args=[org_a.pk, viewer.memberships.get().pk]), {"role": "editor"}
    )
    assert response.status_code == 302
    assert viewer.memberships.get().role == "editor"
    event = AccountEvent.objects.get()
    assert (event.kind, event.user, event.actor, event.role) == ("role_changed", viewer, coordinator, "editor")
    assert "Role changed" in client.get(members_url(org_a)).content.decode()


def test_a_made_up_role_is_refused(client_for, coordinator, org_a, viewer):
    client = client_for(coordinator)
    url = reverse("accounts:membership_role", args=[org_a.pk, viewer.memberships.get().pk])
    response = client.post(url, {"role": "owner"}, follow=True)
    assert "Choose a role from the list" in response.content.decode()
    assert viewer.memberships.get().role == "viewer"


def test_ending_a_membership_ends_access_at_once_in_the_open_session(client_for, coordinator, org_a, partner, viewer):
    plan = ActionPlan.objects.create(
        organization=org_a, title="Plan", period_start="2026-01-01", period_end="2026-12-31"
    )
    partner_client = Client()
    partner_client.force_login(partner)
    assert partner_client.get(plan.get_absolute_url()).status_code == 200
    # Another editor stays, so nothing needs confirming.
    make_editor = make_user("second_editor")
    Membership.objects.create(user=make_editor, organization=org_a, role="editor")

    client = client_for(coordinator)
    response = client.post(reverse("accounts:membership_end", args=[org_a.pk, partner.memberships.get().pk]))
    assert response.status_code == 302
    # The same browser session, next click: the organization's pages are gone.
    assert partner_client.get(plan.get_absolute_url()).status_code == 404
    assert partner_client.get(org_a.get_absolute_url()).status_code == 404
    partner.refresh_from_db()
    assert partner.is_active  # the account and what they wrote stay
    assert AccountEvent.objects.get(kind="membership_ended").role == "editor"


def test_removing_the_last_editor_of_an_organization_with_an_open_plan_asks_first(
    client_for, coordinator, org_a, partner, viewer
):
    ActionPlan.objects.create(organization=org_a, title="Our plan", period_start="2026-01-01", period_end="2026-12-31")
    client = client_for(coordinator)
    url = reverse("accounts:membership_end", args=[org_a.pk, partner.memberships.get().pk])
    asked = client.post(url)
    assert asked.status_code == 200
    assert "last editor" in asked.content.decode() and "Our plan" in asked.content.decode()
    assert Membership.objects.filter(user=partner).exists()

    role_url = reverse("accounts:membership_role", args=[org_a.pk, partner.memberships.get().pk])
    assert "last editor" in client.post(role_url, {"role": "viewer"}).content.decode()
    assert partner.memberships.get().role == "editor"

    assert client.post(url, {"confirmed": "1"}).status_code == 302
    assert not Membership.objects.filter(user=partner).exists()


def test_the_last_editor_goes_without_asking_when_no_plan_is_open(client_for, coordinator, org_a, partner):
    ActionPlan.objects.create(
        organization=org_a, title="Old", period_start="2020-01-01", period_end="2020-12-31", status="completed"
    )
    response = client_for(coordinator).post(
        reverse("accounts:membership_end", args=[org_a.pk, partner.memberships.get().pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=partner).exists()


@pytest.mark.parametrize("size", [3, 30])
def test_the_members_page_costs_the_same_queries_for_3_and_30_members(
    client_for, coordinator, size, django_assert_num_queries
):
    organization = Organization.objects.create(name="Big", kind=OrganizationKind.LOCAL_CSO)
    for number in range(size):
        user = make_user(f"member{number:02}")
        Membership.objects.create(user=user, organization=organization, role="viewer")
        AccountEvent.objects.create(kind="joined", user=user, organization=organization, actor=coordinator)
        Invitation.objects.create(
            organization=organization,
            email=f"pending{number}@example.org",
            role="editor",
            language="en",
            token_hash=f"{number:064}",
            invited_by=coordinator,
            sent_at="2026-01-01T00:00Z",
            expires_at="2099-01-01T00:00Z",
        )
    client = client_for(coordinator)
    # session + user + the user's permissions (1: own and group), the stamp of the page kept whole, the organization,
    # the directory's stamp, members with their users, pending invitations with who sent them, the latest events with
    # person and actor, the bell's unread count, when the next invitation expires (the page is kept until then).
    with django_assert_num_queries(11):
        response = client.get(members_url(organization))
    assert len(response.context["members"]) == size
    # Drawn again while nothing changed: the events (and the blank invitation form) and the permissions come from
    # the cache (2 fewer).
    draw_again(MEMBER_PAGES_STAMP)
    with django_assert_num_queries(9):
        response = client.get(members_url(organization))
    with django_assert_num_queries(KEPT_QUERIES):
        kept = client.get(members_url(organization))
    # Every form that posts still carries its token: the page frame's three (sign out, the language buttons
    # twice), one per member, two per invitation, and the invitation form's.
    for page in (response, kept):
        assert page.content.decode().count('name="csrfmiddlewaretoken" value="') == 3 + size + 2 * size + 1
    assert 'name="csrfmiddlewaretoken" value=""' not in kept.content.decode()


def test_an_invitation_sent_and_a_role_changed_show_in_the_events_on_the_next_visit(
    client_for, coordinator, org_a, partner
):
    client = client_for(coordinator)
    assert "No account events yet." in client.get(members_url(org_a)).content.decode()
    client.post(members_url(org_a), {"email": "new@example.org", "role": "viewer", "language": "en"})
    page = client.get(members_url(org_a)).content.decode()
    assert "No account events yet." not in page and "new@example.org" in page
    membership = partner.memberships.get()
    client.post(reverse("accounts:membership_role", args=[org_a.pk, membership.pk]), {"role": "viewer"})
    events = client.get(members_url(org_a)).content.decode().split('id="events-heading"')[1]
    assert "Role changed" in events


def test_a_refused_invitation_keeps_what_was_typed_after_a_blank_form_was_cached(client_for, coordinator, org_a):
    client = client_for(coordinator)
    client.get(members_url(org_a))  # the blank form in the cache
    response = client.post(members_url(org_a), {"email": "not-an-address", "role": "viewer", "language": "ru"})
    page = response.content.decode()
    assert response.status_code == 200 and 'value="not-an-address"' in page and "is-invalid" in page
    assert 'value="ru" selected' in page


def test_the_blank_invitation_form_follows_the_organizations_working_language(client_for, coordinator, org_a):
    client = client_for(coordinator)
    assert 'value="en" selected' in client.get(members_url(org_a)).content.decode()
    org_a.language = "ky"
    org_a.save()
    assert 'value="ky" selected' in client.get(members_url(org_a)).content.decode()
