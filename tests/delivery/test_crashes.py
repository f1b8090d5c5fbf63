"""Crashes, restarts and replicas: every delivery goes out exactly once.

A "restart" is a new engine object on a new Storage over the same database, with the
clock moved past the dead worker's lease.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from delivery_fakes import Crash, Delivered, FakeNotifier, add_reminders, delivery, tick_at

from bot.domain import DeliveryStatus
from storage import Storage

DUE = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
async def restarted(database_url):
    """``await restarted()``: a fresh Storage on the same database, closed afterwards."""
    opened: list[Storage] = []

    async def make() -> Storage:
        opened.append(Storage(database_url))
        return opened[-1]

    yield make
    for storage in opened:
        await storage.dispose()


async def test_killed_between_claim_and_send_delivers_once_after_restart(
        store, make_engine, clock, notifier, restarted):
    [key] = await add_reminders(store, 1, DUE)
    dead = make_engine("dead")
    clock.set(DUE)
    async with store.uow() as uow:  # the dead worker's tick got as far as its claim
        await uow.deliveries.claim_due(clock.now(), dead.worker_id,
                                       clock.now() + dead.policy.lease, 10)
        await uow.commit()
    del dead

    engine = make_engine("after-restart", storage=await restarted())
    assert (await engine.tick()).claimed == 0  # the dead worker's lease still holds
    clock.advance(engine.policy.lease + timedelta(seconds=1))
    report = await engine.tick()

    assert (report.claimed, report.sent) == (1, 1)
    assert notifier.keys == [key] and notifier.asked == [key]
    assert (await engine.tick()).claimed == 0
    row = await delivery(store, key)
    assert (row.status, row.attempts, row.claimed_by) == (DeliveryStatus.SENT, 2,
                                                          "after-restart")


@pytest.mark.parametrize("death", [Crash("kill -9"), asyncio.CancelledError()])
async def test_killed_between_send_and_mark_is_not_sent_again(
        store, make_engine, clock, notifier, restarted, death):
    [key] = await add_reminders(store, 1, DUE)
    notifier.then(Delivered(death))  # the platform has it; then the process dies
    with pytest.raises(type(death)):
        await tick_at(make_engine("dead"), clock, DUE)
    assert (await delivery(store, key)).status == DeliveryStatus.CLAIMED

    engine = make_engine("after-restart", storage=await restarted())
    clock.advance(engine.policy.lease + timedelta(seconds=1))
    report = await engine.tick()

    assert (report.claimed, report.already_sent, report.sent) == (1, 1, 0)
    assert notifier.keys == [key]  # one message, no second
    assert (await delivery(store, key)).status == DeliveryStatus.SENT


async def test_a_platform_that_cannot_tell_gets_the_message_again_rather_than_never(
        store, make_engine, clock, restarted):
    """The other side of the window: a notifier without history (the terminal after a
    restart) says no, and the owner gets the reminder twice rather than not at all."""
    forgetful = FakeNotifier(remembers=False).then(Delivered(Crash()))
    [key] = await add_reminders(store, 1, DUE)
    with pytest.raises(Crash):
        await tick_at(make_engine("dead", notifier_=forgetful), clock, DUE)
    clock.advance(timedelta(minutes=3))
    await make_engine("after", storage=await restarted(), notifier_=forgetful).tick()
    assert forgetful.keys == [key, key]


async def test_deliveries_that_fell_due_while_down_go_out_once_on_restart(
        me, store, make_engine, clock, notifier, restarted):
    await me("/touch Ana coffee")
    await me("/followup Ana tomorrow call")
    await me("/followup Ana in 2 days write")
    down_until = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)  # down over two Mondays

    engine = make_engine("after-restart", storage=await restarted())
    report = await tick_at(engine, clock, down_until)
    for _ in range(3):
        await engine.tick()

    # Both reminders and the one digest that was due; the week after it never got a
    # row (it is scheduled when the one before goes out), so no backlog of old digests.
    assert report.sent == 3
    assert sorted(notifier.keys) == [
        "digest:console::me:2026-W49", *(f"reminder:{n}:{int(t.timestamp())}" for n, t in (
            (1, datetime(2026, 11, 24, 8, 0, tzinfo=UTC)),
            (2, datetime(2026, 11, 25, 8, 0, tzinfo=UTC))))]
    pending = [d for d in await _rows(store, me.owner) if d.status == "pending"]
    assert [(d.key, d.due_at) for d in pending] == [
        ("digest:console::me:2026-W51", datetime(2026, 12, 14, 8, 0, tzinfo=UTC))]


async def _rows(store, owner):
    async with store.uow() as uow:
        return await uow.deliveries.list_for_owner(owner)


async def test_two_schedulers_on_one_database_never_send_the_same_delivery_twice(
        store, make_engine, clock, restarted):
    """Two processes (two Storage objects, two workers) ticking at once over 200 due
    reminders. Their notifier cannot tell what went out, so a row handed to both would
    show up here as a second message."""
    platform = FakeNotifier(remembers=False)
    keys = await add_reminders(store, 200, DUE, owners=20)
    engines = [make_engine(f"replica-{n}", storage=await restarted(), notifier_=platform,
                           batch=25, concurrency=4) for n in range(2)]
    clock.set(DUE)

    async def run(engine) -> int:
        claimed = 0
        while (report := await engine.tick()).claimed:
            claimed += report.claimed
            await asyncio.sleep(0)  # let the other replica in between ticks
        return claimed

    counts = await asyncio.gather(*(run(e) for e in engines))

    assert sorted(platform.keys) == sorted(keys)  # all sent, none twice
    assert sum(counts) == 200 and all(counts), counts  # both replicas did work
