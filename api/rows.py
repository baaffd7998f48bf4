"""Pages and snippets as plain rows, read with hand-written SQL on the API's hot paths.

Contract:

* ``page_rows(model, fields, joins)`` is a SELECT of those fields of a page type
  (``wagtailcore_page`` aliased ``p`` joined to the type's own table aliased ``t``)
  with a LEFT JOIN per foreign key in ``joins``; its SQL is built once per process.
  ``fetch(scope, where, order_by)`` runs it for the pages the request may see only
  (``PageScope.sql``), narrowed by a ``Where`` condition, and returns ``Row``
  objects (``fetch_tuples``: plain tuples, for hundreds of small rows).
* A ``Row`` reads like a model instance (``row.title``, ``row.pk``,
  ``row.source_organisation.name``); its values are converted by the same backend
  and field converters the ORM uses, so a serializer cannot tell a row from an
  instance. Relations attached by ``load_relations`` are ``Related`` lists, which
  answer ``.all()`` like a manager.
* ``load_relations(model, rows, names)`` fills many-to-many relations, tags and
  child objects (``templates``, ``solutions``) of many rows with one query each.
* ``ValuesReader`` makes the same rows from an ORM ``values()`` query, for lists,
  whose filter sets work on querysets.
* A ``Select`` is one such SELECT in parts; ``run_together(selects)`` runs several
  as one statement (``UNION ALL``, each branch tagged and numbered in its own
  order) and hands back each one's rows exactly as running it alone would.

Why one statement: on PostgreSQL each statement costs 0.3-0.7 ms whatever it
returns (parameters are bound on the client, so every statement is planned
again), which made the number of statements the cost of a detail.

Why: on these endpoints compiling ORM queries and building model instances cost
several times more than running the SQL (see benchmarks/README.md). Only reads of
pages readers may see go through here; anything else keeps using the ORM.

The SQL is put together from identifiers taken from model metadata and quoted by
the database backend; every value is a query parameter (hence ``noqa: S608``).
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import cache, lru_cache
from operator import itemgetter

from django.db import connection
from django.db.models import ManyToManyField, ManyToOneRel
from taggit.managers import TaggableManager
from wagtail.models import Page

PAGE_ALIAS = "p"  # wagtailcore_page in every page query
OWN_ALIAS = "t"  # the page type's own table
LINK_ALIAS = "l"  # a table that points at the pages (see PageRows' link)


class Row:
    """Values of one database row with attribute access, in place of a model instance."""

    def __init__(self, values: dict):
        self.__dict__ = values

    @property
    def pk(self):
        return self.__dict__["id"]

    def __repr__(self):
        return f"Row({self.__dict__!r})"


class Related(list):
    """The rows of a relation; ``.all()`` keeps code written for managers working."""

    def all(self):
        return self


@cache
def quote(name: str) -> str:
    """A quoted identifier. Cached: a process talks to one kind of database."""
    return connection.ops.quote_name(name)


def placeholders(values) -> str:
    """``%s, %s, ...``: one per value, for ``IN (...)``."""
    return ", ".join(["%s"] * len(values))


class Where:
    """An SQL condition over the aliases ``p`` and ``t`` with its parameters; ``&``, ``~``."""

    __slots__ = ("sql", "params")

    def __init__(self, sql: str, params=()):
        self.sql = sql
        self.params = tuple(params)

    def __and__(self, other: Where) -> Where:
        return Where(f"({self.sql}) AND ({other.sql})", self.params + other.params)

    def __invert__(self) -> Where:
        return Where(f"NOT ({self.sql})", self.params)

    @classmethod
    def ids(cls, ids) -> Where:
        ids = list(ids)
        if not ids:
            return cls("1 = 0")
        return cls(f"{_page_column('id')} IN ({placeholders(ids)})", ids)

    @classmethod
    def paths(cls, paths) -> Where:
        paths = list(paths)
        if not paths:
            return cls("1 = 0")
        return cls(f"{_page_column('path')} IN ({placeholders(paths)})", paths)

    @classmethod
    def below(cls, path: str, depth: int | None = None) -> Where:
        """Pages under the tree path ``path``: all of them, or those at ``depth`` only."""
        operator, depth = ("=", depth) if depth is not None else (">", len(path) // Page.steplen)
        prefix_sql, prefix = path_prefix(_page_column("path"), path)
        return cls(f"{prefix_sql} AND {_page_column('depth')} {operator} %s", (prefix, depth))

    @classmethod
    def children(cls, page) -> Where:
        """Pages right below ``page`` in the tree."""
        return cls.below(page.path, page.depth + 1)

    @classmethod
    def field(cls, model, name: str, value) -> Where:
        """``model.name = value`` (a column of the page type or of Page)."""
        field = model._meta.get_field(name)
        column = f"{quote(_table_alias(field, model))}.{quote(field.column)}"
        return cls(f"{column} = %s", (value,))

    @classmethod
    def in_relation(cls, model, name: str, value) -> Where:
        """Pages of ``model`` whose many-to-many ``name`` includes the object ``value``."""
        field = model._meta.get_field(name)
        sql = (
            f"{_page_column('id')} IN (SELECT {quote(field.m2m_column_name())} FROM "  # noqa: S608
            f"{quote(field.m2m_db_table())} WHERE {quote(field.m2m_reverse_name())} = %s)"
        )
        return cls(sql, (value,))

    @classmethod
    def linked(cls, model, name: str, values) -> Where:
        """The link table's (see ``PageRows``) column ``name`` is among ``values``."""
        values = list(values)
        if not values:
            return cls("1 = 0")
        column = f"{quote(LINK_ALIAS)}.{quote(model._meta.get_field(name).column)}"
        return cls(f"{column} IN ({placeholders(values)})", values)

    @classmethod
    def pointed_at(cls, model, pointer: str, by: str, values) -> Where:
        """Pages that rows of ``model`` point at (by ``pointer``), of those whose ``by`` is in
        ``values``."""
        values = list(values)
        if not values:
            return cls("1 = 0")
        meta = model._meta
        sql = (
            f"{_page_column('id')} IN (SELECT {quote(meta.get_field(pointer).column)} FROM "  # noqa: S608
            f"{quote(meta.db_table)} WHERE {quote(meta.get_field(by).column)} IN "
            f"({placeholders(values)}))"
        )
        return cls(sql, values)


