"""Running a batch's hot statements: through SQLAlchemy, or compiled once and run on SQLite.

Why: a /touch batch runs four statements, and on SQLite each spends ~0.1 ms in
SQLAlchemy's execute path (a greenlet hop, an execution context, a result object)
around a few microseconds in SQLite itself. ``DirectStatements`` keeps the statements
SQLAlchemy Core, compiled by SQLAlchemy for SQLite with its own bind and result
processors, and only skips that per-call machinery: the compiled SQL is cached per
statement (and per IN-list length) and run on the unit of work's sqlite3 connection.

That is safe only where the unit of work already holds SQLite's write lock (it begins
with ``BEGIN IMMEDIATE``): no statement can then find the database locked, so nothing
waits on the event loop. The statements run in the unit of work's own transaction and
commit or roll back with it. PostgreSQL, and SQLite in memory, use ``SqlAlchemyStatements``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ClauseElement, Executable
from sqlalchemy.sql.compiler import SQLCompiler

from storage.sqlite_inline import InlineConnection

Params = Mapping[str, Any]
Processor = Callable[[Any], Any] | None


class Statements(Protocol):
    """How repositories run the statements a /touch batch needs."""

    async def rows(self, statement: Executable, params: Params) -> Sequence[Sequence[Any]]:
        """Every row of a SELECT, as tuples in the selected columns' order."""
        ...

    async def run_many(self, statement: Executable, params: Sequence[Params]) -> int:
        """An INSERT or UPDATE once per parameter set; how many rows it changed."""
        ...


