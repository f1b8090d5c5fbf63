"""Shared fixtures: a real SQLite database in a temp dir, a fixed clock, the service."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.domain import Owner
from bot.replies import Reply
from bot.services import Request, VitalFewService
from storage import Storage

# A Monday afternoon, UTC.
START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
async def store(tmp_path) -> Storage:
    storage = Storage(f"sqlite:///{tmp_path / 'vitalfew.db'}")
    await storage.migrate()
    yield storage
    await storage.dispose()


@pytest.fixture
def service(store: Storage, clock: FixedClock) -> VitalFewService:
    return VitalFewService(store.uow, clock)


class User:
    """One chat user talking to the service, as a test reads it: ``await ana('/touch …')``."""

    def __init__(self, service: VitalFewService, owner: Owner, tz_hint: str | None = None):
        self.service = service
        self.owner = owner
        self.tz_hint = tz_hint

    async def __call__(self, line: str) -> Reply:
        command, _, text = line.lstrip("/").partition(" ")
        return await self.service.handle(Request(self.owner, command, text, self.tz_hint))

    async def press(self, action: str, value: str) -> Reply:
        return await self.service.act(self.owner, action, value)


@pytest.fixture
def me(service: VitalFewService) -> User:
    return User(service, Owner("console", "", "me"), tz_hint="Europe/Berlin")


@pytest.fixture
def other(service: VitalFewService) -> User:
    return User(service, Owner("console", "", "someone-else"), tz_hint="UTC")
