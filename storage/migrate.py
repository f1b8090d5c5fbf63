"""Bringing a database's schema up to date with Alembic, configured in code.

No alembic.ini is needed: the script location is found from this file, so migrations
work from a checkout and after ``pip install .`` alike.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.engine import create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD = "head"
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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


async def upgrade(engine: AsyncEngine, revision: str = HEAD) -> None:
    """Upgrade the database behind ``engine`` in one transaction.

    SQLite's ``BEGIN IMMEDIATE`` and PostgreSQL's advisory lock make concurrent starters
    wait for each other; the second then finds the schema current and does nothing.
    """
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        await connection.run_sync(_run_upgrade, revision)


def _run_upgrade(connection: Connection, revision: str) -> None:
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
