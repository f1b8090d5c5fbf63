"""Ports: what the core needs from the outside world, as Protocols.

storage/ implements the repositories and the unit of work; adapters/ implement the
notifier. Tests implement any of them with fakes. The core depends on these only.
"""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable, Collection, Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from bot.domain import (
    Delivery,
    Followup,
    Initiative,
    Kind,
    Owner,
    OwnerSettings,
    Person,
    Touch,
)
from bot.replies import Reply

#: An owner's settings (None before first use) and people, as a command starts from them.
OwnerData = tuple[OwnerSettings | None, "builtins.list[Person]"]


class OwnerRepository(Protocol):
    async def get(self, owner: Owner) -> OwnerSettings | None: ...
    async def load_many(self, who: Collection[Owner]) -> dict[Owner, OwnerData]:
        """Several owners' settings (None: never seen) and people, by id, in one query:
        what a batch of commands starts from. Every owner asked for gets an entry."""
    async def upsert(self, settings: OwnerSettings) -> None: ...
    async def delete_everything(self, owner: Owner) -> None:
        """Delete the owner's settings, people, touches, follow-ups and deliveries."""
    async def delete_workspace(self, platform: str, workspace: str) -> int:
        """Delete every owner's data in one workspace (app uninstalled). Returns rows gone."""


class PersonRepository(Protocol):
    async def list(self, owner: Owner) -> builtins.list[Person]: ...
    async def list_many(self, owners: Collection[Owner]) -> dict[Owner, builtins.list[Person]]:
        """Several owners' people at once; every owner asked for gets a list."""
    async def get(self, owner: Owner, person_id: int) -> Person | None: ...
    async def by_platform_id(self, owner: Owner, platform_id: str) -> Person | None: ...
    async def add(self, person: Person) -> Person:
        """Insert and return the person with its id set."""
    async def update(self, person: Person) -> None: ...
    async def delete(self, owner: Owner, person_id: int) -> None:
        """Delete the person with their touches, follow-ups and their follow-ups' deliveries."""
    async def merge(self, owner: Owner, source_id: int, target_id: int) -> None:
        """Move the source's touches and follow-ups to the target, add the source's running
        strength sum to the target's (latest touch: the later one), delete the source."""


class TouchRepository(Protocol):
    async def add(self, owner: Owner, touch: Touch) -> Touch: ...
    async def add_many(self, batch: Sequence[tuple[Owner, Touch]]) -> builtins.list[int]:
        """Insert many touches at once, minutes and who started each included; their new
        ids, in the batch's order. Refuses a person who is not the owner's."""
    async def get(self, owner: Owner, touch_id: int) -> Touch | None:
        """The owner's touch with this id, None when there is none."""
    async def set_started_by(self, owner: Owner, touch_id: int, who: Initiative) -> None:
        """Who reached out for the owner's touch (the "They reached out" button)."""
    async def strengths(
        self, owners: Collection[Owner], now: datetime, half_life_days: float,
    ) -> dict[Owner, dict[int, float]]:
        """Per owner and person id: Σ hours × 0.5^(age in days / half-life), future
        touches counting fully. Lets a /touch answer without loading every touch."""
    async def list(self, owner: Owner, since: datetime | None = None) -> builtins.list[Touch]:
        """The owner's touches (optionally only those at or after ``since``), oldest first."""
    async def retell(self, owner: Owner, touch: Touch, note: str, kind: Kind,
                     minutes: int | None = None) -> None:
        """Change a stored touch's note, kind and minutes (None: the kind's; its time
        stays), and its person's running strength sum with it."""


class FollowupRepository(Protocol):
    async def add(self, owner: Owner, followup: Followup) -> Followup: ...
    async def get(self, owner: Owner, followup_id: int) -> Followup | None: ...
    async def update(self, owner: Owner, followup: Followup) -> None: ...
    async def list_open(self, owner: Owner) -> builtins.list[Followup]:
        """Open follow-ups, soonest due first."""
    async def count_open(self, owner: Owner) -> int:
        """How many follow-ups are open, without reading them."""
    async def open_for(self, owner: Owner, person_id: int) -> builtins.list[Followup]:
        """One person's open follow-ups, soonest due first."""
    async def list_all(self, owner: Owner) -> builtins.list[Followup]: ...


