"""Alembic migrations: found from the package, idempotent, and equal to schema.py."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, inspect, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Kind, Owner, Touch
from bot.scoring import strength, strength_from_sum
from storage import Storage, migrate, migrate_sync
from storage.migrate import MIGRATIONS_DIR, alembic_config, target_metadata, upgrade
from storage.schema import people, touches

TABLES = {"owners", "people", "touches", "followups", "deliveries", "kv"}
SCRIPT = ScriptDirectory.from_config(alembic_config())
#: The newest revision; every test below expects a migrated database to be at it.
HEAD = SCRIPT.get_current_head()


async def _snapshot(storage: Storage) -> tuple[set[str], str, dict[str, list[str]]]:
    async with storage.engine.connect() as connection:
        version = await connection.scalar(text("SELECT version_num FROM alembic_version"))

        def inspect_schema(sync_connection):
            inspector = inspect(sync_connection)
            names = set(inspector.get_table_names())
            indexes = {
                table: sorted(ix["name"] for ix in inspector.get_indexes(table)) for table in names
            }
            return names, indexes

        names, indexes = await connection.run_sync(inspect_schema)
    return names, version, indexes


def test_migrations_are_located_inside_the_package() -> None:
    assert MIGRATIONS_DIR.is_dir()
    assert len(SCRIPT.get_heads()) == 1, "the history must be one line, with one head"
    history = [rev.revision for rev in SCRIPT.walk_revisions()][::-1]
    assert history[0] == "0001_initial"
    assert history[-1] == HEAD
    for rev in SCRIPT.walk_revisions():
        assert MIGRATIONS_DIR in Path(rev.path).resolve().parents


async def test_migrate_creates_the_schema_and_a_second_run_is_a_no_op(database_url) -> None:
    await migrate(database_url)
    storage = Storage(database_url)
    try:
        first = await _snapshot(storage)
        await storage.migrate()
        await migrate(database_url)
        second = await _snapshot(storage)
    finally:
        await storage.dispose()
    names, version, indexes = first
    assert names >= TABLES
    assert version == HEAD
    assert "ix_deliveries_status_due_at" in indexes["deliveries"]
    assert second == first


async def test_migrated_database_matches_schema_module(storage: Storage) -> None:
    def diff(sync_connection):
        context = MigrationContext.configure(sync_connection)
        return compare_metadata(context, list(target_metadata()))

    async with storage.engine.connect() as connection:
        differences = await connection.run_sync(diff)
    assert differences == []


async def test_concurrent_migrations_do_not_collide(database_url) -> None:
    await asyncio.gather(*(migrate(database_url) for _ in range(4)))
    storage = Storage(database_url)
    try:
        assert (await _snapshot(storage))[1] == HEAD
    finally:
        await storage.dispose()


def test_sync_migrate_for_the_cli(tmp_path) -> None:
    target = tmp_path / "cli" / "vf.db"
    migrate_sync(f"sqlite:///{target}")
    assert target.exists()


def test_the_start_up_shortcut_knows_the_newest_revision() -> None:
    from storage.migrate import HEAD_REVISION

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


async def test_start_up_skips_alembic_once_the_schema_is_current(database_url: str) -> None:
    from storage.migrate import at_head

    storage = Storage(database_url)
    try:
        assert not await at_head(storage.engine)
        await storage.migrate()
        assert await at_head(storage.engine)
        await storage.migrate()  # a no-op, and a fast one
    finally:
        await storage.dispose()


async def add_history(connection: AsyncConnection, history: dict[str, list[tuple[datetime, Kind]]],
                      created: datetime) -> None:
    """People of owner (slack, T1, U1) with their touches, written as rows, as an older
    schema stores them (what a migration then has to carry forward)."""
    for name, touched in history.items():
        person_id = (await connection.execute(insert(people).values(
            platform="slack", workspace="T1", user_id="U1", name=name,
            name_key=name.lower(), pinned=False, created_at=created,
        ).returning(people.c.id))).scalar_one()
        for at, kind in touched:
            await connection.execute(insert(touches).values(
                platform="slack", workspace="T1", user_id="U1", person_id=person_id,
                at=at, kind=str(kind), note=""))


OWNER, T0 = Owner("slack", "T1", "U1"), datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
#: Touches logged before a migration: a day, 40 days and 400 days ago; one; none.
HISTORY = {"Ana": [(T0 - timedelta(days=d), kind) for d, kind in
                   ((1, Kind.MEET), (40, Kind.CALL), (400, Kind.MESSAGE))],
           "Ben": [(T0 - timedelta(days=3), Kind.CALL)], "Cy": []}


async def test_migrating_a_database_with_history_sums_every_persons_touches(database_url):
    """0004 gives people who already have touches their running strength sums (and
    the touches logged after it keep them in step: tests/storage/test_storage_batches)."""
    owner, t0, history = OWNER, T0, HISTORY
    storage = Storage(database_url)
    try:
        await upgrade(storage.engine, "0003_touches_person_at_kind")
        async with storage.engine.begin() as connection:
            await add_history(connection, history, t0)
        await storage.migrate()
        async with storage.uow() as uow:
            stored = {p.name: p for p in await uow.people.list(owner)}
    finally:
        await storage.dispose()
    for name, touched in history.items():
        expected = strength([Touch(0, at, kind) for at, kind in touched], t0)
        assert strength_from_sum(stored[name], t0) == pytest.approx(expected, rel=1e-9)
        assert stored[name].last_touch_at == max((at for at, _ in touched), default=None)
    assert stored["Cy"].strength_sum == 0.0


async def test_0008_gives_old_touches_their_kinds_minutes_and_recomputes_the_sums(database_url):
    """Strength became decayed hours: after 0008 every person's running sum is what a full
    recomputation over their touches gives, with each old touch at its kind's minutes."""
    owner, t0, history = OWNER, T0, HISTORY
    storage = Storage(database_url)
    try:
        await upgrade(storage.engine, "0006_people_aliases")
        async with storage.engine.begin() as connection:
            await connection.execute(text(
                "INSERT INTO owners (platform, workspace, user_id, size, cadence_days, "
                "digest_day, digest_time, created_at) VALUES ('slack', 'T1', 'U1', 5, 14, 0, "
                "'09:00', :at)"), {"at": t0.replace(tzinfo=None)})
            await add_history(connection, history, t0)
        await storage.migrate()
        async with storage.uow() as uow:
            stored = {p.name: p for p in await uow.people.list(owner)}
            listed = await uow.touches.list(owner)
            recomputed = (await uow.touches.strengths([owner], t0, 45.0))[owner]
            settings = await uow.owners.get(owner)
    finally:
        await storage.dispose()
    assert sorted((t.kind.value, t.minutes, t.started_by.value) for t in listed) == [
        ("call", 20, "me"), ("call", 20, "me"), ("meet", 60, "me"), ("message", 5, "me")]
    for name, touched in history.items():
        mine = [t for t in listed if t.person_id == stored[name].id]
        expected = strength(mine, t0)  # the full recomputation, in Python and in SQL
        assert strength_from_sum(stored[name], t0) == pytest.approx(expected, rel=1e-9)
        assert recomputed.get(stored[name].id or 0, 0.0) == pytest.approx(expected, rel=1e-9)
        assert expected == pytest.approx(strength(
            [Touch(0, at, kind) for at, kind in touched], t0), rel=1e-12)
    assert strength_from_sum(stored["Ben"], t0) == pytest.approx(
        20 / 60 * 0.5 ** (3 / 45), rel=1e-9)  # a call's 20 minutes, three days old
    assert settings is not None
    assert (settings.close_size, settings.close_cadence_days, settings.budget_minutes) == (
        15, 30, None)