class SqlAlchemyStatements:
    """The usual way, on any database."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def rows(self, statement: Executable, params: Params) -> Sequence[Sequence[Any]]:
        return (await self._conn.execute(statement, dict(params))).all()

    async def run_many(self, statement: Executable, params: Sequence[Params]) -> int:
        result = await self._conn.execute(statement, [dict(p) for p in params])
        return int(result.rowcount)


@dataclass(frozen=True)
class _Compiled:
    """A statement as SQLite runs it: its SQL, where each ``?`` takes its value from,
    and how values go in and out (SQLAlchemy's own processors for the column types)."""

    sql: str
    source: Any  # the statement compiled: kept alive, as the cache keys by its id
    #: Per ``?``: the parameter's name, and its index when it is an IN list's element.
    slots: tuple[tuple[str, int | None], ...]
    binds: tuple[Processor, ...]
    #: The result columns that need converting (a datetime, a boolean), by position:
    #: rows are read by the hundred per batch, so the others are not even looked at.
    converted: tuple[tuple[int, Callable[[Any], Any]], ...]

    def values(self, params: Params) -> tuple[Any, ...]:
        found = (params[name] if i is None else params[name][i] for name, i in self.slots)
        return tuple(v if p is None or v is None else p(v)
                     for v, p in zip(found, self.binds, strict=True))

    def row(self, raw: Sequence[Any]) -> Sequence[Any]:
        """A row as SQLAlchemy would give its values (None stays None, as every
        processor leaves it)."""
        if not self.converted:
            return raw
        row = list(raw)
        for i, convert in self.converted:
            if row[i] is not None:
                row[i] = convert(row[i])
        return row


class UnsupportedStatementError(ValueError):
    """A statement this runner cannot reproduce exactly (defaults SQLAlchemy computes)."""


def compile_for_sqlite(statement: ClauseElement, dialect: Dialect, params: Params) -> _Compiled:
    """Compile ``statement`` with SQLAlchemy for SQLite, for parameters shaped like
    ``params`` (its keys, and the length of each IN list)."""
    compiled = statement.compile(dialect=dialect, column_keys=list(params))
    if not isinstance(compiled, SQLCompiler) or compiled.positiontup is None:
        raise UnsupportedStatementError("not a positional SQL statement")
    if compiled.insert_prefetch or compiled.update_prefetch:
        raise UnsupportedStatementError("column defaults are computed by SQLAlchemy")
    expanded = compiled.construct_expanded_state(dict(params))
    origin = {name: (base, i) for base, names in expanded.parameter_expansion.items()
              for i, name in enumerate(names)}
    slots = tuple(origin.get(name, (name, None)) for name in expanded.positiontup or ())
    binds = tuple(_bind_processor(compiled, expanded.processors, name, base, dialect)
                  for name, (base, _) in zip(expanded.positiontup or (), slots, strict=True))
    results = (column.type.dialect_impl(dialect).result_processor(dialect, None)
               for column in getattr(statement, "selected_columns", ()))
    converted = tuple((i, p) for i, p in enumerate(results) if p is not None)
    return _Compiled(expanded.statement, statement, slots, binds, converted)


def _bind_processor(compiled: SQLCompiler, expanded: Mapping[str, Processor], name: str,
                    base: str, dialect: Dialect) -> Processor:
    """How a value goes in: an IN list's elements as the expansion says, others as their
    bind parameter's type says (a TypeDecorator's own step included)."""
    if name in expanded:
        return expanded[name]
    return compiled.binds[base].type.dialect_impl(dialect).bind_processor(dialect)


def _shape(params: Params) -> tuple[Any, ...]:
    """What a compiled form depends on: the keys, and each list's length."""
    return tuple((k, len(v) if isinstance(v, list | tuple) else None) for k, v in params.items())


def _bound(compiled: _Compiled, params: Sequence[Params]) -> list[tuple[Any, ...]]:
    """The values SQLite gets; a value its type refuses (a naive datetime) is a
    StatementError, as SQLAlchemy's own execute raises. Values never appear in errors."""
    try:
        return [compiled.values(p) for p in params]
    except Exception as err:
        raise StatementError(str(err), compiled.sql, None, err, hide_parameters=True) from err


@contextmanager
def _as_sqlalchemy_errors(compiled: _Compiled) -> Iterator[None]:
    """sqlite3's errors as SQLAlchemy's (IntegrityError, OperationalError, …), as
    callers of either runner catch them."""
    try:
        yield
    except sqlite3.Error as err:
        raise DBAPIError.instance(compiled.sql, None, err, sqlite3.Error,
                                  hide_parameters=True) from err


class DirectStatements:
    """Statements run on the sqlite3 connection of a unit of work holding the write lock."""

    def __init__(self, connection: AsyncConnection, cache: dict[Any, _Compiled]) -> None:
        """``cache``: one per engine, shared by its units of work; statements given
        here must be built once (module-level, cached), as the cache keeps each."""
        self._conn = connection
        self._cache = cache
        self._sqlite: sqlite3.Connection | None = None

    async def rows(self, statement: Executable, params: Params) -> Sequence[Sequence[Any]]:
        compiled = self._compiled(statement, params)
        values = _bound(compiled, [params])
        with _as_sqlalchemy_errors(compiled):
            cursor = (await self._driver()).execute(compiled.sql, values[0])
            return [compiled.row(raw) for raw in cursor.fetchall()]

    async def run_many(self, statement: Executable, params: Sequence[Params]) -> int:
        if not params:
            return 0
        compiled = self._compiled(statement, params[0])
        values = _bound(compiled, params)
        with _as_sqlalchemy_errors(compiled):
            return (await self._driver()).executemany(compiled.sql, values).rowcount

    def _compiled(self, statement: Executable, params: Params) -> _Compiled:
        key = (id(statement), _shape(params))
        found = self._cache.get(key)
        if found is None:
            assert isinstance(statement, ClauseElement)
            found = self._cache[key] = compile_for_sqlite(statement, self._conn.dialect, params)
        return found

    async def _driver(self) -> sqlite3.Connection:
        """The unit of work's own sqlite3 connection (under SQLAlchemy's pool and aiosqlite)."""
        if self._sqlite is None:
            driver = (await self._conn.get_raw_connection()).driver_connection
            if not isinstance(driver, InlineConnection):  # its thread would own it
                raise UnsupportedStatementError("not a connection of storage.sqlite_inline")
            self._sqlite = driver.sqlite
        return self._sqlite
