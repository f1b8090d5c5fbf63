"""The /touch path's hot statements (``storage.hot``): one trip each to SQLite's thread,
rows as SQLAlchemy reads them, only statements whose parameters are all named; and the
checkpoints that SQLite would otherwise run inside a commit, run beside it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import bindparam, select

from bot.clock import FixedClock
from bot.domain import Kind, Owner, OwnerSettings, Person, Touch
from bot.services import Request, VitalFewService
from storage import Storage, hot
from storage.schema import people
from storage.uow import CHECKPOINT_EVERY
from tests.storage.storage_testdata import OWNER_A, T0


@pytest.fixture
async def trips(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Callable[[], int]]:
    """How many answers came back from another thread (aiosqlite's worker hands each one
    to the event loop with ``call_soon_threadsafe``): the trips SQLite's thread made."""
    loop = asyncio.get_running_loop()
    count = 0
    handed = loop.call_soon_threadsafe

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal count
        count += 1
        return handed(*args, **kwargs)

    monkeypatch.setattr(loop, "call_soon_threadsafe", counting)
    yield lambda: count


async def test_a_batch_of_ten_touches_is_five_trips_to_sqlites_thread(
        tmp_path: Any, clock: FixedClock, trips: Callable[[], int]) -> None:
    store = Storage(f"sqlite:///{tmp_path / 'vf.db'}")
    await store.migrate()
    service = VitalFewService(store.uow, clock)
    owners = [Owner("slack", "T1", f"U{i}") for i in range(5)]

    async def round_of_touches(note: str) -> list[str]:
        replies = await asyncio.gather(*(
            service.handle(Request(owner, "touch", f"{name} {note}", "UTC"))
            for owner in owners for name in ("Ana", "Ben")))
        return [r.title for r in replies]

    try:
        await round_of_touches("coffee")  # everyone's first command: owners and people
        before, batches = trips(), service.batches
        titles = await round_of_touches("call")
        assert service.batches == batches + 1
        # BEGIN, the owners with their people, the running sums, the touches, COMMIT
        # (through SQLAlchemy's cursors: 13)
        assert trips() - before == 5
        assert titles == ["Logged a call with Ana: call · 20 min",
                          "Logged a call with Ben: call · 20 min"] * 5
        before = trips()
        await round_of_touches("lunch")  # nothing else waits on a trip of its own
        assert trips() - before == 5
    finally:
        await store.dispose()


async def test_a_new_person_is_one_trip(tmp_path: Any, trips: Callable[[], int]) -> None:
    store = Storage(f"sqlite:///{tmp_path / 'vf.db'}")
    await store.migrate()
    try:
        async with store.uow() as uow:
            before = trips()
            ana = await uow.people.add(Person(OWNER_A, "Ana", created_at=T0))
            assert trips() - before == 1  # INSERT … RETURNING id (through SQLAlchemy: 4)
            assert [p.name for p in await uow.people.list(OWNER_A)] == ["Ana"]
            assert ana.id is not None
    finally:
        await store.dispose()


async def test_hot_rows_read_as_sqlalchemy_reads_them(storage: Storage) -> None:
    owner = Owner("slack", "T1", "U1")
    async with storage.uow() as uow:
        await uow.owners.upsert(OwnerSettings(owner, tz="Europe/Berlin", created_at=T0))
        ana = await uow.people.add(Person(owner, "Ana", pinned=True, created_at=T0,
                                          snoozed_until=T0 + timedelta(days=3),
                                          aliases=("Anna",)))
        await uow.touches.add(owner, Touch(ana.id or 0, T0, Kind.CALL, "call"))
        await uow.commit()
    statement = hot.owners_with_people(2)
    params = {"group_platform": "slack", "group_workspace": "T1", "user_0": "U1",
              "user_1": "U1"}
    async with storage.engine.connect() as connection:
        fast = await statement.rows(connection, params)
        slow = (await connection.execute(statement.statement, params)).mappings().all()
    assert [dict(row) for row in fast] == [dict(row) for row in slow]
    assert fast[0]["person_last_touch_at"] == T0 and fast[0]["person_pinned"] is True
    async with storage.uow() as uow:
        settings, [loaded] = (await uow.owners.load_many([owner]))[owner]
    assert settings is not None and settings.tz == "Europe/Berlin"
    assert (loaded.name, loaded.aliases, loaded.snoozed_until) == (
        "Ana", ("Anna",), T0 + timedelta(days=3))


def test_only_registered_statements_naming_their_values_are_hot() -> None:
    with pytest.raises(ValueError, match="not a registered hot statement"):
        hot.Hot("people_by_id", select(people).where(people.c.id == bindparam("id")))
    with pytest.raises(ValueError, match="must be named"):
        hot.Hot("add_person", select(people).where(people.c.id == 5))


async def test_sqlite_checkpoints_beside_the_commits(tmp_path: Any) -> None:
    """SQLite copies its write-ahead log into the database file inside whichever commit
    finds it over 1,000 pages, fsync included, while that batch's users wait; a
    checkpoint on a connection of its own every ``CHECKPOINT_EVERY`` commits leaves it
    nothing to do."""
    store = Storage(f"sqlite:///{tmp_path / 'vf.db'}")
    await store.migrate()
    try:
        for i in range(CHECKPOINT_EVERY * 2):
            async with store.uow() as uow:
                await uow.people.add(Person(OWNER_A, f"P{i}", created_at=T0))
                await uow.commit()
    finally:
        await store.dispose()  # waits for a checkpoint under way
    assert store.checkpoints >= 1  # a second one waits for the first to be done
    again = Storage(store.url)
    try:
        async with again.uow() as uow:
            assert len(await uow.people.list(OWNER_A)) == CHECKPOINT_EVERY * 2
    finally:
        await again.dispose()
