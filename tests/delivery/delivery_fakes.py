"""Fakes and helpers for the delivery tests: a scriptable notifier, a recording sleep, engines.

No test here sleeps: the engine's ``sleep`` is a recorder, time is the steppable
``FixedClock`` of tests/conftest.py, and the database is the real one of
``database_url`` (SQLite always, PostgreSQL when configured).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import FixedClock
from bot.delivery import DeliveryEngine, TickReport
from bot.domain import Delivery, Followup, Owner, OwnerSettings, Person
from bot.replies import Reply
from bot.schedule import reminder_delivery
from storage import Storage


@dataclass(frozen=True)
class Sent:
    owner: Owner
    reply: Reply
    key: str


@dataclass(frozen=True)
class Delivered:
    """Script step: the platform takes the message, then ``error`` reaches the caller
    (a response lost to a timeout, or the process dying before it could mark it)."""

    error: BaseException


@dataclass(frozen=True)
class Stall:
    """Script step: the platform takes the message, then the sender hangs while
    ``meanwhile`` runs (another worker's tick, the clock moving past the lease)."""

    meanwhile: Callable[[], Awaitable[None]]


class Crash(BaseException):
    """The process dies here: not an Exception, so nothing in the engine catches it."""


class FakeNotifier:
    """Records every message the platform accepted; ``script`` says how sends fail."""

    def __init__(self, remembers: bool = True) -> None:
        self.sent: list[Sent] = []
        self.script: list[BaseException | Delivered | Stall] = []
        self.attempts = 0
        self.asked: list[str] = []
        self.remembers = remembers

    def then(self, *steps: BaseException | Delivered | Stall) -> FakeNotifier:
        """The next sends, in order: raise this, or deliver and then fail or stall."""
        self.script.extend(steps)
        return self

    async def send(self, owner: Owner, reply: Reply, delivery_key: str) -> None:
        self.attempts += 1
        step = self.script.pop(0) if self.script else None
        if isinstance(step, BaseException):
            raise step
        self.sent.append(Sent(owner, reply, delivery_key))
        if isinstance(step, Delivered):
            raise step.error
        if isinstance(step, Stall):
            await step.meanwhile()

    async def already_sent(self, owner: Owner, delivery_key: str) -> bool:
        self.asked.append(delivery_key)
        return self.remembers and delivery_key in self.keys

    @property
    def keys(self) -> list[str]:
        return [s.key for s in self.sent]

    def keys_of(self, kind: str) -> list[str]:
        """Keys sent of one kind: 'reminder', 'digest' (weekly) or 'digest-now'."""
        return [k for k in self.keys if k.split(":", 1)[0] == kind]

    def texts(self) -> list[str]:
        return [s.reply.text for s in self.sent]


class Sleeps:
    """The engine's ``sleep``: records each wait instead of waiting."""

    def __init__(self, clock: FixedClock | None = None) -> None:
        self.waits: list[float] = []
        self.clock = clock

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.clock is not None:
            self.clock.advance(timedelta(seconds=seconds))


def no_jitter() -> float:
    """Jitter pinned to its top, so backoffs are exact: ``base * 2**(n-1)``."""
    return 1.0


async def tick_at(engine: DeliveryEngine, clock: FixedClock, at: datetime) -> TickReport:
    clock.set(at)
    return await engine.tick()


async def deliveries(store: Storage, owner: Owner) -> list[Delivery]:
    async with store.uow() as uow:
        return await uow.deliveries.list_for_owner(owner)


async def delivery(store: Storage, key: str) -> Delivery:
    async with store.uow() as uow:
        found = await uow.deliveries.get(key)
    assert found is not None, key
    return found


async def add_reminders(store: Storage, count: int, due: datetime, owners: int = 1,
                        platform: str = "console") -> list[str]:
    """``count`` due reminders over ``owners`` owners, one transaction; their keys."""
    keys = []
    async with store.uow() as uow:
        people = []
        for n in range(owners):
            owner = Owner(platform, "", f"u{n}")
            await uow.owners.upsert(OwnerSettings(owner, digest_enabled=False, created_at=due))
            people.append(await uow.people.add(Person(owner, f"Friend {n}", created_at=due)))
        for n in range(count):
            person = people[n % owners]
            f = await uow.followups.add(person.owner, Followup(
                person.id or 0, due, f"promise {n}", created_at=due))
            d = reminder_delivery(person.owner, f)
            await uow.deliveries.schedule(d)
            keys.append(d.key)
        await uow.commit()
    return keys


async def until(condition, limit: int = 500) -> None:
    """Let the event loop run until ``condition()`` holds; bounded, no fixed waiting."""
    for _ in range(limit):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never held")
