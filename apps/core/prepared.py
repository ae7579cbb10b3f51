"""Queries compiled once per process, run many times: the hot per-request reads.

Building and compiling a queryset costs more Python than running it: on the benchmark machine a
COUNT over two joined tables takes 0.2 ms in PostgreSQL and 0.6 ms in the ORM before it is sent.
The layout's badges, the cards of the home pages and the calendars run the same few queries on
every request with only a user id or a date changing, so those are compiled once and re-bound.

    @prepared(user=int, day=dt.date)
    def _open_tickets(p, *, office: bool):
        qs = Ticket.objects.filter(reporter_id=p.user, created__date__lte=p.day)
        return qs if office else qs.filter(...)

    _open_tickets.count(user=request.user.pk, day=today, office=False)
    _open_tickets.rows(user=..., day=..., office=...)    # values_list() rows, converted as Django does

The builder receives placeholders (``p.user``, ``p.day``) for the declared parameters: every value
that changes between calls must be one of them. Any other keyword is a *shape* argument: each
distinct combination is compiled once (keep them to a few booleans). Placeholders must reach the
SQL as parameters (filters, not ``Value()`` in a SELECT); a placeholder that does not is refused
when the query is compiled, so a mistake fails in the first test, not silently in production.
Values the builder reads from elsewhere (``timezone.now()``, a setting) would be frozen at the
first call: pass them as parameters.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import Expression, QuerySet

_counter = itertools.count(1)


def _sentinel(kind: type, n: int) -> Any:
    """A value of ``kind`` no real call uses, told apart from the others by ``n``."""
    if kind is int:
        return -(7_000_000_000_000 + n)
    if kind is str:
        return f"\x1eprepared-{n}\x1e"
    if kind is dt.date:
        return dt.date(1000 + n % 900, 1 + n % 12, 1 + n % 28)
    if kind is dt.datetime:
        return dt.datetime(1000 + n % 900, 1 + n % 12, 1 + n % 28, 1, 2, 3, n % 1_000_000, tzinfo=dt.UTC)
    if kind is Decimal:
        return Decimal(f"-7000000000.{n:06d}")
    raise TypeError(f"prepared(): unsupported parameter type {kind!r}")


class _Placeholders:
    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(values)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    alias: str
    params: tuple  # a fixed value, or a _Slot
    converters: dict
    compiler: Any


@dataclass(frozen=True)
class _Slot:
    name: str
    kind: type


class Prepared:
    def __init__(self, build: Callable[..., QuerySet], params: dict[str, type]):
        self.build = build
        self.params = params
        self.__doc__ = build.__doc__
        self.__name__ = getattr(build, "__name__", "prepared")
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ compile
    def _split(self, kwargs: dict[str, Any]) -> tuple[dict, tuple]:
        missing = set(self.params) - set(kwargs)
        if missing:
            raise TypeError(f"{self.__name__}: missing parameter(s) {', '.join(sorted(missing))}")
        values = {name: kwargs[name] for name in self.params}
        shape = tuple(sorted((k, v) for k, v in kwargs.items() if k not in self.params))
        return values, shape

    def _compile(self, shape: tuple, mode: str) -> _Compiled:
        key = (shape, mode)
        compiled = self._compiled.get(key)
        if compiled is not None:
            return compiled
        with self._lock:
            sentinels = {name: _sentinel(kind, next(_counter)) for name, kind in self.params.items()}
            built = self.build(_Placeholders(sentinels), **dict(shape))
            if mode == "aggregate":
                queryset, spec = built
                alias = queryset.db
                sql, raw_params = _capture_sql(alias, lambda: queryset.aggregate(**spec))
                compiler = None
                query = queryset.query.chain()
                converters = {
                    name: expr.resolve_expression(query, allow_joins=True, summarize=True).output_field
                    for name, expr in spec.items()
                }
            else:
                queryset = built
                alias = queryset.db
                query = queryset.query.chain()
                if mode == "count":
                    query.clear_ordering(force=True)
                compiler = query.get_compiler(alias)
                sql, raw_params = compiler.as_sql()
                if mode == "count":
                    sql = f"SELECT COUNT(*) FROM ({sql}) prepared_count"  # noqa: S608 - Django's own compiled SQL
                converters = compiler.get_converters([col for col, _, _ in compiler.select]) if mode == "rows" else {}
            ops = connections[alias].ops
            adapted = {name: _adapt(ops, value) for name, value in sentinels.items()}
            slots = []
            seen = set()
            for value in raw_params:
                name = next((n for n, a in adapted.items() if _same(a, value)), None)
                if name is None:
                    slots.append(value)
                else:
                    slots.append(_Slot(name, self.params[name]))
                    seen.add(name)
            unused = set(self.params) - seen
            if unused:
                raise ValueError(
                    f"{self.__name__}: parameter(s) {', '.join(sorted(unused))} do not reach the SQL as "
                    "parameters (filter on them, do not select them)"
                )
            sql, slots = _inline_constants(connections[alias], sql, slots)
            compiled = _Compiled(sql, alias, tuple(slots), converters, compiler)
            self._compiled[key] = compiled
            return compiled

    # ------------------------------------------------------------------ run
    def _bind(self, mode: str, kwargs: dict[str, Any]) -> tuple[_Compiled, list]:
        """The compiled statement for these arguments' shape, and their values as its parameters."""
        values, shape = self._split(kwargs)
        compiled = self._compile(shape, mode)
        ops = connections[compiled.alias].ops
        params = [
            _adapt(ops, _check(values[p.name], p.kind, self.__name__)) if isinstance(p, _Slot) else p
            for p in compiled.params
        ]
        return compiled, params

    def _execute(self, mode: str, kwargs: dict[str, Any]) -> list[tuple]:
        compiled, params = self._bind(mode, kwargs)
        with _cursor(connections[compiled.alias]) as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if mode == "aggregate":
            fields = compiled.converters.items()
            return [{name: field.to_python(value) for (name, field), value in zip(fields, rows[0], strict=True)}]
        if compiled.converters:
            rows = [tuple(row) for row in compiled.compiler.apply_converters(rows, compiled.converters)]
        return rows

    def rows(self, **kwargs: Any) -> list[tuple]:
        """The rows of the builder's ``values_list()`` (or model columns), with Django's converters."""
        return self._execute("rows", kwargs)

    def first(self, **kwargs: Any) -> tuple | None:
        rows = self._execute("rows", kwargs)
        return rows[0] if rows else None

    def count(self, **kwargs: Any) -> int:
        return self._execute("count", kwargs)[0][0]

    def aggregate(self, **kwargs: Any) -> dict[str, Any]:
        """For a builder returning ``(queryset, {"total": Sum("days")})``: the dict ``aggregate()`` gives."""
        return self._execute("aggregate", kwargs)[0]

    def forget(self) -> None:
        """Drop the compiled SQL (tests that change the database settings)."""
        self._compiled.clear()


