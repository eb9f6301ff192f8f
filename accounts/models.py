import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.roles import is_coordinator
from organizations.models import Organization


def email_digest(email):
    """A stable digest of a normalised address, so the limit table holds no address in the clear."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class PasswordResetRequest(models.Model):
    """One asked-for reset mail; rows within the window count towards the per-address and per-IP limits."""

    email_digest = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.email_digest[:8]} {self.ip_address} {self.created_at:%Y-%m-%d %H:%M}"


def token_digest(token):
    """The stored form of an invitation token: only its hash is kept, so a leaked table opens no account."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationRole(models.TextChoices):
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")
    COORDINATOR = "coordinator", _("Coordinator")


class InvitationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Invitations this user may see: all for coordinators (coordinator invitations for superusers only)."""
        if not is_coordinator(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.exclude(role=InvitationRole.COORDINATOR)

    def pending(self, now=None):
        """Neither accepted nor revoked nor expired (at ``now``, by default the present moment)."""
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """A person asked by e-mail to join an organization (or, from a superuser, the coordinators)."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organization"),
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=12, choices=InvitationRole.choices)
    language = models.CharField(_("language of the mail"), max_length=10, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"))
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} · {self.organization or self.get_role_display()}"

    @property
    def is_pending(self):
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class AccountEventQuerySet(models.QuerySet):
    def for_user(self, user):
        """Account events this user may see: all for coordinators, none for anyone else."""
        return self.all() if is_coordinator(user) else self.none()


class AccountEvent(models.Model):
    """One line of the audit list: who did what to whose account, and when. Rows are only ever added."""

    class Kind(models.TextChoices):
        INVITED = "invited", _("Invited")
        JOINED = "joined", _("Joined")
        ROLE_CHANGED = "role_changed", _("Role changed")
        MEMBERSHIP_ENDED = "membership_ended", _("Membership ended")
        PASSWORD_RESET = "password_reset", _("Password reset")
        SECOND_FACTOR_ADDED = "second_factor_added", _("Second factor added")
        SECOND_FACTOR_REMOVED = "second_factor_removed", _("Second factor removed")

    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    # Null for an invitation to an address that has no account yet; the address is then in `email`.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="account_events",
        verbose_name=_("person"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="account_events",
        verbose_name=_("organization"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The role given (invited, joined, role changed) or held until then (membership ended).
    role = models.CharField(_("role"), max_length=12, choices=InvitationRole.choices, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = AccountEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.user or self.email} · {self.created_at:%Y-%m-%d %H:%M}"
