from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import PasswordResetRequest, email_digest


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
