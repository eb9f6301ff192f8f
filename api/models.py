import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What a person pastes into their tool: "gap_" + an 8-character lookup prefix + the secret. Only the prefix and
# a SHA-256 of the whole string are stored; the secret has 256 random bits, so a fast hash is enough (a slow
# password hash would protect nothing more and cost every request).
TOKEN_TAG = "gap_"
PREFIX_LENGTH = 8


def token_hash(raw):
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_generate():
    """A new token string and its lookup prefix."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return f"{TOKEN_TAG}{prefix}{secrets.token_urlsafe(32)}", prefix


class PersonalAccessTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person's own tokens; nobody sees anyone else's (staff read them in the admin)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def usable(self, now=None):
        """Tokens neither revoked nor expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class PersonalAccessToken(models.Model):
    """A key a person gives another tool to use the API as themselves (or only to read)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("owner")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. “Power BI”."))
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(_("read-only"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = PersonalAccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")

    def __str__(self):
        return f"{self.name} ({TOKEN_TAG}{self.prefix}…)"

    @property
    def display_prefix(self):
        return f"{TOKEN_TAG}{self.prefix}…"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return self.revoked_at is None and not self.is_expired

    def matches(self, raw):
        """Whether `raw` is this token's string (compared in constant time)."""
        return secrets.compare_digest(self.key_hash, token_hash(raw))

    def revoke(self):
        """Stop the token from working from now on; revoking twice keeps the first date."""
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
        return self


class ApiRequest(models.Model):
    """One request made with a token: who, what, when and the answer (staff read them in the admin)."""

    token = models.ForeignKey(
        PersonalAccessToken, on_delete=models.CASCADE, related_name="requests", verbose_name=_("token")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    query = models.CharField(_("query"), max_length=1000, blank=True)
    status = models.PositiveSmallIntegerField(_("status"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("API request")
        verbose_name_plural = _("API requests")

    def __str__(self):
        return f"{self.method} {self.path} → {self.status}"
