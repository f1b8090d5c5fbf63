"""Shared fixtures: a real database, a fixed clock, the service.

Backends: SQLite always (a fresh file under tmp_path); PostgreSQL too when
VITALFEW_TEST_POSTGRES_URL points at a database the tests may wipe (its public schema is
dropped and recreated before every test). Every test that takes ``database_url`` or
``store`` runs once per backend.
"""

from __future__ import annotations

import faulthandler
import gc
import os
import sys
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot import stamps
from bot.clock import FixedClock
from bot.domain import Owner
from bot.ports import UnitOfWorkFactory
from bot.replies import Reply
from bot.services import Request, VitalFewService
from storage import Storage, create_engine
from tests.memory import MemoryDatabase

#: How long the interpreter may take to exit once the tests are done.
EXIT_GRACE_SECONDS = 60


def pytest_unconfigure(config: pytest.Config) -> None:
    """A test that leaves a worker thread running (an unclosed aiosqlite connection, a
    blocked executor job) holds up the interpreter's exit after every test has passed,
    and CI only sees a pass that never ends. Collect garbage first, so that connections
    dropped without ``close()`` stop their threads; name what is still running and stop
    aiosqlite connections left open (``Connection.stop``, its public way out); and if the
    process is still alive a minute later, print every thread's stack and exit non-zero."""
    gc.collect()
    running = [t.name for t in threading.enumerate()
               if t is not threading.main_thread() and not t.daemon and t.is_alive()]
    if running:
        print(f"\nThreads still running after the tests: {running}", file=sys.stderr)
        _stop_open_sqlite_connections()
    faulthandler.dump_traceback_later(EXIT_GRACE_SECONDS, exit=True)


def _stop_open_sqlite_connections() -> None:
    """Stop every aiosqlite connection still referenced, naming what holds each, so that
    the next run's log says which test leaked it (it happens rarely, only in CI so far)."""
    import warnings

    import aiosqlite

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for found in gc.get_objects():
            if isinstance(found, aiosqlite.Connection):
                holders = sorted({type(r).__name__ for r in gc.get_referrers(found)})
                print(f"  stopping {found!r}, held by {holders}", file=sys.stderr)
                found.stop()

# A Monday afternoon, UTC.
START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


POSTGRES_URL_ENV = "VITALFEW_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", *(["postgresql"] if os.environ.get(POSTGRES_URL_ENV) else [])]


async def wipe_postgres(url: str) -> None:
    """An empty public schema: the database the migrations start from."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'vitalfew.db'}"
    url = os.environ[POSTGRES_URL_ENV]
    await wipe_postgres(url)
    return url


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Storage]:
    storage = Storage(database_url)
    await storage.migrate()
    yield storage
    await storage.dispose()


@pytest.fixture
def service(store: Storage, clock: FixedClock) -> VitalFewService:
    return VitalFewService(store.uow, clock)


@pytest.fixture
def uow_factory(store: Storage) -> UnitOfWorkFactory:
    """Where ``service`` keeps its data, for a test to read back (tests/core: in memory)."""
    return store.uow


@pytest.fixture
def memory() -> MemoryDatabase:
    """An empty in-memory database (tests/memory.py); ``memory.uow`` is a unit-of-work
    factory, as ``Storage.uow`` is."""
    return MemoryDatabase()


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

    async def buttons_of(self, followup_id: int | str) -> str:
        """The value the buttons of open follow-up ``followup_id`` carry, as /followup
        lists them (``ID-DUE-SIG``, bot.stamps)."""
        listed = await self("/followup")
        return next(a.value for s in listed.sections for a in s.actions
                    if a.value.split("-")[0] == str(followup_id))


async def followup_value(uow: UnitOfWorkFactory, owner: Owner, followup_id: int) -> str:
    """The value the bot's buttons for a stored follow-up carry now."""
    async with uow() as unit:
        followup = await unit.followups.get(owner, followup_id)
    assert followup is not None
    return stamps.followup_value(followup)


async def person_value(uow: UnitOfWorkFactory, owner: Owner, person_id: int) -> str:
    """The value the digest's buttons for a stored person carry."""
    async with uow() as unit:
        person = await unit.people.get(owner, person_id)
    assert person is not None
    return stamps.person_value(person)


@pytest.fixture
def me(service: VitalFewService) -> User:
    return User(service, Owner("console", "", "me"), tz_hint="Europe/Berlin")


@pytest.fixture
def other(service: VitalFewService) -> User:
    return User(service, Owner("console", "", "someone-else"), tz_hint="UTC")
