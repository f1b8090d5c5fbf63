"""The migration history gives PostgreSQL and SQLite the same schema.

Both empty databases are migrated with the same Alembic history, reflected with
SQLAlchemy's inspector and compared table by table: columns (in order, with normalised
types and nullability), primary keys, unique constraints, indexes and foreign keys. Each
is also compared with the code's metadata (``compare_metadata`` must find nothing).
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text, types
from sqlalchemy.engine import Inspector

from storage import Storage
from storage.migrate import alembic_config, target_metadata
from storage.schema import metadata as app_metadata

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def normalised_type(sa_type: types.TypeEngine[Any]) -> tuple[Any, ...]:
    """What both backends can say about a type. SQLite does not keep a DATETIME's time
    zone flag, so that is checked separately, against the metadata, on PostgreSQL."""
    if isinstance(sa_type, types.Text):
        return ("text",)
    if isinstance(sa_type, types.String):
        return ("varchar", sa_type.length)
    if isinstance(sa_type, types.Boolean):
        return ("boolean",)
    if isinstance(sa_type, types.Integer):
        return ("integer",)
    if isinstance(sa_type, types.DateTime):
        return ("datetime",)
    if isinstance(sa_type, types.Float):  # FLOAT on SQLite, double precision on PostgreSQL
        return ("float",)
    raise AssertionError(f"unexpected column type {sa_type!r}: teach this test about it")


#: Tables whose ids are never reused (issue 14): AUTOINCREMENT on SQLite.
AUTOINCREMENT_TABLES = {"people", "touches", "followups"}


def _name(name: str | None, default: str) -> str | None:
    """PostgreSQL names an unnamed constraint ``<default>``; SQLite leaves it None."""
    return None if name in (None, default) else name


def _uncast(default: str | None) -> str | None:
    """A text default as SQLite keeps it: PostgreSQL adds its type ('me'::character varying)."""
    return default.removesuffix("::character varying") if default else default


def reflect(connection: Connection) -> dict[str, dict[str, Any]]:
    inspector: Inspector = inspect(connection)
    schema: dict[str, dict[str, Any]] = {}
    for table in sorted(inspector.get_table_names()):
        columns = [
            (c["name"], normalised_type(c["type"]), bool(c["nullable"]),
             # a serial's nextval(...) is how PostgreSQL spells autoincrement
             None if str(c.get("default") or "").startswith("nextval(")
             else _uncast(c.get("default")))
            for c in inspector.get_columns(table)
        ]
        pk = inspector.get_pk_constraint(table)
        schema[table] = {
            "columns": columns,
            # SQLite's AUTOINCREMENT key is declared inline, where SQLAlchemy names it not
            "primary_key": (None if table in AUTOINCREMENT_TABLES
                            else _name(pk.get("name"), f"{table}_pkey"),
                            tuple(pk["constrained_columns"])),
            "unique": sorted(
                (u["name"], tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table)
            ),
            "indexes": sorted(
                (ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                for ix in inspector.get_indexes(table)
            ),
            "foreign_keys": sorted(
                (
                    _name(fk["name"], f"{table}_{'_'.join(fk['constrained_columns'])}_fkey"),
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    (fk.get("options") or {}).get("ondelete"),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
        }
    return schema


def differences_from_code(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection)
    return compare_metadata(context, list(target_metadata()))


def timestamp_zones(connection: Connection) -> dict[tuple[str, str], bool]:
    """Each DATETIME column's time zone flag as the database has it."""
    inspector = inspect(connection)
    return {
        (table, column["name"]): bool(getattr(column["type"], "timezone", False))
        for table in inspector.get_table_names()
        for column in inspector.get_columns(table)
        if isinstance(column["type"], types.DateTime)
    }


async def migrated(url: str) -> tuple[dict[str, Any], list[Any], dict, str]:
    storage = Storage(url)
    try:
        await storage.migrate()
        async with storage.engine.connect() as connection:
            schema = await connection.run_sync(reflect)
            diff = await connection.run_sync(differences_from_code)
            zones = await connection.run_sync(timestamp_zones)
            version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
    finally:
        await storage.dispose()
    return schema, diff, zones, version


async def test_postgresql_and_sqlite_get_the_same_schema(postgres_url, sqlite_url) -> None:
    pg_schema, pg_diff, pg_zones, pg_version = await migrated(postgres_url)
    lite_schema, lite_diff, _, lite_version = await migrated(sqlite_url)

    assert pg_version == lite_version == HEAD
    assert pg_diff == [], "PostgreSQL differs from storage/schema.py"
    assert lite_diff == [], "SQLite differs from storage/schema.py"
    assert sorted(pg_schema) == sorted(lite_schema)
    app_tables = set(app_metadata.tables)
    assert app_tables <= set(pg_schema)
    for table in sorted(pg_schema):
        for part in ("columns", "primary_key", "unique", "indexes", "foreign_keys"):
            assert pg_schema[table][part] == lite_schema[table][part], (table, part)

    # The one thing SQLite cannot show: PostgreSQL's timestamps carry the time zone
    # exactly where the code's do (timestamptz for the app, naive for slack_sdk's tables).
    expected_zones = {
        (table.name, column.name): bool(getattr(column.type, "timezone", False))
        for meta in target_metadata()
        for table in meta.tables.values()
        for column in table.columns
        if isinstance(column.type, types.DateTime)
        or isinstance(getattr(column.type, "impl", None), types.DateTime)
    }
    assert pg_zones == expected_zones
    assert all(pg_zones[(t.name, c.name)] for t in app_metadata.tables.values()
               for c in t.columns if (t.name, c.name) in pg_zones)


async def test_the_migrations_run_on_a_postgres_scheme_url_too(postgres_url) -> None:
    """Heroku and others hand out ``postgres://``; it selects asyncpg the same way."""
    legacy = "postgres://" + postgres_url.split("://", 1)[1]
    storage = Storage(legacy)
    try:
        await storage.migrate()
        assert storage.engine.dialect.name == "postgresql"
        assert storage.engine.dialect.driver == "asyncpg"
        assert await storage.ping()
        async with storage.engine.connect() as connection:
            version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
        assert version == HEAD
    finally:
        await storage.dispose()
