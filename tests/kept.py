"""Visits of a page kept whole for its reader (core.kept), and what a drawn page reads."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from core import stamps

# A page kept whole costs the session, the person, the bell's unread count (in its key) and its stamp.
KEPT_QUERIES = 4

# Read for the frame, not for the page: the session, second factors, permissions (in the key, with the person), the
# bell's notifications (its count is in the key) and the stamps themselves.
FRAME_TABLES = {"django_session", "core_stamp", "notifications_notification", "django_content_type"}
FRAME_PREFIXES = ("otp_", "auth_", "organizations_user_groups", "organizations_user_user_permissions")
TABLE = re.compile(r'(?:FROM|JOIN) "?(\w+)"?')


def kept(response):
    """Served from the cache: no template was drawn for it."""
    return response.status_code == 200 and not response.templates


def draw_again(stamp):
    """Have the next visit draw the page again, as after a write to a table it reads (its parts may still come
    from their own caches)."""
    stamps.renew(stamp)


def kept_views():
    """Every view kept whole, from the URLconf: {"namespace:name": stamp}."""
    found = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "kept_under", None):
                found[(f"{namespace}:" if namespace else "") + pattern.name] = pattern.callback.kept_under

    walk(get_resolver().url_patterns, None)
    return found


def tables_not_renewing(client, url, stamp):
    """The tables a page reads, drawn from nothing, whose writes do not renew ``stamp`` (the frame's aside)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and response.templates, url
    read = {table for query in queries for table in TABLE.findall(query["sql"])}
    covered = {model._meta.db_table for model in stamps._RENEWED_BY_DATABASE[stamp]}
    return sorted(table for table in read - FRAME_TABLES - covered if not table.startswith(FRAME_PREFIXES))
