"""The unit of work over every repository, and ``Storage``, the object the app holds."""

from __future__ import annotations

import asyncio
import os
import weakref
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

import structlog
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.ports import (
    DeliveryRepository,
    FollowupRepository,
    OwnerRepository,
    PendingCommandRepository,
    PersonRepository,
    TouchRepository,
)
from storage import kv
from storage.engine import SQLITE_BUSY_TIMEOUT_MS, create_engine
from storage.migrate import upgrade
from storage.repositories import (
    SqlDeliveryRepository,
    SqlFollowupRepository,
    SqlOwnerRepository,
    SqlPersonRepository,
    SqlTouchRepository,
)

log = structlog.get_logger(__name__)

#: SQLite: the write-ahead log's length (pages) at which a checkpoint starts in the
#: background (``Storage``): half of where SQLite's own starts (1,000 pages, some 80
#: batches of /touch), which runs inside the commit that reaches it, its fsync included,
#: while that batch's users wait. Commits are counted, the first checkpoint after
#: ``CHECKPOINT_EVERY`` of them; each checkpoint says how long the log had grown, and the
#: next one is due after as many commits as make ``CHECKPOINT_PAGES`` at that pace.
CHECKPOINT_PAGES = 500
CHECKPOINT_EVERY = 40
#: The fewest and most commits between two background checkpoints.
CHECKPOINT_BOUNDS = (8, 2_000)

