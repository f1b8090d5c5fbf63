"""The deliveries table: the scheduler's only timer, claimed with leases.

A row moves pending -> claimed -> sent | failed, or back to pending through
``retry_later``. A claim is a lease: when a worker dies, its rows become claimable again
once ``lease_until`` passes, and the worker that lost them finds out because
``mark_sent``/``retry_later``/``mark_failed`` only act for the current holder.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    delete,
    false,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import Delivery, DeliveryKind, DeliveryStatus, Owner
from bot.schedule import fair_order
from storage.repositories._common import dialect_insert, owned_by
from storage.rows import delivery_from_row, delivery_values
from storage.schema import deliveries
from storage.types import UTCDateTime

PENDING = DeliveryStatus.PENDING.value
CLAIMED = DeliveryStatus.CLAIMED.value
#: Rows no worker will touch again: purged once they are old (``purge_finished``).
FINISHED = (DeliveryStatus.SENT.value, DeliveryStatus.FAILED.value,
            DeliveryStatus.CANCELLED.value)


def on_platforms(platforms: Sequence[str] | None) -> ColumnElement[bool]:
    """Only owners of these platforms: a process claims what it has a notifier for."""
    return deliveries.c.platform.in_(list(platforms)) if platforms is not None else true()


def of_owners(owners: Collection[Owner] | None) -> ColumnElement[bool]:
    """Only these owners' rows: a terminal delivers to its own user alone."""
    if owners is None:
        return true()
    return or_(false(), *(owned_by(deliveries, o) for o in owners))


def due_pending(now: datetime) -> ColumnElement[bool]:
    """Pending rows that fell due and whose retry time, if any, has come."""
    c = deliveries.c
    return and_(
        c.status == PENDING,
        c.due_at <= now,
        or_(c.next_attempt_at.is_(None), c.next_attempt_at <= now),
    )


def lease_expired(now: datetime) -> ColumnElement[bool]:
    """Claimed rows whose worker did not finish them in time (it crashed, or hangs)."""
    c = deliveries.c
    return and_(c.status == CLAIMED, c.lease_until < now)


def claimable(now: datetime) -> ColumnElement[bool]:
    """Due pending rows whose retry time has come, and claimed rows whose lease ran out."""
    return or_(due_pending(now), lease_expired(now))


#: On PostgreSQL, how many fair candidates per row to claim are looked at, so that
#: concurrent claimers skipping each other's locked rows still find a batch each.
CANDIDATES_PER_ROW = 4


def _pick_keys(
    dialect: str, now: datetime, limit: int, platforms: Sequence[str] | None,
    owners: Collection[Owner] | None = None, per_owner: int | None = None,
) -> Select[Any]:
    """The keys to claim, fairly: every owner's soonest row before anyone's second, the
    workspaces interleaved, and at most ``per_owner`` rows of one owner in a claim.

    One owner's backlog (a thousand reminders due at one minute, a flood of
    ``digest now``) then never fills a claim, so another owner's due row is in the next
    claim, and a tick, whose length a platform's per-channel pacing sets, holds only a
    few messages of any one channel. The rank is a window over the claimable rows (due
    pending rows, and claimed rows whose lease ran out); a backlog makes the claim scan
    it, which is the price of knowing whose rows they are.

    PostgreSQL: window functions cannot take row locks, so the fair candidates (a few
    times ``limit``) are picked first and then locked in their order with
    ``FOR UPDATE SKIP LOCKED`` up to ``limit``: concurrent claimers take disjoint batches
    without waiting. Both are MATERIALIZED CTEs so the pick runs exactly once (as a
    plain ``IN (subquery)`` the planner may re-run a LIMIT per row and claim more).
    SQLite: one writer at a time already makes the UPDATE atomic, and it evaluates the
    ``IN`` list once.
    """
    c = deliveries.c
    ranked = (
        select(
            c.key, c.due_at,
            func.row_number().over(partition_by=(c.platform, c.workspace, c.user_id),
                                   order_by=(c.due_at, c.key)).label("owner_rank"),
            func.row_number().over(partition_by=(c.platform, c.workspace),
                                   order_by=(c.due_at, c.key)).label("workspace_rank"),
        )
        .where(claimable(now), on_platforms(platforms), of_owners(owners))
        .subquery("ranked")
    )
    fair_order = (ranked.c.owner_rank, ranked.c.workspace_rank, ranked.c.due_at, ranked.c.key)
    capped = true() if per_owner is None else ranked.c.owner_rank <= per_owner
    if dialect != "postgresql":
        return select(ranked.c.key).where(capped).order_by(*fair_order).limit(limit)
    fair = (
        select(*ranked.c).where(capped).order_by(*fair_order)
        .limit(limit * CANDIDATES_PER_ROW).cte("fair").prefix_with("MATERIALIZED")
    )
    locked = (
        select(c.key)
        .join(fair, fair.c.key == c.key)
        .where(claimable(now))  # re-checked on a row another claimer just committed
        .order_by(fair.c.owner_rank, fair.c.workspace_rank, fair.c.due_at, fair.c.key)
        .limit(limit)
        .with_for_update(skip_locked=True, of=deliveries)
        .cte("picked").prefix_with("MATERIALIZED")
    )
    return select(locked.c.key)


