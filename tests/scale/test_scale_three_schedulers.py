"""Three schedulers on one database: 5,000 due reminders, each sent exactly once.

Each scheduler is a ``DeliveryEngine`` with its own ``Storage`` (so its own engine and
connection pool, as a separate replica would have) and its own worker id. They tick
concurrently until nothing is left. A recording notifier per scheduler counts what each
sent; the test asserts every key went out exactly once, none was lost, the database
agrees, and every scheduler did a fair share of the work.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select

from bot.clock import FixedClock
from bot.delivery import DeliveryEngine, DeliveryPolicy
from bot.domain import Followup, Owner, OwnerSettings, Person
from bot.replies import Reply
from bot.schedule import reminder_key
from storage import Storage
from storage.schema import deliveries, followups

START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
DUE = 5_000
OWNERS = 100  # 50 follow-ups each, one person each
SCHEDULERS = 3
LEASE = timedelta(minutes=2)


class RecordingNotifier:
    """Records every send; ``sent`` is shared by all schedulers, ``mine`` is its own."""

    def __init__(self, sent: Counter[str], texts: dict[str, str]) -> None:
        self.sent = sent
        self.texts = texts
        self.mine = 0

    async def send(self, owner: Owner, reply: Reply, delivery_key: str) -> None:
        await asyncio.sleep(0)  # a network call would yield here
        self.sent[delivery_key] += 1
        self.texts[delivery_key] = reply.sections[0].lines[0]  # the promise
        self.mine += 1

    async def already_sent(self, owner: Owner, delivery_key: str) -> bool:
        return self.sent[delivery_key] > 0


async def seed(storage: Storage, count: int) -> dict[str, str]:
    """Owners, people, open follow-ups and their due reminders, inserted in bulk.

    Returns each reminder's key with the promise it carries.
    """
    owners = [Owner("console", "", f"user{n:03d}") for n in range(OWNERS)]
    async with storage.uow() as uow:
        people = []
        for owner in owners:
            await uow.owners.upsert(OwnerSettings(owner, tz="Europe/Berlin", created_at=START))
            people.append(await uow.people.add(Person(owner, f"Friend of {owner.user}")))
        await uow.commit()
    rows = []
    for i in range(count):
        person = people[i % OWNERS]
        rows.append({
            "platform": person.owner.platform, "workspace": person.owner.workspace,
            "user_id": person.owner.user, "person_id": person.id,
            # due over the last few hours: fell due while the bot was down
            "due_at": START - timedelta(seconds=3 * i), "what": f"promise {i}",
            "status": "open", "created_at": START - timedelta(days=7),
        })
    async with storage.engine.begin() as connection:
        ids = (await connection.execute(
            insert(followups).returning(followups.c.id, sort_by_parameter_order=True), rows,
        )).scalars().all()
        expected: dict[str, str] = {}
        due_rows = []
        for row, followup_id in zip(rows, ids, strict=True):
            key = reminder_key(Followup(row["person_id"], row["due_at"], row["what"],
                                        id=followup_id))
            expected[key] = row["what"]
            due_rows.append({
                "key": key, "platform": row["platform"], "workspace": row["workspace"],
                "user_id": row["user_id"], "kind": "reminder", "due_at": row["due_at"],
                "followup_id": followup_id, "status": "pending", "attempts": 0,
            })
        await connection.execute(insert(deliveries), due_rows)
    return expected


@pytest.fixture
async def schedulers(database_url: str) -> AsyncIterator[list[Storage]]:
    """Three migrated Storage objects (three engines, three pools) on one database."""
    stores = [Storage(database_url) for _ in range(SCHEDULERS)]
    try:
        await asyncio.gather(*(store.migrate() for store in stores))  # replicas start together
        yield stores
    finally:
        for store in stores:
            await store.dispose()


async def drain(engine: DeliveryEngine) -> int:
    """Tick until a tick finds nothing to claim, as the ticker's catch-up loop does."""
    ticks = 0
    while (await engine.tick()).claimed:
        ticks += 1
    return ticks


