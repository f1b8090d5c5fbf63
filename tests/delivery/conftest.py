"""Fixtures for the delivery tests: fakes from ``delivery_fakes``, engines, users."""

from __future__ import annotations

import pytest
from delivery_fakes import FakeNotifier, Sleeps, no_jitter

from bot.clock import FixedClock
from bot.delivery import DeliveryEngine, DeliveryPolicy
from bot.domain import Owner
from storage import Storage
from storage.bulk import BulkDigestReader


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def sleeps(clock: FixedClock) -> Sleeps:
    return Sleeps(clock)


@pytest.fixture
def make_engine(store: Storage, clock: FixedClock, notifier: FakeNotifier, sleeps: Sleeps):
    """``make_engine(worker=..., storage=..., notifier=..., **policy)``: a new engine,
    composing its digests together from the bulk source, as the app's engine does."""

    def make(worker: str = "w1", storage: Storage | None = None,
             notifier_: FakeNotifier | None = None, **policy: object) -> DeliveryEngine:
        rules = DeliveryPolicy(jitter=no_jitter, **policy)  # type: ignore[arg-type]
        storage = storage or store
        return DeliveryEngine(storage.uow, clock, {"console": notifier_ or notifier},
                              worker, rules, sleeps, digests=BulkDigestReader(storage.engine))

    return make


@pytest.fixture
def engine(make_engine) -> DeliveryEngine:
    return make_engine()


@pytest.fixture
def make_user(me):
    """``make_user("ny", "America/New_York")``: another owner talking to the service."""
    return lambda user, tz: type(me)(me.service, Owner("console", "", user), tz)