#: SQLite's turns: one lock per event loop and database file, shared by every Storage on
#: that file (replicas and restarts simulated in one process open several), so their
#: units of work queue in order instead of polling SQLite's busy handler for each other.
_FILE_WRITER_LOCKS: weakref.WeakKeyDictionary[
    asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = weakref.WeakKeyDictionary()


class StorageBusyError(RuntimeError):
    """Another unit of work held the database for longer than the busy timeout."""


class SqlUnitOfWork:
    """``bot.ports.UnitOfWork``: one connection, one transaction, every repository.

    Nothing is stored until ``commit()``; leaving the block without it rolls back, also
    on an exception. After a commit the same block may go on and commit again.

    ``writer_lock`` (SQLite): held from entering to leaving, so that this process's units
    of work take SQLite's one write lock in turn and hand it over the moment it is free,
    instead of polling for it in SQLite's busy handler, which sleeps up to 100 ms a try.
    """

    # Typed as the ports (protocol attributes are invariant for type checkers).
    owners: OwnerRepository
    people: PersonRepository
    touches: TouchRepository
    followups: FollowupRepository
    deliveries: DeliveryRepository
    pending: PendingCommandRepository

    def __init__(self, engine: AsyncEngine, writer_lock: asyncio.Lock | None = None,
                 on_commit: Callable[[], None] | None = None) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._lock = writer_lock
        self._on_commit = on_commit

    async def __aenter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("a unit of work can be entered only once at a time")
        await self._take_turn()
        try:
            connection = await self._engine.connect()
            try:
                await connection.begin()
            except BaseException:
                await connection.close()
                raise
        except BaseException:
            self._end_turn()
            raise
        self._connection = connection
        self.owners = SqlOwnerRepository(connection)
        self.people = SqlPersonRepository(connection)
        self.touches = SqlTouchRepository(connection)
        self.followups = SqlFollowupRepository(connection)
        self.deliveries = SqlDeliveryRepository(connection)
        self.pending = kv.SqlPendingCommands(connection)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if connection.in_transaction():
                await connection.rollback()
        finally:
            try:
                await connection.close()
            finally:
                self._end_turn()

    async def _take_turn(self) -> None:
        if self._lock is None:
            return
        try:
            async with asyncio.timeout(SQLITE_BUSY_TIMEOUT_MS / 1000):
                await self._lock.acquire()
        except TimeoutError:  # as SQLite itself would say after its busy timeout
            raise StorageBusyError("the database stayed locked; nothing was changed") from None

    def _end_turn(self) -> None:
        if self._lock is not None and self._lock.locked():
            self._lock.release()

    async def commit(self) -> None:
        if self._connection is None:
            raise RuntimeError("commit() outside the unit of work's async with block")
        await self._connection.commit()
        if self._on_commit is not None:
            self._on_commit()


class Storage:
    """The database behind the bot: units of work, migrations, health, app state.

    ``Storage(url)`` neither connects nor touches the file system; the engine is made on
    first use, so constructing one in settings or tests is free.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: AsyncEngine | None = None
        self._file_key: str | None = None
        self._commits = 0  # since the last background checkpoint began
        self._checkpoint_every = CHECKPOINT_EVERY
        self._checkpointing: asyncio.Task[None] | None = None
        #: Background checkpoints done (SQLite): for tests and benchmarks.
        self.checkpoints = 0
        self._writer_locks: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = weakref.WeakKeyDictionary()

    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:
            self._engine = create_engine(self.url)
        return self._engine

    def uow(self) -> SqlUnitOfWork:
        """A fresh unit of work; ``storage.uow`` is the core's ``UnitOfWorkFactory``."""
        lock = self._writer_lock()
        return SqlUnitOfWork(self.engine, lock, self._committed if lock is not None else None)

    def _committed(self) -> None:
        """On SQLite, a checkpoint in the background once it is due (``CHECKPOINT_PAGES``)."""
        self._commits += 1
        if self._commits < self._checkpoint_every or not self._file_key:
            return
        if self._checkpointing is None or self._checkpointing.done():
            commits, self._commits = self._commits, 0
            self._checkpointing = asyncio.get_running_loop().create_task(
                self._checkpoint(commits), name="sqlite checkpoint")

    async def _checkpoint(self, commits: int) -> None:
        """Copy the WAL into the database file on a connection of its own, outside any
        transaction and beside the writers (``PASSIVE``: it waits for nobody), so that
        SQLite's automatic checkpoint, run inside a commit, rarely finds work to do; and
        time the next one by how many pages ``commits`` commits added to the log."""
        try:
            async with self.engine.connect() as connection:
                driver: Any = (await connection.get_raw_connection()).driver_connection
                [(_, pages, _)] = await driver.execute_fetchall(
                    "PRAGMA wal_checkpoint(PASSIVE)")
        except Exception as err:  # a nicety, never a failure: the next one tries again
            log.warning("checkpoint_failed", error=type(err).__name__)
            return
        self.checkpoints += 1
        if pages > 0:
            fewest, most = CHECKPOINT_BOUNDS
            self._checkpoint_every = max(fewest, min(most, commits * CHECKPOINT_PAGES // pages))

    def _writer_lock(self) -> asyncio.Lock | None:
        """SQLite's units of work take turns (one lock per event loop and database file;
        an in-memory database is this Storage's alone); PostgreSQL's don't."""
        url = self.engine.url
        if url.get_backend_name() != "sqlite":
            return None
        loop = asyncio.get_running_loop()
        if not url.database or url.database == ":memory:":
            locks = self._writer_locks.setdefault(loop, {})
            key = ""
        else:
            locks = _FILE_WRITER_LOCKS.setdefault(loop, {})
            if self._file_key is None:  # resolved once: a syscall per path part
                self._file_key = os.path.realpath(url.database)
            key = self._file_key
        lock = locks.get(key)
        if lock is None:
            lock = locks[key] = asyncio.Lock()
        return lock

    async def migrate(self) -> None:
        """Bring the schema up to date (on this engine, so ``sqlite://`` works too)."""
        await upgrade(self.engine)

    async def ping(self) -> bool:
        """Whether the database answers ``SELECT 1``; for /healthz, so it never raises."""
        try:
            async with self.engine.connect() as connection:
                return await connection.scalar(text("SELECT 1")) == 1
        except (SQLAlchemyError, OSError):
            return False

    async def get_kv(self, key: str) -> str | None:
        async with self.engine.connect() as connection:
            return await kv.get_value(connection, key)

    async def set_kv(self, key: str, value: str) -> None:
        async with self.engine.begin() as connection:
            await kv.set_value(connection, key, value)

    async def dispose(self) -> None:
        """Close pooled connections; the Storage can still be used afterwards."""
        task, self._checkpointing = self._checkpointing, None
        if task is not None and task.get_loop() is asyncio.get_running_loop():
            await task  # a checkpoint under way finishes on its connection first
        if self._engine is not None:
            await self._engine.dispose()
