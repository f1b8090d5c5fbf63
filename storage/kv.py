"""App-level key/value state (e.g. the hash of the last Discord command sync)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Owner
from storage.repositories._common import dialect_insert
from storage.rows import utcnow
from storage.schema import kv


async def get_value(connection: AsyncConnection, key: str) -> str | None:
    return await connection.scalar(select(kv.c.value).where(kv.c.key == key))


async def set_value(connection: AsyncConnection, key: str, value: str) -> None:
    stmt = dialect_insert(connection, kv).values(key=key, value=value, updated_at=utcnow())
    stmt = stmt.on_conflict_do_update(
        index_elements=[kv.c.key],
        set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
    )
    await connection.execute(stmt)


class SqlPendingCommands:
    """``bot.ports.PendingCommandRepository``: one ``kv`` row per owner that was asked
    "which person?", in the command's transaction."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    @staticmethod
    def key(owner: Owner) -> str:
        return f"pick:{owner.platform}:{owner.workspace}:{owner.user}"

    async def get(self, owner: Owner) -> str | None:
        return await get_value(self._connection, self.key(owner))

    async def put(self, owner: Owner, command: str) -> None:
        await set_value(self._connection, self.key(owner), command)

    async def clear(self, owner: Owner) -> None:
        await self._connection.execute(delete(kv).where(kv.c.key == self.key(owner)))