def path_prefix(column: str, prefix: str) -> tuple[str, str]:
    """SQL testing that the tree path ``column`` starts with ``prefix``, and its parameter.

    SQLite re-prepares a statement every time it runs when a LIKE pattern is a
    parameter (60 µs for a page query here), so it compares a substring instead;
    treebeard paths are digits and capitals only, so both tests agree. Other
    databases use LIKE, which PostgreSQL answers from the path index.
    """
    if connection.vendor == "sqlite":
        return f"substr({column}, 1, {len(prefix):d}) = %s", prefix
    return f"{column} LIKE %s ESCAPE '\\'", connection.ops.prep_for_like_query(prefix) + "%"


def _page_column(name: str) -> str:
    return f"{quote(PAGE_ALIAS)}.{quote(name)}"


class Columns:
    """Columns of a SELECT and how to turn each raw value into what the ORM would give."""

    def __init__(self):
        self.sql: list[str] = []
        self.readers: list[tuple] = []  # (key or (join, key), converters, expression)
        self.types: list[str] = []  # database type of each column (see run_together)
        self._keys = None  # made on first use, once every column is added
        self._converting = None

    def add(self, alias: str, field, key):
        expression = field.get_col(alias)
        converters = connection.ops.get_db_converters(expression) + field.get_db_converters(
            connection
        )
        self.sql.append(f"{quote(alias)}.{quote(field.column)}")
        self.readers.append((key, tuple(converters), expression))
        self.types.append(field.db_type(connection) or "")

    def add_raw(self, alias: str, field, key):
        """A column read as the database gives it (ids), with no converter."""
        self.sql.append(f"{quote(alias)}.{quote(field.column)}")
        self.readers.append((key, (), None))
        self.types.append(field.db_type(connection) or "")

    def convert(self, raw_row) -> dict:
        return dict(zip(self._keys or self._prepare(), self.convert_tuple(raw_row), strict=True))

    def convert_tuple(self, raw_row) -> tuple | list:
        if self._keys is None:
            self._prepare()
        if not self._converting:
            return raw_row
        raw_row = list(raw_row)
        for index, converters, expression in self._converting:
            value = raw_row[index]
            for converter in converters:
                value = converter(value, expression, connection)
            raw_row[index] = value
        return raw_row

    @property
    def converting(self) -> list:
        """The columns whose raw values need converting."""
        self._prepare()
        return self._converting

    def _prepare(self) -> list:
        if self._keys is None:
            self._keys = [reader[0] for reader in self.readers]
            self._converting = [
                (index, converters, expression)
                for index, (_, converters, expression) in enumerate(self.readers)
                if converters
            ]
        return self._keys


