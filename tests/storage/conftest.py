"""Fixtures for storage tests: migrated Storage objects on the backend of ``database_url``
(tests/conftest.py parametrises it over SQLite and, when configured, PostgreSQL).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from storage import Storage


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
