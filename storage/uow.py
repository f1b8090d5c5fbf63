"""The unit of work over every repository, and ``Storage``, the object the app holds."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.ports import (
    DeliveryRepository,
    FollowupRepository,
    OwnerRepository,
    PersonRepository,
    TouchRepository,
)
from storage import kv
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.repositories import (
    SqlDeliveryRepository,
    SqlFollowupRepository,
    SqlOwnerRepository,
    SqlPersonRepository,
    SqlTouchRepository,
)


class SqlUnitOfWork:
    """``bot.ports.UnitOfWork``: one connection, one transaction, every repository.

    Nothing is stored until ``commit()``; leaving the block without it rolls back, also
    on an exception. After a commit the same block may go on and commit again.
    """

    # Typed as the ports (protocol attributes are invariant for type checkers).
    owners: OwnerRepository
    people: PersonRepository
    touches: TouchRepository
    followups: FollowupRepository
    deliveries: DeliveryRepository

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None

    async def __aenter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("a unit of work can be entered only once at a time")
        connection = await self._engine.connect()
        try:
            await connection.begin()
        except BaseException:
            await connection.close()
            raise
        self._connection = connection
        self.owners = SqlOwnerRepository(connection)
        self.people = SqlPersonRepository(connection)
        self.touches = SqlTouchRepository(connection)
        self.followups = SqlFollowupRepository(connection)
        self.deliveries = SqlDeliveryRepository(connection)
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
            await connection.close()

    async def commit(self) -> None:
        if self._connection is None:
            raise RuntimeError("commit() outside the unit of work's async with block")
        await self._connection.commit()


class Storage:
    """The database behind the bot: units of work, migrations, health, app state.

    ``Storage(url)`` neither connects nor touches the file system; the engine is made on
    first use, so constructing one in settings or tests is free.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: AsyncEngine | None = None

    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:
            self._engine = create_engine(self.url)
        return self._engine

    def uow(self) -> SqlUnitOfWork:
        """A fresh unit of work; ``storage.uow`` is the core's ``UnitOfWorkFactory``."""
        return SqlUnitOfWork(self.engine)

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
        if self._engine is not None:
            await self._engine.dispose()
