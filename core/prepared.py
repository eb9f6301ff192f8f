"""Queries every signed-in request makes, written by the ORM once per process and then only run.

Building a query (filters, lookups, the compiler, the SQL text) costs Django several times what PostgreSQL takes to
answer a one-row lookup by key, and every signed-in page makes a few of them: the session, the person, the bell's
unread count. A ``Prepared`` query is built by the ORM the first time it runs, with stand-in values (``markers``),
and afterwards runs the same SQL with the real values in their places. The rule (which rows, which columns) stays
written once, with the ORM; the SQL still goes through Django's cursor (logged, counted by the query-count tests,
on the database the router chose); values read back pass through the same converters the ORM applies (SQLite's
dates and booleans).

Only for queries whose values are plain (numbers, strings, dates and times): a marker the ORM changes on the way in
(other than a date and time adapted for the database) is refused when the query is first built. A marker must be a
value its column can hold (an integer in the range of a 32-bit key). An integer no database column can hold (beyond
64 bits, as a URL may say) selects no rows without asking the database, as the ORM does.

``PreparedForReader`` is the same for the queries a page makes with the reader's access scope (``for_user``): one
prepared query for each kind of reader, built with a stand-in reader.

On PostgreSQL each of them is also prepared by the server, once per connection (``PREPARE``, then ``EXECUTE`` with
the values): the planner's work, which for a query joining four tables costs PostgreSQL several times what running
it does (1.1 ms against 0.3 ms for a period report's own row), is done once per connection, not on every page. The
``PREPARE`` goes round Django's cursor, so query counts and logs count one query a run, as before; the ``EXECUTE``
is logged with the statement's name, which names the query's table. Not behind PgBouncer in transaction mode
(``DISABLE_SERVER_SIDE_CURSORS``, set for it in ``config.settings``): a statement prepared on one server connection
would be asked for on another.
"""

import datetime
import decimal
import hashlib
import uuid

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models.query import get_related_populators
from django.http import Http404

from core.roles import COORDINATE_PERMISSION, is_coordinator

# Integers any database column can hold (BigAutoField's range).
_INTEGER_RANGE = range(-(2**63), 2**63)

# The stand-in for an id (a key's value no row has, in a 32-bit key's range): the marker of most prepared queries.
KEY = -7_919_001
# The stand-in for a moment (the present, as a query compares it): a time no row holds.
MOMENT = datetime.datetime(1901, 2, 3, 4, 5, 6, 789_012, tzinfo=datetime.UTC)


def _adapted(connection, value):
    """A value as the ORM hands it to the database driver (SQLite takes dates and times as text)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class _Constant:
    """A parameter of the built query that is not a marker: the same on every run."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


# PostgreSQL's type of each kind of value a prepared query takes (the ORM's values, as the driver gets them).
_SERVER_TYPES = {
    bool: "boolean",
    int: "bigint",
    float: "double precision",
    decimal.Decimal: "numeric",
    str: "text",
    datetime.date: "date",
    datetime.time: "time",
    uuid.UUID: "uuid",
}


def _server_type(value):
    if isinstance(value, datetime.datetime):
        return "timestamp" if value.tzinfo is None else "timestamptz"
    # The first kind it is (bool before int; a choice of TextChoices is a str).
    return next((name for kind, name in _SERVER_TYPES.items() if isinstance(value, kind)), None)


def _prepared_on_server(connection, statement, table, params):
    """The name ``statement`` is prepared under on this PostgreSQL connection (prepared now if it is not yet), or
    None where statements are not prepared on the server (another database, behind PgBouncer, a value of a type
    not listed above). A statement outlives the transaction it was prepared in (even one rolled back) and goes
    with the connection: a new connection prepares it again."""
    if connection.vendor != "postgresql" or connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        return None
    types = [_server_type(param) for param in params]
    if None in types:
        return None
    raw = connection.connection
    known = getattr(connection, "_prepared_on_server", None)
    if known is None or known[0] is not raw:
        known = connection._prepared_on_server = (raw, set())
    digest = hashlib.blake2b(f"{types}{statement}".encode(), digest_size=8).hexdigest()
    name = f"{table[:40]}_{digest}"
    if name not in known[1]:
        # %s are the driver's placeholders (%% a literal %): here PostgreSQL's own, $1 to $n, in their order.
        numbered = statement % tuple(f"${number}" for number in range(1, len(params) + 1))
        signature = f"({', '.join(types)})" if types else ""
        with raw.cursor() as cursor:  # round Django's cursor: not a query of the page's (module docstring)
            cursor.execute(f"PREPARE {name} {signature} AS {numbered}")
        known[1].add(name)
    return name


