"""Logged interactions."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    bindparam,
    cast,
    extract,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Initiative, Kind, Owner, Touch
from bot.scoring import touch_mass
from storage.hot import (
    TOUCH_COLUMNS,
    TOUCH_ROWS,
    add_to_sums,
    exact_rowcount,
    insert_touches,
    together,
)
from storage.repositories._common import (
    UnknownPersonError,
    in_owner_group,
    owned_by,
    owner_groups,
    owner_index,
)
from storage.rows import owner_key, touch_from_row, touch_values
from storage.schema import people, touches
from storage.strength_sums import add_to_person, increments
from storage.types import UTCDateTime

_OWNER_COLUMNS = (touches.c.platform, touches.c.workspace, touches.c.user_id)


class SqlTouchRepository:
    """``bot.ports.TouchRepository`` over the ``touches`` table."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def add(self, owner: Owner, touch: Touch) -> Touch:
        """Insert; raises UnknownPersonError when the person is not the owner's."""
        if not await self._add_to_sums([(owner, touch)]):
            raise UnknownPersonError(f"no person {touch.person_id} for this owner")
        new_id = await self._conn.scalar(_insert_touch().returning(touches.c.id),
                                         touch_values(owner, touch))
        return replace(touch, id=new_id)

    async def add_many(self, batch: Sequence[tuple[Owner, Touch]]) -> list[int]:
        """Insert many touches, their ids in the batch's order: one multi-row INSERT …
        RETURNING per ``hot.TOUCH_ROWS`` touches (a hot statement, ``storage.hot``).
        Raises UnknownPersonError, and the unit of work rolls back, when a person is not
        their owner's.

        The rows come back in any order with what they hold, and each is matched to the
        touch it stores (two touches alike in every column are interchangeable)."""
        if not batch:
            return []
        rows = [touch_values(owner, touch) for owner, touch in batch]
        chunks = [rows[start:start + TOUCH_ROWS] for start in range(0, len(rows), TOUCH_ROWS)]
        sums = increments(batch)
        changed, *inserted = await together(  # the running sums and the touches at once
            self._conn, add_to_sums().run_many(self._conn, sums),
            *(insert_touches(len(chunk)).rows(self._conn, _values(chunk)) for chunk in chunks))
        if not await self._counted(batch, sums, changed):
            raise UnknownPersonError("a touch named a person its owner does not have")
        ids: dict[tuple[Any, ...], deque[int]] = defaultdict(deque)
        for stored in (row for returned in inserted for row in returned):
            ids[_content(stored)].append(stored["id"])
        return [ids[_content(row)].popleft() for row in rows]

    async def get(self, owner: Owner, touch_id: int) -> Touch | None:
        query = select(touches).where(owned_by(touches, owner), touches.c.id == touch_id)
        row = (await self._conn.execute(query)).mappings().first()
        return touch_from_row(row) if row is not None else None

    async def set_started_by(self, owner: Owner, touch_id: int, who: Initiative) -> None:
        await self._conn.execute(update(touches).where(
            owned_by(touches, owner), touches.c.id == touch_id).values(started_by=who.value))

    async def _add_to_sums(self, batch: Sequence[tuple[Owner, Touch]]) -> bool:
        """Add the touches to their people's running sums (``storage.strength_sums``);
        whether every person was their owner's. The UPDATE names the owner, so the
        number of rows it changed tells, where the driver counts an executemany's rows;
        elsewhere the people are looked up."""
        params = increments(batch)
        return await self._counted(batch, params,
                                   await add_to_sums().run_many(self._conn, params))

    async def _counted(self, batch: Sequence[tuple[Owner, Touch]],
                       params: Sequence[Mapping[str, Any]], changed: int) -> bool:
        """Whether the sums' UPDATE (``params``) changed a row for every person."""
        if len(params) == 1 or exact_rowcount(self._conn):
            return changed == len(params)
        return await self._all_theirs(batch)

    async def _all_theirs(self, batch: Sequence[tuple[Owner, Touch]]) -> bool:
        owners = {owner for owner, _ in batch}
        index = owner_index(owners)
        ids = sorted({t.person_id for _, t in batch})
        theirs: set[tuple[Owner, int]] = set()
        for group in owner_groups(owners):
            found = await self._conn.execute(_people_ids_of_group(), {**group, "ids": ids})
            theirs.update((index[owner_key(row)], row["id"]) for row in found.mappings())
        return all((owner, t.person_id) in theirs for owner, t in batch)

    async def list(self, owner: Owner, since: datetime | None = None) -> list[Touch]:
        query = select(touches).where(owned_by(touches, owner))
        if since is not None:
            query = query.where(touches.c.at >= since)
        result = await self._conn.execute(query.order_by(touches.c.at, touches.c.id))
        return [touch_from_row(row) for row in result.mappings()]

    async def retell(self, owner: Owner, touch: Touch, note: str, kind: Kind,
                     minutes: int | None = None) -> None:
        new = replace(touch, note=note, kind=kind, minutes=minutes or kind.minutes)
        changed = await self._conn.execute(
            update(touches).where(owned_by(touches, owner), touches.c.id == touch.id)
            .values(note=note, kind=kind.value, minutes=new.spent))
        if changed.rowcount and new.spent != touch.spent:
            [params] = increments([(owner, touch)])
            params["b_mass"] = touch_mass(new) - params["b_mass"]
            await self._conn.execute(add_to_person(), params)

    async def strengths(
        self, owners: Collection[Owner], now: datetime, half_life_days: float,
    ) -> dict[Owner, dict[int, float]]:
        """Σ hours × 0.5^(age in days / half-life) per person, summed by the database.

        The rule's numbers come from the core; a future touch counts fully (age 0).
        """
        found: dict[Owner, dict[int, float]] = {owner: {} for owner in owners}
        statement = _strengths_of_group(self._conn.dialect.name, half_life_days)
        index = owner_index(owners)
        for group in owner_groups(owners):
            result = await self._conn.execute(statement, {**group, "now": now})
            for row in result.mappings():
                found[index[owner_key(row)]][row["person_id"]] = float(row["strength"])
        return found


