"""The statements every /touch runs, registered here: one trip each to SQLite's thread.

Through SQLAlchemy's async engine a statement on aiosqlite takes three or four trips to
aiosqlite's worker thread (open a cursor, execute, fetch the rows, close), and each answer
waits for its turn on the event loop: a batch of /touch made 13 of them, and one more
four for every person it named for the first time. The few statements of that path are
built here with SQLAlchemy Core from ``storage.schema`` and compiled once (``compile()``
for SQLite with named parameters). On SQLite they run on the driver connection of the
unit of work's own ``AsyncConnection`` (``get_raw_connection().driver_connection``, inside
the transaction SQLAlchemy began), through aiosqlite's ``execute_fetchall`` and
``executemany``: one trip each. Their values are bound by ``construct_params()`` and each
parameter's type (``bind_processor``), rows come back through each column's
``result_processor``, so a row reads exactly as SQLAlchemy would give it. Elsewhere
(PostgreSQL: asyncpg has no thread) they run through SQLAlchemy like every statement.

Only the statements built here and named in ``REGISTERED`` run this way, and each must
name every value it takes (``bindparam``), so that its type is known: ``Hot`` refuses
anything else. A batch's sums and touches are queued together (``together``).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Coroutine, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, exc, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.expression import UpdateBase
from sqlalchemy.types import TypeEngine

from storage.rows import PERSON_PREFIX
from storage.schema import owners, people, touches
from storage.strength_sums import add_to_person

#: SQLite as compiled here: named parameters, which sqlite3 binds from a dict.
_SQLITE = sqlite.dialect(paramstyle="named")

#: Rows of touches per INSERT (9 values each: well inside SQLite's parameter limit).
TOUCH_ROWS = 64
#: The columns a touch's row is written with (``storage.rows.touch_values``).
TOUCH_COLUMNS = ("platform", "workspace", "user_id", "person_id", "at", "kind", "note",
                 "minutes", "started_by")
#: The columns a new person's row is written with (``storage.rows.person_values``).
PERSON_COLUMNS = ("platform", "workspace", "user_id", "name", "name_key", "platform_id",
                  "pinned", "cadence_days", "snoozed_until", "aliases", "created_at")

#: The hot statements, by the name of the function here that builds each: the only
#: statements ``Hot`` takes (see the module's docstring for why so few).
REGISTERED = frozenset({"owners_with_people", "add_to_sums", "insert_touches", "add_person"})
#: People columns a loaded person is not read from (``storage.rows.person_from_row``
#: takes the owner it is given): left out of every row of a batch's load.
_OWNER_AND_KEY = frozenset({"platform", "workspace", "user_id", "name_key"})


class Hot:
    """One registered statement: compiled for SQLite once, run there in one trip.

    ``name``: its builder's, one of ``REGISTERED``; ``types``: the parameters' types where
    the statement does not carry them (the values of a multi-row INSERT)."""

    def __init__(self, name: str, statement: Select[Any] | UpdateBase,
                 types: Mapping[str, TypeEngine[Any]] | None = None) -> None:
        if name not in REGISTERED:
            raise ValueError(f"not a registered hot statement: {name!r} (storage.hot)")
        self.statement = statement
        found = {b.key: b.type for b in visitors.iterate(statement)
                 if isinstance(b, BindParameter)}
        found.update(types or {})
        self._compiled = statement.compile(dialect=_SQLITE)
        unnamed = set(self._compiled.params) - set(found)
        if unnamed:
            raise ValueError(f"a hot statement's parameters must be named: {sorted(unnamed)}")
        self._sql = self._compiled.string
        self._binds = [(name, proc) for name, type_ in found.items()
                       if (proc := type_.dialect_impl(_SQLITE).bind_processor(_SQLITE))]
        columns = statement.exported_columns  # the rows' columns (none: no rows)
        self._keys = tuple(map(str, columns.keys()))
        if len(set(self._keys)) < len(self._keys):
            raise ValueError(f"a hot statement's columns must be named apart: {self._keys}")
        procs = [c.type.dialect_impl(_SQLITE).result_processor(_SQLITE, None)
                 for c in columns]
        self._results = [(key, p) for key, p in zip(self._keys, procs, strict=True)
                         if p is not None]

    async def rows(self, conn: AsyncConnection,
                   params: Mapping[str, Any]) -> Sequence[Mapping[Any, Any]]:
        """The statement's rows (by column name) for one set of values."""
        driver = await _driver(conn)
        if driver is None:
            return (await conn.execute(self.statement, dict(params))).mappings().all()
        try:
            fetched = await driver.execute_fetchall(self._sql, self._bound(params))
        except sqlite3.Error as err:
            raise self._error(err) from err
        return [self._row(raw) for raw in fetched]

    async def run_many(self, conn: AsyncConnection,
                       params: Sequence[Mapping[str, Any]]) -> int:
        """Run for every set of values; how many rows changed (-1 when the driver
        cannot count an executemany's rows: ``exact_rowcount``)."""
        driver = await _driver(conn)
        if driver is None:
            return int((await conn.execute(self.statement, [dict(p) for p in params])).rowcount)
        try:
            cursor = await driver.executemany(self._sql, [self._bound(p) for p in params])
        except sqlite3.Error as err:
            raise self._error(err) from err
        return int(cursor.rowcount)

    def _bound(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The values as the driver takes them; a value its type refuses (a naive
        datetime) raises ``StatementError``, as it would through SQLAlchemy."""
        values = dict(self._compiled.construct_params(params))
        try:
            for name, proc in self._binds:
                if name in values:
                    values[name] = proc(values[name])
        except Exception as err:
            raise exc.StatementError(str(err), self._sql, None, err,
                                     hide_parameters=True) from err
        return values

    def _error(self, err: sqlite3.Error) -> exc.DBAPIError:
        """The driver's error as SQLAlchemy raises it for any statement (an
        ``IntegrityError`` is ``sqlalchemy.exc.IntegrityError``), its values withheld."""
        kind = getattr(exc, type(err).__name__, exc.DBAPIError)
        if not (isinstance(kind, type) and issubclass(kind, exc.DBAPIError)):
            kind = exc.DBAPIError
        return kind(self._sql, None, err, hide_parameters=True)

    def _row(self, raw: Sequence[Any]) -> dict[str, Any]:
        row = dict(zip(self._keys, raw, strict=True))
        for key, proc in self._results:
            row[key] = proc(row[key])
        return row


async def _driver(conn: AsyncConnection) -> Any:
    """aiosqlite's connection under ``conn`` (None on other databases), in a transaction:
    begun here when none is (after a commit), as SQLAlchemy begins one for a statement."""
    if conn.dialect.name != "sqlite":
        return None
    if not conn.in_transaction():
        await conn.begin()
    return (await conn.get_raw_connection()).driver_connection


async def together(conn: AsyncConnection, *runs: Coroutine[Any, Any, Any]) -> list[Any]:
    """Several hot statements' results, in order. On SQLite they are queued at once:
    aiosqlite's thread runs them one after the other and the loop waits for one trip,
    not one each. Elsewhere one after the other (a connection runs one at a time)."""
    if await _driver(conn) is not None:  # (on SQLite, the transaction is begun here)
        return list(await asyncio.gather(*runs))
    results = []
    for i, run in enumerate(runs):
        try:
            results.append(await run)
        except BaseException:
            for never_run in runs[i + 1:]:
                never_run.close()
            raise
    return results


def exact_rowcount(conn: AsyncConnection) -> bool:
    """Whether ``run_many`` counts the rows it changed (SQLite does; asyncpg does not)."""
    return conn.dialect.name == "sqlite" or conn.dialect.supports_sane_multi_rowcount


# --- the registered statements --------------------------------------------------------


def owner_slots(users: int) -> int:
    """The owners a loading statement is built for: the next power of two (the last
    owner repeated fills the rest), so that a handful of statements serve every batch."""
    slots = 1
    while slots < users:
        slots *= 2
    return slots


@cache
def owners_with_people(slots: int) -> Hot:
    """Some owners of one workspace (``group_platform``, ``group_workspace``, users
    ``user_0`` … ``user_<slots-1>``), each joined to their people (one row per person,
    or one row of NULL people columns for an owner with none), people in id order."""
    joined = owners.outerjoin(people, and_(people.c.platform == owners.c.platform,
                                           people.c.workspace == owners.c.workspace,
                                           people.c.user_id == owners.c.user_id))
    person_columns = [c.label(PERSON_PREFIX + c.name) for c in people.c
                      if c.name not in _OWNER_AND_KEY]  # the owner's row has those
    users = [bindparam(f"user_{i}", type_=owners.c.user_id.type) for i in range(slots)]
    query: Select[Any] = (
        select(owners, *person_columns).select_from(joined)
        .where(owners.c.platform == bindparam("group_platform"),
               owners.c.workspace == bindparam("group_workspace"),
               owners.c.user_id.in_(users))
        .order_by(people.c.id))
    return Hot("owners_with_people", query)


@cache
def add_to_sums() -> Hot:
    """``storage.strength_sums.add_to_person``: a person's running sum and latest touch."""
    return Hot("add_to_sums", add_to_person())


@cache
def insert_touches(count: int) -> Hot:
    """``count`` touches in one INSERT (values ``<column>_<i>``), returning each row with
    its id: the rows may come back in any order, and are matched by what they hold."""
    values: list[dict[str, Any]] = [{name: bindparam(f"{name}_{i}") for name in TOUCH_COLUMNS}
              for i in range(count)]
    types = {f"{name}_{i}": touches.c[name].type
             for i in range(count) for name in TOUCH_COLUMNS}
    statement = insert(touches).values(values).returning(
        touches.c.id, *(touches.c[name] for name in TOUCH_COLUMNS))
    return Hot("insert_touches", statement, types)


@cache
def add_person() -> Hot:
    """A new person, returning the id the database gave them."""
    values = {name: bindparam(name, type_=people.c[name].type) for name in PERSON_COLUMNS}
    return Hot("add_person", insert(people).values(values).returning(people.c.id))