class _Captured(Exception):
    def __init__(self, sql: str, params: Any):
        super().__init__(sql)
        self.sql, self.params = sql, params


def _cursor(connection):
    """A cursor for a prepared read: on PostgreSQL with ``prepare_threshold`` set (settings.py), one
    binding its parameters on the server, so psycopg prepares the statement once per connection and
    PostgreSQL stops planning it on every request. Django's own queries keep their client-side binding.
    The cursor is wrapped as Django wraps its own (query logging, execute wrappers, error mapping)."""
    if connection.vendor != "postgresql" or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    return connection._prepare_cursor(ServerBindingCursor(connection.connection))


_PLACEHOLDER = re.compile(r"%%|%s")


def _inline_constants(connection, sql: str, slots: list) -> tuple[str, list]:
    """On PostgreSQL, write the builder's fixed values (a status, a flag) into the statement.

    A prepared statement is planned once for any parameters (a generic plan) only when that plan
    is as good as planning each call; a partial index (``WHERE status IN ('pending', …)``) only
    matches a query whose values are known when it is planned. With the constants as parameters
    PostgreSQL re-plans every call; written in, the statement is planned once per connection.
    The declared parameters (user ids, dates) stay parameters. Other databases keep them all.
    """
    if connection.vendor != "postgresql" or all(isinstance(slot, _Slot) for slot in slots):
        return sql, slots
    from psycopg import sql as pg_sql

    connection.ensure_connection()
    remaining = iter(slots)
    kept: list = []

    def replace(match: re.Match) -> str:
        if match.group() == "%%":
            return "%%"
        slot = next(remaining)
        if isinstance(slot, _Slot) or not isinstance(slot, (str, int)):
            kept.append(slot)
            return "%s"
        return pg_sql.Literal(slot).as_string(connection.connection).replace("%", "%%")

    return _PLACEHOLDER.sub(replace, sql), kept


