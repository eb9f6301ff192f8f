"""Data cached across requests under a stamp that every write renews (core.models.Stamp).

A view of the data that is costly to compute and read far more often than written (the dashboard's figures, the
reporting pages) is cached under the token of its stamp. ``renew_on`` connects the stamp to the models whose rows
the view shows: any save or delete of one gives the stamp a new token in the same transaction, so a reader after
the commit asks for a key nobody has filled yet, in every process and on every host. Cost on a hit: one query by
primary key. ``QuerySet.update()`` and ``bulk_create()`` send no signals: code that writes that way calls
``renew_for`` itself, and entries expire after a while (``seconds``) in any case.

Signals here invalidate a cache, they carry no domain rule: every write path (pages, admin, imports, the API) is
covered without each of them knowing about the cache.

A stamp can also be renewed by the database itself (``renew_in_database``): a trigger on each of its tables, so
that every write renews it whatever made it (``update()``, ``bulk_create()``, raw SQL, another program). The
trigger fires when the transaction commits (a deferred constraint trigger on PostgreSQL): the stamp's row is locked
for the commit alone, after every other lock the transaction took, so writers never wait long on it and never
deadlock over it; and a reader sees the new token exactly when it can see the rows.
"""

import hashlib
import re
import uuid
from collections import defaultdict

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, router
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


# A new token whether or not the stamp's row exists yet: written by ``_upsert`` and by the triggers (below).
_UPSERT = (
    "INSERT INTO {table} (name, token) VALUES ({name}, {token}) ON CONFLICT (name) DO UPDATE SET token = excluded.token"
)


