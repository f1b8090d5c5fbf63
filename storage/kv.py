"""App-level key/value state (e.g. the hash of the last Discord command sync)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

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
