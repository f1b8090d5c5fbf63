"""An in-memory unit of work: the core's storage ports (``bot/ports.py``) in plain Python.

Why: most service tests are about what a user reads, not about SQL, and a database per test
is what makes them slow. This fake keeps each rule the ports' docstrings state (owner
scoping, the people's running strength sums, ids never reused, a duplicate delivery key
refused, deleting a person takes their touches, follow-ups and pending deliveries with
them), and ``tests/core/test_memory_conformance.py`` runs the same repository calls here and
on SQLite and PostgreSQL (``storage.Storage``), so the two cannot drift apart.

Transactions: entering a unit of work copies the committed tables, ``commit()`` makes the
copy the committed state, and leaving without it throws the copy away. Units of work take
turns, as SQLite's do (``storage.uow``), so two at once never lose each other's writes.

One rule keeps the copies cheap and callers honest: a stored object is never changed in
place and never handed out. Writes store a new object (``dataclasses.replace``), reads
return copies, just as a database returns fresh objects from its rows.
"""

from __future__ import annotations

import asyncio
import builtins
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

from bot.domain import (
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Followup,
    FollowupStatus,
    Initiative,
    Kind,
    Owner,
    OwnerSettings,
    Person,
    Touch,
)
from bot.ports import (
    DeliveryRepository,
    FollowupRepository,
    OwnerData,
    OwnerRepository,
    PendingCommandRepository,
    PersonRepository,
    TouchRepository,
)
from bot.schedule import fair_ranks
from bot.scoring import touch_mass

DAY = 86400.0


class UnknownPersonError(LookupError):
    """A touch or follow-up named a person id the owner does not have (as storage's)."""


def utc(value: datetime) -> datetime:
    """Aware in, aware UTC out; a naive datetime is refused, as storage refuses it."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime refused: {value.isoformat()}")
    return value.astimezone(UTC)


def utc_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else utc(value)


def utcnow() -> datetime:
    """created_at when the caller left it unset (storage uses the wall clock too)."""
    return datetime.now(UTC)


@dataclass
class Tables:
    """Every stored row. Touches and follow-ups have no owner field: it is kept beside them."""

    owners: dict[Owner, OwnerSettings] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    touches: dict[int, tuple[Owner, Touch]] = field(default_factory=dict)
    followups: dict[int, tuple[Owner, Followup]] = field(default_factory=dict)
    deliveries: dict[str, Delivery] = field(default_factory=dict)
    pending: dict[Owner, str] = field(default_factory=dict)

    def copy(self) -> Tables:
        """A copy to change; shallow is enough, as stored objects are never changed."""
        return Tables(dict(self.owners), dict(self.people), dict(self.touches),
                      dict(self.followups), dict(self.deliveries), dict(self.pending))

    def size(self) -> int:
        return (len(self.owners) + len(self.people) + len(self.touches) + len(self.followups)
                + len(self.deliveries))

    def persons_owner(self, person_id: int) -> Owner | None:
        person = self.people.get(person_id)
        return None if person is None else person.owner


#: Hands out the next id of a table ("people", "touches", "followups").
NewId = Callable[[str], int]


# Owners ---------------------------------------------------------------------------------


class MemoryOwnerRepository:
    """``bot.ports.OwnerRepository`` over ``Tables.owners``."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def get(self, owner: Owner) -> OwnerSettings | None:
        found = self._t.owners.get(owner)
        return None if found is None else replace(found, owner=owner)

    async def load_many(self, who: Collection[Owner]) -> dict[Owner, OwnerData]:
        found: dict[Owner, OwnerData] = {}
        for owner in who:
            settings = await self.get(owner)
            people = [] if settings is None else [
                replace(p) for _, p in sorted(self._t.people.items()) if p.owner == owner]
            found[owner] = settings, people
        return found

    async def upsert(self, settings: OwnerSettings) -> None:
        """created_at is kept from the first insert; the digest time is kept to the minute,
        as storage writes it ('HH:MM')."""
        first = self._t.owners.get(settings.owner)
        created = first.created_at if first else settings.created_at or utcnow()
        self._t.owners[settings.owner] = replace(
            settings, created_at=utc_or_none(created),
            digest_time=settings.digest_time.replace(second=0, microsecond=0))

    async def delete_everything(self, owner: Owner) -> None:
        delete_where(self._t, lambda o: o == owner)

    async def delete_workspace(self, platform: str, workspace: str) -> int:
        if not workspace:
            raise ValueError("delete_workspace needs a workspace id; '' would be every user")
        return delete_where(self._t, lambda o: (o.platform, o.workspace) == (platform, workspace))


