import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import (
    AccountEvent,
    Invitation,
    InvitationRole,
    PasswordResetRequest,
    email_digest,
    token_digest,
)
from core.roles import coordinators_group_sync
from organizations.models import Membership

RECOVERY_CODE_COUNT = 10


def password_reset_request_allow(*, email, ip_address):
    """Record a reset request and say whether it is within the limits per address and per IP.

    Kept in the database rather than the cache: the limit holds across every gunicorn process.
    """
    since = timezone.now() - timedelta(seconds=settings.PASSWORD_RESET_LIMIT_WINDOW)
    PasswordResetRequest.objects.filter(created_at__lt=since).delete()
    digest = email_digest(email)
    recent = PasswordResetRequest.objects.filter(created_at__gte=since)
    if (
        recent.filter(email_digest=digest).count() >= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        or recent.filter(ip_address=ip_address).count() >= settings.PASSWORD_RESET_LIMIT_PER_IP
    ):
        return False
    PasswordResetRequest.objects.create(email_digest=digest, ip_address=ip_address)
    return True


def account_event_record(*, kind, user=None, email="", organization=None, actor=None, role=""):
    """Add one line to the audit list of account events."""
    return AccountEvent.objects.create(
        kind=kind,
        user=user,
        email=email or getattr(user, "email", ""),
        organization=organization,
        actor=actor,
        role=role,
    )


def mail_send(*, to, template, context, language):
    """Send a text + HTML mail rendered in the given language through Django's mail API.

    Plain Django mail on purpose: the task queue wraps EMAIL_BACKEND, so these mails go through it unchanged.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"accounts/mail/{template}_subject.txt", context).split())
        text = render_to_string(f"accounts/mail/{template}.txt", context)
        html = render_to_string(f"accounts/mail/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def _existing_account(email):
    """The account with this address, if any (the oldest, where several share it)."""
    return get_user_model()._default_manager.filter(email__iexact=email).order_by("pk").first()


def _invitation_mail(*, invitation, token, base_url):
    link = base_url + reverse("accounts:invitation_accept", args=[token])
    context = {"invitation": invitation, "link": link, "valid_days": settings.INVITATION_VALID_DAYS}
    mail_send(to=invitation.email, template="invitation", context=context, language=invitation.language)


def _access_grant(*, user, organization, role):
    """Give an account the invited role: a membership of the organization, or the coordinators' group."""
    if role == InvitationRole.COORDINATOR:
        user.groups.add(coordinators_group_sync(group_model=Group, permission_model=Permission))
        return None
    membership, _ = Membership.objects.update_or_create(user=user, organization=organization, defaults={"role": role})
    return membership


def invitation_send(*, organization, email, role, language, by, base_url):
    """Invite an address to an organization (or, with no organization, to the coordinators).

    An address that already has an account gets the access at once and a mail saying so; returns that account.
    Otherwise an invitation with a fresh single-use token is mailed; returns None. The mail leaves after the
    rows are saved, so a link never points to an invitation that was rolled back.
    """
    with transaction.atomic():
        user = _existing_account(email)
        if user is not None:
            _access_grant(user=user, organization=organization, role=role)
            account_event_record(
                kind=AccountEvent.Kind.JOINED, user=user, organization=organization, actor=by, role=role
            )
        else:
            token = secrets.token_urlsafe(32)
            now = timezone.now()
            invitation = Invitation.objects.create(
                organization=organization,
                email=email,
                role=role,
                language=language,
                token_hash=token_digest(token),
                invited_by=by,
                sent_at=now,
                expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
            )
            account_event_record(
                kind=AccountEvent.Kind.INVITED, email=email, organization=organization, actor=by, role=role
            )
    if user is not None:
        context = {
            "organization": organization,
            "role": InvitationRole(role).label,
            "by": by,
            "user": user,
            "link": base_url + reverse("home"),
        }
        mail_send(to=user.email, template="access_added", context=context, language=language)
    else:
        _invitation_mail(invitation=invitation, token=token, base_url=base_url)
    return user


def invitation_resend(*, invitation, by, base_url):
    """Mail a pending invitation again with a new token and a new week; the old link stops working."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = token_digest(token)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _invitation_mail(invitation=invitation, token=token, base_url=base_url)


def invitation_revoke(*, invitation, by):
    """Withdraw a pending invitation: its link stops working at once."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def _free_username(email):
    User = get_user_model()
    base = email.strip().lower()[:140]
    username, n = base, 1
    while User._default_manager.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def invitation_accept(*, invitation, first_name, last_name, password, language):
    """Create the invited person's account with the given access, and use the invitation up.

    If the address got an account since the invitation was sent, that account gets the access instead.
    Locks the invitation row so that two clicks on the same link create one account.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        return None
    user = _existing_account(invitation.email)
    if user is None:
        user = get_user_model()._default_manager.create_user(
            username=_free_username(invitation.email),
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            language=language,
        )
    _access_grant(user=user, organization=invitation.organization, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    account_event_record(
        kind=AccountEvent.Kind.JOINED,
        user=user,
        organization=invitation.organization,
        actor=invitation.invited_by,
        role=invitation.role,
    )
    return user


@transaction.atomic
def membership_role_change(*, membership, role, by):
    """Give a member another role in their organization."""
    membership.role = role
    membership.save(update_fields=["role"])
    account_event_record(
        kind=AccountEvent.Kind.ROLE_CHANGED,
        user=membership.user,
        organization=membership.organization,
        actor=by,
        role=role,
    )


@transaction.atomic
def membership_end(*, membership, by):
    """End a membership: the person keeps their account and everything they wrote, but no longer sees the
    organization. Access is read from Membership on every request, so it ends with the next click."""
    account_event_record(
        kind=AccountEvent.Kind.MEMBERSHIP_ENDED,
        user=membership.user,
        organization=membership.organization,
        actor=by,
        role=membership.role,
    )
    membership.delete()


def totp_device_start(*, user):
    """A new, not yet confirmed authenticator for this person (replacing an unconfirmed one from earlier)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def second_factor_confirm(*, device):
    """Confirm the authenticator once a first code matched, and issue fresh recovery codes; returns the codes."""
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_create(user=device.user)
    account_event_record(kind=AccountEvent.Kind.SECOND_FACTOR_ADDED, user=device.user, actor=device.user)
    return codes


def recovery_codes_create(*, user):
    """Replace this person's one-time recovery codes with new ones; returns them (shown once, never again)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def second_factor_remove(*, user, by):
    """Remove the authenticator and the recovery codes of this person."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    account_event_record(kind=AccountEvent.Kind.SECOND_FACTOR_REMOVED, user=user, actor=by)
