"""Personal access tokens: making one (its string is returned once and never stored) and finding one by string."""

from django.utils import timezone

from api.models import PREFIX_LENGTH, TOKEN_TAG, ApiRequest, PersonalAccessToken, token_generate, token_hash


def token_create(*, user, name, expires_at, read_only=False):
    """A new token for `user`; returns (token, the string to show once)."""
    raw, prefix = token_generate()
    token = PersonalAccessToken.objects.create(
        user=user, name=name, prefix=prefix, key_hash=token_hash(raw), expires_at=expires_at, read_only=read_only
    )
    return token, raw


def token_find(*, raw):
    """The token with this string, whatever its state (the caller decides what revoked or expired means), or None."""
    if not raw.startswith(TOKEN_TAG):
        return None
    prefix = raw[len(TOKEN_TAG) : len(TOKEN_TAG) + PREFIX_LENGTH]
    for token in PersonalAccessToken.objects.filter(prefix=prefix).select_related("user"):
        if token.matches(raw):
            return token
    return None


def token_mark_used(*, token):
    """Record when the token was last used (one UPDATE, no read)."""
    now = timezone.now()
    PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def api_request_log(*, token, request, status):
    """Write who asked what and when, and the answer."""
    forwarded = request.META.get("REMOTE_ADDR") or None
    return ApiRequest.objects.create(
        token=token,
        user_id=token.user_id,
        method=request.method[:10],
        path=request.path[:500],
        query=request.META.get("QUERY_STRING", "")[:1000],
        status=status,
        ip_address=forwarded,
    )


def api_requests_prune(*, before):
    """Delete the request log entries made before `before`; returns how many."""
    deleted, _by_model = ApiRequest.objects.filter(at__lt=before).delete()
    return deleted
