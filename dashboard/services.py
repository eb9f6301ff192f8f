"""The dashboard's figures, cached per year and invalidated on write.

Why a cache and not summary rows: the figures are a dozen grouped aggregates over six tables (and the reporting
tables), several of them depending on today's date (overdue). Summary rows kept in step would need every write
path — pages, admin, imports, the API, bulk jobs — to update the right counters, and a date-dependent figure
cannot be stored at all. A per-year cache needs one rule: any save or delete of a row the dashboard counts
gives the stamp a new token in the same transaction (core.stamps; dashboard.apps names the models), so a reader after
the commit asks for figures under a key nobody has filled yet. Cost: one query by primary key on a hit, and the
full figures once per token, year, day and reader kind in each cache. ``QuerySet.update()`` and
``bulk_create()`` send no signals: the entries also expire after DASHBOARD_CACHE_SECONDS (default 10 minutes).
"""

from django.conf import settings
from django.utils.translation import get_language

from assessments.selectors import programme_distribution
from core import stamps
from core.roles import is_coordinator
from dashboard.selectors import dashboard_figures

STAMP = "dashboard"


def _cached(key, compute):
    return stamps.cached(key, compute, seconds=getattr(settings, "DASHBOARD_CACHE_SECONDS", 600))


def _figures(token, *, fetched_by, year, today):
    reader = "coordinator" if is_coordinator(fetched_by) else "staff"
    key = f"dashboard:figures:{token}:{reader}:{year or 'all'}:{today.isoformat()}"
    return _cached(key, lambda: dashboard_figures(fetched_by=fetched_by, year=year, today=today))


def dashboard_stamp():
    """The current token of the dashboard's stamp (one query), for a page that caches its own HTML under it."""
    return stamps.token(STAMP)


def dashboard_figures_cached(*, fetched_by, year, today, token=None):
    """``dashboard_figures`` from the cache when nothing the dashboard counts changed since they were computed
    (under ``token`` when the caller read the stamp already)."""
    return _figures(token or stamps.token(STAMP), fetched_by=fetched_by, year=year, today=today)


def dashboard_page_cached(*, fetched_by, year, today):
    """The figures and the self-assessments' ``programme_distribution``, both cached under one reading of the stamp
    (assessments and answers renew it too: dashboard.apps). The distribution's area names are text in the reader's
    language, so it has one entry per language; its cost grows with every assessment ever validated."""
    token = stamps.token(STAMP)
    figures = _figures(token, fetched_by=fetched_by, year=year, today=today)
    return figures, _cached(f"dashboard:distribution:{token}:{get_language()}", programme_distribution)


def dashboard_page_html(*, reader, read_only, year, today, draw):
    """The dashboard page's body, ``draw()``, kept under the stamp as read on the primary (the lists of what needs
    doing are read there), per reader kind, year, day and language."""
    key = f"dashboard:page:{stamps.token(STAMP)}:{reader}:{int(read_only)}:{year or 'all'}:{today.isoformat()}"
    return _cached(f"{key}:{get_language()}", draw)