@cache
def _people_ids_of_group() -> Select[Any]:
    return select(people.c.platform, people.c.workspace, people.c.user_id, people.c.id).where(
        in_owner_group(people), people.c.id.in_(bindparam("ids", expanding=True)))


@cache
def _insert_touch() -> Any:
    return insert(touches)


def _values(chunk: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A chunk of touches' rows as the values of ``insert_touches(len(chunk))``."""
    return {f"{name}_{i}": row[name] for i, row in enumerate(chunk) for name in TOUCH_COLUMNS}


def _content(row: Mapping[Any, Any]) -> tuple[Any, ...]:
    """What a touch's row holds, but its id: how a returned row finds its touch."""
    return tuple(row[name] for name in TOUCH_COLUMNS)


@cache
def _strengths_of_group(dialect: str, half_life_days: float) -> Select[Any]:
    """Σ hours × 0.5^(age / half-life) per person, for ``in_owner_group`` owners."""
    at_now = bindparam("now", type_=UTCDateTime)
    age: ColumnElement[Any]
    if dialect == "sqlite":
        age = func.max(func.julianday(at_now) - func.julianday(touches.c.at), 0.0)
    else:
        age = func.greatest(extract("epoch", at_now - touches.c.at) / 86400.0, 0.0)
    decayed = cast(touches.c.minutes, Float) / 60.0 * func.power(0.5, age / half_life_days)
    return (
        select(*_OWNER_COLUMNS, touches.c.person_id,
               cast(func.sum(decayed), Float).label("strength"))
        .where(in_owner_group(touches))
        .group_by(*_OWNER_COLUMNS, touches.c.person_id)
    )