def _table_alias(field, model) -> str:
    return PAGE_ALIAS if field.model is Page or model is Page else OWN_ALIAS


class PageRows:
    """A compiled SELECT over one page type; see the module docstring."""

    def __init__(self, model, fields: tuple[str, ...] | None, joins: tuple[str, ...], link=None):
        self.model = model
        self.columns = Columns()
        names = fields if fields is not None else [f.name for f in model._meta.concrete_fields]
        for name in dict.fromkeys(("id", *names)):
            field = model._meta.get_field(name)
            if field.one_to_one and field.remote_field.parent_link:
                continue  # page_ptr: the same value as id
            self.columns.add(_table_alias(field, model), field, field.attname)
        page_table = quote(Page._meta.db_table)
        sql_from = f"{page_table} {quote(PAGE_ALIAS)}"
        if model is not Page:
            own = model._meta
            sql_from += (
                f" INNER JOIN {quote(own.db_table)} {quote(OWN_ALIAS)}"
                f" ON {quote(OWN_ALIAS)}.{quote(own.pk.column)} = {_page_column('id')}"
            )
        if link is not None:
            # (model, its foreign key to these pages, another column to read): each
            # page once per row of ``model`` pointing at it, e.g. a challenge per solution.
            link_model, to_page, read = link
            meta = link_model._meta
            sql_from += (
                f" INNER JOIN {quote(meta.db_table)} {quote(LINK_ALIAS)}"
                f" ON {quote(LINK_ALIAS)}.{quote(meta.get_field(to_page).column)}"
                f" = {_page_column('id')}"
            )
            read_field = meta.get_field(read)
            self.columns.add(LINK_ALIAS, read_field, read_field.attname)
        self.joins = []
        for number, name in enumerate(joins):
            field = model._meta.get_field(name)
            target = field.related_model
            alias = f"j{number}"
            sql_from += (
                f" LEFT OUTER JOIN {quote(target._meta.db_table)} {quote(alias)}"
                f" ON {quote(alias)}.{quote(target._meta.pk.column)}"
                f" = {quote(_table_alias(field, model))}.{quote(field.column)}"
            )
            start = len(self.columns.readers)
            for target_field in target._meta.concrete_fields:
                self.columns.add(alias, target_field, (name, target_field.attname))
            self.joins.append((name, start, len(self.columns.readers)))
        self.sql_from = sql_from
        self.sql = f"SELECT {', '.join(self.columns.sql)} FROM {sql_from}"  # noqa: S608

    def order_sql(self, order_by) -> str:
        """``("-year", "title")`` as ``t.year DESC, p.title ASC``."""
        parts = []
        for name in order_by:
            descending = name.startswith("-")
            field = self.model._meta.get_field(name.lstrip("-"))
            column = f"{quote(_table_alias(field, self.model))}.{quote(field.column)}"
            parts.append(f"{column} {'DESC' if descending else 'ASC'}")
        return ", ".join(parts)

    def fetch(self, scope, where: Where | None = None, order_by=("path",), limit=None):
        """Visible pages matching ``where``, as rows."""
        return [self.row(raw) for raw in self._execute(scope, where, order_by, limit)]

    def fetch_tuples(self, scope, where: Where | None = None, order_by=("path",)):
        """The same as plain tuples in column order, for many small rows (navigation)."""
        if self.joins:
            raise TypeError("Rows with joined objects are read with fetch().")
        raw_rows = self._execute(scope, where, order_by)
        if not self.columns.converting:
            return raw_rows  # nothing to convert (the usual case: ids and text)
        return [self.columns.convert_tuple(raw) for raw in raw_rows]

    def _execute(self, scope, where, order_by, limit=None) -> list[tuple]:
        return self.select(scope.sql(PAGE_ALIAS), where, order_by, limit).run()

    def select(self, visible, where: Where | None = None, order_by=("path",), limit=None):
        """The ``Select`` of the pages matching ``where`` among ``visible``: the
        ``(condition, params)`` of ``PageScope.sql(PAGE_ALIAS)``."""
        condition, params = visible
        body = f"FROM {self.sql_from} WHERE {condition}"
        if where is not None:
            body += f" AND ({where.sql})"
            params = [*params, *where.params]
        order = _order_sql(self, tuple(order_by)) if order_by else ""
        return Select(self.columns, body, params, order, limit)

    def row(self, raw) -> Row:
        values = self.columns.convert(raw)
        for name, start, end in self.joins:
            keys = [reader[0][1] for reader in self.columns.readers[start:end]]
            nested = {key: values.pop((name, key)) for key in keys}
            values[name] = Row(nested) if nested["id"] is not None else None
        return Row(values)


