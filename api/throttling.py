from rest_framework.throttling import SimpleRateThrottle

from api.models import PersonalAccessToken


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (rate `token` in REST_FRAMEWORK, from API_TOKEN_RATE); browser sessions are not counted."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, PersonalAccessToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
