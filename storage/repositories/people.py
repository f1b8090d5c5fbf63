"""People the owner keeps up with."""

from __future__ import annotations

import builtins
from collections.abc import Collection
from dataclasses import replace
from functools import cache
from typing import Any

from sqlalchemy import Select, case, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Owner, Person
from storage import hot
from storage.repositories._common import (
    in_owner_group,
    owned_by,
    owner_groups,
    owner_index,
)
from storage.rows import owner_key, person_editable_values, person_from_row, person_values
from storage.schema import deliveries, followups, people, touches


@cache
def _people_of_group() -> Select[Any]:
    return select(people).where(in_owner_group(people)).order_by(people.c.id)


class SqlPersonRepository:
    """``bot.ports.PersonRepository`` over the ``people`` table."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def list(self, owner: Owner) -> list[Person]:
        result = await self._conn.execute(
            select(people).where(owned_by(people, owner)).order_by(people.c.id)
        )
        return [person_from_row(row, owner) for row in result.mappings()]

    async def list_many(self, owners: Collection[Owner]) -> dict[Owner, builtins.list[Person]]:
        """Several owners' people in one query (every owner asked for gets a list)."""
        found: dict[Owner, builtins.list[Person]] = {owner: [] for owner in owners}
        if not owners:
            return found
        index = owner_index(owners)
        for group in owner_groups(owners):
            result = await self._conn.execute(_people_of_group(), group)
            for row in result.mappings():
                owner = index[owner_key(row)]
                found[owner].append(person_from_row(row, owner))
        return found

    async def get(self, owner: Owner, person_id: int) -> Person | None:
        return await self._one(owned_by(people, owner), people.c.id == person_id)

    async def by_platform_id(self, owner: Owner, platform_id: str) -> Person | None:
        return await self._one(owned_by(people, owner), people.c.platform_id == platform_id)

    async def add(self, person: Person) -> Person:
        values = person_values(person)
        [row] = await hot.add_person().rows(self._conn, values)  # one trip (storage.hot)
        new_id = row["id"]
        return replace(person, id=new_id, created_at=values["created_at"])

    async def update(self, person: Person) -> None:
        """Save the editable fields; a person of another owner is left untouched."""
        if person.id is None:
            raise ValueError("cannot update a person that has no id")
        await self._conn.execute(
            update(people)
            .where(people.c.id == person.id, owned_by(people, person.owner))
            .values(person_editable_values(person))
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

    async def merge(self, owner: Owner, source_id: int, target_id: int) -> None:
        """Move the source's touches and follow-ups (their deliveries follow the follow-up
        ids) to the target, add its running sum to the target's, delete it."""
        source = await self.get(owner, source_id)
        if source is None or await self.get(owner, target_id) is None:
            return
        for table in (touches, followups):
            await self._conn.execute(
                update(table).where(table.c.person_id == source_id, owned_by(table, owner))
                .values(person_id=target_id))
        latest: Any = people.c.last_touch_at
        if source.last_touch_at is not None:
            latest = case((or_(latest.is_(None), latest < source.last_touch_at),
                           source.last_touch_at), else_=latest)
        await self._conn.execute(
            update(people).where(people.c.id == target_id, owned_by(people, owner))
            .values(strength_sum=people.c.strength_sum + source.strength_sum,
                    last_touch_at=latest))
        await self.delete(owner, source_id)

    async def _one(self, *conditions: Any) -> Person | None:
        result = await self._conn.execute(select(people).where(*conditions))
        row = result.mappings().first()
        return None if row is None else person_from_row(row)