@lru_cache(maxsize=256)
def _order_sql(rows: PageRows, order_by: tuple[str, ...]) -> str:
    return rows.order_sql(order_by)


@lru_cache(maxsize=256)
def _page_rows(vendor: str, model, fields, joins, link) -> PageRows:
    return PageRows(model, fields, joins, link)


def page_rows(model, fields: tuple[str, ...] | None = None, joins: tuple[str, ...] = (), link=None):
    """The (cached) SELECT of ``fields`` (None: every column) of page type ``model``."""
    return _page_rows(connection.vendor, model, fields, joins, link)


class ValuesReader:
    """Rows from an ORM ``values()`` query (lists, whose filters are querysets).

    ``names`` are what to pass to ``values()``: the fields (by attname) and, per
    foreign key in ``joins``, every column of its target, which ``row()`` nests.
    """

    def __init__(self, model, fields: tuple[str, ...], joins: tuple[str, ...]):
        names = []
        for name in dict.fromkeys(("id", *fields)):
            field = model._meta.get_field(name)
            if not (field.one_to_one and field.remote_field.parent_link):
                names.append(field.attname)
        self.nested = []
        for name in joins:
            target = model._meta.get_field(name).related_model
            keys = [(f"{name}__{f.attname}", f.attname) for f in target._meta.concrete_fields]
            names.extend(key for key, _ in keys)
            self.nested.append((name, keys))
        self.names = tuple(names)

    def row(self, values: dict) -> Row:
        for name, keys in self.nested:
            nested = {attname: values.pop(key) for key, attname in keys}
            values[name] = Row(nested) if nested["id"] is not None else None
        return Row(values)


@lru_cache(maxsize=128)
def values_reader(model, fields: tuple[str, ...], joins: tuple[str, ...]) -> ValuesReader:
    return ValuesReader(model, fields, joins)


@contextmanager
def unprepared():
    """Statements run inside are planned for their values each time, never prepared.

    For a statement whose generic plan is poor: PostgreSQL's plan for a prepared
    full-text search, say, runs ``to_tsquery()`` once per row. (psycopg prepares a
    statement after ``prepare_threshold`` runs; see ``cms.settings.base``.)
    """
    connection.ensure_connection()
    raw = connection.connection
    saved = getattr(raw, "prepare_threshold", None)
    if saved is None:
        yield  # SQLite, or prepared statements are off
        return
    raw.prepare_threshold = None
    try:
        yield
    finally:
        if connection.connection is raw:  # not a new connection made in between
            raw.prepare_threshold = saved


# Several SELECTs in one statement ----------------------------------------------


class Select:
    """One SELECT in parts: its ``Columns``, ``FROM ... WHERE ...`` with its parameters,
    the ``ORDER BY`` list (SQL, may be empty) and a limit."""

    __slots__ = ("columns", "body", "params", "order", "limit")

    def __init__(self, columns: Columns, body: str, params=(), order: str = "", limit=None):
        self.columns = columns
        self.body = body
        self.params = list(params)
        self.order = order
        self.limit = limit

    def sql(self) -> str:
        sql = f"SELECT {', '.join(self.columns.sql)} {self.body}"
        if self.order:
            sql += f" ORDER BY {self.order}"
        if self.limit is not None:
            sql += f" LIMIT {int(self.limit)}"
        return sql

    def run(self) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(self.sql(), self.params)
            return cursor.fetchall()


