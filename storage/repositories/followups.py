"""Promises to follow up with someone."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Followup, FollowupStatus, Owner
from storage.repositories._common import owned_by, require_person
from storage.rows import followup_editable_values, followup_from_row, followup_values
from storage.schema import followups


class SqlFollowupRepository:
    """``bot.ports.FollowupRepository`` over the ``followups`` table."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def add(self, owner: Owner, followup: Followup) -> Followup:
        """Insert; raises UnknownPersonError when the person is not the owner's."""
        await require_person(self._conn, owner, followup.person_id)
        values = followup_values(owner, followup)
        new_id = await self._conn.scalar(insert(followups).values(values).returning(followups.c.id))
        return replace(followup, id=new_id, created_at=values["created_at"])

    async def get(self, owner: Owner, followup_id: int) -> Followup | None:
        result = await self._conn.execute(
            select(followups).where(followups.c.id == followup_id, owned_by(followups, owner))
        )
        row = result.mappings().first()
        return None if row is None else followup_from_row(row)

    async def update(self, owner: Owner, followup: Followup) -> None:
        """Save due time, text and status; the person it is about never changes."""
        if followup.id is None:
            raise ValueError("cannot update a follow-up that has no id")
        await self._conn.execute(
            update(followups)
            .where(followups.c.id == followup.id, owned_by(followups, owner))
            .values(followup_editable_values(followup))
        )

    async def list_open(self, owner: Owner) -> list[Followup]:
        return await self._list(
            owner, followups.c.status == FollowupStatus.OPEN.value, followups.c.due_at
        )

    async def open_for(self, owner: Owner, person_id: int) -> list[Followup]:
        """One person's open follow-ups (to see a promise typed twice)."""
        return await self._list(
            owner, (followups.c.status == FollowupStatus.OPEN.value)
            & (followups.c.person_id == person_id), followups.c.due_at)

    async def count_open(self, owner: Owner) -> int:
        """How many follow-ups are open (an index range of ``ix_followups_owner_status_due``)."""
        return await self._conn.scalar(
            select(func.count()).select_from(followups).where(
                owned_by(followups, owner), followups.c.status == FollowupStatus.OPEN.value)
        ) or 0

    async def list_all(self, owner: Owner) -> list[Followup]:
        """Every follow-up whatever its status, in the order they were made."""
        return await self._list(owner, None, followups.c.created_at)

    async def _list(self, owner: Owner, condition: Any, order: Any) -> list[Followup]:
        query = select(followups).where(owned_by(followups, owner))
        if condition is not None:
            query = query.where(condition)
        result = await self._conn.execute(query.order_by(order, followups.c.id))
        return [followup_from_row(row) for row in result.mappings()]
