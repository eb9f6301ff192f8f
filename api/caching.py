"""The API's lists, answered from the cache while nothing they show has changed (core.stamps).

A list's answer is kept as the bytes sent, after authentication, permissions and throttling (DRF's initial() runs
before list()), under a key that carries everything those bytes depend on: the tokens of the stamps in LIST_STAMPS
(every save or delete of a model a list shows renews one of them), the caller's scope (every organization for a
coordinator, else the person: a partner's own organizations follow from their memberships, which renew the stamp),
the language, today's date (overdue actions, periods' states), the time zone, the media type, and the URL as the
client gave it (scheme, host, path and query string with its parameters sorted: the pages' `next` and `previous`
links are built from it). A hit costs the stamps' one query; writes (POST, PUT, PATCH, DELETE) are never cached.
"""

import hashlib

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import urlencode

from actionplans.selectors import REPORTING_STAMP
from core import stamps
from core.roles import is_coordinator

API_STAMP = "api"
# What the API's lists show beyond the reporting stamp's models (actionplans.selectors.REPORTING_MODELS:
# organizations, plans, objectives, actions, indicators, periods, reports, their values and action statuses). The
# memberships decide a partner's scope. tests/api/test_cache.py checks every list's models are covered.
API_MODELS = (
    "organizations.Membership",
    "organizations.HeadcountSnapshot",
    "sessions_log.TrainingSession",
    "sessions_log.Attendance",
    "sessions_log.SessionTopic",
    "sessions_log.Finding",
    "sessions_log.DiscussionTopic",
    "actionplans.Measurement",
)
# The reporting stamp also moves when reports are carried over (bulk_create, actionplans.reporting).
LIST_STAMPS = (REPORTING_STAMP, API_STAMP)


def list_key(request):
    """The cache key of this list request (one query: the stamps' tokens)."""
    scope = "all" if is_coordinator(request.user) else f"user-{request.user.pk}"
    query = urlencode(sorted(request.query_params.lists()), doseq=True)
    parts = [
        *(str(token) for token in stamps.tokens(LIST_STAMPS)),
        scope,
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        timezone.get_current_timezone_name(),
        request.accepted_media_type,
        f"{request.scheme}://{request.get_host()}{request.path}?{query}",
    ]
    return "api-list:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


class CachedListMixin:
    """A list viewset whose answers come from the cache while its stamps stay (see the module's docstring)."""

    def list(self, request, *args, **kwargs):
        def render():
            response = super(CachedListMixin, self).list(request, *args, **kwargs)  # a bad filter raises: not kept
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            return response.rendered_content, response["Content-Type"]

        body, content_type = stamps.cached(list_key(request), render)
        return HttpResponse(body, content_type=content_type)
