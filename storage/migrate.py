"""Bringing a database's schema up to date with Alembic, configured in code.

No alembic.ini is needed: the script location is found from this file, so migrations
work from a checkout and after ``pip install .`` alike.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD = "head"
#: The newest revision in migrations/versions (a test keeps it equal to Alembic's head).
#: Start-up compares the database with it and skips importing Alembic when they match.
HEAD_REVISION = "0002_slack_installations"
#: Arbitrary constant; PostgreSQL replicas starting together take turns on this lock.
_PG_MIGRATION_LOCK = 0x56_1746_F3


def target_metadata() -> tuple[MetaData, ...]:
    """Every table the migration history creates, as SQLAlchemy metadata.

    The app's own schema (``storage.schema``) and slack_sdk's OAuth tables
    (``storage.slack_installations``, migration 0002). Alembic's autogenerate and the
    tests that compare a migrated database with the code use exactly this.
    """
    from storage import schema, slack_installations

    return (schema.metadata, slack_installations.metadata)


def alembic_config() -> Config:
    """An Alembic Config pointing at the packaged migrations (``%`` escaped for configparser)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


async def upgrade(engine: AsyncEngine, revision: str = HEAD) -> None:
    """Upgrade the database behind ``engine`` in one transaction.

    SQLite's ``BEGIN IMMEDIATE`` and PostgreSQL's advisory lock make concurrent starters
    wait for each other; the second then finds the schema current and does nothing.
    """
    if revision == HEAD and await at_head(engine):
        return
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        await connection.run_sync(_run_upgrade, revision)


async def at_head(engine: AsyncEngine) -> bool:
    """Whether the database already has the newest schema: one cheap read, no Alembic."""
    try:
        async with engine.connect() as connection:
            version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
    except SQLAlchemyError:
        return False  # no alembic_version table yet: an empty database
    return version == HEAD_REVISION


def _run_upgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def migrate(url: str) -> None:
    """Upgrade the database at DATABASE_URL ``url`` to the newest revision."""
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def migrate_sync(url: str) -> None:
    """``vitalfew migrate``: the same, for callers without an event loop."""
    asyncio.run(migrate(url))
