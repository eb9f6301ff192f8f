"""The client's address, behind as many trusted proxies as the environment says (TRUSTED_PROXY_COUNT).

Each proxy appends the address it received the request from to X-Forwarded-For, so with N trusted proxies
in front of the app the client is the N-th address from the right; anything further left was written by
the client itself and is not trusted. With no proxy (0, the default) it is the connection's address.
"""

from django.conf import settings


def client_ip(request):
    """The address of the client that sent `request` (used by the sign-in lockout and the reset limits)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