class Prepared:
    """``build(*markers)`` returns a queryset (``values_list`` of the columns wanted); see the module docstring.

    ``rows(*values)`` runs it with ``values`` in the markers' places; ``count(*values)`` counts its rows.
    ``optional``: the positions of markers the query may leave out (a coordinator's scope names nobody).
    """

    def __init__(self, build, *markers, optional=()):
        self._build, self._markers, self._optional = build, markers, set(optional)
        self._compiled = None

    def _compile(self):
        queryset = self._build(*self._markers)
        if queryset._prefetch_related_lookups:
            raise ImproperlyConfigured("Prepared query: prefetch_related would be left out; prefetch afterwards.")
        alias = queryset.db
        connection = connections[alias]
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # e.g. a scope that gives this kind of reader nothing (``none()``)
            self._compiled, self._compiler = (alias, None, [], []), compiler
            return self._compiled
        adapted = [_adapted(connection, marker) for marker in self._markers]
        slots = []
        for param in params:
            found = [n for n, marker in enumerate(adapted) if type(param) is type(marker) and param == marker]
            slots.append(found[0] if found else _Constant(param))
        if {slot for slot in slots if isinstance(slot, int)} | self._optional != set(range(len(self._markers))):
            raise ImproperlyConfigured(f"Prepared query: a marker did not reach the SQL unchanged: {sql} {params}")
        columns = [expression for expression, _sql, _alias in compiler.select]
        self._compiled = (alias, sql, slots, columns)
        self._compiler = compiler
        return self._compiled

    @property
    def database(self):
        """The alias of the database the query runs on (for ``Model.from_db``)."""
        return (self._compiled or self._compile())[0]

    def _execute(self, sql_of, values):
        alias, sql, slots, columns = self._compiled or self._compile()
        connection = connections[alias]
        if sql is None or any(type(value) is int and value not in _INTEGER_RANGE for value in values):
            return connection, columns, []
        params = [_adapted(connection, values[slot]) if isinstance(slot, int) else slot.value for slot in slots]
        with connection.cursor() as cursor:
            statement = sql_of(sql)
            name = _prepared_on_server(connection, statement, self._compiler.query.model._meta.db_table, params)
            if name is not None:
                statement = f"EXECUTE {name}({', '.join(['%s'] * len(params))})" if params else f"EXECUTE {name}"
            cursor.execute(statement, params)
            return connection, columns, cursor.fetchall()

    def rows(self, *values):
        """The rows, each a tuple of the ``values_list`` columns, converted as the ORM would."""
        connection, columns, rows = self._execute(lambda sql: sql, values)
        converters = [
            (n, converters)
            for n, column in enumerate(columns)
            if (converters := connection.ops.get_db_converters(column) + column.get_db_converters(connection))
        ]
        if not converters:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for n, functions in converters:
                for function in functions:
                    row[n] = function(row[n], columns[n], connection)
            converted.append(tuple(row))
        return converted

    def objects(self, *values):
        """The rows as model instances, made as the ORM makes them (``build`` returns a queryset of models, not
        ``values_list``): the rows read by ``select_related`` attached, annotations set."""
        _connection, _columns, rows = self._execute(lambda sql: sql, values)
        if not rows:
            return []
        alias, compiler = self._compiled[0], self._compiler
        if compiler.has_extra_select:
            rows = [row[: compiler.col_count] for row in rows]
        # As django.db.models.query.ModelIterable, from rows already read. The compiler kept from the first run reads
        # only the query's shape and the backend's converters (pure functions of the values), whatever the thread.
        klass_info, select = compiler.klass_info, compiler.select
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[first:last]]
        populators = get_related_populators(klass_info, select, alias)
        made = []
        for row in compiler.results_iter([rows]):
            instance = klass_info["model"].from_db(alias, names, row[first:last])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in compiler.annotation_col_map.items():
                setattr(instance, name, row[position])
            made.append(instance)
        return made

    def count(self, *values):
        """How many rows the query selects."""
        # The SQL is the ORM's own, written from the models; only values are bound.
        _connection, _columns, rows = self._execute(lambda sql: f"SELECT COUNT(*) FROM ({sql}) counted", values)  # noqa: S608
        return rows[0][0]


class PreparedGet:
    """One row of a model by primary key, as a model instance (``Model.from_db``, as the ORM makes it), or None.

    ``model`` may be a callable returning the model, for modules imported before the app registry is ready.
    """

    def __init__(self, model):
        self._model = model
        self._query = Prepared(lambda pk: self.model._default_manager.filter(pk=pk).values_list(*self._fields()), KEY)

    @property
    def model(self):
        return self._model if isinstance(self._model, type) else self._model()

    def _fields(self):
        return [field.attname for field in self.model._meta.concrete_fields]

    def __call__(self, pk):
        found = self._query.rows(pk)
        return self.model.from_db(self._query.database, self._fields(), found[0]) if found else None


class PreparedForReader:
    """A query with the reader's access scope (``for_user``), prepared once per process for each kind of reader:
    coordinators (every row) and everyone else (the rows of their organizations), and with ``by_superuser`` each of
    them a superuser or not. ``build(reader, *markers)`` is given a stand-in reader of that kind whose id is a
    marker; ``objects(user, *values)`` runs the one for ``user``. Nobody signed in reads nothing. Only for scopes
    that depend on nothing of the reader but the id and its kind, and for values of the column's type: a URL's
    through its converters (``<int:pk>``), never a text where a number belongs."""

    READER = -7_919_011  # not KEY: a query may take both

    def __init__(self, build, *markers, by_superuser=False):
        self._by_superuser = by_superuser
        kinds = [(coordinator, superuser) for coordinator in (True, False) for superuser in {False, by_superuser}]
        self._kinds = {
            kind: Prepared(
                lambda reader_id, *rest, kind=kind: build(_stand_in(reader_id, *kind), *rest),
                self.READER,
                *markers,
                optional=[0],
            )
            for kind in kinds
        }

    def objects(self, user, *values):
        if not user.is_authenticated:
            return []
        kind = (is_coordinator(user), self._by_superuser and user.is_superuser)
        return self._kinds[kind].objects(user.pk, *values)

    def get_or_404(self, user, *values):
        """The one row ``user`` may read, or 404 (as ``get_object_or_404``: another organization's row is not found)."""
        found = self.objects(user, *values)
        if not found:
            raise Http404("Nothing matches the given query.")
        return found[0]


def _stand_in(pk, coordinator, superuser):
    """A person with this id of this kind, for building a query that depends on nothing else."""
    reader = get_user_model()(pk=pk, is_active=True, is_superuser=superuser)
    reader._perm_cache = {COORDINATE_PERMISSION} if coordinator else set()
    return reader
