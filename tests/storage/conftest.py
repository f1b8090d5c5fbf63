"""Fixtures for storage tests: a migrated Storage per test, on each backend.

Backends: SQLite always (a fresh file under tmp_path); PostgreSQL when
VITALFEW_TEST_POSTGRES_URL points at a database the tests may wipe (its public schema is
dropped and recreated before every test).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from sqlalchemy import text

from storage import Storage, create_engine

POSTGRES_URL_ENV = "VITALFEW_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", *(["postgresql"] if os.environ.get(POSTGRES_URL_ENV) else [])]


async def _wipe_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """An empty database of the requested backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'vitalfew.db'}"
    url = os.environ[POSTGRES_URL_ENV]
    await _wipe_postgres(url)
    return url


@pytest.fixture
async def make_storage(database_url: str) -> AsyncIterator[Callable[[], Awaitable[Storage]]]:
    """Open more migrated Storage objects on the same database (separate pools/engines)."""
    opened: list[Storage] = []

    async def make() -> Storage:
        storage = Storage(database_url)
        opened.append(storage)
        await storage.migrate()
        return storage

    yield make
    for storage in opened:
        await storage.dispose()


@pytest.fixture
async def storage(make_storage: Callable[[], Awaitable[Storage]]) -> Storage:
    return await make_storage()
