"""A fresh SQLite database gets the newest schema without Alembic (issue 7, start-up):
it must be the very database that running every migration gives.

Compared through SQLite's own account of a schema (PRAGMA table_xinfo, index_list,
index_xinfo, foreign_key_list: columns in order with types, NOT NULL, defaults and key
positions; every index with its columns, order, collation, uniqueness and origin; every
foreign key with its actions), plus CHECK constraints, AUTOINCREMENT and WITHOUT ROWID,
and every row of every table (``alembic_version`` included), so a migration that seeds
data would be caught too. Only the order things were created in may differ (SQLite shows
it in sqlite_master's rowids and index_list's seq). A new migration that the metadata
does not reproduce fails here: fix storage/schema.py, or leave fresh files to Alembic.
"""

from __future__ import annotations

import asyncio
import importlib
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from storage import Storage
from storage.engine import create_engine
from storage.migrate import HEAD_REVISION, alembic_config, at_head, target_metadata, upgrade

MIGRATE = importlib.import_module("storage.migrate")  # `storage.migrate` is also a function


def sqlite_schema(path: Path) -> dict[str, Any]:
    """Everything SQLite knows about the database's structure and contents."""
    db = sqlite3.connect(path)
    try:
        objects = db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()
        # Sets and sorted lists: the order things were created in (rowids in
        # sqlite_master, the seq of index_list) is the one thing allowed to differ.
        schema: dict[str, Any] = {"objects": {(t, n, tbl) for t, n, tbl, _ in objects}}
        for kind, name, _table, sql in objects:
            if kind == "index":
                schema[f"index {name}"] = {
                    "columns": db.execute(f'PRAGMA index_xinfo("{name}")').fetchall(),
                    "sql": _normalised(sql) if sql else None,  # None: from a constraint
                }
            if kind != "table":
                continue
            schema[f"table {name}"] = {
                "columns": db.execute(f'PRAGMA table_xinfo("{name}")').fetchall(),
                "indexes": sorted(row[1:] for row in
                                  db.execute(f'PRAGMA index_list("{name}")').fetchall()),
                "foreign_keys": db.execute(f'PRAGMA foreign_key_list("{name}")').fetchall(),
                "checks": sorted(re.findall(r"CHECK\s*\((.*?)\)", sql or "", re.I)),
                "autoincrement": "AUTOINCREMENT" in (sql or "").upper(),
                "without_rowid": "WITHOUT ROWID" in (sql or "").upper(),
                "rows": sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr),
            }
        return schema
    finally:
        db.close()


def _normalised(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


async def _upgraded(path: Path, revision: str) -> None:
    engine = create_engine(f"sqlite:///{path}")
    try:
        await upgrade(engine, revision)
    finally:
        await engine.dispose()


async def test_a_fresh_sqlite_database_is_the_one_the_migrations_make(tmp_path: Path) -> None:
    migrated, created = tmp_path / "migrated.db", tmp_path / "created.db"
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    await _upgraded(migrated, head)  # a named revision: always every migration, in Alembic
    await _upgraded(created, "head")  # empty SQLite and "head": straight from the metadata
    by_migrations, by_metadata = sqlite_schema(migrated), sqlite_schema(created)
    assert by_metadata["table alembic_version"]["rows"] == [(HEAD_REVISION,)]
    assert head == HEAD_REVISION
    assert by_metadata == by_migrations


async def test_the_migrated_file_still_matches_the_code(tmp_path: Path) -> None:
    """What test_storage_migrations checks on a migrated database, kept on one that
    Alembic made, now that a fresh SQLite ``storage`` fixture is created at head."""
    path = tmp_path / "migrated.db"
    await _upgraded(path, HEAD_REVISION)
    engine = create_engine(f"sqlite:///{path}")
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync),
                                              list(target_metadata())))
    finally:
        await engine.dispose()
    assert differences == []


async def test_the_fresh_schema_is_made_without_alembic(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked on the code path, by making Alembic's upgrade impossible (the subprocess
    check of what start-up imports is in tests/test_startup_imports.py)."""
    def no_alembic(*_args: object) -> None:
        raise AssertionError("Alembic ran on an empty SQLite database")

    monkeypatch.setattr(MIGRATE, "_run_upgrade", no_alembic)
    storage = Storage(f"sqlite:///{tmp_path / 'fresh.db'}")
    try:
        await storage.migrate()
        assert await at_head(storage.engine)
        await storage.migrate()  # at head: nothing to do
    finally:
        await storage.dispose()


async def test_alembic_takes_over_from_a_fresh_schema(tmp_path: Path) -> None:
    """Stamped like ``alembic stamp head``: Alembic sees it at head and does nothing."""
    path = tmp_path / "fresh.db"
    await _upgraded(path, "head")
    before = sqlite_schema(path)
    await _upgraded(path, HEAD_REVISION)  # through Alembic
    assert sqlite_schema(path) == before


async def test_a_non_empty_database_is_left_to_the_migrations(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything in the file (here someone else's table) and Alembic runs, as before."""
    path = tmp_path / "shared.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes (body) VALUES ('keep me')")
    db.commit()
    db.close()
    ran: list[str] = []
    original = MIGRATE._run_upgrade

    def counting(connection: Any, revision: str) -> None:
        ran.append(revision)
        original(connection, revision)

    monkeypatch.setattr(MIGRATE, "_run_upgrade", counting)
    await _upgraded(path, "head")
    assert ran == ["head"]
    schema = sqlite_schema(path)
    assert schema["table notes"]["rows"] == [(1, "keep me")]
    assert schema["table alembic_version"]["rows"] == [(HEAD_REVISION,)]


async def test_starters_racing_on_a_fresh_file_create_it_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.db'}"
    storages = [Storage(url) for _ in range(4)]
    try:
        await asyncio.gather(*(s.migrate() for s in storages))
        async with storages[0].engine.connect() as connection:
            versions = (await connection.execute(
                text("SELECT version_num FROM alembic_version"))).all()
        assert versions == [(HEAD_REVISION,)]
    finally:
        for s in storages:
            await s.dispose()


@pytest.mark.parametrize("url", ["sqlite://"])
async def test_an_in_memory_database_gets_the_schema_too(url: str) -> None:
    storage = Storage(url)
    try:
        await storage.migrate()
        assert await at_head(storage.engine)
    finally:
        await storage.dispose()