async def status_counts(storage: Storage) -> dict[str, int]:
    async with storage.engine.connect() as connection:
        rows = await connection.execute(
            select(deliveries.c.status, func.count()).group_by(deliveries.c.status))
        return dict(rows.all())


def engines(stores: list[Storage], clock: FixedClock, sent: Counter[str],
            texts: dict[str, str]) -> list[tuple[DeliveryEngine, RecordingNotifier]]:
    made = []
    for n, store in enumerate(stores):
        notifier = RecordingNotifier(sent, texts)
        policy = DeliveryPolicy(lease=LEASE, batch=100, concurrency=8)
        engine = DeliveryEngine(store.uow, clock, {"console": notifier},
                                worker_id=f"scheduler-{n}", policy=policy)
        made.append((engine, notifier))
    return made


async def test_three_schedulers_send_five_thousand_reminders_exactly_once(
    schedulers: list[Storage],
) -> None:
    clock = FixedClock(START)
    expected = await seed(schedulers[0], DUE)
    assert len(expected) == DUE
    sent: Counter[str] = Counter()
    texts: dict[str, str] = {}
    made = engines(schedulers, clock, sent, texts)

    began = time.perf_counter()
    await asyncio.gather(*(drain(engine) for engine, _ in made))
    elapsed = time.perf_counter() - began

    twice = {key: n for key, n in sent.items() if n != 1}
    assert twice == {}, f"sent more than once: {list(twice)[:5]}"
    assert set(sent) == set(expected), f"lost: {len(set(expected) - set(sent))}"
    assert texts == expected  # each message carried its own follow-up's promise
    assert await status_counts(schedulers[0]) == {"sent": DUE}

    shares = {engine.worker_id: notifier.mine for engine, notifier in made}
    assert sum(shares.values()) == DUE
    assert all(share >= DUE // 10 for share in shares.values()), shares
    async with schedulers[1].engine.connect() as connection:
        by_worker = dict((await connection.execute(
            select(deliveries.c.claimed_by, func.count()).group_by(deliveries.c.claimed_by)
        )).all())
    assert by_worker == shares  # the table records who sent what, and it matches
    print(f"\n{schedulers[0].engine.dialect.name}: {DUE} reminders by {SCHEDULERS} "
          f"schedulers in {elapsed:.2f}s ({DUE / elapsed:.0f}/s), shares {shares}")


async def test_a_scheduler_that_dies_holding_a_batch_loses_nothing(
    schedulers: list[Storage],
) -> None:
    """A fourth worker claims 300 rows and dies; after its lease the three take them over."""
    clock = FixedClock(START)
    count = 1_000
    expected = await seed(schedulers[0], count)
    async with schedulers[0].uow() as uow:
        abandoned = await uow.deliveries.claim_due(START, "crashed", START + LEASE, 300)
        await uow.commit()
    assert len(abandoned) == 300
    sent: Counter[str] = Counter()
    texts: dict[str, str] = {}
    made = engines(schedulers, clock, sent, texts)

    await asyncio.gather(*(drain(engine) for engine, _ in made))
    assert sum(sent.values()) == count - 300  # the dead worker's rows wait for its lease
    assert await status_counts(schedulers[0]) == {"sent": count - 300, "claimed": 300}

    clock.advance(LEASE + timedelta(seconds=1))
    await asyncio.gather(*(drain(engine) for engine, _ in made))
    assert set(sent) == set(expected) and set(sent.values()) == {1}
    assert await status_counts(schedulers[0]) == {"sent": count}
    async with schedulers[2].uow() as uow:
        for d in abandoned[:20]:
            again = await uow.deliveries.get(d.key)
            assert again.attempts == 2 and again.claimed_by != "crashed"
        # the dead worker, back from the grave, cannot mark what it lost
        assert await uow.deliveries.mark_sent(abandoned[0].key, "crashed", clock.now()) is False