def delete_where(t: Tables, whose: Callable[[Owner], bool]) -> int:
    """Delete every row of the owners ``whose`` picks, in every table; rows deleted."""
    before = t.size()
    t.deliveries = {k: d for k, d in t.deliveries.items() if not whose(d.owner)}
    t.followups = {k: row for k, row in t.followups.items() if not whose(row[0])}
    t.touches = {k: row for k, row in t.touches.items() if not whose(row[0])}
    t.people = {k: p for k, p in t.people.items() if not whose(p.owner)}
    t.owners = {k: s for k, s in t.owners.items() if not whose(k)}
    return before - t.size()


# People ---------------------------------------------------------------------------------


class MemoryPersonRepository:
    """``bot.ports.PersonRepository`` over ``Tables.people``."""

    def __init__(self, tables: Tables, new_id: NewId) -> None:
        self._t = tables
        self._new_id = new_id

    async def list(self, owner: Owner) -> builtins.list[Person]:
        return [replace(p) for _, p in sorted(self._t.people.items()) if p.owner == owner]

    async def list_many(self, owners: Collection[Owner]) -> dict[Owner, builtins.list[Person]]:
        return {owner: await self.list(owner) for owner in owners}

    async def get(self, owner: Owner, person_id: int) -> Person | None:
        person = self._t.people.get(person_id)
        return replace(person) if person is not None and person.owner == owner else None

    async def by_platform_id(self, owner: Owner, platform_id: str) -> Person | None:
        return next((p for p in await self.list(owner) if p.platform_id == platform_id), None)

    async def add(self, person: Person) -> Person:
        """Stored with no touches yet (a running sum of 0), whatever the object said."""
        new_id = self._new_id("people")
        created = person.created_at or utcnow()
        self._t.people[new_id] = replace(
            person, id=new_id, created_at=utc(created), snoozed_until=utc_or_none(
                person.snoozed_until), strength_sum=0.0, last_touch_at=None)
        return replace(person, id=new_id, created_at=created)

    async def update(self, person: Person) -> None:
        """The editable fields; the running sum is the touches repository's to keep."""
        if person.id is None:
            raise ValueError("cannot update a person that has no id")
        stored = self._t.people.get(person.id)
        if stored is None or stored.owner != person.owner:
            return
        self._t.people[person.id] = replace(
            stored, name=person.name, platform_id=person.platform_id, pinned=person.pinned,
            cadence_days=person.cadence_days, snoozed_until=utc_or_none(person.snoozed_until),
            aliases=person.aliases)

    async def delete(self, owner: Owner, person_id: int) -> None:
        t = self._t
        if t.persons_owner(person_id) != owner:
            return
        theirs = {i for i, (o, f) in t.followups.items() if o == owner and f.person_id == person_id}
        t.deliveries = {k: d for k, d in t.deliveries.items()
                        if not (d.owner == owner and d.followup_id in theirs)}
        t.followups = {i: row for i, row in t.followups.items() if i not in theirs}
        t.touches = {i: (o, tc) for i, (o, tc) in t.touches.items()
                     if not (o == owner and tc.person_id == person_id)}
        del t.people[person_id]


    async def merge(self, owner: Owner, source_id: int, target_id: int) -> None:
        t = self._t
        if t.persons_owner(source_id) != owner or t.persons_owner(target_id) != owner:
            return
        t.touches = {i: (o, replace(tc, person_id=target_id) if tc.person_id == source_id
                         else tc) for i, (o, tc) in t.touches.items()}
        t.followups = {i: (o, replace(f, person_id=target_id) if f.person_id == source_id
                           else f) for i, (o, f) in t.followups.items()}
        source, target = t.people[source_id], t.people[target_id]
        lasts = [at for at in (source.last_touch_at, target.last_touch_at) if at is not None]
        t.people[target_id] = replace(
            target, strength_sum=target.strength_sum + source.strength_sum,
            last_touch_at=max(lasts) if lasts else None)
        del t.people[source_id]


