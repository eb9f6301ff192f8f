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
"""

import datetime

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
            cursor.execute(sql_of(sql), params)
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
    coordinators (every row) and everyone else (the rows of their organizations). ``build(reader, *markers)`` is
    given a stand-in reader of that kind whose id is a marker; ``objects(user, *values)`` runs the one for ``user``.
    Nobody signed in reads nothing. Only for scopes that depend on nothing of the reader but the id and whether a
    coordinator (not, say, on being a superuser), and for values of the column's type: a URL's through its
    converters (``<int:pk>``), never a text where a number belongs."""

    READER = -7_919_011  # not KEY: a query may take both

    def __init__(self, build, *markers):
        self._kinds = {
            coordinator: Prepared(
                lambda reader_id, *rest, coordinator=coordinator: build(_stand_in(reader_id, coordinator), *rest),
                self.READER,
                *markers,
                optional=[0],
            )
            for coordinator in (True, False)
        }

    def objects(self, user, *values):
        if not user.is_authenticated:
            return []
        return self._kinds[is_coordinator(user)].objects(user.pk, *values)

    def get_or_404(self, user, *values):
        """The one row ``user`` may read, or 404 (as ``get_object_or_404``: another organization's row is not found)."""
        found = self.objects(user, *values)
        if not found:
            raise Http404("Nothing matches the given query.")
        return found[0]


def _stand_in(pk, coordinator):
    """A person with this id who is a coordinator or not, for building a query that depends on nothing else."""
    reader = get_user_model()(pk=pk, is_active=True)
    reader._perm_cache = {COORDINATE_PERMISSION} if coordinator else set()
    return reader
