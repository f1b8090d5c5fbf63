"""Helpers every repository uses: owner scoping, dialect-specific INSERT, now()."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Owner
from storage.schema import people


class UnknownPersonError(LookupError):
    """A touch or follow-up named a person id the owner does not have."""


def owned_by(table: Table, owner: Owner) -> ColumnElement[bool]:
    """WHERE clause restricting ``table`` to one owner's rows; used by every query."""
    return and_(
        table.c.platform == owner.platform,
        table.c.workspace == owner.workspace,
        table.c.user_id == owner.user,
    )


def owner_values(owner: Owner) -> dict[str, str]:
    """The owner columns' values for an INSERT."""
    return {"platform": owner.platform, "workspace": owner.workspace, "user_id": owner.user}


def row_owner(row: Any) -> Owner:
    return Owner(platform=row.platform, workspace=row.workspace, user=row.user_id)


def dialect_insert(connection: AsyncConnection, table: Table) -> Any:
    """An INSERT with ``on_conflict_do_*`` for the connection's dialect (both spell it alike)."""
    name = connection.dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"unsupported database dialect: {name}")


def utcnow() -> datetime:
    """Default for created_at when the caller left it unset."""
    return datetime.now(UTC)


async def require_person(connection: AsyncConnection, owner: Owner, person_id: int) -> None:
    """Refuse to attach rows to another owner's person, even if their id is guessed."""
    found = await connection.scalar(
        select(people.c.id).where(people.c.id == person_id, owned_by(people, owner))
    )
    if found is None:
        raise UnknownPersonError(f"no person {person_id} for this owner")
