from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountEvent, Invitation, token_digest
from core.prepared import KEY, MOMENT, PreparedForReader
from core.roles import is_coordinator
from organizations.models import Membership

# Plans an organization is still working on or carrying out (actionplans' statuses, by value: it sits above us).
OPEN_PLAN_STATUSES = ("draft", "submitted", "returned", "approved")
EVENTS_SHOWN = 50
# Set at sign-in for a person who has a second factor, so that partners who opted in are asked for it too
# (without a query per page for everyone else).
SECOND_FACTOR_SESSION_KEY = "accounts_second_factor"


# Read on every visit of a members page: written by the ORM once per process and kind of reader (core.prepared).
_MEMBERS = PreparedForReader(
    lambda reader, organization_id: (
        Membership.objects.for_user(reader)
        .filter(organization_id=organization_id)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    ),
    KEY,
)


# The pending invitations of a members page, also read on every visit (a superuser sees coordinator invitations).
_INVITATIONS = PreparedForReader(
    lambda reader, organization_id, now: (
        Invitation.objects.for_user(reader)
        .pending(now)
        .filter(organization_id=organization_id)
        .select_related("invited_by")
    ),
    KEY,
    MOMENT,
    by_superuser=True,
)


# The members page kept whole for each reader (core.kept): the database renews this stamp on every write to the
# tables it reads (accounts.apps), sign-ins included (the page shows each member's last one).
MEMBER_PAGES_STAMP = "member_pages"
MEMBER_PAGES_MODELS = (
    "organizations.Organization",
    "organizations.Membership",
    "organizations.User",
    "accounts.Invitation",
    "accounts.AccountEvent",
)


def seconds_until_an_invitation_expires(organization_id):
    """How long the members page of an organization may be kept: until its next pending invitation expires."""
    soonest = (
        Invitation.objects.pending()
        .filter(organization_id=organization_id)
        .order_by("expires_at")
        .values_list("expires_at", flat=True)
        .first()
    )
    return float("inf") if soonest is None else max(0, int((soonest - timezone.now()).total_seconds()))


def members_page(*, organization, fetched_by):
    """Members, pending invitations and the latest account events of one organization."""
    return {
        "members": _MEMBERS.objects(fetched_by, organization.pk),
        "invitations": _INVITATIONS.objects(fetched_by, organization.pk, timezone.now()),
        "events": AccountEvent.objects.for_user(fetched_by)
        .filter(organization=organization)
        .select_related("user", "actor")[:EVENTS_SHOWN],
    }


def open_plans_left_without_editor(*, membership):
    """The organization's open plans if this membership is its last editor's (else an empty list)."""
    if membership.role != Membership.Role.EDITOR:
        return []
    others = Membership.objects.filter(organization_id=membership.organization_id, role=Membership.Role.EDITOR)
    if others.exclude(pk=membership.pk).exists():
        return []
    return list(membership.organization.action_plans.filter(status__in=OPEN_PLAN_STATUSES).order_by("title"))


def second_factor_required_by_role(user):
    """Coordinators, staff and superusers need a second factor when the site requires it."""
    return settings.REQUIRE_2FA_FOR_STAFF and (user.is_staff or user.is_superuser or is_coordinator(user))


def second_factor_required(request):
    """Whether this signed-in person must have passed the second factor before any page."""
    return bool(request.session.get(SECOND_FACTOR_SESSION_KEY)) or second_factor_required_by_role(request.user)


def has_second_factor(user):
    """Whether this person has a confirmed authenticator (recovery codes alone do not count)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def invitation_by_token(*, token):
    """The invitation a link's token belongs to (whatever its state), or None when no invitation has it."""
    invitations = Invitation.objects.select_related("organization", "invited_by")
    return invitations.filter(token_hash=token_digest(token)).first()
