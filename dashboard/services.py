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

from core.roles import is_coordinator
from dashboard.models import FiguresStamp
from dashboard.selectors import dashboard_figures

STAMP_PK = 1


def figures_stamp_renew(**_signal):
    """A new token for the figures' cache key; called on every save or delete the dashboard counts."""
    updated = FiguresStamp.objects.filter(pk=STAMP_PK).update(token=uuid.uuid4())
    if not updated:
        FiguresStamp.objects.get_or_create(pk=STAMP_PK)


def dashboard_figures_cached(*, fetched_by, year, today):
    """``dashboard_figures`` from the cache when nothing the dashboard counts changed since they were computed."""
    token = FiguresStamp.objects.filter(pk=STAMP_PK).values_list("token", flat=True).first()
    if token is None:
        return dashboard_figures(fetched_by=fetched_by, year=year, today=today)
    reader = "coordinator" if is_coordinator(fetched_by) else "staff"
    key = f"dashboard:figures:{token}:{reader}:{year or 'all'}:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        figures = dashboard_figures(fetched_by=fetched_by, year=year, today=today)
        cache.set(key, figures, getattr(settings, "DASHBOARD_CACHE_SECONDS", 600))
    return figures
