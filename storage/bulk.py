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
  core turns into strengths with its own rule. Nothing sums over the touches. (Only
  each owner's top few matter, but a window query picking them, ``ROW_NUMBER() OVER
  (PARTITION BY owner ORDER BY strength_sum DESC)``, costs SQLite more than reading
  them all: 0.8 s for the top 23 of each of 10,000 owners' 50 people, against 0.2-0.3 s
  for every sum, read with who may be going cold in a close circle);
* once per fan-out, a bound on anyone's number of touches, which the core needs to bound
  the sums' rounding: the largest touch id (ids are distinct positive integers, so
  nobody has more touches than that; one step down the primary key);
* then, on demand, what the core asks for: the few people who can be in the vital few
  (and those the follow-ups are about), and the touches (without notes, which the
  digest never shows) of the vital few, or of everyone of an owner the estimates
  cannot decide.

Everything is read in one read transaction on one of the engine's connections: one
consistent snapshot, so the sums and the touches agree. On SQLite that transaction is a
deferred ``BEGIN`` (the engine's ``READ_ONLY`` option; in WAL mode a snapshot), so a
fan-out never holds the write lock that units of work take at once; on PostgreSQL it is
REPEATABLE READ. Every statement is SQLAlchemy Core over ``storage.schema``, and rows
become domain objects through ``storage.rows``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import chain
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Table,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.engine import MappingResult, Result
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.domain import Followup, FollowupStatus, Owner, OwnerSettings, Person, Touch
from bot.fanout import DigestQuery, paused_gc
from storage.engine import READ_ONLY
from storage.rows import (
    followup_from_row,
    owner_key,
    person_from_values,
    settings_from_row,
    touch_from_values,
)
from storage.schema import followups, owners, people, touches

#: People per pass (what a pass holds is a few dozen bytes per person, plus the few
#: people and touches the core asks for).
DEFAULT_PEOPLE_PER_PASS = 50_000
#: Bound on |``bot.scoring.strength_from_sum`` − ``bot.scoring.strength``| / estimate,
#: apart from the rounding of each touch's term and of each addition (which
#: ``vital_few_from_estimates`` adds, n × 2.2e-16 from ``most_touches``). The two
#: differ in how exponents round: a mass's 2^(days since 2020 / 45), the factor's
#: 2^(−days to now / 45) and ``strength``'s 0.5^(age / 45) each have an exponent of at
#: most 1,024 in size while the result is a finite float (the core takes the exact path
#: for any other), rounded to 2 × 2.2e-16 of itself: 3 × ln 2 × 1,024 × 4.4e-16 < 1e-12 in
#: all, plus an ulp per power() and product. 1e-8 leaves a margin of 10,000.
STRENGTH_TOLERANCE = 1e-8
#: Ids per ``IN (...)`` list (SQLite before 3.32 allows 999 parameters).
_IDS_PER_STATEMENT = 900
#: Rows turned into Python objects at a time (``_rows``).
_ROWS_PER_PARTITION = 5_000
#: Owners per ``IN (VALUES ...)`` list: three parameters each, and a few more.
_OWNERS_PER_STATEMENT = 300
Key = tuple[str, str, str]  # an owner's primary key


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


# Which owners a statement is about ---------------------------------------------------


def _key(table: Table) -> Any:
    """The owner columns as one row value, in the owners' primary-key order."""
    return tuple_(table.c.platform, table.c.workspace, table.c.user_id)


def _in_slice(table: Table, first: Key, last: Key) -> ColumnElement[bool]:
    """A pass's owners: keys from ``first`` to ``last`` (a range of the owner index)."""
    return and_(_key(table) >= _values(first), _key(table) <= _values(last))


def _values(key: Key) -> ColumnElement[Any]:
    """An owner key as a row value to compare ``_key`` with."""
    return tuple_(*(literal(part) for part in key))


def _named(table: Table, chosen: Sequence[Owner]) -> ColumnElement[bool]:
    """Some owners named one by one, for a pass of chosen owners."""
    keys: list[Any] = [(o.platform, o.workspace, o.user) for o in chosen]
    return _key(table).in_(keys)


# The statements ------------------------------------------------------------------------


def _owners_with_counts(query: DigestQuery) -> Select[Any]:
    """Owners' rows, each with its minutes of touches in each window (``in_window_<i>``),
    from ``ix_touches_owner_at`` alone (it covers the minutes)."""
    counts = [
        select(func.coalesce(func.sum(touches.c.minutes), 0))
        .where(touches.c.platform == owners.c.platform,
               touches.c.workspace == owners.c.workspace,
               touches.c.user_id == owners.c.user_id,
               touches.c.at >= start, touches.c.at <= end)
        .correlate(owners)
        .scalar_subquery()
        .label(f"in_window_{i}")
        for i, (start, end) in enumerate(query.windows)
    ]
    return select(owners, *counts).order_by(owners.c.platform, owners.c.workspace,
                                             owners.c.user_id)


def _people_per_owner(condition: ColumnElement[bool], query: DigestQuery) -> Select[Any]:
    """One row per owner: their people's ids and the pinned ones' (as 'id,id,…' text:
    one row per owner rather than per person), and whether someone's latest touch is
    later than ``now`` (true, false, or NULL when nobody has a touch)."""
    pinned_id = case((people.c.pinned, cast(people.c.id, String)))
    return (
        select(people.c.platform, people.c.workspace, people.c.user_id,
               func.aggregate_strings(cast(people.c.id, String), ",").label("ids"),
               func.aggregate_strings(pinned_id, ",").label("pinned_ids"),
               (func.max(people.c.last_touch_at) > query.now).label("after_now"))
        .where(condition)
        .group_by(people.c.platform, people.c.workspace, people.c.user_id)
    )


def _sums(condition: ColumnElement[bool], late_before: datetime) -> Select[Any]:
    """The running sums of the people with touches (anyone else has a sum of 0), and
    whether each may be going cold in a close circle (``SummaryBatch.late``)."""
    late = or_(people.c.last_touch_at < late_before, people.c.cadence_days.is_not(None))
    return select(people.c.id, people.c.strength_sum, late.label("late")).where(
        condition, people.c.last_touch_at.is_not(None))


def _open_followups(condition: ColumnElement[bool]) -> Select[Any]:
    return (select(followups)
            .where(condition, followups.c.status == FollowupStatus.OPEN.value)
            .order_by(followups.c.due_at, followups.c.id))


def _people_for_digest(ids: Sequence[int]) -> Select[Any]:
    """The owner, then ``person_from_values``'s columns."""
    c = people.c
    return select(c.platform, c.workspace, c.user_id, c.id, c.name, c.platform_id, c.pinned,
                  c.cadence_days, c.snoozed_until, c.created_at,
                  c.last_touch_at).where(c.id.in_(ids))


def _touches_without_notes(ids: Sequence[int]) -> Select[Any]:
    """Touches by person in time order then id, as the repositories give them, without
    their notes (``touch_from_values``): ``ix_touches_person_at_kind`` alone answers,
    in order but for touches at the same instant, which the database sorts."""
    c = touches.c
    return (select(c.person_id, c.id, c.at, c.kind, c.minutes, c.started_by)
            .where(c.person_id.in_(ids))
            .order_by(c.person_id, c.at, c.id))


def _rows(result: Result[Any] | MappingResult) -> Iterator[Any]:
    """A result's rows, taken a partition at a time: iterating a result fetches each row
    with three calls of its own, which cost more than the row itself (0.6 of a
    microsecond: a third of a second for the rows of 10,000 owners' digests)."""
    return chain.from_iterable(result.partitions(_ROWS_PER_PARTITION))


def _chunks(ids: Collection[int]) -> list[list[int]]:
    ordered = sorted(ids)
    return [ordered[i: i + _IDS_PER_STATEMENT]
            for i in range(0, len(ordered), _IDS_PER_STATEMENT)]


def _ids(text: str | None) -> list[int]:
    return [] if not text else [int(i) for i in text.split(",")]


# Reading ---------------------------------------------------------------------------------


class _Reads:
    """A fan-out's reads for one query, on one read transaction's connection."""

    def __init__(self, connection: AsyncConnection, query: DigestQuery) -> None:
        self._conn = connection
        self._query = query
        self._owners = _owners_with_counts(query)
        self._pass: dict[Key, Owner] = {}  # the current pass's owners, by key
        self.late: set[int] = set()  # the current pass's ``SummaryBatch.late``

    async def sizes(self) -> tuple[int, int]:
        """How many owners and people there are."""
        count_owners = select(func.count()).select_from(owners).scalar_subquery()
        count_people = select(func.count()).select_from(people).scalar_subquery()
        row = (await self._conn.execute(
            select(count_owners.label("owners"), count_people.label("people")))).one()
        return row.owners, row.people

    async def most_touches(self) -> int:
        """``SummaryBatch.most_touches``: the largest touch id. Ids are distinct positive
        integers, so no person has more touches than that."""
        found = (await self._conn.execute(select(func.max(touches.c.id)))).scalar()
        return found or 0

    async def read(self, after: Key | None,
                   limit: int) -> tuple[list[OwnerSummary], dict[int, float], Key | None]:
        """The next ``limit`` owners after ``after`` (in key order), as summaries; the
        running sums of their people with touches; the last owner's key."""
        statement = self._owners.limit(limit)
        if after is not None:
            statement = statement.where(_key(owners) > _values(after))
        rows = (await self._conn.execute(statement)).mappings().all()
        if not rows:
            return [], {}, after
        first, last = owner_key(rows[0]), owner_key(rows[-1])
        summaries, sums = await self._summaries(rows, lambda t: _in_slice(t, first, last))
        return summaries, sums, last

    async def read_owners(self, chosen: Sequence[Owner]
                          ) -> tuple[list[OwnerSummary], dict[int, float]]:
        """These owners (those that exist), as ``read`` gives a pass: named one by one,
        for the delivery engine's due digests, which lie anywhere in key order."""
        statement = self._owners.where(_named(owners, chosen))
        rows = (await self._conn.execute(statement)).mappings().all()
        if not rows:
            return [], {}
        return await self._summaries(rows, lambda t: _named(t, chosen))

    async def _summaries(self, rows: Sequence[Any], mine: Any
                         ) -> tuple[list[OwnerSummary], dict[int, float]]:
        """The owners of ``rows`` (whose rows in a table ``mine(table)`` selects) with
        their people, pinned, follow-ups; and their people's sums."""
        windows = [f"in_window_{i}" for i in range(len(self._query.windows))]
        with paused_gc():
            by_key = {owner_key(r): OwnerSummary(settings_from_row(r),
                                                 in_windows=tuple(r[w] for w in windows))
                      for r in rows}
        people_rows = await self._conn.execute(_people_per_owner(mine(people), self._query))
        self._pass = {key: summary.owner for key, summary in by_key.items()}
        with paused_gc():
            for row in _rows(people_rows.mappings()):
                if (summary := by_key.get(owner_key(row))) is not None:
                    summary.person_ids = sorted(_ids(row["ids"]))
                    summary.pinned = set(_ids(row["pinned_ids"]))
                    summary.touched_after_now = bool(row["after_now"])
        shortest = min(r["close_cadence_days"] for r in rows)
        late_before = self._query.now - timedelta(days=2 * shortest)
        sums_rows = await self._conn.execute(_sums(mine(people), late_before))
        sums: dict[int, float] = {}
        self.late = set()
        with paused_gc():  # one pass over the rows as they come: no list of them all
            for person_id, strength_sum, late in _rows(sums_rows):
                sums[person_id] = strength_sum
                if late:
                    self.late.add(person_id)
        followup_rows = await self._conn.execute(_open_followups(mine(followups)))
        with paused_gc():
            for row in _rows(followup_rows.mappings()):
                if (summary := by_key.get(owner_key(row))) is not None:
                    summary.followups.append(followup_from_row(row))
        return list(by_key.values()), sums

    async def people(self, person_ids: Collection[int]) -> dict[int, Person]:
        """These people (of the current pass's owners), by id, without their aliases and
        running sums."""
        found = {}
        get = self._pass.get
        for chunk in _chunks(person_ids):
            result = await self._conn.execute(_people_for_digest(chunk))
            with paused_gc():
                for platform, workspace, user_id, *values in _rows(result):
                    if (owner := get((platform, workspace, user_id))) is not None:
                        found[values[0]] = person_from_values(owner, *values)
        return found

    async def touches(self, person_ids: Collection[int]) -> dict[int, list[Touch]]:
        """These people's touches by person, in time order then id, without notes."""
        found: dict[int, list[Touch]] = {}
        for chunk in _chunks(person_ids):
            result = await self._conn.execute(_touches_without_notes(chunk))
            with paused_gc():
                for row in _rows(result):  # (person_id, id, at, kind, minutes, started_by)
                    found.setdefault(row[0], []).append(touch_from_values(*row))
        return found


@asynccontextmanager
async def _read_transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """One of the engine's connections in a read transaction: a consistent snapshot that
    takes no write lock (SQLite) and sees no later commit (PostgreSQL)."""
    async with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execution_options(isolation_level="REPEATABLE READ")
        else:
            await connection.execution_options(**{READ_ONLY: True})
        async with connection.begin():
            yield connection


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
        one snapshot."""
        async with _read_transaction(self._engine) as connection:
            reads = _Reads(connection, query)
            most_touches = await reads.most_touches()
            if owners is not None:
                async for batch in self._chosen(reads, owners, most_touches):
                    yield batch
                return
            n_owners, n_people = await reads.sizes()
            per_owner = max(n_people / n_owners, 1.0) if n_owners else 1.0
            limit = max(int(self._people_per_pass / per_owner), 1)
            after: Key | None = None
            while True:
                summaries, sums, after = await reads.read(after, limit)
                if not summaries:
                    return
                yield _Batch(summaries, sums, reads, most_touches)
                del summaries, sums  # not alive while the next pass is read

    async def _chosen(self, reads: _Reads, owners: Collection[Owner],
                      most_touches: int) -> AsyncIterator[_Batch]:
        chosen = sorted(set(owners), key=lambda o: (o.platform, o.workspace, o.user))
        for i in range(0, len(chosen), _OWNERS_PER_STATEMENT):
            summaries, sums = await reads.read_owners(chosen[i: i + _OWNERS_PER_STATEMENT])
            if summaries:
                yield _Batch(summaries, sums, reads, most_touches)


class _Batch:
    """``bot.fanout.SummaryBatch``: valid until the next batch is read."""

    def __init__(self, owners: list[OwnerSummary], sums: dict[int, float],
                 reads: _Reads, most_touches: int) -> None:
        self.owners = owners
        self.sums = sums
        self.most_touches = most_touches
        self._reads = reads

    @property
    def late(self) -> set[int]:
        return self._reads.late

    async def people(self, person_ids: Collection[int]) -> dict[int, Person]:
        return await self._reads.people(person_ids)

    async def touches(self, person_ids: Collection[int]) -> dict[int, list[Touch]]:
        return await self._reads.touches(person_ids)


