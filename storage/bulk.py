"""Bulk reads for the fan-out: ``BulkDigestReader`` is ``bot.fanout.DigestSource``.

The unit of work reads one owner at a time (a few statements each, about a millisecond
apiece), which is right for a command and far too slow for the weekly digest of 10,000
owners; and loading every touch into Python to rank it there costs microseconds per
touch before any ranking. So a pass of owners (keyset pagination on the owners' primary
key; a pass is sized by its number of people, so memory stays flat however many owners
there are) reads no touch it does not need:

* the owners, with their number of touches in each focus window (``ix_touches_owner_at``:
  one short range per owner and window);
* their people's ids, who is pinned, and whether anyone's latest touch is later than the
  query's ``now`` (then the running sums cannot rank the owner's people: the core takes
  its exact path); their open follow-ups;
* per person with touches, the running strength sum the touches repository keeps in
  step with every touch (``people.strength_sum``, ``storage.strength_sums``), which the
  core turns into strengths with its own rule. Nothing sums over the touches: the old
  per-touch ``power()`` over the whole index was most of the fan-out's database time;
* then, on demand, what the core asks for: the few people who can be in the vital few
  (and those the follow-ups are about), their numbers of touches (a count over their
  run of the covering index ``ix_touches_person_at_kind``, which the core needs to bound
  rounding), and the touches (without notes, which the digest never shows) of the vital
  few, or of everyone of an owner the estimates cannot decide.

Everything is read in one read transaction: one consistent snapshot, so the sums and the
touches agree. On a SQLite file that is a connection of its own, in WAL mode, opened with
a deferred ``BEGIN``, so a fan-out never holds the write lock (the engine's transactions
take it at once); its statements run on a worker thread, so that the event loop stays
free. Elsewhere (PostgreSQL, an in-memory SQLite) the same statements run on a pooled
connection through SQLAlchemy, in one repeatable-read transaction on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain import Followup, FollowupStatus, Kind, Owner, OwnerSettings, Person, Touch
from bot.fanout import DigestQuery, paused_gc
from storage.engine import SQLITE_BUSY_TIMEOUT_MS
from storage.schema import touches as touches_table

#: People per pass (what a pass holds is a few dozen bytes per person, plus the few
#: people and touches the core asks for).
DEFAULT_PEOPLE_PER_PASS = 50_000
#: Bound on |``bot.scoring.strength_from_sum`` − ``bot.scoring.strength``| / estimate,
#: apart from the rounding of each touch's term and of each addition (which
#: ``vital_few_from_estimates`` adds, n × 2.2e-16 from each person's count). The two
#: differ in how exponents round: a mass's 2^(days since 2020 / 45), the factor's
#: 2^(−days to now / 45) and ``strength``'s 0.5^(age / 45) each have an exponent of at
#: most 1,024 in size while the result is a finite float (the core takes the exact path
#: for any other), rounded to 2 × 2.2e-16 of itself: 3 × ln 2 × 1,024 × 4.4e-16 < 1e-12 in
#: all, plus an ulp per power() and product. 1e-8 leaves a margin of 10,000.
STRENGTH_TOLERANCE = 1e-8
#: Ids per ``IN (...)`` list (SQLite before 3.32 allows 999 parameters).
_IDS_PER_STATEMENT = 900
#: Owners per ``IN (VALUES ...)`` list: three parameters each, and a few more.
_OWNERS_PER_STATEMENT = 300
_KINDS = {k.value: k for k in Kind}
#: How UTCDateTime stores a time on SQLite ('YYYY-MM-DD HH:MM:SS.ffffff', UTC): SQLite
#: compares that text, so a bound time must have exactly this form.
_SQLITE = sqlite_dialect.dialect()
_SQLITE_TIME = touches_table.c.at.type.dialect_impl(_SQLITE).bind_processor(_SQLITE)
T = TypeVar("T")
Key = tuple[str, str, str]  # an owner's primary key


def _utc(value: str | datetime) -> datetime:
    """UTCDateTime's result processing: SQLite's 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC)
    or a driver's datetime, as an aware UTC datetime."""
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")  # 7x faster than .replace(tzinfo)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _utc_or_none(value: str | datetime | None) -> datetime | None:
    return None if value is None else _utc(value)


