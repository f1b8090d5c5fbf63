"""The periodic tick that drives deliveries: one APScheduler interval job, nothing more.

The database holds every timer; the scheduler only decides *when to look*. Its job store
is in memory and holds this single job, never one job per reminder. After each tick it
moves its next run forward to the soonest due delivery, so a reminder is not late by up
to a whole interval.
"""

from __future__ import annotations

from datetime import UTC, datetime

import structlog
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.delivery import DeliveryEngine

log = structlog.get_logger(__name__)


class Ticker:
    def __init__(self, engine: DeliveryEngine, seconds: float) -> None:
        self.engine = engine
        self.seconds = seconds
        self._scheduler: AsyncIOScheduler | None = None

    def start(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_job(
            self._run, "interval", seconds=self.seconds, id="deliveries",
            next_run_time=datetime.now(UTC), max_instances=1, coalesce=True,
            misfire_grace_time=None,
        )
        self._scheduler.start()

    def kick(self) -> None:
        """Look for due deliveries now (a digest asked for, a near reminder stored)."""
        self._wake_at(datetime.now(UTC))

    def _wake_at(self, at: datetime) -> None:
        job = self._scheduler.get_job("deliveries") if self._scheduler else None
        if job and job.next_run_time and at < job.next_run_time:
            job.modify(next_run_time=at)

    async def _run(self) -> None:
        try:
            report = await self.engine.tick()
            while report.claimed >= self.engine.policy.batch:
                report = await self.engine.tick()
            soonest = await self.engine.next_due_at()
        except Exception:
            log.exception("tick_failed")
            return
        if soonest is not None:
            self._wake_at(max(soonest, datetime.now(UTC)))

    def shutdown(self) -> None:
        if self._scheduler and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
