"""Querysets the ORM compiles once and the database runs many times, with other values.

Contract: ``CompiledQuery(model, build)``, where ``build(**values)`` returns a
queryset of ``model`` whose SQL has the same shape for any values of the same types (scalar
look-ups: ``=``, ``>``, no ``__in`` lists, no ``__startswith``); ``run(**values)``
returns what ``list(build(**values))`` would (model instances of the queryset's
own columns, or the tuples of a ``values_list()`` queryset, annotations included),
without building or compiling the queryset again; ``run_slice(start, stop, **values)``
returns what ``list(build(**values)[start:stop])`` would, the slice sent as
parameters (``build`` then returns an unsliced queryset). The SQL and which
parameter each value fills are worked out once per database alias and set of value
types, from two builds with sentinel values; parameters that do not change between
them are the queryset's own constants. Rows are read with a plain cursor and
converted as the ORM converts them (the converters of the running thread's
connection). When a
value reaches the SQL transformed in a way not recognised here, that shape is run
through the ORM every time, as it would be without this module.

Why: a stored detail is one indexed read, and a list's page one statement, and
building and compiling their querysets took twice as long as running them
(profiles of the playbook detail and the tool list in ``benchmarks/README.md``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connections, router
from django.db.models.expressions import Col
from django.db.models.query import ModelIterable, ValuesListIterable

_UNCOMPILABLE = object()


@dataclass(frozen=True)
class _Statement:
    sql: str
    slots: list  # (value name or None, adapter, constant) per parameter
    columns: list  # the select's expressions, for their converters
    names: list | None  # model instances: the attribute each column fills; else tuples
    sliceable: bool  # unsliced: a slice can be added as LIMIT/OFFSET parameters


class CompiledQuery:
    def __init__(self, model, build: Callable):
        self.model = model
        self.build = build
        self._statements: dict[tuple, _Statement | object] = {}

    def run(self, **values) -> list:
        statement = self._statement(values)
        if statement is _UNCOMPILABLE:
            return list(self.build(**values).using(self._alias()))
        return self._execute(statement, values)

    def run_slice(self, start: int, stop: int, **values) -> list:
        statement = self._statement(values)
        if statement is _UNCOMPILABLE or not statement.sliceable:
            return list(self.build(**values).using(self._alias())[start:stop])
        return self._execute(statement, values, (stop - start, start))

    def _alias(self) -> str:
        return router.db_for_read(self.model)

    def _statement(self, values):
        alias = self._alias()
        key = (alias, tuple(sorted((name, type(value)) for name, value in values.items())))
        statement = self._statements.get(key)
        if statement is None:
            statement = self._statements[key] = self._compile(alias, values)
        return statement

    def _execute(self, statement: _Statement, values, limit_offset=None) -> list:
        connection = connections[self._alias()]
        params = [
            constant if name is None else adapt(connection, values[name])
            for name, adapt, constant in statement.slots
        ]
        sql = statement.sql
        if limit_offset is not None:
            sql = f"{sql} LIMIT %s OFFSET %s"
            params.extend(limit_offset)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        # As the ORM converts what it reads (SQLite's text datetimes made aware, ...),
        # with this thread's connection.
        converters = [
            (position, functions, column)
            for position, column in enumerate(statement.columns)
            if (
                functions := connection.ops.get_db_converters(column)
                + column.get_db_converters(connection)
            )
        ]
        results = []
        for row in rows:
            row = list(row)
            for position, functions, column in converters:
                for function in functions:
                    row[position] = function(row[position], column, connection)
            if statement.names is not None:
                results.append(self.model.from_db(connection.alias, statement.names, row))
            else:
                results.append(tuple(row))
        return results

    def _compile(self, alias: str, values):
        connection = connections[alias]
        first, second = _sentinels(values, 1), _sentinels(values, 2)
        compiled = []
        for sentinels in (first, second):
            queryset = self.build(**sentinels).using(alias)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            compiled.append((sql, list(params)))
        (sql, params), (other_sql, other_params) = compiled
        columns = [expression for expression, _, _ in compiler.select]
        if len(columns) != compiler.col_count:
            return _UNCOMPILABLE  # columns selected for the ordering only
        names = None
        if queryset._iterable_class is ModelIterable:
            if not all(
                isinstance(column, Col) and column.target.model is self.model for column in columns
            ):
                return _UNCOMPILABLE  # annotations, related models: the ORM's own reading
            names = [column.target.attname for column in columns]
        elif queryset._iterable_class is not ValuesListIterable:
            return _UNCOMPILABLE  # dicts, flat lists: not needed so far
        # (Django 5.2 selects a values_list()'s columns in the order it names them.)
        if sql != other_sql or len(params) != len(other_params):
            return _UNCOMPILABLE
        slots = []
        for param, other in zip(params, other_params, strict=True):
            slot = _slot(connection, param, other, first, second)
            if slot is None:
                return _UNCOMPILABLE
            slots.append(slot)
        if {name for name, _, _ in slots} - {None} != set(values):
            # A value the ORM folded away (a look-up it found always true or always
            # false for the sentinel): the SQL would not depend on it.
            return _UNCOMPILABLE
        query = queryset.query
        sliceable = query.low_mark == 0 and query.high_mark is None and not query.combinator
        return _Statement(sql, slots, columns, names, sliceable)


def _as_is(connection, value):
    return value


def _as_datetime(connection, value):
    return connection.ops.adapt_datetimefield_value(value)


def _slot(connection, param, other, first, second):
    """(value name, adapter, None) for a parameter a value fills; (None, None,
    param) for a constant; None when it is neither."""
    for name in first:
        for adapt in (_as_is, _as_datetime):
            if isinstance(first[name], datetime) is (adapt is _as_datetime) and (
                _same(param, adapt(connection, first[name]))
                and _same(other, adapt(connection, second[name]))
            ):
                return name, adapt, None
    if _same(param, other):
        return None, None, param
    return None


def _same(a, b) -> bool:
    return type(a) is type(b) and a == b


_counter = itertools.count(1)


def _sentinels(values, round_: int) -> dict:
    """A value of each one's type that no real look-up uses, different in each round."""
    found = {}
    for name, value in values.items():
        n = next(_counter) * 10 + round_
        if isinstance(value, bool):
            raise TypeError(f"{name}: booleans have two values, no sentinel")
        if isinstance(value, int):
            # Inside every integer column's range: the ORM folds a look-up with a value
            # outside it (``depth >= -10**12`` is always true) instead of sending it.
            found[name] = 2_000_000_000 + n
        elif isinstance(value, str):
            found[name] = f"\x00sentinel-{n}\x00"
        elif isinstance(value, datetime):
            found[name] = datetime(1901, 1, 1, tzinfo=UTC) + timedelta(seconds=n)
        else:
            raise TypeError(f"{name}: no sentinel for {type(value).__name__}")
    return found