# Touches --------------------------------------------------------------------------------


class MemoryTouchRepository:
    """``bot.ports.TouchRepository`` over ``Tables.touches``, keeping each person's running
    sum (``Person.strength_sum``, ``last_touch_at``) in step as ``bot.scoring`` describes."""

    def __init__(self, tables: Tables, new_id: NewId) -> None:
        self._t = tables
        self._new_id = new_id

    async def add(self, owner: Owner, touch: Touch) -> Touch:
        [stored] = self._insert([(owner, touch)])
        return replace(touch, id=stored.id)

    async def add_many(self, batch: Sequence[tuple[Owner, Touch]]) -> builtins.list[int]:
        return [touch.id or 0 for touch in self._insert(batch)]

    async def get(self, owner: Owner, touch_id: int) -> Touch | None:
        row = self._t.touches.get(touch_id)
        return row[1] if row is not None and row[0] == owner else None

    async def set_started_by(self, owner: Owner, touch_id: int, who: Initiative) -> None:
        row = self._t.touches.get(touch_id)
        if row is not None and row[0] == owner:
            self._t.touches[touch_id] = (owner, replace(row[1], started_by=who))

    def _insert(self, batch: Sequence[tuple[Owner, Touch]]) -> builtins.list[Touch]:
        """Refuse the whole batch if one person is not their owner's; else store it."""
        if any(self._t.persons_owner(t.person_id) != owner for owner, t in batch):
            raise UnknownPersonError("a touch named a person its owner does not have")
        stored = [(owner, replace(t, at=utc(t.at), id=self._new_id("touches"),
                                  minutes=t.spent))
                  for owner, t in batch]
        for owner, touch in stored:
            self._t.touches[touch.id or 0] = (owner, touch)
        self._add_to_sums(touch for _, touch in stored)
        return [touch for _, touch in stored]

    def _add_to_sums(self, touches: Iterable[Touch]) -> None:
        """Per person, the batch's masses summed first and then added, as storage does."""
        found: dict[int, tuple[float, datetime]] = {}
        for touch in touches:
            mass, latest = found.get(touch.person_id, (0.0, touch.at))
            found[touch.person_id] = (mass + touch_mass(touch), max(latest, touch.at))
        for person_id, (mass, latest) in found.items():
            person = self._t.people[person_id]
            last = max(person.last_touch_at or latest, latest)
            self._t.people[person_id] = replace(
                person, strength_sum=person.strength_sum + mass, last_touch_at=last)

    async def strengths(
        self, owners: Collection[Owner], now: datetime, half_life_days: float,
    ) -> dict[Owner, dict[int, float]]:
        """Σ hours × 0.5^(age in days / half-life) per person; a future touch counts fully."""
        found: dict[Owner, dict[int, float]] = {owner: {} for owner in owners}
        for owner, touch in self._t.touches.values():
            if owner not in found:
                continue
            age = max((now - touch.at).total_seconds() / DAY, 0.0)
            decayed = touch.spent / 60 * 0.5 ** (age / half_life_days)
            mine = found[owner]
            mine[touch.person_id] = mine.get(touch.person_id, 0.0) + decayed
        return found

    async def list(self, owner: Owner, since: datetime | None = None) -> builtins.list[Touch]:
        mine = [t for o, t in self._t.touches.values()
                if o == owner and (since is None or t.at >= since)]
        return sorted(mine, key=lambda t: (t.at, t.id or 0))

    async def retell(self, owner: Owner, touch: Touch, note: str, kind: Kind,
                     minutes: int | None = None) -> None:
        found = self._t.touches.get(touch.id or 0)
        if found is None or found[0] != owner:
            return
        stored = found[1]
        new = replace(stored, note=note, kind=kind, minutes=minutes or kind.minutes)
        self._t.touches[touch.id or 0] = (owner, new)
        person = self._t.people[stored.person_id]
        mass = touch_mass(new) - touch_mass(stored)
        self._t.people[stored.person_id] = replace(
            person, strength_sum=person.strength_sum + mass)