class SqlDeliveryRepository:
    """``bot.ports.DeliveryRepository`` over the ``deliveries`` table."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def schedule(self, delivery: Delivery) -> bool:
        """INSERT ... ON CONFLICT DO NOTHING: a second schedule of a key is a quiet False."""
        stmt = (
            dialect_insert(self._conn, deliveries)
            .values(delivery_values(delivery))
            .on_conflict_do_nothing(index_elements=[deliveries.c.key])
            .returning(deliveries.c.key)
        )
        return await self._conn.scalar(stmt) is not None

    async def cancel_pending(
        self, owner: Owner, *, followup_id: int | None = None, kind: str | None = None
    ) -> int:
        """Cancel pending rows matching every filter given (no filter: all pending).

        Claimed rows are left alone: a worker is sending them right now.
        """
        query = update(deliveries).where(
            owned_by(deliveries, owner), deliveries.c.status == PENDING
        )
        if followup_id is not None:
            query = query.where(deliveries.c.followup_id == followup_id)
        if kind is not None:
            query = query.where(deliveries.c.kind == str(kind))
        result = await self._conn.execute(query.values(status=DeliveryStatus.CANCELLED.value))
        return result.rowcount

    async def claim_due(
        self, now: datetime, worker: str, lease_until: datetime, limit: int,
        platforms: Sequence[str] | None = None, owners: Collection[Owner] | None = None,
        per_owner: int | None = None,
    ) -> list[Delivery]:
        """One UPDATE ... WHERE key IN (pick) [AND still claimable] ... RETURNING, the
        pick fair across owners and workspaces (``_pick_keys``).

        On PostgreSQL, re-checking ``claimable`` in the outer WHERE means a row another
        claimer took between the pick and the update is not taken twice. SQLite runs the
        statement under the database's write lock, so nothing can change in between; it
        leaves the re-check out because its planner then scans the status indexes
        instead of looking the picked keys up by primary key.
        """
        if limit <= 0:
            return []
        dialect = self._conn.dialect.name
        pick = _pick_keys(dialect, now, limit, platforms, owners, per_owner)
        still_claimable = claimable(now) if dialect == "postgresql" else true()
        stmt = (
            update(deliveries)
            .where(deliveries.c.key.in_(pick), still_claimable)
            .values(
                status=CLAIMED,
                claimed_by=worker,
                lease_until=lease_until,
                attempts=deliveries.c.attempts + 1,
            )
            .returning(*deliveries.c)
        )
        rows = (await self._conn.execute(stmt)).mappings().all()
        return fair_order([delivery_from_row(row) for row in rows])

    async def next_due_at(self, platforms: Sequence[str] | None = None,
                          owners: Collection[Owner] | None = None) -> datetime | None:
        """The soonest instant a pending row becomes claimable (its retry time if later)."""
        c = deliveries.c
        ready = func.coalesce(c.next_attempt_at, c.due_at, type_=UTCDateTime())
        stmt = select(func.min(ready, type_=UTCDateTime())).where(
            c.status == PENDING, on_platforms(platforms), of_owners(owners))
        return await self._conn.scalar(stmt)

    async def mark_sent(self, key: str, worker: str, now: datetime) -> bool:
        return await self._finish(
            key, worker, status=DeliveryStatus.SENT.value, sent_at=now, lease_until=None
        )

    async def retry_later(self, key: str, worker: str, at: datetime, error: str) -> None:
        """Back to pending, claimable again from ``at``; ignored if the lease was lost."""
        await self._finish(
            key,
            worker,
            status=PENDING,
            next_attempt_at=at,
            last_error=error,
            lease_until=None,
            claimed_by=None,
        )

    async def mark_failed(self, key: str, worker: str, error: str) -> None:
        """Give up for good; ignored if the lease was lost."""
        await self._finish(
            key, worker, status=DeliveryStatus.FAILED.value, last_error=error, lease_until=None
        )

    async def get(self, key: str) -> Delivery | None:
        result = await self._conn.execute(select(deliveries).where(deliveries.c.key == key))
        row = result.mappings().first()
        return None if row is None else delivery_from_row(row)

    async def weekly_digests(self, owner: Owner, since: datetime) -> list[Delivery]:
        """The owner's weekly digest rows that are pending or due from ``since``: what
        rescheduling needs, never the whole history."""
        c = deliveries.c
        result = await self._conn.execute(
            select(deliveries)
            .where(owned_by(deliveries, owner), c.kind == DeliveryKind.DIGEST.value,
                   c.key.startswith("digest:", autoescape=True),
                   or_(c.status == PENDING, c.due_at >= since))
            .order_by(c.due_at, c.key)
        )
        return [delivery_from_row(row) for row in result.mappings()]

    async def purge_finished(self, before: datetime, limit: int) -> int:
        """Delete up to ``limit`` sent, failed or cancelled rows due before ``before``
        (range scans of ``ix_deliveries_status_due_at``); how many went."""
        c = deliveries.c
        old = (select(c.key)
               .where(c.status.in_(FINISHED), c.due_at < before)
               .limit(limit).scalar_subquery())
        result = await self._conn.execute(delete(deliveries).where(c.key.in_(old)))
        return result.rowcount

    async def list_for_owner(self, owner: Owner) -> list[Delivery]:
        result = await self._conn.execute(
            select(deliveries)
            .where(owned_by(deliveries, owner))
            .order_by(deliveries.c.due_at, deliveries.c.key)
        )
        return [delivery_from_row(row) for row in result.mappings()]

    async def _finish(self, key: str, worker: str, **values: Any) -> bool:
        """Apply ``values`` only while ``worker`` still holds the claim; True if it did."""
        result = await self._conn.execute(
            update(deliveries)
            .where(
                deliveries.c.key == key,
                deliveries.c.status == CLAIMED,
                deliveries.c.claimed_by == worker,
            )
            .values(**values)
        )
        return result.rowcount == 1
