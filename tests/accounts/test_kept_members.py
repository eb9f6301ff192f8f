"""The members page kept whole for each coordinator (core.kept) under a stamp the database renews on every write to
a table it reads, sign-ins included (it shows each member's last one), and kept no longer than its next pending
invitation is valid."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from accounts.selectors import MEMBER_PAGES_STAMP, seconds_until_an_invitation_expires
from organizations.models import User
from tests.kept import kept, kept_views, tables_not_renewing


def invite(org, coordinator, email, expires_at):
    return Invitation.objects.create(
        organization=org,
        email=email,
        role="viewer",
        language="en",
        token_hash=email.ljust(64, "x"),
        invited_by=coordinator,
        sent_at=timezone.now(),
        expires_at=expires_at,
    )


@pytest.fixture
def url(org_a):
    return reverse("accounts:members", args=[org_a.pk])


def test_every_table_the_members_page_reads_renews_its_stamp(client_for, coordinator, partner, org_a, url):
    assert {name for name, stamp in kept_views().items() if stamp == MEMBER_PAGES_STAMP} == {"accounts:members"}
    invite(org_a, coordinator, "pending@example.org", timezone.now() + timezone.timedelta(days=7))
    client = client_for(coordinator)
    client.post(reverse("accounts:membership_role", args=[org_a.pk, partner.memberships.get().pk]), {"role": "viewer"})
    assert "role" in client.get(url).content.decode()  # an account event to read, and the message shown
    assert tables_not_renewing(client, url, MEMBER_PAGES_STAMP) == []
    assert kept(client.get(url))


def test_a_members_first_sign_in_shows_at_the_next_visit(client, client_for, coordinator, partner, url):
    row = client_for(coordinator).get(url).content.decode().split("member-row")[1]
    assert "never" in row
    assert kept(client.get(url))
    User.objects.filter(pk=partner.pk).update(last_login=timezone.now())  # what a sign-in writes
    page = client.get(url)
    row = page.content.decode().split("member-row")[1]
    assert not kept(page) and "never" not in row and str(timezone.localdate().year) in row


def test_the_page_is_kept_no_longer_than_its_next_invitation_is_pending(client_for, coordinator, org_a, url):
    assert seconds_until_an_invitation_expires(org_a.pk) == float("inf")
    invite(org_a, coordinator, "later@example.org", timezone.now() + timezone.timedelta(days=7))
    assert 7 * 86400 - 5 < seconds_until_an_invitation_expires(org_a.pk) <= 7 * 86400
    invite(org_a, coordinator, "soon@example.org", timezone.now() + timezone.timedelta(seconds=2.5))
    assert 0 < seconds_until_an_invitation_expires(org_a.pk) <= 2

    client = client_for(coordinator)
    assert "soon@example.org" in client.get(url).content.decode()
    assert kept(client.get(url))
    time.sleep(2.6)  # the invitation expired: so did the kept page
    page = client.get(url)
    assert not kept(page) and "soon@example.org" not in page.content.decode()
    assert "later@example.org" in page.content.decode()
