"""Bringing a database's schema up to date with Alembic, configured in code.

No alembic.ini is needed: the script location is found from this file, so migrations
work from a checkout and after ``pip install .`` alike.

Start-up (issue 7) avoids Alembic, which takes a sixth of a second to import and run,
in the two common cases: a database already at the newest revision (one read of
``alembic_version``), and a brand-new, empty SQLite file, which gets the newest schema
straight from the metadata and is stamped with the newest revision, as ``alembic stamp``
would. tests/storage/test_storage_fresh_schema.py proves that this gives the very
database the migrations give. Everything else, PostgreSQL included, runs the migrations.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.engine import create_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD = "head"
VERSION_TABLE = "alembic_version"
#: The newest revision in migrations/versions (a test keeps it equal to Alembic's head).
#: Start-up compares the database with it and skips importing Alembic when they match.
HEAD_REVISION = "0008_time_invested"
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
    Only ``revision="head"`` takes the short cuts (see above); naming a revision, even
    the newest, always runs Alembic.
    """
    if revision == HEAD and await at_head(engine):
        return
    async with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # a table rebuild must not cascade (migration 0005); outside a transaction
            await _sqlite_foreign_keys(connection, on=False)
        try:
            async with connection.begin():
                if not sqlite:
                    await connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                    )
                if revision == HEAD and await connection.run_sync(_current_or_created):
                    return
                await connection.run_sync(_run_upgrade, revision)
        finally:
            if sqlite:
                await _sqlite_foreign_keys(connection, on=True)


async def _sqlite_foreign_keys(connection: AsyncConnection, *, on: bool) -> None:
    """``PRAGMA foreign_keys`` on the driver's connection, outside SQLAlchemy's
    transaction (SQLite ignores the pragma inside one), as Alembic's docs advise around
    batch rebuilds on SQLite."""
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    await driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


async def at_head(engine: AsyncEngine) -> bool:
    """Whether the database already has the newest schema: one cheap read, no Alembic."""
    try:
        async with engine.connect() as connection:
            version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
    except SQLAlchemyError:
        return False  # no alembic_version table yet: an empty database
    return version == HEAD_REVISION


def _current_or_created(connection: Connection) -> bool:
    """Inside the upgrade's transaction: True when the schema is (now) at head without
    Alembic, because another starter got there first or because an empty SQLite
    database was just given the newest schema; False when the migrations must run."""
    if connection.dialect.name != "sqlite":
        return False
    if connection.exec_driver_sql("SELECT 1 FROM sqlite_master LIMIT 1").first() is None:
        create_at_head(connection)
        return True
    tables = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
    ).first()
    return tables is not None and connection.scalar(
        text(f"SELECT version_num FROM {VERSION_TABLE}")) == HEAD_REVISION


def version_table() -> Table:
    """Alembic's ``alembic_version`` table, as Alembic defines it."""
    return Table(
        VERSION_TABLE,
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name=f"{VERSION_TABLE}_pkc"),
    )


def create_at_head(connection: Connection) -> None:
    """Give an empty database the newest schema and stamp it with the newest revision:
    what running every migration does (a test compares the two), without Alembic or
    slack_sdk.

    Tables in dependency order, each followed by its indexes by name (``create_all``
    would take them in a set's order, which changes from run to run). Only the order in
    which things are created differs from the migrations'; what is created does not.
    """
    from sqlalchemy.schema import CreateIndex, CreateTable

    versions = version_table()
    for table in [t for metadata in head_metadata() for t in metadata.sorted_tables]:
        connection.execute(CreateTable(table))
        for index in sorted(table.indexes, key=lambda ix: str(ix.name)):
            connection.execute(CreateIndex(index))
    connection.execute(CreateTable(versions))
    connection.execute(versions.insert().values(version_num=HEAD_REVISION))


def head_metadata() -> tuple[MetaData, ...]:
    """The tables ``create_at_head`` makes: ``target_metadata()``'s, with slack_sdk's
    OAuth tables written out as migration 0002 creates them (``storage.slack_installations``
    has slack_sdk build them, and importing slack_sdk takes 50 ms)."""
    from storage import schema

    return (schema.metadata, slack_oauth_metadata())


def slack_oauth_metadata() -> MetaData:
    """slack_sdk's installation and OAuth-state tables, column for column as migration
    0002 (frozen, like every migration) creates them."""

    def text_(name: str, length: int, nullable: bool = True) -> Column:
        return Column(name, String(length), nullable=nullable)

    def head() -> list[Column]:
        return [Column("id", Integer(), primary_key=True, autoincrement=True),
                text_("client_id", 32, nullable=False), text_("app_id", 32, nullable=False),
                text_("enterprise_id", 32), text_("enterprise_name", 200)]

    def bot() -> list[Column]:
        return [text_("bot_token", 200), text_("bot_id", 32), text_("bot_user_id", 32),
                text_("bot_scopes", 1000), text_("bot_refresh_token", 200),
                Column("bot_token_expires_at", DateTime())]

    metadata = MetaData()
    Table(
        "slack_installations", metadata,
        *head(), text_("enterprise_url", 200), text_("team_id", 32), text_("team_name", 200),
        *bot(),
        text_("user_id", 32, nullable=False), text_("user_token", 200),
        text_("user_scopes", 1000), text_("user_refresh_token", 200),
        Column("user_token_expires_at", DateTime()),
        text_("incoming_webhook_url", 200), text_("incoming_webhook_channel", 200),
        text_("incoming_webhook_channel_id", 200),
        text_("incoming_webhook_configuration_url", 200),
        Column("is_enterprise_install", Boolean(), nullable=False),
        text_("token_type", 32),
        Column("installed_at", DateTime(), nullable=False),
        Index("slack_installations_idx",
              "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
    )
    Table(
        "slack_bots", metadata,
        *head(), text_("team_id", 32), text_("team_name", 200), *bot(),
        Column("is_enterprise_install", Boolean(), nullable=False),
        Column("installed_at", DateTime(), nullable=False),
        Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
    )
    Table(
        "slack_oauth_states", metadata,
        Column("id", Integer(), primary_key=True, autoincrement=True),
        text_("state", 200, nullable=False),
        Column("expire_at", DateTime(), nullable=False),
        Index("slack_oauth_states_state_idx", "state"),  # 0007
        Index("slack_oauth_states_expire_at_idx", "expire_at"),
    )
    return metadata


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
