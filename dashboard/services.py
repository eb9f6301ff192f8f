"""The dashboard's figures, cached per year and invalidated on write.

Why a cache and not summary rows: the figures are a dozen grouped aggregates over six tables (and the reporting
tables), several of them depending on today's date (overdue). Summary rows kept in step would need every write
path — pages, admin, imports, the API, bulk jobs — to update the right counters, and a date-dependent figure
cannot be stored at all. A per-year cache needs one rule: any save or delete of a row the dashboard counts
gives the stamp a new token in the same transaction (dashboard.apps connects the receivers), so a reader after
the commit asks for figures under a key nobody has filled yet. Cost: one query by primary key on a hit, and the
full figures once per token, year, day and reader kind in each cache. ``QuerySet.update()`` and
``bulk_create()`` send no signals: the entries also expire after DASHBOARD_CACHE_SECONDS (default 10 minutes).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from assessments.selectors import programme_distribution
from core.roles import is_coordinator
from dashboard.models import FiguresStamp
from dashboard.selectors import dashboard_figures

STAMP_PK = 1


def figures_stamp_renew(**_signal):
    """A new token for the figures' cache key; called on every save or delete the dashboard counts."""
    updated = FiguresStamp.objects.filter(pk=STAMP_PK).update(token=uuid.uuid4())
    if not updated:
        FiguresStamp.objects.get_or_create(pk=STAMP_PK)


def _stamp_token():
    return FiguresStamp.objects.filter(pk=STAMP_PK).values_list("token", flat=True).first()


def _cached(key, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, getattr(settings, "DASHBOARD_CACHE_SECONDS", 600))
    return value


def _figures(token, *, fetched_by, year, today):
    if token is None:
        return dashboard_figures(fetched_by=fetched_by, year=year, today=today)
    reader = "coordinator" if is_coordinator(fetched_by) else "staff"
    key = f"dashboard:figures:{token}:{reader}:{year or 'all'}:{today.isoformat()}"
    return _cached(key, lambda: dashboard_figures(fetched_by=fetched_by, year=year, today=today))


def dashboard_figures_cached(*, fetched_by, year, today):
    """``dashboard_figures`` from the cache when nothing the dashboard counts changed since they were computed."""
    return _figures(_stamp_token(), fetched_by=fetched_by, year=year, today=today)


def dashboard_page_cached(*, fetched_by, year, today):
    """The figures and the self-assessments' ``programme_distribution``, both cached under one reading of the stamp
    (assessments and answers renew it too: dashboard.apps). The distribution's area names are text in the reader's
    language, so it has one entry per language; its cost grows with every assessment ever validated."""
    token = _stamp_token()
    figures = _figures(token, fetched_by=fetched_by, year=year, today=today)
    if token is None:
        return figures, programme_distribution()
    return figures, _cached(f"dashboard:distribution:{token}:{get_language()}", programme_distribution)
