"""Owner settings, and deleting an owner's or a workspace's data wholesale."""

from __future__ import annotations

from collections.abc import Collection
from datetime import time
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Owner, OwnerSettings
from storage.repositories._common import (
    dialect_insert,
    in_owner_group,
    owned_by,
    owner_groups,
    owner_index,
    owner_values,
    utcnow,
)
from storage.schema import OWNED_TABLES, owners
from storage.statements import SqlAlchemyStatements, Statements

_SETTINGS_COLUMNS = (
    "tz",
    "platform_tz",
    "size",
    "cadence_days",
    "digest_day",
    "digest_time",
    "digest_enabled",
)


def _format_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _parse_time(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def _to_row(settings: OwnerSettings) -> dict[str, Any]:
    return {
        **owner_values(settings.owner),
        "tz": settings.tz,
        "platform_tz": settings.platform_tz,
        "size": settings.size,
        "cadence_days": settings.cadence_days,
        "digest_day": settings.digest_day,
        "digest_time": _format_time(settings.digest_time),
        "digest_enabled": settings.digest_enabled,
        "created_at": settings.created_at or utcnow(),
    }


#: What every query for settings selects, in this order (``_from_row`` unpacks it).
_COLUMNS = tuple(owners.c[name] for name in (
    "platform", "workspace", "user_id", *_SETTINGS_COLUMNS, "created_at"))


def _from_row(row: Any, owner: Owner) -> OwnerSettings:
    """By position, as the rows of ``_COLUMNS`` (tuples, or SQLAlchemy rows)."""
    (_, _, _, tz, platform_tz, size, cadence_days, digest_day, digest_time, digest_enabled,
     created_at) = row
    return OwnerSettings(
        owner=owner,
        tz=tz,
        platform_tz=platform_tz,
        size=size,
        cadence_days=cadence_days,
        digest_day=digest_day,
        digest_time=_parse_time(digest_time),
        digest_enabled=digest_enabled,
        created_at=created_at,
    )


@cache
def _settings_of_group() -> Select[Any]:
    return select(*_COLUMNS).where(in_owner_group(owners))


class SqlOwnerRepository:
    """``bot.ports.OwnerRepository`` over the ``owners`` table."""

    def __init__(self, connection: AsyncConnection,
                 statements: Statements | None = None) -> None:
        self._conn = connection
        self._run = statements or SqlAlchemyStatements(connection)

    async def get(self, owner: Owner) -> OwnerSettings | None:
        result = await self._conn.execute(select(*_COLUMNS).where(owned_by(owners, owner)))
        row = result.first()
        return None if row is None else _from_row(row, owner)

    async def get_many(self, who: Collection[Owner]) -> dict[Owner, OwnerSettings]:
        """Several owners' settings in one query; owners never seen are left out."""
        if not who:
            return {}
        index = owner_index(who)
        found = {}
        for group in owner_groups(who):
            for row in await self._run.rows(_settings_of_group(), group):
                owner = index[(row[0], row[1], row[2])]  # _COLUMNS: the owner first
                found[owner] = _from_row(row, owner)
        return found

    async def upsert(self, settings: OwnerSettings) -> None:
        """Insert or update in one statement; created_at is kept from the first insert."""
        stmt = dialect_insert(self._conn, owners).values(_to_row(settings))
        stmt = stmt.on_conflict_do_update(
            index_elements=[owners.c.platform, owners.c.workspace, owners.c.user_id],
            set_={name: stmt.excluded[name] for name in _SETTINGS_COLUMNS},
        )
        await self._conn.execute(stmt)

    async def delete_everything(self, owner: Owner) -> None:
        for table in OWNED_TABLES:
            await self._conn.execute(delete(table).where(owned_by(table, owner)))

    async def delete_workspace(self, platform: str, workspace: str) -> int:
        """Every owner's rows in the workspace, children first; returns rows deleted.

        An empty workspace is refused: on Discord it is every user's, not one server's.
        """
        if not workspace:
            raise ValueError("delete_workspace needs a workspace id; '' would be every user")
        gone = 0
        for table in OWNED_TABLES:
            result = await self._conn.execute(
                delete(table).where(
                    and_(table.c.platform == platform, table.c.workspace == workspace)
                )
            )
            gone += result.rowcount
        return gone
