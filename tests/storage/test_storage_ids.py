"""Ids are never reused (issue 14): a button or confirmation naming a deleted row must
not reach a row added after it. AUTOINCREMENT on SQLite (migration 0005), serial on
PostgreSQL; and the migration rebuilds SQLite's tables without losing a row."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, Table, insert, select, text

from bot.domain import Followup, Kind, Owner, Person, Touch
from bot.scoring import strength, strength_from_sum
from storage import Storage
from storage.migrate import upgrade
from storage.schema import deliveries, followups, people, touches
from storage.strength_sums import recompute

OWNER = Owner("slack", "T1", "U1")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _person(name: str) -> Person:
    return Person(owner=OWNER, name=name, created_at=T0)


async def _add(storage: Storage, name: str) -> int:
    async with storage.uow() as uow:
        person = await uow.people.add(_person(name))
        await uow.commit()
    assert person.id is not None
    return person.id


async def _delete(storage: Storage, person_id: int) -> None:
    async with storage.uow() as uow:
        await uow.people.delete(OWNER, person_id)
        await uow.commit()


async def test_a_deleted_last_persons_id_is_never_given_again(database_url: str) -> None:
    storage = Storage(database_url)
    try:
        await storage.migrate()
        await _add(storage, "Ana")
        bo = await _add(storage, "Bo")
        await _delete(storage, bo)
        cy = await _add(storage, "Cy")
        assert cy != bo
        await _delete(storage, cy)
    finally:
        await storage.dispose()
    restarted = Storage(database_url)  # a new process on the same database
    try:
        await restarted.migrate()
        dee = await _add(restarted, "Dee")
        assert dee not in (bo, cy)
    finally:
        await restarted.dispose()


async def test_follow_up_and_touch_ids_are_never_given_again(store: Storage) -> None:
    ana = await _add(store, "Ana")
    async with store.uow() as uow:
        first = await uow.followups.add(OWNER, Followup(person_id=ana, due_at=T0, what="a",
                                                        created_at=T0))
        touch = await uow.touches.add(OWNER, Touch(ana, T0, Kind.CALL, "x"))
        await uow.commit()
    await _delete(store, ana)
    bo = await _add(store, "Bo")
    async with store.uow() as uow:
        second = await uow.followups.add(OWNER, Followup(person_id=bo, due_at=T0, what="b",
                                                         created_at=T0))
        again = await uow.touches.add(OWNER, Touch(bo, T0, Kind.CALL, "y"))
        await uow.commit()
    assert second.id != first.id
    assert again.id != touch.id


def touches_0004() -> Table:
    """The touches table as migrations 0001 to 0007 leave it (no minutes, no initiative)."""
    c = touches.c
    return Table("touches", MetaData(), *(Column(name, c[name].type) for name in (
        "id", "platform", "workspace", "user_id", "person_id", "at", "kind", "note")))


async def test_the_migration_keeps_every_row_and_id_on_sqlite(tmp_path: Path) -> None:
    """0005 rebuilds people, touches and follow-ups: with foreign keys on, dropping
    people would cascade to every touch, follow-up and reminder."""
    path = tmp_path / "old.db"
    storage = Storage(f"sqlite:///{path}")
    history = {"Ana": [(1, Kind.MEET), (40, Kind.CALL)], "Bo": [(3, Kind.CALL)], "Cy": []}
    ids: dict[str, int] = {}
    try:
        await upgrade(storage.engine, "0004_people_strength_sum")
        async with storage.engine.begin() as connection:
            for name in history:
                ids[name] = (await connection.execute(insert(people).values(
                    platform="slack", workspace="T1", user_id="U1", name=name,
                    name_key=name.lower(), pinned=False, created_at=T0,
                ).returning(people.c.id))).scalar_one()
            followup_id = (await connection.execute(insert(followups).values(
                platform="slack", workspace="T1", user_id="U1", person_id=ids["Bo"],
                due_at=T0 + timedelta(days=2), what="call", status="open", created_at=T0,
            ).returning(followups.c.id))).scalar_one()
            await connection.execute(insert(deliveries).values(
                key="reminder:x", platform="slack", workspace="T1", user_id="U1",
                kind="reminder", due_at=T0 + timedelta(days=2), followup_id=followup_id,
                status="pending", attempts=0))
        async with storage.engine.begin() as connection:  # touches as 0004 had them
            for name, touched in history.items():
                for days, kind in touched:
                    await connection.execute(insert(touches_0004()).values(
                        platform="slack", workspace="T1", user_id="U1", person_id=ids[name],
                        at=T0 - timedelta(days=days), kind=kind.value, note=""))
            await connection.run_sync(partial(recompute, with_minutes=False))
        async with storage.engine.connect() as connection:  # columns of 0004's schema
            before = {row.name: (row.id, row.strength_sum) for row in await connection.execute(
                select(people.c.name, people.c.id, people.c.strength_sum))}
        await storage.migrate()
        async with storage.uow() as uow:
            stored = {p.name: p for p in await uow.people.list(OWNER)}
            listed = await uow.touches.list(OWNER)
            followup = await uow.followups.get(OWNER, followup_id)
            reminders = await uow.deliveries.list_for_owner(OWNER)
        async with storage.engine.connect() as connection:  # foreign keys are back on
            assert await connection.scalar(text("PRAGMA foreign_keys")) == 1
    finally:
        await storage.dispose()
    assert {name: p.id for name, p in stored.items()} == {n: i for n, (i, _) in before.items()}
    assert {name: p.id for name, p in stored.items()} == ids
    for name, touched in history.items():
        expected = strength([Touch(0, T0 - timedelta(days=d), k) for d, k in touched], T0)
        assert strength_from_sum(stored[name], T0) == pytest.approx(expected, rel=1e-9)
    assert len(listed) == 3
    assert followup is not None and followup.person_id == ids["Bo"]
    assert [d.followup_id for d in reminders] == [followup_id]
    db = sqlite3.connect(path)
    try:
        for table in ("people", "touches", "followups"):
            sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
            assert "AUTOINCREMENT" in sql[0].upper()
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
