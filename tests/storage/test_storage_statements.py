"""The hot statements run straight on SQLite (``storage.statements.DirectStatements``) give
exactly what SQLAlchemy's execute gives: the same rows and values, the same errors, in
the same transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, insert
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.exc import IntegrityError, StatementError
from storage_testdata import OWNER_A, OWNER_B, T0

from bot.domain import Kind, Owner, OwnerSettings, Person, Touch
from storage import Storage
from storage.repositories.owners import SqlOwnerRepository
from storage.repositories.people import SqlPersonRepository
from storage.repositories.touches import SqlTouchRepository
from storage.schema import owners
from storage.statements import (
    DirectStatements,
    SqlAlchemyStatements,
    UnsupportedStatementError,
    compile_for_sqlite,
)
from storage.types import NaiveDatetimeError

NAMES = ["Ana", "Zoë", "O'Brien", "", "x" * 200, "مرحبا", "🙂 emoji",
         "Robert'); DROP TABLE people;--"]
OWNERS = [OWNER_A, OWNER_B, Owner("slack", OWNER_A.workspace, "U-third")]


@pytest.fixture
async def sqlite_file(tmp_path):
    storage = Storage(f"sqlite:///{tmp_path / 'vf.db'}")
    await storage.migrate()
    yield storage
    await storage.dispose()


async def fill(storage: Storage) -> None:
    """People with every kind of value: pinned or not, cadences, snoozes, no touches."""
    async with storage.uow() as uow:
        for n, owner in enumerate(OWNERS):
            await uow.owners.upsert(OwnerSettings(
                owner, tz="Europe/Berlin" if n else None, platform_tz=None if n else "Asia/Tokyo",
                size=3 + n, digest_enabled=[None, True, False][n], created_at=T0))
            for i, name in enumerate(NAMES[n:]):
                person = await uow.people.add(Person(
                    owner, name, platform_id=f"U{i}" if i % 2 else None, pinned=bool(i % 3),
                    cadence_days=i or None, created_at=T0 + timedelta(seconds=i),
                    snoozed_until=T0 + timedelta(days=i) if i % 2 else None))
                if i % 4:
                    at = T0 + timedelta(hours=i)
                    await uow.touches.add(owner, Touch(person.id, at, Kind.MEET))
        await uow.commit()


async def read_both_ways(storage: Storage, owners: list[Owner]):
    async with storage.uow() as uow:
        connection = uow._connection
        results = []
        for run in (SqlAlchemyStatements(connection), DirectStatements(connection, {})):
            people = await SqlPersonRepository(connection, run).list_many(owners)
            settings = await SqlOwnerRepository(connection, run).get_many(owners)
            results.append((people, settings))
        return results


@pytest.mark.parametrize("count", [1, 2, 3])
async def test_reads_give_what_sqlalchemy_gives(sqlite_file: Storage, count: int) -> None:
    await fill(sqlite_file)
    via_sqlalchemy, direct = await read_both_ways(sqlite_file, OWNERS[:count])
    assert direct == via_sqlalchemy
    people, settings = direct
    assert sum(len(p) for p in people.values()) > count
    assert all(p.created_at.tzinfo is not None for ps in people.values() for p in ps)
    assert {type(p.pinned) for ps in people.values() for p in ps} == {bool}
    assert [settings[o].digest_enabled for o in OWNERS[:count]] == [None, True, False][:count]


async def test_the_write_path_stores_what_sqlalchemy_stores(tmp_path) -> None:
    """The same batch of touches stored both ways leaves the same rows and sums."""
    stored = []
    for name in ("direct", "sqlalchemy"):
        storage = Storage(f"sqlite:///{tmp_path / name}.db")
        await storage.migrate()
        await fill(storage)
        async with storage.uow() as uow:
            connection = uow._connection
            run = (DirectStatements(connection, {}) if name == "direct"
                   else SqlAlchemyStatements(connection))
            people = await uow.people.list_many(OWNERS)
            batch = [(owner, Touch(p.id, T0 + timedelta(days=1, minutes=i), Kind.CALL, f"n{i}"))
                     for owner in OWNERS for i, p in enumerate(people[owner])]
            await SqlTouchRepository(connection, run).add_many(batch)
            await uow.commit()
        async with storage.uow() as uow:
            stored.append(([await uow.touches.list(o) for o in OWNERS],
                           await uow.people.list_many(OWNERS)))
        await storage.dispose()
    assert stored[0] == stored[1]


async def test_a_refused_batch_and_a_rollback_leave_nothing(sqlite_file: Storage) -> None:
    await fill(sqlite_file)
    async with sqlite_file.uow() as uow:
        before = await uow.people.list_many(OWNERS)
    theirs = before[OWNER_B][0]
    async with sqlite_file.uow() as uow:  # OWNER_A names OWNER_B's person: refused
        with pytest.raises(LookupError):
            await uow.touches.add_many([(OWNER_A, Touch(before[OWNER_A][0].id, T0, Kind.MEET)),
                                        (OWNER_A, Touch(theirs.id, T0, Kind.MEET))])
    async with sqlite_file.uow() as uow:  # stored, then left without commit
        await uow.touches.add_many([(OWNER_A, Touch(before[OWNER_A][0].id, T0, Kind.MEET))])
    async with sqlite_file.uow() as uow:
        assert await uow.people.list_many(OWNERS) == before
        assert len(await uow.touches.list(OWNER_A)) == len(
            [p for p in before[OWNER_A] if p.last_touch_at])


async def test_errors_are_sqlalchemys_and_show_no_values(sqlite_file: Storage) -> None:
    await fill(sqlite_file)
    async with sqlite_file.uow() as uow:
        [ana, *_] = (await uow.people.list_many([OWNER_A]))[OWNER_A]
        with pytest.raises(StatementError) as naive:
            await uow.touches.add_many([(OWNER_A, Touch(ana.id, datetime(2026, 11, 2), Kind.MEET,
                                                        "secret note"))])
        assert isinstance(naive.value.orig, NaiveDatetimeError)
        run = DirectStatements(uow._connection, {})
        duplicate = {"platform": OWNER_A.platform, "workspace": OWNER_A.workspace,
                     "user_id": OWNER_A.user, "tz": None, "platform_tz": None, "size": 5,
                     "cadence_days": 14, "digest_day": 0, "digest_time": "09:00",
                     "digest_enabled": True, "created_at": T0}
        with pytest.raises(IntegrityError) as clash:
            await run.run_many(insert(owners), [duplicate])
        assert isinstance(clash.value.orig, sqlite3.IntegrityError)
        assert "secret" not in str(naive.value) and "09:00" not in str(clash.value)


def test_statements_with_defaults_sqlalchemy_computes_are_refused() -> None:
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True),
                  Column("name", String), Column("at", DateTime, default=datetime.now))
    with pytest.raises(UnsupportedStatementError):
        compile_for_sqlite(insert(table), sqlite_dialect.dialect(), {"name": "x"})


async def test_sqlite_in_memory_goes_through_sqlalchemy() -> None:
    """Its connection lives on aiosqlite's thread: the direct runner is not used there."""
    storage = Storage("sqlite://")
    await storage.migrate()
    try:
        async with storage.uow() as uow:
            await uow.owners.upsert(OwnerSettings(OWNER_A, created_at=T0))
            ana = await uow.people.add(Person(OWNER_A, "Ana", created_at=T0))
            await uow.touches.add_many([(OWNER_A, Touch(ana.id, T0, Kind.MEET))])
            people = await uow.people.list_many([OWNER_A])
        assert [replace(p, strength_sum=0) for p in people[OWNER_A]] == [
            replace(ana, last_touch_at=T0)]
    finally:
        await storage.dispose()