# Follow-ups -----------------------------------------------------------------------------


class MemoryFollowupRepository:
    """``bot.ports.FollowupRepository`` over ``Tables.followups``."""

    def __init__(self, tables: Tables, new_id: NewId) -> None:
        self._t = tables
        self._new_id = new_id

    async def add(self, owner: Owner, followup: Followup) -> Followup:
        if self._t.persons_owner(followup.person_id) != owner:
            raise UnknownPersonError(f"no person {followup.person_id} for this owner")
        new_id = self._new_id("followups")
        created = followup.created_at or utcnow()
        self._t.followups[new_id] = (owner, self._stored(
            replace(followup, id=new_id, created_at=utc(created))))
        return replace(followup, id=new_id, created_at=created)

    async def get(self, owner: Owner, followup_id: int) -> Followup | None:
        found = self._t.followups.get(followup_id)
        return replace(found[1]) if found is not None and found[0] == owner else None

    async def update(self, owner: Owner, followup: Followup) -> None:
        """Due time, text and status; the person it is about never changes."""
        if followup.id is None:
            raise ValueError("cannot update a follow-up that has no id")
        found = self._t.followups.get(followup.id)
        if found is None or found[0] != owner:
            return
        self._t.followups[followup.id] = (owner, self._stored(replace(
            found[1], due_at=followup.due_at, what=followup.what, status=followup.status,
            closed_at=followup.closed_at)))

    async def list_open(self, owner: Owner) -> builtins.list[Followup]:
        mine = [f for f in await self.list_all(owner) if f.status is FollowupStatus.OPEN]
        return sorted(mine, key=lambda f: (f.due_at, f.id or 0))

    async def count_open(self, owner: Owner) -> int:
        return len(await self.list_open(owner))

    async def open_for(self, owner: Owner, person_id: int) -> builtins.list[Followup]:
        return [f for f in await self.list_open(owner) if f.person_id == person_id]

    async def list_all(self, owner: Owner) -> builtins.list[Followup]:
        """Every follow-up whatever its status, in the order they were made."""
        mine = [replace(f) for o, f in self._t.followups.values() if o == owner]
        return sorted(mine, key=lambda f: (f.created_at or utcnow(), f.id or 0))

    @staticmethod
    def _stored(f: Followup) -> Followup:
        return replace(f, due_at=utc(f.due_at), status=FollowupStatus(f.status),
                       closed_at=utc_or_none(f.closed_at))


# Deliveries -----------------------------------------------------------------------------