def run_together(selects) -> list[list[tuple]]:
    """The raw rows of each ``Select``, in its own order, from one statement.

    Each SELECT becomes a branch of a ``UNION ALL`` that starts with its number and
    ``ROW_NUMBER()`` in its own order (the statement is sorted by both). Branches
    share result columns where the database types agree (PostgreSQL needs one type
    per column; SQLite takes any), so the statement is as wide as the widest
    branch, not as all of them; the other cells are typed NULLs.
    """
    selects = list(selects)
    if len(selects) == 1:
        return [selects[0].run()]
    sql, params, getters = _union(tuple(_shape(select) for select in selects), selects)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw_rows = cursor.fetchall()
    results = [[] for _ in selects]
    for raw in raw_rows:
        results[raw[0]].append(getters[raw[0]](raw))
    return results


def _shape(select: Select) -> tuple:
    return (tuple(select.columns.types), select.order, select.limit)


def _type_key(db_type: str) -> str:
    """What a column can share with: the same type family on PostgreSQL, anything on SQLite."""
    if connection.vendor == "sqlite":
        return ""
    name = db_type.lower().split("(")[0].strip()
    if name in {"varchar", "character varying", "text", "char", "character", "citext"}:
        return "text"
    if name in {"integer", "bigint", "smallint", "serial", "bigserial", "smallserial"}:
        return "int"
    return name


@lru_cache(maxsize=256)
def _layout(shapes: tuple) -> tuple[list[tuple[str, str]], list[list[int]]]:
    """Result columns (type key, a database type to cast NULL to) and, per branch,
    the result column of each of its columns: first free one of the same type."""
    columns: list[tuple[str, str]] = []
    positions = []
    for types, _, _ in shapes:
        taken: set[int] = set()
        mine = []
        for db_type in types:
            key = _type_key(db_type)
            for index, (column_key, _) in enumerate(columns):
                if column_key == key and index not in taken:
                    break
            else:
                index = len(columns)
                columns.append((key, db_type))
            taken.add(index)
            mine.append(index)
        positions.append(mine)
    return columns, positions


def _union(shapes: tuple, selects: list[Select]) -> tuple[str, list, list]:
    columns, positions = _layout(shapes)
    typed_null = connection.vendor != "sqlite"  # NULL UNION NULL would be text there
    nulls = [f"CAST(NULL AS {db_type})" if typed_null else "NULL" for _, db_type in columns]
    branches = []
    params = []
    getters = []
    for number, (select, mine) in enumerate(zip(selects, positions, strict=True)):
        cells = list(nulls)
        for sql, index in zip(select.columns.sql, mine, strict=True):
            cells[index] = sql
        cells = [f"{cell} AS {quote(f'c{index}')}" for index, cell in enumerate(cells)]
        over = f"ORDER BY {select.order}" if select.order else ""
        branch = (
            f"SELECT {number:d} AS {quote('b')}, ROW_NUMBER() OVER ({over}) AS {quote('n')}, "
            f"{', '.join(cells)} {select.body}"
        )
        if select.limit is not None:
            # A limited branch is a subquery: a UNION's branches take no LIMIT of their own.
            order = f" ORDER BY {select.order}" if select.order else ""
            branch = (
                f"SELECT * FROM ({branch}{order} LIMIT {int(select.limit)}) {quote(f'l{number}')}"  # noqa: S608
            )
        branches.append(branch)
        params.extend(select.params)
        indexes = [2 + index for index in mine]
        if len(indexes) == 1:
            getters.append(lambda raw, index=indexes[0]: (raw[index],))
        else:
            getters.append(itemgetter(*indexes))
    return " UNION ALL ".join(branches) + " ORDER BY 1, 2", params, getters


# Relations -------------------------------------------------------------------