def _capture_sql(alias: str, run: Callable[[], Any]) -> tuple[str, list]:
    """The SQL ``run`` would send, stopped before it reaches the database (nothing runs twice)."""

    def wrapper(execute, sql, params, many, context):
        raise _Captured(sql, params)

    connection = connections[alias]
    logged = len(connection.queries_log)
    try:
        with connection.execute_wrapper(wrapper):
            run()
    except _Captured as captured:
        # With DEBUG (and in tests counting queries) the debug cursor logs the attempt; it never ran.
        while len(connection.queries_log) > logged:
            connection.queries_log.pop()
        return captured.sql, list(captured.params or ())
    raise ValueError("prepared(): the aggregate sent no query")


def _check(value: Any, kind: type, name: str) -> Any:
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is dt.date and isinstance(value, dt.datetime):
        ok = False
    if not ok:
        raise TypeError(f"{name}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _adapt(ops, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return ops.adapt_datefield_value(value)
    if isinstance(value, Decimal):
        return ops.adapt_decimalfield_value(value)
    return value


def _same(adapted: Any, value: Any) -> bool:
    return type(adapted) is type(value) and adapted == value


def count_many(calls: list[tuple[Prepared, dict[str, Any]]]) -> list[int]:
    """Several prepared counts in one round trip: ``SELECT (count 1), (count 2), …``.

    The layout's badges (the bell, the approvals inbox) come from several apps; one statement
    instead of one each saves a round trip per badge on every page.
    """
    if not calls:
        return []
    parts, params, aliases = [], [], set()
    for query, kwargs in calls:
        compiled, bound = query._bind("count", kwargs)
        parts.append(f"({compiled.sql})")
        params.extend(bound)
        aliases.add(compiled.alias)
    if len(aliases) != 1:
        raise ValueError("count_many(): the counts must read the same database")
    sql = "SELECT " + ", ".join(parts)
    with _cursor(connections[aliases.pop()]) as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchone())


class Opaque(Expression):
    """A value the PostgreSQL planner does not look at: ``(SELECT %s::type)``; a plain parameter
    elsewhere. For the dates and instants of prepared reads: PostgreSQL keeps one plan for a
    prepared statement only when it costs no more than a plan made for the values at hand, and
    it estimates a range of known dates more precisely than one of unknown dates, so it would plan
    again on every request. Behind ``(SELECT …)`` both estimates are alike and the plan is kept
    (the index on the column still serves; check with EXPLAIN)."""

    def __init__(self, value: Any, output_field):
        super().__init__(output_field=output_field)
        self.value = value

    def as_sql(self, compiler, connection):
        return "%s", [self.output_field.get_db_prep_value(self.value, connection)]

    def as_postgresql(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"(SELECT {sql}::{self.output_field.db_type(connection)})", params


def prepared(**params: type) -> Callable[[Callable[..., QuerySet]], Prepared]:
    """Decorate a queryset builder: ``@prepared(user=int)`` (see the module docstring)."""

    def wrap(build: Callable[..., QuerySet]) -> Prepared:
        return Prepared(build, params)

    return wrap


__all__ = ["Opaque", "Prepared", "count_many", "prepared"]
