"""SQLite's write lock: a unit of work waits for it on aiosqlite's thread, so the event
loop (and the unit of work holding the lock) goes on, and this process's units of work
take turns on an asyncio lock instead of polling SQLite's busy handler."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from storage_testdata import OWNER_A, T0

from bot.domain import OwnerSettings
from storage import Storage

pytestmark = pytest.mark.asyncio


@pytest.fixture
async def sqlite_store(tmp_path):
    storage = Storage(f"sqlite:///{tmp_path / 'vf.db'}")
    await storage.migrate()
    yield storage, tmp_path / "vf.db"
    await storage.dispose()


async def save_settings(storage: Storage, size: int) -> None:
    async with storage.uow() as uow:
        await uow.owners.upsert(OwnerSettings(OWNER_A, size=size, created_at=T0))
        await uow.commit()


async def test_a_write_lock_held_elsewhere_is_waited_for_without_freezing_the_loop(sqlite_store):
    storage, path = sqlite_store
    other_process = sqlite3.connect(path, isolation_level=None)  # another writer
    other_process.execute("BEGIN IMMEDIATE")
    try:
        writer = asyncio.create_task(save_settings(storage, 9))
        for _ in range(100):  # the loop keeps turning while the writer waits
            await asyncio.sleep(0)
        assert not writer.done()
    finally:
        other_process.execute("COMMIT")
        other_process.close()
    await asyncio.wait_for(writer, 10)
    async with storage.uow() as uow:
        assert (await uow.owners.get(OWNER_A)).size == 9


async def test_units_of_work_of_one_process_take_turns_instead_of_polling(sqlite_store):
    storage, _ = sqlite_store
    holder_in = asyncio.Event()
    release = asyncio.Event()

    async def holder() -> None:
        async with storage.uow() as uow:
            await uow.owners.upsert(OwnerSettings(OWNER_A, size=3, created_at=T0))
            holder_in.set()
            await release.wait()  # e.g. a name lookup over the network mid-command
            await uow.commit()

    first = asyncio.create_task(holder())
    await holder_in.wait()
    second = asyncio.create_task(save_settings(storage, 7))
    for _ in range(50):
        await asyncio.sleep(0)
    assert not second.done()  # waiting its turn, and the loop is free
    release.set()
    await asyncio.wait_for(asyncio.gather(first, second), 10)
    async with storage.uow() as uow:
        assert (await uow.owners.get(OWNER_A)).size == 7
