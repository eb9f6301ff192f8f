"""The optional read replica: which database a read goes to (README: "Running in production").

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database and install ``ReplicaRouter``. Reads go to
the primary unless the code asked for the replica, and only the heavy read-only work does: the dashboard's
figures (``read_from_replica()`` around them) and the exports (``on_replica(queryset)``, which also holds for a
queryset read later, as a streamed CSV is). Every write, every other read and every migration stay on the primary,
so a page never shows a person something older than what they just saved. Without a replica both name the
primary and nothing changes.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"

_replica_reads = contextvars.ContextVar("replica_reads", default=False)


def replica_alias():
    """The database alias replica reads use: ``replica`` when one is configured, else the primary."""
    return REPLICA if REPLICA in settings.DATABASES else DEFAULT_DB_ALIAS


def on_replica(queryset):
    """``queryset`` bound to the replica (when configured), whenever it is read."""
    return queryset.using(replica_alias())


@contextlib.contextmanager
def read_from_replica():
    """Reads inside the block go to the replica (when configured); writes still go to the primary."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    """Reads asked for by ``read_from_replica()`` to the replica; everything else to the primary."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get() and REPLICA in settings.DATABASES:
            return REPLICA
        # None: Django's default, the primary (or the database a related instance was read from).
        return None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # One set of data in two places: rows read from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema by replication; `migrate` runs on the primary only.
        return db == DEFAULT_DB_ALIAS
