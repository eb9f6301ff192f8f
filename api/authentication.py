from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api.services import token_find, token_mark_used


class PersonalAccessTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer gap_…` (or `Token gap_…`): the token's owner, with the token as `request.auth`.

    The token is also put on the underlying Django request, where api.middleware logs the request after the answer.
    """

    keywords = ("bearer", "token")

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower().decode("latin-1") not in self.keywords:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after the word Bearer, with no spaces in it."))
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        token = token_find(raw=raw)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token was revoked."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        token_mark_used(token=token)
        request._request.api_token = token
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
