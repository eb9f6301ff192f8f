import hashlib

from django.db import models


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