class _RelationQuery:
    """One relation of a model, read for many rows at once: ``(owner id, Row)`` pairs."""

    def __init__(self, model, name: str):
        field = model._meta.get_field(name)
        self.columns = Columns()
        if isinstance(field, TaggableManager):
            through = field.through._meta
            owner_column = through.get_field("content_object").column
            tag_column = through.get_field("tag").column
            self._many_to_many(field.related_model, through, owner_column, tag_column)
        elif isinstance(field, ManyToManyField):
            self._many_to_many(
                field.related_model,
                field.remote_field.through._meta,
                field.m2m_column_name(),
                field.m2m_reverse_name(),
            )
        elif isinstance(field, ManyToOneRel):
            child = field.related_model
            owner = field.field
            self.columns.add("c", owner, "_owner")
            for child_field in child._meta.concrete_fields:
                self.columns.add("c", child_field, child_field.attname)
            self.order = ", ".join(_order_columns("c", child, [*child._meta.ordering, "pk"]))
            self.body = (
                f"FROM {quote(child._meta.db_table)} "
                f"{quote('c')} WHERE {quote('c')}.{quote(owner.column)} IN ({{ids}})"
            )
        else:
            raise TypeError(f"{model.__name__}.{name} is not a relation rows can load.")

    def _many_to_many(self, target, through, owner_column, target_column):
        owner_field = next(f for f in through.concrete_fields if f.column == owner_column)
        self.columns.add_raw("m", owner_field, "_owner")
        if issubclass(target, Page):
            # Pages are cards elsewhere (with the scope rule); here only their ids, oldest
            # page first (a set of pages has no order of its own).
            self.columns.add("r", target._meta.pk, "id")
            ordering = ["pk"]
        else:
            for target_field in target._meta.concrete_fields:
                self.columns.add("r", target_field, target_field.attname)
            ordering = list(target._meta.ordering)
        order = _order_columns("r", target, ordering)
        # Ties (and tags) keep the order the relation was saved in.
        order.append(f"{quote('m')}.{quote(through.pk.column)}")
        self.order = ", ".join(order)
        self.body = (
            f"FROM {quote(through.db_table)} {quote('m')}"
            f" INNER JOIN {quote(target._meta.db_table)} {quote('r')}"
            f" ON {quote('r')}.{quote(target._meta.pk.column)}"
            f" = {quote('m')}.{quote(target_column)}"
            f" WHERE {quote('m')}.{quote(owner_column)} IN ({{ids}})"
        )

    def select(self, owners_sql: str, params) -> Select:
        """The relation of the owners ``owners_sql`` picks (``%s, ...`` or a subquery)."""
        return Select(self.columns, self.body.format(ids=owners_sql), params, self.order)

    def pairs(self, raw_rows) -> list[tuple[object, Row]]:
        pairs = []
        for raw in raw_rows:
            values = self.columns.convert(raw)
            pairs.append((values.pop("_owner"), Row(values)))
        return pairs


def _order_columns(alias: str, model, ordering) -> list[str]:
    """Django ``ordering`` names (``-name``, ``pk``) as SQL over one table."""
    columns = []
    for name in ordering:
        bare = name.lstrip("-")
        field = model._meta.pk if bare == "pk" else model._meta.get_field(bare)
        direction = " DESC" if name.startswith("-") else ""
        columns.append(f"{quote(alias)}.{quote(field.column)}{direction}")
    return columns


@lru_cache(maxsize=128)
def _relation_query(vendor: str, model, name: str) -> _RelationQuery:
    return _RelationQuery(model, name)


def load_relations(model, rows, names) -> None:
    """Set ``row.<name>`` to a ``Related`` list for each relation name: one query."""
    ids = list(dict.fromkeys(row.pk for row in rows))
    names = tuple(names)
    if not ids or not names:
        attach_relations(model, rows, names, [[] for _ in names])
        return
    selects = relation_selects(model, names, placeholders(ids), ids)
    attach_relations(model, rows, names, run_together(selects))


def relation_selects(model, names, owners_sql: str, params) -> list[Select]:
    """A ``Select`` per relation name, of the owners ``owners_sql`` picks (``%s, ...``
    with the ids as ``params``, or a subquery and its parameters)."""
    vendor = connection.vendor
    return [_relation_query(vendor, model, name).select(owners_sql, params) for name in names]


def attach_relations(model, rows, names, results) -> None:
    """Set ``row.<name>`` from the raw rows of ``relation_selects`` (one list per name)."""
    ids = list(dict.fromkeys(row.pk for row in rows))
    for name, raw_rows in zip(names, results, strict=True):
        by_owner = {pk: Related() for pk in ids}
        seen = set()
        for owner, related in _relation_query(connection.vendor, model, name).pairs(raw_rows):
            if owner in by_owner and (owner, related.pk) not in seen:
                seen.add((owner, related.pk))  # a tag added twice shows once
                by_owner[owner].append(related)
        for row in rows:
            setattr(row, name, by_owner[row.pk])
