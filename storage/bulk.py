"""Bulk reads for fan-out jobs: every owner's data, a pass of owners at a time.

The unit of work reads one owner at a time (a few statements each, about a millisecond
apiece), which is right for a command and far too slow for the weekly digest of 10,000
owners. ``owner_snapshots`` reads the same data in a handful of big statements instead.

Why passes of owners rather than one ``ORDER BY owner`` stream of touches: touches are
written in time order, so one owner's touches lie scattered over the whole table, and
reading them in owner order through ``ix_touches_owner_at`` costs one random page read
per touch (six times slower than a sequential scan on a 2.5-million-touch SQLite file).
So each pass takes the next slice of owners by keyset pagination on the owners' primary
key, reads their people and open follow-ups through the owner indexes (few rows), and
then reads their touches with one *sequential* scan of the touches table that keeps
only the slice's people (``person_id + 0`` stops the planner from using the person
index). The slice is sized so that one pass's touches fit a memory budget; memory stays
flat however many owners there are, and the price is one extra table scan per pass,
done in C.

Touches come back without their notes: the digest never shows a note, and leaving them
out halves the memory a pass needs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any

from sqlalchemy import func, select, tuple_, type_coerce
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.types import NullType

from bot.domain import Followup, FollowupStatus, Kind, Owner, OwnerSettings, Person, Touch
from storage.repositories.followups import _from_row as followup_from_row
from storage.repositories.owners import _from_row as settings_from_row
from storage.repositories.people import _from_row as person_from_row
from storage.schema import followups, owners, people, touches

#: Touches held in memory at once (about 230 bytes each as domain objects).
DEFAULT_TOUCH_BUDGET = 400_000
_KINDS = {k.value: k for k in Kind}
_BY_ID, _BY_AT = attrgetter("id"), attrgetter("at")


class _Raw(NullType):
    """Select a column's value as the driver returns it."""


def _utc(value: str | datetime) -> datetime:
    """UTCDateTime's result processing: SQLite's 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC)
    or a driver's datetime, as an aware UTC datetime."""
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass
class OwnerSnapshot:
    """What the weekly digest needs of one owner, as the repositories would return it:
    people by id, touches by time (then id), open follow-ups soonest first."""

    settings: OwnerSettings
    people: list[Person]
    touches: list[Touch]
    followups: list[Followup]

    @property
    def owner(self) -> Owner:
        return self.settings.owner


async def owner_snapshots(
    engine: AsyncEngine, touch_budget: int = DEFAULT_TOUCH_BUDGET
) -> AsyncIterator[OwnerSnapshot]:
    """Every owner's snapshot, owners in primary-key order, in passes bounded by
    ``touch_budget`` touches; read on one connection in one read transaction."""
    async with engine.connect() as conn:
        per_pass = await _owners_per_pass(conn, touch_budget)
        after: tuple[str, str, str] | None = None
        while True:
            batch = await _next_owners(conn, after, per_pass)
            if not batch:
                return
            after = _key(batch[-1])
            for snapshot in await _read_pass(conn, batch):
                yield snapshot


async def _owners_per_pass(conn: AsyncConnection, budget: int) -> int:
    n_owners = await conn.scalar(select(func.count()).select_from(owners)) or 0
    n_touches = await conn.scalar(select(func.count()).select_from(touches)) or 0
    per_owner = max(n_touches / n_owners, 1.0) if n_owners else 1.0
    return max(int(budget / per_owner), 1)


def _key(row: Any) -> tuple[str, str, str]:
    return (row.platform, row.workspace, row.user_id)


def _owner_key(table: Any) -> Any:
    return tuple_(table.c.platform, table.c.workspace, table.c.user_id)


async def _next_owners(
    conn: AsyncConnection, after: tuple[str, str, str] | None, limit: int
) -> list[Any]:
    query = select(owners).order_by(owners.c.platform, owners.c.workspace, owners.c.user_id)
    if after is not None:
        query = query.where(_owner_key(owners) > tuple_(*after))
    return list(await conn.execute(query.limit(limit)))


async def _read_pass(conn: AsyncConnection, batch: list[Any]) -> list[OwnerSnapshot]:
    lo, hi = _key(batch[0]), _key(batch[-1])

    def in_slice(table: Any) -> Any:
        return _owner_key(table).between(tuple_(*lo), tuple_(*hi))

    snapshots = {
        _key(row): OwnerSnapshot(settings_from_row(row, Owner(*_key(row))), [], [], [])
        for row in batch
    }
    owner_of: dict[int, OwnerSnapshot] = {}
    for row in await conn.execute(select(people).where(in_slice(people)).order_by(people.c.id)):
        snapshot = snapshots[_key(row)]
        snapshot.people.append(person_from_row(row))
        owner_of[row.id] = snapshot

    open_followups = select(followups).where(
        in_slice(followups), followups.c.status == FollowupStatus.OPEN.value
    ).order_by(followups.c.due_at, followups.c.id)
    for row in await conn.execute(open_followups):
        snapshots[_key(row)].followups.append(followup_from_row(row))

    by_person: dict[int, list[Touch]] = defaultdict(list)
    slice_people = select(people.c.id).where(in_slice(people))
    # The raw column (no type processing): the stored text on SQLite, a datetime on
    # PostgreSQL; ``_utc`` does what UTCDateTime does, three times faster per row.
    raw_at = type_coerce(touches.c.at, _Raw())
    scan = select(touches.c.person_id, raw_at, touches.c.kind, touches.c.id).where(
        (touches.c.person_id + 0).in_(slice_people))
    result = await conn.execute(scan)
    for person_id, at, kind, touch_id in result:
        by_person[person_id].append(Touch(person_id, _utc(at), _KINDS[kind], "", touch_id))
    del result
    for person_id, person_touches in by_person.items():
        snapshot = owner_of.get(person_id)
        if snapshot is not None:
            snapshot.touches.extend(person_touches)
    by_person.clear()
    for snapshot in snapshots.values():  # by time, then id (two stable single-key sorts)
        snapshot.touches.sort(key=_BY_ID)
        snapshot.touches.sort(key=_BY_AT)
    return list(snapshots.values())
