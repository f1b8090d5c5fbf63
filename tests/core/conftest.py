"""The service on the in-memory unit of work (``tests/memory.py``): the use cases as a user
meets them, with no database, so that they run in a blink.

``me`` and ``other`` (tests/conftest.py) talk to this ``service``. The WHEN reader's
reply-level tests (test_when_*.py) live here too: reading a WHEN rests on no database.
``tests/test_services.py`` runs one test module per command family on SQLite and
PostgreSQL, and ``test_memory_conformance.py`` holds the fake to what storage does.
"""

from __future__ import annotations

import pytest

from bot.clock import FixedClock
from bot.ports import UnitOfWorkFactory
from bot.services import VitalFewService
from tests.memory import MemoryDatabase


@pytest.fixture
def uow_factory(memory: MemoryDatabase) -> UnitOfWorkFactory:
    return memory.uow


@pytest.fixture
def service(uow_factory: UnitOfWorkFactory, clock: FixedClock) -> VitalFewService:
    return VitalFewService(uow_factory, clock)
