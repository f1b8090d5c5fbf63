"""Owner settings, and deleting an owner's or a workspace's data wholesale."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import and_, delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Owner, OwnerSettings
from bot.ports import OwnerData
from storage import hot
from storage.repositories._common import (
    dialect_insert,
    owned_by,
    owner_groups,
    owner_index,
)
from storage.rows import (
    PERSON_PREFIX,
    SETTINGS_COLUMNS,
    owner_key,
    person_from_row,
    settings_from_row,
    settings_values,
)
from storage.schema import OWNED_TABLES, owners


class SqlOwnerRepository:
    """``bot.ports.OwnerRepository`` over the ``owners`` table."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def get(self, owner: Owner) -> OwnerSettings | None:
        result = await self._conn.execute(select(owners).where(owned_by(owners, owner)))
        row = result.mappings().first()
        return None if row is None else settings_from_row(row, owner)

    async def load_many(self, who: Collection[Owner]) -> dict[Owner, OwnerData]:
        """Several owners' settings and people in one query per workspace (a hot
        statement, ``storage.hot``). People are only ever added with their owner's
        settings, so the join from owners finds them all."""
        found: dict[Owner, OwnerData] = {owner: (None, []) for owner in who}
        index = owner_index(who)
        for group in owner_groups(who):
            users = group.pop("group_users")
            slots = hot.owner_slots(len(users))
            group.update((f"user_{i}", users[min(i, len(users) - 1)]) for i in range(slots))
            for row in await hot.owners_with_people(slots).rows(self._conn, group):
                owner = index[owner_key(row)]
                settings, its_people = found[owner]
                if settings is None:
                    found[owner] = settings, its_people = settings_from_row(row, owner), []
                if row[PERSON_PREFIX + "id"] is not None:
                    its_people.append(person_from_row(row, owner, PERSON_PREFIX))
        return found

    async def upsert(self, settings: OwnerSettings) -> None:
        """Insert or update in one statement; created_at is kept from the first insert."""
        stmt = dialect_insert(self._conn, owners).values(settings_values(settings))
        stmt = stmt.on_conflict_do_update(
            index_elements=[owners.c.platform, owners.c.workspace, owners.c.user_id],
            set_={name: stmt.excluded[name] for name in SETTINGS_COLUMNS},
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