class DeliveryRepository(Protocol):
    async def schedule(self, delivery: Delivery) -> bool:
        """Insert a pending delivery; False (and no change) when its key already exists."""
    async def cancel_pending(
        self, owner: Owner, *, followup_id: int | None = None, kind: str | None = None
    ) -> int:
        """Cancel the owner's pending deliveries for a follow-up, or of a kind."""
    async def claim_due(
        self, now: datetime, worker: str, lease_until: datetime, limit: int,
        platforms: Sequence[str] | None = None, owners: Collection[Owner] | None = None,
        per_owner: int | None = None,
    ) -> builtins.list[Delivery]:
        """Atomically claim due pending rows and rows whose lease expired, fairly: every
        owner's soonest row before anyone's second (``bot.schedule.fair_ranks``), at most
        ``per_owner`` rows of one owner.

        Safe with several processes on one database: a row is handed to one worker only.
        Increments ``attempts`` on every claim. ``platforms`` limits the claim to owners of
        those platforms (a process claims only what it has a notifier for); ``owners``
        limits it to those owners (a terminal delivers only to its own user).
        """
    async def next_due_at(self, platforms: Sequence[str] | None = None,
                          owners: Collection[Owner] | None = None) -> datetime | None:
        """When the soonest pending delivery falls due, to wake the ticker on time."""
    async def mark_sent(self, key: str, worker: str, now: datetime) -> bool:
        """Record success; False when this worker no longer holds the claim."""
    async def retry_later(self, key: str, worker: str, at: datetime, error: str) -> None: ...
    async def mark_failed(self, key: str, worker: str, error: str) -> None: ...
    async def get(self, key: str) -> Delivery | None: ...
    async def list_for_owner(self, owner: Owner) -> builtins.list[Delivery]: ...
    async def weekly_digests(self, owner: Owner, since: datetime) -> builtins.list[Delivery]:
        """The owner's weekly digest rows (key ``digest:…``) pending or due from ``since``,
        soonest first: what rescheduling the digest reads."""
    async def purge_finished(self, before: datetime, limit: int) -> int:
        """Delete up to ``limit`` sent, failed or cancelled rows due before ``before``."""


class PendingCommandRepository(Protocol):
    """The one command per owner waiting for "which person?" to be answered (a button
    press); kept as text, replaced by the next such question."""

    async def get(self, owner: Owner) -> str | None: ...
    async def put(self, owner: Owner, command: str) -> None: ...
    async def clear(self, owner: Owner) -> None: ...


class UnitOfWork(Protocol):
    """One transaction over every repository; nothing is stored until ``commit``."""

    owners: OwnerRepository
    people: PersonRepository
    touches: TouchRepository
    followups: FollowupRepository
    deliveries: DeliveryRepository
    pending: PendingCommandRepository

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]

#: Looks up a chat user's display name from their platform id (None when unknown).
NameResolver = Callable[[str], Awaitable[str | None]]


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware UTC now."""


class DeliveryError(Exception):
    """A notifier could not deliver a message."""


class RetryableDeliveryError(DeliveryError):
    """Try again later: rate limit, 5xx, timeout. ``retry_after`` in seconds, if told."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentDeliveryError(DeliveryError):
    """Never going to work: the user is gone, or their DMs are closed."""


class Notifier(Protocol):
    """Sends a DM to an owner on one platform, marking it with its delivery key."""

    async def send(self, owner: Owner, reply: Reply, delivery_key: str) -> None: ...

    async def already_sent(self, owner: Owner, delivery_key: str) -> bool:
        """Whether a message with this key already reached the owner (after a crash)."""


class KeyValueStore(Protocol):
    """Small app state that is not an owner's data (Discord's command-sync hash)."""

    async def get_kv(self, key: str) -> str | None: ...
    async def set_kv(self, key: str, value: str) -> None: ...


#: Whether the database answers; for /healthz, so it never raises.
HealthCheck = Callable[[], Awaitable[bool]]


class PlatformRuntime(Protocol):
    """A chat platform as ``vitalfew run`` starts it: its notifier, and serving.

    Built by ``bot.wiring`` from what it needs (service, unit-of-work factory, key-value
    store, clock, settings), never from the wiring's own objects: adapters import the core
    and the core imports no adapter (only the wiring names them).
    """

    platform: str
    notifier: Notifier

    async def run(self) -> None:
        """Serve until cancelled."""