class MemoryDeliveryRepository:
    """``bot.ports.DeliveryRepository`` over ``Tables.deliveries``: pending -> claimed ->
    sent | failed, or back to pending; a claim is a lease that another worker may take
    once it has run out."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def schedule(self, delivery: Delivery) -> bool:
        if delivery.key in self._t.deliveries:
            return False
        self._t.deliveries[delivery.key] = replace(
            delivery, kind=DeliveryKind(delivery.kind), status=DeliveryStatus(delivery.status),
            due_at=utc(delivery.due_at), next_attempt_at=utc_or_none(delivery.next_attempt_at),
            lease_until=utc_or_none(delivery.lease_until), sent_at=utc_or_none(delivery.sent_at))
        return True

    async def cancel_pending(
        self, owner: Owner, *, followup_id: int | None = None, kind: str | None = None
    ) -> int:
        """Pending rows matching every filter given; claimed ones are being sent: kept."""
        picked = [d for d in self._t.deliveries.values()
                  if d.owner == owner and d.status is DeliveryStatus.PENDING
                  and (followup_id is None or d.followup_id == followup_id)
                  and (kind is None or d.kind == str(kind))]
        for d in picked:
            self._t.deliveries[d.key] = replace(d, status=DeliveryStatus.CANCELLED)
        return len(picked)

    async def claim_due(
        self, now: datetime, worker: str, lease_until: datetime, limit: int,
        platforms: Sequence[str] | None = None, owners: Collection[Owner] | None = None,
        per_owner: int | None = None,
    ) -> builtins.list[Delivery]:
        """Fair across owners (``bot.schedule.fair_ranks``), at most ``per_owner`` rows of
        one owner; each claim counts an attempt."""
        ready = [d for rank, d in fair_ranks(
            d for d in self._t.deliveries.values()
            if claimable(d, now) and on_platforms(d, platforms)
            and (owners is None or d.owner in owners)) if per_owner is None or rank <= per_owner]
        claimed = []
        for d in ready[:max(limit, 0)]:
            new = replace(d, status=DeliveryStatus.CLAIMED, claimed_by=worker,
                          lease_until=utc(lease_until), attempts=d.attempts + 1)
            self._t.deliveries[d.key] = new
            claimed.append(replace(new))
        return claimed

    async def next_due_at(self, platforms: Sequence[str] | None = None,
                          owners: Collection[Owner] | None = None) -> datetime | None:
        """When the soonest pending row becomes claimable (its retry time if it has one)."""
        times = [d.next_attempt_at or d.due_at for d in self._t.deliveries.values()
                 if d.status is DeliveryStatus.PENDING and on_platforms(d, platforms)
                 and (owners is None or d.owner in owners)]
        return min(times, default=None)

    async def mark_sent(self, key: str, worker: str, now: datetime) -> bool:
        return self._finish(key, worker, lambda d: replace(
            d, status=DeliveryStatus.SENT, sent_at=utc(now), lease_until=None))

    async def retry_later(self, key: str, worker: str, at: datetime, error: str) -> None:
        self._finish(key, worker, lambda d: replace(
            d, status=DeliveryStatus.PENDING, next_attempt_at=utc(at), last_error=error,
            lease_until=None, claimed_by=None))

    async def mark_failed(self, key: str, worker: str, error: str) -> None:
        self._finish(key, worker, lambda d: replace(
            d, status=DeliveryStatus.FAILED, last_error=error, lease_until=None))

    async def get(self, key: str) -> Delivery | None:
        found = self._t.deliveries.get(key)
        return None if found is None else replace(found)

    async def list_for_owner(self, owner: Owner) -> builtins.list[Delivery]:
        mine = [replace(d) for d in self._t.deliveries.values() if d.owner == owner]
        return sorted(mine, key=lambda d: (d.due_at, d.key))

    async def weekly_digests(self, owner: Owner, since: datetime) -> builtins.list[Delivery]:
        mine = [replace(d) for d in self._t.deliveries.values()
                if d.owner == owner and d.kind is DeliveryKind.DIGEST
                and d.key.startswith("digest:")
                and (d.status is DeliveryStatus.PENDING or d.due_at >= since)]
        return sorted(mine, key=lambda d: (d.due_at, d.key))

    async def purge_finished(self, before: datetime, limit: int) -> int:
        finished = (DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.CANCELLED)
        old = sorted((d for d in self._t.deliveries.values()
                      if d.status in finished and d.due_at < before),
                     key=lambda d: (d.due_at, d.key))[:max(limit, 0)]
        for d in old:
            del self._t.deliveries[d.key]
        return len(old)

    def _finish(self, key: str, worker: str, change: Callable[[Delivery], Delivery]) -> bool:
        """Apply ``change`` only while ``worker`` still holds the claim; True if it did."""
        d = self._t.deliveries.get(key)
        if d is None or d.status is not DeliveryStatus.CLAIMED or d.claimed_by != worker:
            return False
        self._t.deliveries[key] = change(d)
        return True


def claimable(d: Delivery, now: datetime) -> bool:
    """Due pending rows whose retry time has come, and claimed rows whose lease ran out."""
    if d.status is DeliveryStatus.PENDING:
        return d.due_at <= now and (d.next_attempt_at is None or d.next_attempt_at <= now)
    return (d.status is DeliveryStatus.CLAIMED and d.lease_until is not None
            and d.lease_until < now)


def on_platforms(d: Delivery, platforms: Sequence[str] | None) -> bool:
    return platforms is None or d.owner.platform in platforms


# The unit of work and its database --------------------------------------------------------


class MemoryDatabase:
    """What ``storage.Storage`` is to the SQL unit of work: the committed tables, the id
    sequences, and ``uow``, the core's ``UnitOfWorkFactory``."""

    def __init__(self) -> None:
        self.committed = Tables()
        self._last_ids: dict[str, int] = {}
        self._turn = asyncio.Lock()
        self._holder: asyncio.Task[object] | None = None

    def uow(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self)

    def new_id(self, table: str) -> int:
        """Increasing per table and never reused, not even after a rollback (as
        PostgreSQL's sequences)."""
        self._last_ids[table] = self._last_ids.get(table, 0) + 1
        return self._last_ids[table]

    async def take_turn(self) -> None:
        """One unit of work at a time; entering a second inside the first is a bug that
        would wait forever, so it is refused."""
        task = asyncio.current_task()
        if self._holder is not None and self._holder is task:
            raise RuntimeError("a unit of work was entered inside another one")
        await self._turn.acquire()
        self._holder = task

    def end_turn(self) -> None:
        self._holder = None
        self._turn.release()


