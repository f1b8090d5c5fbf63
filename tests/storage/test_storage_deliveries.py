"""Delivery scheduling and claiming: each row goes to one worker at a time."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import insert
from storage_testdata import OWNER_A, OWNER_B, T0

from bot.domain import (
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Followup,
    Person,
)
from storage import Storage
from storage.schema import deliveries

LEASE = timedelta(minutes=5)


def digest(key: str, due_at: datetime = T0, owner=OWNER_A) -> Delivery:
    return Delivery(key=key, owner=owner, kind=DeliveryKind.DIGEST, due_at=due_at)


async def schedule(storage: Storage, *items: Delivery) -> None:
    async with storage.uow() as uow:
        for item in items:
            assert await uow.deliveries.schedule(item)
        await uow.commit()


async def claim(storage: Storage, now: datetime, worker: str, limit: int = 100) -> list[Delivery]:
    async with storage.uow() as uow:
        claimed = await uow.deliveries.claim_due(now, worker, now + LEASE, limit)
        await uow.commit()
    return claimed


async def get(storage: Storage, key: str) -> Delivery | None:
    async with storage.uow() as uow:
        return await uow.deliveries.get(key)


async def test_schedule_twice_keeps_the_first_and_says_false(storage: Storage) -> None:
    await schedule(storage, digest("d1", T0))
    async with storage.uow() as uow:
        assert await uow.deliveries.schedule(digest("d1", T0 + timedelta(days=1))) is False
        await uow.commit()
    assert (await get(storage, "d1")).due_at == T0


async def test_due_rows_are_claimed_once_in_due_order_within_the_limit(storage: Storage) -> None:
    await schedule(
        storage,
        digest("late", T0 + timedelta(minutes=2)),
        digest("early", T0 - timedelta(days=3)),  # fell due while the bot was down
        digest("middle", T0),
        digest("future", T0 + timedelta(hours=1)),
    )
    now = T0 + timedelta(minutes=2)
    first = await claim(storage, now, "w1", limit=2)
    assert [d.key for d in first] == ["early", "middle"]
    assert all(d.status is DeliveryStatus.CLAIMED and d.claimed_by == "w1" for d in first)
    assert all(d.attempts == 1 and d.lease_until == now + LEASE for d in first)
    assert [d.key for d in await claim(storage, now, "w2")] == ["late"]
    assert await claim(storage, now, "w3") == []
    assert await get(storage, "early") == first[0]


async def test_finished_and_cancelled_rows_are_never_claimed(storage: Storage) -> None:
    await schedule(storage, digest("cancelled"))
    async with storage.uow() as uow:
        assert await uow.deliveries.cancel_pending(OWNER_A) == 1
        await uow.commit()
    await schedule(storage, digest("sent"), digest("failed"))
    assert {d.key for d in await claim(storage, T0, "w")} == {"sent", "failed"}
    async with storage.uow() as uow:
        assert await uow.deliveries.mark_sent("sent", "w", T0) is True
        await uow.deliveries.mark_failed("failed", "w", "403 DMs closed")
        await uow.commit()
        rows = {d.key: d for d in await uow.deliveries.list_for_owner(OWNER_A)}
    assert {key: d.status for key, d in rows.items()} == {
        "cancelled": DeliveryStatus.CANCELLED,
        "sent": DeliveryStatus.SENT,
        "failed": DeliveryStatus.FAILED,
    }
    assert rows["failed"].last_error == "403 DMs closed"
    assert await claim(storage, T0 + timedelta(days=365), "w2") == []


async def test_claimed_rows_are_not_cancelled(storage: Storage) -> None:
    await schedule(storage, digest("busy"))
    [busy] = await claim(storage, T0, "w")
    async with storage.uow() as uow:
        assert await uow.deliveries.cancel_pending(OWNER_A) == 0
        await uow.commit()
    assert await get(storage, "busy") == busy
    later = busy.lease_until + timedelta(seconds=1)
    [reclaimed] = await claim(storage, later, "w2")  # an expired lease is claimable again
    assert reclaimed == replace(busy, claimed_by="w2", attempts=2, lease_until=later + LEASE)


async def test_expired_lease_goes_to_another_worker_and_the_old_one_notices(
    storage: Storage,
) -> None:
    await schedule(storage, digest("d1"))
    [mine] = await claim(storage, T0, "w1")
    assert await claim(storage, mine.lease_until, "w2") == []  # lease still holds at its end
    later = mine.lease_until + timedelta(seconds=1)
    [theirs] = await claim(storage, later, "w2")
    assert theirs.claimed_by == "w2" and theirs.attempts == 2
    async with storage.uow() as uow:
        assert await uow.deliveries.mark_sent("d1", "w1", later) is False
        await uow.deliveries.retry_later("d1", "w1", later, "too late")
        await uow.deliveries.mark_failed("d1", "w1", "too late")
        await uow.commit()
    assert await get(storage, "d1") == theirs
    async with storage.uow() as uow:
        assert await uow.deliveries.mark_sent("d1", "w2", later) is True
        assert await uow.deliveries.mark_sent("d1", "w2", later) is False  # not claimed now
        await uow.commit()
    sent = await get(storage, "d1")
    assert sent.status is DeliveryStatus.SENT and sent.sent_at == later
    assert await claim(storage, later + LEASE * 10, "w3") == []


async def test_retry_later_waits_for_next_attempt_at(storage: Storage) -> None:
    await schedule(storage, digest("d1"))
    await claim(storage, T0, "w1")
    retry_at = T0 + timedelta(minutes=10)
    async with storage.uow() as uow:
        await uow.deliveries.retry_later("d1", "w1", retry_at, "HTTP 429")
        await uow.commit()
    pending = await get(storage, "d1")
    assert pending.status is DeliveryStatus.PENDING
    assert (pending.next_attempt_at, pending.last_error) == (retry_at, "HTTP 429")
    assert await claim(storage, retry_at - timedelta(seconds=1), "w2") == []
    [again] = await claim(storage, retry_at, "w2")
    assert again.attempts == 2 and again.claimed_by == "w2"


async def test_cancel_pending_by_followup_or_kind_for_one_owner(storage: Storage) -> None:
    async with storage.uow() as uow:
        ana = await uow.people.add(Person(OWNER_A, "Ana"))
        f1 = await uow.followups.add(OWNER_A, Followup(ana.id, T0, "one"))
        f2 = await uow.followups.add(OWNER_A, Followup(ana.id, T0, "two"))
        for followup in (f1, f2):
            reminder = Delivery(
                f"r{followup.id}", OWNER_A, DeliveryKind.REMINDER, T0, followup_id=followup.id
            )
            await uow.deliveries.schedule(reminder)
        await uow.deliveries.schedule(digest("digest-a"))
        await uow.deliveries.schedule(digest("digest-b", owner=OWNER_B))
        assert await uow.deliveries.cancel_pending(OWNER_A, followup_id=f1.id) == 1
        assert await uow.deliveries.cancel_pending(OWNER_A, kind="digest") == 1
        await uow.commit()
        status = {d.key: d.status for d in await uow.deliveries.list_for_owner(OWNER_A)}
        assert status == {
            f"r{f1.id}": DeliveryStatus.CANCELLED,
            f"r{f2.id}": DeliveryStatus.PENDING,
            "digest-a": DeliveryStatus.CANCELLED,
        }
        assert (await uow.deliveries.get("digest-b")).status is DeliveryStatus.PENDING


async def test_concurrent_claimers_never_share_a_row(
    make_storage: Callable[[], Awaitable[Storage]],
) -> None:
    """Two engines on one database, ten tasks each, claiming small batches until none left."""
    first, second = await make_storage(), await make_storage()
    keys = [f"d{i:04d}" for i in range(300)]
    await schedule(first, *(digest(k, T0 - timedelta(seconds=i)) for i, k in enumerate(keys)))
    handed_out: list[str] = []

    async def worker(storage: Storage, name: str) -> None:
        while batch := await claim(storage, T0, name, limit=7):
            assert len(batch) <= 7
            handed_out.extend(d.key for d in batch)
            await asyncio.sleep(0)

    await asyncio.gather(
        *(
            worker(storage, f"{label}-{n}")
            for n in range(10)
            for storage, label in ((first, "a"), (second, "b"))
        )
    )
    duplicates = [key for key, count in Counter(handed_out).items() if count > 1]
    assert duplicates == []
    assert sorted(handed_out) == keys


async def test_claim_takes_the_oldest_thousand_of_ten_thousand(storage: Storage) -> None:
    rows = [
        {
            "key": f"k{i:05d}",
            "platform": "slack",
            "workspace": "T1",
            "user_id": f"U{i % 50}",
            "kind": "digest",
            "due_at": T0 + timedelta(minutes=i - 3000),
            "status": "pending",
            "attempts": 0,
        }
        for i in range(10_000)
    ]
    async with storage.engine.begin() as connection:
        await connection.execute(insert(deliveries), rows)
    claimed = await claim(storage, T0, "bulk", limit=1000)
    assert [d.key for d in claimed] == [f"k{i:05d}" for i in range(1000)]
    assert len(await claim(storage, T0, "bulk", limit=5000)) == 2001  # 1000..3000 inclusive


async def test_claim_takes_only_the_platforms_given_and_next_due_at_sees_retries(storage):
    from datetime import UTC, datetime, timedelta

    from bot.domain import Delivery, DeliveryKind, Owner

    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    slack, discord = Owner("slack", "T1", "U1"), Owner("discord", "", "42")
    async with storage.uow() as uow:
        await uow.deliveries.schedule(Delivery("s", slack, DeliveryKind.REMINDER, now))
        await uow.deliveries.schedule(
            Delivery("d", discord, DeliveryKind.REMINDER, now + timedelta(hours=1)))
        assert await uow.deliveries.next_due_at(platforms=["discord"]) == now + timedelta(hours=1)
        assert await uow.deliveries.next_due_at() == now
        claimed = await uow.deliveries.claim_due(
            now + timedelta(hours=2), "w", now + timedelta(hours=3), 10, platforms=["discord"])
        assert [d.key for d in claimed] == ["d"]
        await uow.deliveries.retry_later("d", "w", now + timedelta(hours=5), "429")
        assert await uow.deliveries.next_due_at(platforms=["discord"]) == now + timedelta(hours=5)
        assert await uow.deliveries.next_due_at(platforms=["console"]) is None
        await uow.commit()
