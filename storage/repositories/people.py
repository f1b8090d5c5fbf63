"""People the owner keeps up with."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from functools import cache
from typing import Any

from sqlalchemy import Select, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Owner, Person
from bot.text import name_key
from storage.repositories._common import (
    in_owner_group,
    owned_by,
    owner_groups,
    owner_index,
    owner_values,
    utcnow,
)
from storage.schema import deliveries, followups, people, touches
from storage.statements import SqlAlchemyStatements, Statements


def _editable(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "name_key": name_key(person.name),
        "platform_id": person.platform_id,
        "pinned": person.pinned,
        "cadence_days": person.cadence_days,
        "snoozed_until": person.snoozed_until,
    }


#: What every query for whole people selects, in this order (``_from_row`` unpacks it).
_COLUMNS = tuple(people.c[name] for name in (
    "platform", "workspace", "user_id", "id", "name", "platform_id", "pinned",
    "cadence_days", "snoozed_until", "created_at", "strength_sum", "last_touch_at"))


def _from_row(row: Any, owner: Owner | None = None) -> Person:
    """Unpacked by position rather than by name: an owner's people are read on every
    /touch, and looking up twelve names per row costs more than the rest of it."""
    (platform, workspace, user_id, id_, name, platform_id, pinned, cadence_days,
     snoozed_until, created_at, strength_sum, last_touch_at) = row
    return Person(owner=owner or Owner(platform, workspace, user_id), name=name,
                  platform_id=platform_id, pinned=pinned, cadence_days=cadence_days,
                  snoozed_until=snoozed_until, created_at=created_at, id=id_,
                  strength_sum=strength_sum, last_touch_at=last_touch_at)


@cache
def _people_of_group() -> Select[Any]:
    return select(*_COLUMNS).where(in_owner_group(people)).order_by(people.c.id)


@cache
def _add_person() -> Any:
    return insert(people).returning(people.c.id)


class SqlPersonRepository:
    """``bot.ports.PersonRepository`` over the ``people`` table."""

    def __init__(self, connection: AsyncConnection,
                 statements: Statements | None = None) -> None:
        self._conn = connection
        self._run = statements or SqlAlchemyStatements(connection)

    async def list(self, owner: Owner) -> list[Person]:
        result = await self._conn.execute(
            select(*_COLUMNS).where(owned_by(people, owner)).order_by(people.c.id)
        )
        return [_from_row(row) for row in result]

    async def list_many(self, owners: Collection[Owner]) -> dict[Owner, list[Person]]:
        """Several owners' people in one query (every owner asked for gets a list)."""
        found: dict[Owner, list[Person]] = {owner: [] for owner in owners}
        if not owners:
            return found
        index = owner_index(owners)
        for group in owner_groups(owners):
            for row in await self._run.rows(_people_of_group(), group):
                owner = index[(row[0], row[1], row[2])]  # _COLUMNS: the owner first
                found[owner].append(_from_row(row, owner))
        return found

    async def get(self, owner: Owner, person_id: int) -> Person | None:
        return await self._one(owned_by(people, owner), people.c.id == person_id)

    async def by_platform_id(self, owner: Owner, platform_id: str) -> Person | None:
        return await self._one(owned_by(people, owner), people.c.platform_id == platform_id)

    async def add(self, person: Person) -> Person:
        created_at = person.created_at or utcnow()
        values = {**owner_values(person.owner), **_editable(person), "created_at": created_at}
        new_id = (await self._conn.execute(_add_person(), values)).scalar_one()
        return replace(person, id=new_id, created_at=created_at)

    async def update(self, person: Person) -> None:
        """Save the editable fields; a person of another owner is left untouched."""
        if person.id is None:
            raise ValueError("cannot update a person that has no id")
        await self._conn.execute(
            update(people)
            .where(people.c.id == person.id, owned_by(people, person.owner))
            .values(_editable(person))
        )

    async def delete(self, owner: Owner, person_id: int) -> None:
        """Delete explicitly rather than trust ON DELETE CASCADE being switched on."""
        mine = select(people.c.id).where(people.c.id == person_id, owned_by(people, owner))
        their_followups = select(followups.c.id).where(
            followups.c.person_id.in_(mine), owned_by(followups, owner)
        )
        await self._conn.execute(
            delete(deliveries).where(
                deliveries.c.followup_id.in_(their_followups), owned_by(deliveries, owner)
            )
        )
        for table in (followups, touches):
            await self._conn.execute(
                delete(table).where(table.c.person_id.in_(mine), owned_by(table, owner))
            )
        await self._conn.execute(
            delete(people).where(people.c.id == person_id, owned_by(people, owner))
        )

    async def _one(self, *conditions: Any) -> Person | None:
        result = await self._conn.execute(select(*_COLUMNS).where(*conditions))
        row = result.first()
        return None if row is None else _from_row(row)