class MemoryPendingCommands:
    """``bot.ports.PendingCommandRepository`` over ``Tables.pending``."""

    def __init__(self, tables: Tables) -> None:
        self._t = tables

    async def get(self, owner: Owner) -> str | None:
        return self._t.pending.get(owner)

    async def put(self, owner: Owner, command: str) -> None:
        self._t.pending[owner] = command

    async def clear(self, owner: Owner) -> None:
        self._t.pending.pop(owner, None)


class MemoryUnitOfWork:
    """``bot.ports.UnitOfWork`` over a ``MemoryDatabase``: a copy of its tables from
    entering, made the committed state by ``commit()``, dropped on leaving without it.
    After a commit the same block may go on and commit again."""

    # Typed as the ports (protocol attributes are invariant for type checkers).
    owners: OwnerRepository
    people: PersonRepository
    touches: TouchRepository
    followups: FollowupRepository
    deliveries: DeliveryRepository
    pending: PendingCommandRepository

    def __init__(self, database: MemoryDatabase) -> None:
        self._database = database
        self._tables: Tables | None = None

    async def __aenter__(self) -> Self:
        if self._tables is not None:
            raise RuntimeError("a unit of work can be entered only once at a time")
        await self._database.take_turn()
        tables = self._tables = self._database.committed.copy()
        new_id = self._database.new_id
        self.owners = MemoryOwnerRepository(tables)
        self.people = MemoryPersonRepository(tables, new_id)
        self.touches = MemoryTouchRepository(tables, new_id)
        self.followups = MemoryFollowupRepository(tables, new_id)
        self.deliveries = MemoryDeliveryRepository(tables)
        self.pending = MemoryPendingCommands(tables)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._tables is None:
            return
        self._tables = None
        self._database.end_turn()

    async def commit(self) -> None:
        if self._tables is None:
            raise RuntimeError("commit() outside the unit of work's async with block")
        self._database.committed = self._tables.copy()
