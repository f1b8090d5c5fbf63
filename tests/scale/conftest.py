"""Fixtures for the scale-out tests: both backends always listed, PostgreSQL skipped
with a reason when VITALFEW_TEST_POSTGRES_URL is unset (``.ci/run`` always sets it).

``database_url`` here overrides the one in tests/conftest.py for this folder only, so
that a run without PostgreSQL says what it skipped instead of silently running less.
"""

from __future__ import annotations

import os

import pytest

from tests.conftest import POSTGRES_URL_ENV, wipe_postgres

NO_POSTGRES = f"{POSTGRES_URL_ENV} is not set: no PostgreSQL to test against (.ci/run sets it)"


async def empty_postgres_or_skip() -> str:
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        pytest.skip(NO_POSTGRES)
    await wipe_postgres(url)
    return url


@pytest.fixture
async def postgres_url() -> str:
    """An empty PostgreSQL database, or a skip saying why there is none."""
    return await empty_postgres_or_skip()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'vitalfew.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """An empty database of each backend (PostgreSQL skipped with a reason if absent)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'vitalfew.db'}"
    return await empty_postgres_or_skip()