def _clock_time(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _in_slice(alias: str = "") -> str:
    """The pass's owners: keys from (:p1, :w1, :u1) to (:p2, :w2, :u2)."""
    key = f"({alias}platform, {alias}workspace, {alias}user_id)"
    return f"{key} >= (:p1, :w1, :u1) AND {key} <= (:p2, :w2, :u2)"


def _in_list(count: int, alias: str = "") -> str:
    """Some owners named one by one (``_list_params``), for a pass of chosen owners."""
    key = f"({alias}platform, {alias}workspace, {alias}user_id)"
    keys = ", ".join(f"(:op{i}, :ow{i}, :ou{i})" for i in range(count))
    return f"{key} IN (VALUES {keys})"


def _list_params(owners: Sequence[Owner]) -> dict[str, str]:
    params = {}
    for i, owner in enumerate(owners):
        params.update({f"op{i}": owner.platform, f"ow{i}": owner.workspace,
                       f"ou{i}": owner.user})
    return params


#: Each owner's people and pinned people, as one list each (SQLite: '1,5,9'; PostgreSQL:
#: an array): one row per owner rather than per person; and whether someone's latest
#: touch is later than :now (true, false, or NULL when nobody has a touch).
_PEOPLE = {
    "sqlite": ("SELECT platform, workspace, user_id, group_concat(id),"
               " group_concat(CASE WHEN pinned THEN id END), max(last_touch_at) > :now"
               " FROM people WHERE {owners} GROUP BY platform, workspace, user_id"),
    "postgresql": ("SELECT platform, workspace, user_id, array_agg(id),"
                   " array_agg(id) FILTER (WHERE pinned), max(last_touch_at) > :now"
                   " FROM people WHERE {owners} GROUP BY platform, workspace, user_id"),
}
#: The running sums of the pass's people with touches (anyone else has a sum of 0).
_SUMS = ("SELECT id, strength_sum FROM people"
         " WHERE {owners} AND last_touch_at IS NOT NULL")
_FOLLOWUPS = ("SELECT platform, workspace, user_id, id, person_id, due_at, what, status,"
              " created_at, closed_at FROM followups WHERE {owners}"
              " AND status = :open ORDER BY due_at, id")
_PEOPLE_BY_ID = ("SELECT id, name, platform_id, pinned, cadence_days, snoozed_until"
                 " FROM people WHERE id {ids}")
#: From each person's run of ``ix_touches_person_at_kind`` (the table is not visited).
_COUNTS_BY_PERSON = ("SELECT person_id, count(*) FROM touches WHERE person_id {ids}"
                     " GROUP BY person_id")
#: By person, in time order. (SQLite's covering index gives (at, kind, id) order, which
#: differs only between touches at the same instant: ``_Pass.touches`` sorts those.)
_TOUCHES_BY_PERSON = {
    "sqlite": "SELECT person_id, id, at, kind FROM touches WHERE person_id {ids}",
    "postgresql": ("SELECT person_id, id, at, kind FROM touches WHERE person_id {ids}"
                   " ORDER BY person_id, at, id"),
}


@dataclass
class OwnerSummary:
    """``bot.fanout.OwnerSummary``: one owner as a pass reads them."""

    settings: OwnerSettings
    person_ids: list[int] = field(default_factory=list)
    pinned: set[int] = field(default_factory=set)
    touched_after_now: bool = False
    in_windows: tuple[int, ...] = ()
    followups: list[Followup] = field(default_factory=list)

    @property
    def owner(self) -> Owner:
        return self.settings.owner


class _Statements:
    """Runs SQL text synchronously; rows as tuples."""

    def all(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        raise NotImplementedError

    def by_ids(self, sql: str, ids: Collection[int]) -> list[Any]:
        """``sql`` (with ``{ids}`` where ``IN (...)`` goes) for these ids."""
        raise NotImplementedError


class _Sqlite3(_Statements):
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def all(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        return self.connection.execute(sql, params).fetchall()

    def by_ids(self, sql: str, ids: Collection[int]) -> list[Any]:
        ordered, rows = sorted(ids), []
        for i in range(0, len(ordered), _IDS_PER_STATEMENT):
            chunk = ordered[i: i + _IDS_PER_STATEMENT]
            marks = f"IN ({', '.join('?' * len(chunk))})"
            rows.extend(self.connection.execute(sql.format(ids=marks), chunk).fetchall())
        return rows


class _SqlAlchemy(_Statements):
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def all(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        return [tuple(row) for row in self.connection.execute(text(sql), dict(params))]

    def by_ids(self, sql: str, ids: Collection[int]) -> list[Any]:
        if self.connection.dialect.name == "postgresql":
            return self.all(sql.format(ids="= ANY(:ids)"), {"ids": list(ids)})
        ordered, rows = sorted(ids), []
        for i in range(0, len(ordered), _IDS_PER_STATEMENT):
            chunk = ordered[i: i + _IDS_PER_STATEMENT]
            marks = ", ".join(f":id{j}" for j in range(len(chunk)))
            rows += self.all(sql.format(ids=f"IN ({marks})"),
                             {f"id{j}": v for j, v in enumerate(chunk)})
        return rows


class _Pass:
    """A fan-out's statements for one query and dialect. Its methods run synchronously
    (on the worker thread, or in SQLAlchemy's ``run_sync``)."""

    def __init__(self, query: DigestQuery, dialect: str) -> None:
        self._sqlite = dialect == "sqlite"
        known = dialect if dialect in _PEOPLE else "postgresql"
        self._people = _PEOPLE[known]
        self._touches = _TOUCHES_BY_PERSON[known]
        self._owner_of: dict[int, Owner] = {}  # the current pass's people's owners
        counts = ", ".join(
            "(SELECT count(*) FROM touches t WHERE t.platform = o.platform"
            " AND t.workspace = o.workspace AND t.user_id = o.user_id"
            f" AND t.at >= :start{i} AND t.at <= :end{i})" for i in range(len(query.windows)))
        columns = ("o.platform, o.workspace, o.user_id, o.tz, o.platform_tz, o.size,"
                   f" o.cadence_days, o.digest_day, o.digest_time, o.digest_enabled,"
                   f" o.created_at, {counts} FROM owners o")
        order = " ORDER BY o.platform, o.workspace, o.user_id"
        self._first_owners = f"SELECT {columns}{order} LIMIT :n"
        self._next_owners = (f"SELECT {columns}"
                             " WHERE (o.platform, o.workspace, o.user_id) > (:p, :w, :u)"
                             f"{order} LIMIT :n")
        self._some_owners = f"SELECT {columns} WHERE {{owners}}{order}"
        self._window_params = self._times({
            name: value for i, (start, end) in enumerate(query.windows)
            for name, value in ((f"start{i}", start), (f"end{i}", end))})
        self._now = self._times({"now": query.now})

    def _times(self, params: dict[str, Any]) -> dict[str, Any]:
        """SQLite compares the stored text: bind times in exactly that form."""
        if not self._sqlite:
            return params
        return {k: _SQLITE_TIME(v) if isinstance(v, datetime) else v for k, v in params.items()}

    def _owners(self, db: _Statements, after: Key | None, limit: int) -> list[Any]:
        if after is None:
            return db.all(self._first_owners, {**self._window_params, "n": limit})
        return db.all(self._next_owners, {
            **self._window_params, "p": after[0], "w": after[1], "u": after[2], "n": limit})

    def read(self, db: _Statements, after: Key | None,
             limit: int) -> tuple[list[OwnerSummary], dict[int, float], Key | None]:
        """The next ``limit`` owners after ``after`` (in key order), as summaries; the
        running sums of their people with touches; the last owner's key."""
        with paused_gc():
            rows = self._owners(db, after, limit)
            if not rows:
                return [], {}, after
            summaries, sums = self._summaries(db, rows, _in_slice(), _bounds(rows))
            return summaries, sums, (rows[-1][0], rows[-1][1], rows[-1][2])

    def read_owners(self, db: _Statements,
                    owners: Sequence[Owner]) -> tuple[list[OwnerSummary], dict[int, float]]:
        """These owners (those that exist), as ``read`` gives a pass: named one by one,
        for the delivery engine's due digests, which lie anywhere in key order."""
        params = _list_params(owners)
        with paused_gc():
            rows = db.all(self._some_owners.format(owners=_in_list(len(owners), "o.")),
                          {**self._window_params, **params})
            if not rows:
                return [], {}
            return self._summaries(db, rows, _in_list(len(owners)), params)

    def _summaries(self, db: _Statements, rows: list[Any], owners: str,
                   params: Mapping[str, Any]) -> tuple[list[OwnerSummary], dict[int, float]]:
        """The owners of ``rows`` (which ``owners``, an SQL condition with ``params``,
        selects) with their people, pinned, follow-ups; and their people's sums."""
        by_key = {(r[0], r[1], r[2]): OwnerSummary(_settings(r[:11]), in_windows=r[11:])
                  for r in rows}
        self._owner_of = {}
        for platform, workspace, user_id, ids, pinned, after_now in db.all(
                self._people.format(owners=owners), {**params, **self._now}):
            if (summary := by_key.get((platform, workspace, user_id))) is not None:
                summary.person_ids = sorted(_ids(ids))
                summary.pinned = set(_ids(pinned))
                summary.touched_after_now = bool(after_now)
                self._owner_of.update(dict.fromkeys(summary.person_ids, summary.owner))
        sums = dict(db.all(_SUMS.format(owners=owners), params))
        for (platform, workspace, user_id, followup_id, person_id, due_at, what, status,
             created_at, closed_at) in db.all(_FOLLOWUPS.format(owners=owners),
                                              {**params, "open": FollowupStatus.OPEN.value}):
            if (summary := by_key.get((platform, workspace, user_id))) is not None:
                summary.followups.append(Followup(
                    person_id, _utc(due_at), what, FollowupStatus(status),
                    _utc(created_at), _utc_or_none(closed_at), followup_id))
        return list(by_key.values()), sums

    def touch_counts(self, db: _Statements, person_ids: Collection[int]) -> dict[int, int]:
        """These people's numbers of touches (people without touches left out)."""
        return dict(db.by_ids(_COUNTS_BY_PERSON, person_ids))

    def people(self, db: _Statements, person_ids: Collection[int]) -> dict[int, Person]:
        """These people (of the current pass's owners), by id, without created_at."""
        found = {}
        with paused_gc():
            for person_id, name, platform_id, pinned, cadence, snoozed in db.by_ids(
                    _PEOPLE_BY_ID, person_ids):
                if (owner := self._owner_of.get(person_id)) is not None:
                    found[person_id] = Person(owner, name, platform_id, bool(pinned), cadence,
                                              _utc_or_none(snoozed), None, person_id)
        return found

    def touches(self, db: _Statements, person_ids: Collection[int]) -> dict[int, list[Touch]]:
        """These people's touches by person, in time order then id, without notes."""
        found: dict[int, list[Touch]] = {}
        unsorted: set[int] = set()
        person_id, mine, last = None, [], None
        with paused_gc():
            for pid, touch_id, at, kind in db.by_ids(self._touches, person_ids):
                if pid != person_id:
                    if pid in found:
                        unsorted.add(pid)
                    person_id, mine, last = pid, found.setdefault(pid, []), None
                elif not last < at:  # the same instant (or out of order): sort below
                    unsorted.add(pid)
                mine.append(Touch(pid, _utc(at), _KINDS[kind], "", touch_id))
                last = at
            for pid in unsorted:  # by time, then id, as the repositories order them
                found[pid].sort(key=lambda t: (t.at, t.id))
        return found


def _bounds(rows: list[Any]) -> dict[str, str]:
    """The slice of owners from the first row's key to the last's."""
    return dict(zip(("p1", "w1", "u1", "p2", "w2", "u2"), (*rows[0][:3], *rows[-1][:3]),
                    strict=True))


def _ids(value: str | Sequence[int] | None) -> list[int]:
    """An aggregated list of ids: SQLite's group_concat text or PostgreSQL's array."""
    if value is None:
        return []
    if isinstance(value, str):
        return list(map(int, value.split(",")))
    return list(value)


def _settings(row: Sequence[Any]) -> OwnerSettings:
    (platform, workspace, user_id, tz, platform_tz, size, cadence_days, digest_day,
     digest_time, digest_enabled, created_at) = row
    return OwnerSettings(
        owner=Owner(platform, workspace, user_id), tz=tz, size=size,
        cadence_days=cadence_days, digest_day=digest_day,
        digest_time=_clock_time(digest_time),
        digest_enabled=None if digest_enabled is None else bool(digest_enabled),
        platform_tz=platform_tz, created_at=_utc(created_at))


Run = Callable[..., Any]  # run(fn, *args) -> awaitable of fn(statements, *args)


@asynccontextmanager
async def _session(engine: AsyncEngine) -> AsyncIterator[tuple[str, Run]]:
    """(dialect, run): ``await run(fn, *args)`` calls ``fn(statements, *args)`` inside
    one read transaction; on a worker thread for a SQLite file."""
    dialect = engine.dialect.name
    path = engine.url.database if dialect == "sqlite" else None
    if path and path != ":memory:" and not path.startswith("file:"):
        async with _sqlite_thread(path) as run:
            yield dialect, run
        return
    async with engine.connect() as conn:
        if dialect == "postgresql":
            conn = await conn.execution_options(isolation_level="REPEATABLE READ")
        async with conn.begin():

            async def run_sync(fn: Callable[..., T], *args: Any) -> T:
                return await conn.run_sync(lambda sync: fn(_SqlAlchemy(sync), *args))

            yield dialect, run_sync


@asynccontextmanager
async def _sqlite_thread(path: str) -> AsyncIterator[Run]:
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vitalfew-fanout")
    opened: list[_Sqlite3] = []

    def open_() -> None:
        connection = sqlite3.connect(os.path.expanduser(path),  # as the engine opens it
                                     isolation_level=None, check_same_thread=False)
        opened.append(_Sqlite3(connection))
        connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        connection.execute("BEGIN")  # deferred: a snapshot from the first read, no lock

    def close() -> None:
        for statements in opened:
            with suppress(sqlite3.Error):
                statements.connection.execute("ROLLBACK")
            statements.connection.close()

    def run(fn: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        return loop.run_in_executor(pool, fn, opened[0], *args)

    try:
        await loop.run_in_executor(pool, open_)
        yield run
    finally:
        await loop.run_in_executor(pool, close)
        pool.shutdown()


class BulkDigestReader:
    """``bot.fanout.DigestSource`` over the database behind ``engine``."""

    strength_tolerance = STRENGTH_TOLERANCE

    def __init__(self, engine: AsyncEngine,
                 people_per_pass: int = DEFAULT_PEOPLE_PER_PASS) -> None:
        self._engine = engine
        self._people_per_pass = people_per_pass

    async def batches(self, query: DigestQuery,
                      owners: Collection[Owner] | None = None) -> AsyncIterator[_Batch]:
        """Every owner (primary-key order), or only ``owners``, a pass at a time, from
        one snapshot.

        (The next pass is not read ahead on the worker thread while the core builds a
        pass's digests: what is left to read returns rows, and a thread fetching rows
        waits for Python's GIL at each one, so it saved nothing.)"""
        async with _session(self._engine) as (dialect, run):
            statements = _Pass(query, dialect)
            if owners is not None:
                async for batch in self._chosen(statements, run, owners):
                    yield batch
                return
            (n_owners, n_people), = await run(_sizes)
            per_owner = max(n_people / n_owners, 1.0) if n_owners else 1.0
            limit = max(int(self._people_per_pass / per_owner), 1)
            after: Key | None = None
            while True:
                summaries, sums, after = await run(statements.read, after, limit)
                if not summaries:
                    return
                yield _Batch(summaries, sums, statements, run)


    async def _chosen(self, statements: _Pass, run: Run,
                      owners: Collection[Owner]) -> AsyncIterator[_Batch]:
        chosen = sorted(set(owners), key=lambda o: (o.platform, o.workspace, o.user))
        for i in range(0, len(chosen), _OWNERS_PER_STATEMENT):
            summaries, sums = await run(statements.read_owners,
                                        chosen[i: i + _OWNERS_PER_STATEMENT])
            if summaries:
                yield _Batch(summaries, sums, statements, run)


def _sizes(db: _Statements) -> list[Any]:
    return db.all("SELECT (SELECT count(*) FROM owners), (SELECT count(*) FROM people)", {})


class _Batch:
    """``bot.fanout.SummaryBatch``: valid until the next batch is read."""

    def __init__(self, owners: list[OwnerSummary], sums: dict[int, float],
                 statements: _Pass, run: Run) -> None:
        self.owners = owners
        self.sums = sums
        self._statements = statements
        self._run = run

    async def people(self, person_ids: Collection[int]) -> dict[int, Person]:
        return await self._run(self._statements.people, person_ids)  # type: ignore[no-any-return]

    async def touch_counts(self, person_ids: Collection[int]) -> dict[int, int]:
        return await self._run(self._statements.touch_counts, person_ids)  # type: ignore[no-any-return]

    async def touches(self, person_ids: Collection[int]) -> dict[int, list[Touch]]:
        return await self._run(self._statements.touches, person_ids)  # type: ignore[no-any-return]
