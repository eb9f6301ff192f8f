"""Data cached across requests under a stamp that every write renews (core.models.Stamp).

A view of the data that is costly to compute and read far more often than written (the dashboard's figures, the
reporting pages) is cached under the token of its stamp. ``renew_on`` connects the stamp to the models whose rows
the view shows: any save or delete of one gives the stamp a new token in the same transaction, so a reader after
the commit asks for a key nobody has filled yet, in every process and on every host. Cost on a hit: one query by
primary key. ``QuerySet.update()`` and ``bulk_create()`` send no signals: code that writes that way calls
``renew_for`` itself, and entries expire after a while (``seconds``) in any case.

Signals here invalidate a cache, they carry no domain rule: every write path (pages, admin, imports, the API) is
covered without each of them knowing about the cache.
"""

import uuid
from collections import defaultdict

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from core.models import Stamp
from core.prepared import Prepared

# Read on every visit of a cached page: built once per process (core.prepared).
_TOKEN = Prepared(lambda name: Stamp.objects.filter(name=name).values_list("token"), "prepared-stamp-name")

# Which stamps each model renews ("app_label.Model" -> names), as renew_on connected them.
_STAMPS_OF = defaultdict(set)


def renew(name):
    """A new token for ``name``: what was cached under the old one is never read again."""
    return _upsert(name)


def renew_for(model):
    """Renew every stamp connected to ``model``: for writes that send no signal (``bulk_create()``, ``update()``)."""
    for name in sorted(_STAMPS_OF[model._meta.label]):
        renew(name)


def _upsert(name):
    """One INSERT ... ON CONFLICT DO UPDATE: a new token whether or not the row exists yet."""
    fresh = uuid.uuid4()
    Stamp.objects.bulk_create(
        [Stamp(name=name, token=fresh)], update_conflicts=True, unique_fields=["name"], update_fields=["token"]
    )
    return fresh


def token(name):
    """The current token of ``name`` (one query), made on first use."""
    found = _TOKEN.rows(name)
    return found[0][0] if found else _upsert(name)


def cached(key, compute, *, seconds=600):
    """``compute()``, kept in the default cache under ``key`` (which carries a token) for ``seconds``."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _only_sign_in(update_fields):
    """A save that only records a sign-in (Django's ``update_last_login``) changes nothing a page shows."""
    return update_fields is not None and set(update_fields) <= {"last_login"}


def renew_on(name, labels):
    """Renew stamp ``name`` on every save or delete of the models ``labels`` ("app_label.Model")."""

    def on_save(update_fields=None, **_signal):
        if not _only_sign_in(update_fields):
            renew(name)

    def on_delete(**_signal):
        renew(name)

    for label in labels:
        model = apps.get_model(label)
        _STAMPS_OF[model._meta.label].add(name)
        post_save.connect(on_save, sender=model, weak=False, dispatch_uid=f"stamp-{name}-save-{label}")
        post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=f"stamp-{name}-delete-{label}")


_TOKENS = {}  # by the number of names: one prepared query each


def tokens(names):
    """The current tokens of several stamps in one query, in the order of ``names`` (each made on first use)."""
    names = tuple(dict.fromkeys(names))
    if len(names) not in _TOKENS:
        markers = [f"prepared-stamp-{number}" for number in range(len(names))]
        _TOKENS[len(names)] = Prepared(
            lambda *chosen: Stamp.objects.filter(name__in=chosen).values_list("name", "token"), *markers
        )
    found = dict(_TOKENS[len(names)].rows(*names))
    return [found[name] if name in found else _upsert(name) for name in names]
