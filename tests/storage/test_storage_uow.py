"""Units of work: all or nothing; and Storage's small helpers."""

from __future__ import annotations

import pytest
from storage_testdata import OWNER_A, T0

from bot.domain import Kind, OwnerSettings, Person, Touch
from storage import SqlUnitOfWork, Storage


async def _people(storage: Storage) -> list[Person]:
    async with storage.uow() as uow:
        return await uow.people.list(OWNER_A)


async def test_leaving_without_commit_stores_nothing(storage: Storage) -> None:
    async with storage.uow() as uow:
        ana = await uow.people.add(Person(OWNER_A, "Ana"))
        await uow.touches.add(OWNER_A, Touch(ana.id, T0, Kind.MEET))
        await uow.owners.upsert(OwnerSettings(owner=OWNER_A))
        assert len(await uow.people.list(OWNER_A)) == 1  # visible inside the transaction
    assert await _people(storage) == []
    async with storage.uow() as uow:
        assert await uow.touches.list(OWNER_A) == []
        assert await uow.owners.get(OWNER_A) is None


async def test_an_exception_rolls_back_and_propagates(storage: Storage) -> None:
    with pytest.raises(RuntimeError, match="handler broke"):
        async with storage.uow() as uow:
            await uow.people.add(Person(OWNER_A, "Ana"))
            raise RuntimeError("handler broke")
    assert await _people(storage) == []


async def test_commit_stores_and_work_after_it_needs_another_commit(storage: Storage) -> None:
    async with storage.uow() as uow:
        await uow.people.add(Person(OWNER_A, "Ana"))
        await uow.commit()
        await uow.people.add(Person(OWNER_A, "Ben"))
    assert [p.name for p in await _people(storage)] == ["Ana"]


async def test_factory_gives_independent_units_of_work(storage: Storage) -> None:
    first, second = storage.uow(), storage.uow()
    assert isinstance(first, SqlUnitOfWork) and first is not second
    with pytest.raises(RuntimeError):
        await first.commit()


async def test_kv_round_trip_and_overwrite(storage: Storage) -> None:
    assert await storage.get_kv("discord_commands_hash") is None
    await storage.set_kv("discord_commands_hash", "v1")
    await storage.set_kv("discord_commands_hash", "v2")
    assert await storage.get_kv("discord_commands_hash") == "v2"
