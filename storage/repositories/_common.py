"""Helpers every repository uses: owner scoping, dialect-specific INSERT."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, bindparam, select
from sqlalchemy.dialects import sqlite
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


def in_owner_group(table: Table) -> ColumnElement[bool]:
    """WHERE clause for some owners of one platform and workspace, as bind parameters
    filled by ``owner_groups``: a batch statement is built once and reused, and each
    group reads as ``user_id IN (...)`` under the owner index's leading columns."""
    return and_(
        table.c.platform == bindparam("group_platform"),
        table.c.workspace == bindparam("group_workspace"),
        table.c.user_id.in_(bindparam("group_users", expanding=True)),
    )


def owner_groups(owners: Iterable[Owner]) -> list[dict[str, Any]]:
    """The parameters of ``in_owner_group`` for ``owners``, one set per platform and
    workspace (a batch almost always has one)."""
    groups: dict[tuple[str, str], set[str]] = {}
    for owner in owners:
        groups.setdefault((owner.platform, owner.workspace), set()).add(owner.user)
    return [{"group_platform": platform, "group_workspace": workspace,
             "group_users": sorted(users)}
            for (platform, workspace), users in groups.items()]


def owner_index(owners: Iterable[Owner]) -> dict[tuple[str, str, str], Owner]:
    """Owners by their three columns' values: rows of a batch query map back to the very
    Owner objects asked for, without building one per row."""
    return {(o.platform, o.workspace, o.user): o for o in owners}


def dialect_insert(connection: AsyncConnection, table: Table) -> Any:
    """An INSERT with ``on_conflict_do_*`` for the connection's dialect (both spell it alike)."""
    name = connection.dialect.name
    if name == "postgresql":  # imported here: SQLite-only start-ups never pay for it
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"unsupported database dialect: {name}")


async def require_person(connection: AsyncConnection, owner: Owner, person_id: int) -> None:
    """Refuse to attach rows to another owner's person, even if their id is guessed."""
    found = await connection.scalar(
        select(people.c.id).where(people.c.id == person_id, owned_by(people, owner))
    )
    if found is None:
        raise UnknownPersonError(f"no person {person_id} for this owner")
