"""Logged interactions."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Kind, Owner, Touch
from storage.repositories._common import owned_by, owner_values, require_person
from storage.schema import touches


def _from_row(row: Any) -> Touch:
    return Touch(person_id=row.person_id, at=row.at, kind=Kind(row.kind), note=row.note, id=row.id)


class SqlTouchRepository:
    """``bot.ports.TouchRepository`` over the ``touches`` table."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def add(self, owner: Owner, touch: Touch) -> Touch:
        """Insert; raises UnknownPersonError when the person is not the owner's."""
        await require_person(self._conn, owner, touch.person_id)
        values = {
            **owner_values(owner),
            "person_id": touch.person_id,
            "at": touch.at,
            "kind": str(touch.kind),
            "note": touch.note,
        }
        new_id = await self._conn.scalar(insert(touches).values(values).returning(touches.c.id))
        return replace(touch, id=new_id)

    async def list(self, owner: Owner, since: datetime | None = None) -> list[Touch]:
        query = select(touches).where(owned_by(touches, owner))
        if since is not None:
            query = query.where(touches.c.at >= since)
        result = await self._conn.execute(query.order_by(touches.c.at, touches.c.id))
        return [_from_row(row) for row in result]
