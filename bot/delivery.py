"""The delivery engine: reminders and digests, each sent exactly once.

The deliveries table is the only timer. Each tick claims due rows under a lease, asks
the notifier whether a row that was tried before already went out (the crash window
between a platform accepting a message and us marking it sent), sends, and marks.
The digests a tick claims are composed together from a bulk source when there is one
(``bot.fanout``: a few reads for all of them, not four per owner), else one by one.
Retryable failures are retried with backoff and jitter, briefly in place and then by
putting the row back with a later ``next_attempt_at``; permanent ones are recorded.
"""

from __future__ import annotations

import asyncio
import random
import socket
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import structlog

from bot import views
from bot.digest import build_digest
from bot.domain import Delivery, DeliveryKind, FollowupStatus, Owner
from bot.fanout import DigestSource, digests_for
from bot.ports import (
    Clock,
    Notifier,
    PermanentDeliveryError,
    RetryableDeliveryError,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.replies import Reply
from bot.schedule import is_weekly_digest, reminder_key, reschedule_digest
from bot.timefmt import zone

log = structlog.get_logger(__name__)


@dataclass
class TickReport:
    claimed: int = 0
    sent: int = 0
    already_sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass
class DeliveryPolicy:
    """How hard to try. A worker sends a row only while its lease covers a whole send
    (``send_timeout``), so a slow platform or a long queue cannot make two workers send
    the same row: the lease is the promise that nobody else is sending it."""

    lease: timedelta = timedelta(minutes=2)
    batch: int = 200
    #: Rows of one owner in a claim: one owner's backlog never fills a claim, and a tick
    #: (as long as the platform's per-channel pacing makes it) holds few of one channel.
    per_owner: int = 5
    concurrency: int = 8
    inline_attempts: int = 3
    max_inline_wait: float = 10.0  # seconds; longer Retry-After goes back to the table
    base_backoff: float = 1.0
    max_backoff: float = 600.0
    max_attempts: int = 12  # claims, each with up to ``inline_attempts`` sends
    send_timeout: float = 30.0  # seconds one send or already_sent may take
    #: Sent, failed and cancelled rows older than this are deleted, ``purge_batch`` at a
    #: time at most every ``purge_every`` (at every tick while a backlog is left).
    keep_finished: timedelta = timedelta(weeks=8)
    purge_every: timedelta = timedelta(hours=1)
    purge_batch: int = 1000
    jitter: Callable[[], float] = field(default=random.random)


class DeliveryEngine:
    """Claims due deliveries and hands them to the owner's platform notifier."""

    def __init__(
        self, uow: UnitOfWorkFactory, clock: Clock, notifiers: Mapping[str, Notifier],
        worker_id: str | None = None, policy: DeliveryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        digests: DigestSource | None = None, owners: Collection[Owner] | None = None,
    ) -> None:
        """``owners``: deliver to these owners only (a terminal, to its own user), leaving
        everyone else's rows pending for their own process; None: every owner."""
        self._uow = uow
        self._owners = None if owners is None else tuple(owners)
        self._digests = digests
        self._clock = clock
        self._notifiers = notifiers
        self.worker_id = worker_id or f"{socket.gethostname()}:{id(self):x}"
        self.policy = policy or DeliveryPolicy()
        self._sleep = sleep
        self._next_purge: datetime | None = None

    async def tick(self) -> TickReport:
        """Claim and deliver everything due now; returns what happened."""
        now = self._clock.now()
        await self._purge(now)
        async with self._uow() as uow:
            claimed = await uow.deliveries.claim_due(
                now, self.worker_id, now + self.policy.lease, self.policy.batch,
                platforms=tuple(self._notifiers), owners=self._owners,
                per_owner=self.policy.per_owner)
            await uow.commit()
        report = TickReport(claimed=len(claimed))
        gate = asyncio.Semaphore(self.policy.concurrency)
        composed = await self._digests_together(claimed, now)

        async def one(d: Delivery) -> None:
            async with gate:
                outcome = await self._deliver(d, composed)
                setattr(report, outcome, getattr(report, outcome) + 1)

        await asyncio.gather(*(one(d) for d in claimed))
        if claimed:
            log.info("tick", worker=self.worker_id, **report.__dict__)
        return report

    async def _purge(self, now: datetime) -> None:
        """Delete old finished rows, so the table holds weeks of history, not years. A
        failure is logged and leaves the tick alone: the rows wait for the next purge."""
        if self._next_purge is not None and now < self._next_purge:
            return
        try:
            async with self._uow() as uow:
                purged = await uow.deliveries.purge_finished(
                    now - self.policy.keep_finished, self.policy.purge_batch)
                await uow.commit()
        except Exception:
            log.exception("purge_failed")
            purged = 0
        caught_up = purged < self.policy.purge_batch
        self._next_purge = now + self.policy.purge_every if caught_up else None
        if purged:
            log.info("deliveries_purged", rows=purged, worker=self.worker_id)

    async def next_due_at(self) -> datetime | None:
        async with self._uow() as uow:
            return await uow.deliveries.next_due_at(platforms=tuple(self._notifiers),
                                                    owners=self._owners)

    async def _digests_together(
        self, claimed: list[Delivery], now: datetime
    ) -> Mapping[Owner, Reply] | None:
        """The claimed digests, composed at once from the bulk source (an owner left out
        gets none, as ``_compose`` decides); None to compose them one by one."""
        owners = {d.owner for d in claimed if d.kind is DeliveryKind.DIGEST}
        if self._digests is None or not owners:
            return None
        try:
            return await digests_for(self._digests, owners, now)
        except Exception:  # the database, or a bug: each digest is then composed alone
            log.exception("digests_together_failed", owners=len(owners))
            return None

    async def _deliver(self, d: Delivery, composed: Mapping[Owner, Reply] | None = None) -> str:
        notifier = self._notifiers[d.owner.platform]
        try:
            if d.attempts > 1 and await self._went_out(notifier, d):
                return "already_sent"
            if composed is not None and d.kind is DeliveryKind.DIGEST:
                message = composed.get(d.owner)
            else:
                message = await self._compose(d)
            if message is None:
                await self._finish(d, failed="obsolete: nothing to send any more")
                return "skipped"
            return await self._send(notifier, d, message)
        except Exception as err:  # a bug or the database: keep the row, try again later
            log.exception("delivery_error", key=d.key)
            return await self._give_back(d, self._backoff(d.attempts), err)

    async def _send(self, notifier: Notifier, d: Delivery, message: Reply) -> str:
        """A few quick tries; before a resend after an unclear failure (a timeout, a
        5xx: the platform may have taken it) ask whether the message is there already."""
        for attempt in range(1, self.policy.inline_attempts + 1):
            if not self._lease_covers(d, 0):
                return await self._defer(d)
            try:
                async with asyncio.timeout(self.policy.send_timeout):
                    await notifier.send(d.owner, message, d.key)
            except PermanentDeliveryError as err:
                log.warning("delivery_failed", key=d.key, reason=str(err))
                await self._finish(d, failed=f"permanent: {err}")
                return "failed"
            except (RetryableDeliveryError, TimeoutError, OSError) as err:
                wait = self._wait_for(err, d.attempts + attempt - 1)
                if (attempt == self.policy.inline_attempts or wait > self.policy.max_inline_wait
                        or not self._lease_covers(d, wait)):
                    return await self._give_back(d, wait, err)
                await self._sleep(wait)
                if _unclear(err) and await self._went_out(notifier, d):
                    return "already_sent"
            else:
                await self._finish(d, sent=True)
                return "sent"
        raise AssertionError("unreachable")

    async def _went_out(self, notifier: Notifier, d: Delivery) -> bool:
        """Ask the platform whether this delivery's message is there; if so, mark it."""
        async with asyncio.timeout(self.policy.send_timeout):
            found = await notifier.already_sent(d.owner, d.key)
        if found:
            await self._finish(d, sent=True)
        return found

    def _lease_covers(self, d: Delivery, wait: float) -> bool:
        """Whether waiting ``wait`` seconds and then one whole send ends within the lease."""
        seconds = wait + self.policy.send_timeout
        return d.lease_until is None or (
            self._clock.now() + timedelta(seconds=seconds) <= d.lease_until)

    async def _defer(self, d: Delivery) -> str:
        """Too little lease left to send safely: back to the table, due at once."""
        await self._retry(d, 0.0, "deferred: lease too short to send")
        return "retried"

    async def _give_back(self, d: Delivery, wait: float, err: Exception) -> str:
        if d.attempts >= self.policy.max_attempts:
            await self._finish(d, failed=f"gave up after {d.attempts} attempts: {err!r}")
            return "failed"
        await self._retry(d, wait, repr(err))
        return "retried"

    def _wait_for(self, err: Exception, attempt: int) -> float:
        retry_after = getattr(err, "retry_after", None)
        if retry_after is not None:
            return float(retry_after) + self.policy.jitter()
        return self._backoff(attempt)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with full jitter, capped."""
        doubled = self.policy.base_backoff * 2.0 ** max(attempt - 1, 0)
        ceiling = min(float(doubled), self.policy.max_backoff)
        return ceiling * (0.5 + self.policy.jitter() / 2)

    async def _retry(self, d: Delivery, wait: float, error: str) -> None:
        at = self._clock.now() + timedelta(seconds=wait)
        async with self._uow() as uow:
            await uow.deliveries.retry_later(d.key, self.worker_id, at, error[:500])
            await uow.commit()

    async def _finish(self, d: Delivery, sent: bool = False, failed: str | None = None) -> None:
        now = self._clock.now()
        async with self._uow() as uow:
            if sent:
                held = await uow.deliveries.mark_sent(d.key, self.worker_id, now)
            else:
                await uow.deliveries.mark_failed(d.key, self.worker_id, failed or "")
                held = True
            if held and is_weekly_digest(d):
                await self._schedule_next_digest(uow, d, now)
            await uow.commit()
        if not held:
            log.warning("lease_lost", key=d.key, worker=self.worker_id)

    async def _schedule_next_digest(self, uow: UnitOfWork, d: Delivery, now: datetime) -> None:
        """Next week's digest, in the same transaction that closes this week's."""
        settings = await uow.owners.get(d.owner)
        if settings:
            await reschedule_digest(uow.deliveries, settings, max(now, d.due_at))

    async def _compose(self, d: Delivery) -> Reply | None:
        """The message a delivery carries, built when it is sent; None when obsolete."""
        now = self._clock.now()
        async with self._uow() as uow:
            settings = await uow.owners.get(d.owner)
            if settings is None:
                return None
            tz = zone(settings.zone_name)
            if d.kind is DeliveryKind.REMINDER:
                f = await uow.followups.get(d.owner, d.followup_id or 0)
                if f is None or f.status is not FollowupStatus.OPEN or reminder_key(f) != d.key:
                    return None  # closed, or snoozed to a new delivery
                person = await uow.people.get(d.owner, f.person_id)
                return views.reminder(f, person, now, tz) if person else None
            people = await uow.people.list(d.owner)
            if not people:
                return None
            return build_digest(settings, people, await uow.touches.list(d.owner),
                                await uow.followups.list_open(d.owner), now, tz)


def _unclear(err: Exception) -> bool:
    """Whether the platform may have taken the message despite the error. A rate limit
    (Retry-After) is a refusal; a timeout, a reset connection or a 5xx may not be."""
    return getattr(err, "retry_after", None) is None