def _upsert(name):
    """One INSERT ... ON CONFLICT DO UPDATE, as plain SQL: it runs on every save of a model a stamp follows, where
    the ORM's ``bulk_create(update_conflicts=True)`` spent several times the database's time building it."""
    fresh = uuid.uuid4()
    connection = connections[router.db_for_write(Stamp)]
    token = Stamp._meta.get_field("token").get_db_prep_value(fresh, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT.format(table=connection.ops.quote_name(Stamp._meta.db_table), name="%s", token="%s"), [name, token]
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


# What a sign-in writes (Django's ``update_last_login``): no page shows it, so writing it renews no stamp.
SIGN_IN_COLUMNS = frozenset({"last_login"})


def _only_sign_in(update_fields):
    """A save that only records a sign-in changes nothing a page shows."""
    return update_fields is not None and set(update_fields) <= SIGN_IN_COLUMNS


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


# Stamps the database renews itself: name -> the models whose writes renew it, and the columns whose writes alone
# do not (renew_in_database).
_RENEWED_BY_DATABASE = defaultdict(set)
_UNSEEN = {}

# Databases whose triggers install_triggers knows how to write.
TRIGGER_VENDORS = ("postgresql", "sqlite")

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION core_stamp_renew() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Once per firing (the COMMIT, or SET CONSTRAINTS), however many rows the transaction wrote.
    IF coalesce(current_setting('core_stamp.' || TG_ARGV[0], true), '') <> statement_timestamp()::text THEN
        {upsert};
        PERFORM set_config('core_stamp.' || TG_ARGV[0], statement_timestamp()::text, true);
    END IF;
    RETURN NULL;
END
$$
"""

# The triggers already written: only the missing ones are created, so a migrate takes no lock on a table that has
# its trigger, and those no longer wanted are dropped.
_WRITTEN = {
    "postgresql": """
        SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND starts_with(t.tgname, 'core_stamp_')
    """,
    "sqlite": "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'core_stamp_*'",
}


def renew_in_database(name, models, *, unseen=SIGN_IN_COLUMNS):
    """Have the database renew stamp ``name`` on every insert, update or delete of a row of ``models`` (classes or
    "app_label.Model" labels; triggers, installed by ``install_triggers`` after every migrate), except an update
    that writes only ``unseen`` columns (by default what a sign-in writes: pass ``()`` for pages that show it). For
    views that must follow writes that send no signal. Stamps renewed this way are only to be trusted where
    ``renewed_by_database`` says so."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"A stamp renewed by triggers needs a plain name, not {name!r}.")
    if _UNSEEN.setdefault(name, frozenset(unseen)) != frozenset(unseen):
        raise ValueError(f"Stamp {name!r} was declared with other unseen columns.")
    _RENEWED_BY_DATABASE[name].update(apps.get_model(model) if isinstance(model, str) else model for model in models)


def renewed_by_database(name, using=DEFAULT_DB_ALIAS):
    """Whether stamp ``name`` is renewed by triggers on this database."""
    return name in _RENEWED_BY_DATABASE and connections[using].vendor in TRIGGER_VENDORS


def install_triggers(using=DEFAULT_DB_ALIAS, **_signal):
    """Write the missing triggers of every stamp renewed by the database (and the PostgreSQL function they call,
    again), drop the ones no longer wanted, and make the stamps' rows: run after each migrate and flush
    (post_migrate), so that a new table, a table created again or a new column carries its trigger."""
    connection = connections[using]
    if connection.vendor not in TRIGGER_VENDORS:
        return
    quote = connection.ops.quote_name
    wanted = dict(_wanted_triggers(connection))
    with connection.cursor() as cursor:
        cursor.execute(_WRITTEN[connection.vendor])
        written = set(cursor.fetchall())
        if connection.vendor == "postgresql":
            upsert = _UPSERT.format(table=quote(Stamp._meta.db_table), name="TG_ARGV[0]", token="gen_random_uuid()")
            cursor.execute(_PG_FUNCTION.replace("{upsert}", upsert))
        for table, trigger in sorted(written - wanted.keys()):
            on_table = f" ON {quote(table)}" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TRIGGER IF EXISTS {quote(trigger)}{on_table}")
        for key in sorted(wanted.keys() - written):
            cursor.execute(wanted[key])
    # Their rows made now, so that reading a page never has to write one.
    Stamp.objects.using(using).bulk_create([Stamp(name=name) for name in _RENEWED_BY_DATABASE], ignore_conflicts=True)


def _wanted_triggers(connection):
    """((table, trigger name), CREATE statement) of every trigger the stamps renewed by the database want.

    An update renews the stamp unless it writes only the stamp's unseen columns (``UPDATE OF`` the others). A
    trigger's name carries a digest of what it fires on: when that changes (a new column), the trigger is written
    again under a new name and the old one dropped."""
    quote = connection.ops.quote_name
    stamp_table = quote(Stamp._meta.db_table)
    for name, models in sorted(_RENEWED_BY_DATABASE.items()):
        for model in sorted(models, key=lambda model: model._meta.db_table):
            table = model._meta.db_table
            columns = [field.column for field in model._meta.local_concrete_fields]
            shown = [column for column in columns if column not in _UNSEEN.get(name, SIGN_IN_COLUMNS)]
            update = "UPDATE" if shown == columns else f"UPDATE OF {', '.join(quote(column) for column in shown)}"
            digest = hashlib.blake2b(f"{name} {table} {update}".encode(), digest_size=4).hexdigest()
            trigger = f"core_stamp_{name}_{table}"[:45] + f"_{digest}"
            if connection.vendor == "postgresql":
                yield (
                    (table, trigger),
                    (
                        f"CREATE CONSTRAINT TRIGGER {quote(trigger)} AFTER INSERT OR {update} OR DELETE "
                        f"ON {quote(table)} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                        f"EXECUTE FUNCTION core_stamp_renew('{name}')"
                    ),
                )
                continue
            for event in ("INSERT", update, "DELETE"):
                each = f"{trigger}_{event.split()[0].lower()}"
                yield (
                    (table, each),
                    (
                        f"CREATE TRIGGER {quote(each)} AFTER {event} "
                        f"ON {quote(table)} BEGIN "
                        + _UPSERT.format(table=stamp_table, name=f"'{name}'", token="lower(hex(randomblob(16)))")
                        + "; END"
                    ),
                )
