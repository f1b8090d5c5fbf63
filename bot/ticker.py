"""The periodic tick that drives deliveries: one APScheduler interval job, nothing more.

The database holds every timer; the scheduler only decides *when to look*. Its job store
is in memory and holds this single job, never one job per reminder. After each tick it
moves its next run forward to the soonest due delivery, so a reminder is not late by up
to a whole interval.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta

import structlog
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.delivery import DeliveryEngine

log = structlog.get_logger(__name__)

MIN_GAP = timedelta(seconds=1)


class Ticker:
    def __init__(self, engine: DeliveryEngine, seconds: float) -> None:
        self.engine = engine
        self.seconds = seconds
        self._scheduler: AsyncIOScheduler | None = None
        self._kicked = False
        self._stopping = False
        self._running: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_job(
            self._run, "interval", seconds=self.seconds, id="deliveries",
            next_run_time=datetime.now(UTC), max_instances=1, coalesce=True,
            misfire_grace_time=None,
        )
        self._scheduler.start()

    def kick(self) -> None:
        """Look for due deliveries now (a digest asked for, a near reminder stored).

        The tick starts here, as a task of its own, rather than by moving the interval
        job: APScheduler counts a job as running until some moments after it returns, and
        skips (with a warning) a run moved into that window, which would lose the kick.
        A kick during a tick is remembered: the tick goes round once more.
        """
        self._kicked = True
        if self._running is None and self._scheduler is not None and not self._stopping:
            self._running = asyncio.get_running_loop().create_task(self._tick())

    def _wake_at(self, at: datetime) -> None:
        job = self._scheduler.get_job("deliveries") if self._scheduler else None
        if job and job.next_run_time and at < job.next_run_time:
            job.modify(next_run_time=at)

    async def _run(self) -> None:
        """The interval job: a tick, unless a kick's tick is on (it goes round again)."""
        if self._running is not None:
            self._kicked = True
            return
        self._running = asyncio.current_task()
        await self._tick()

    async def _tick(self) -> None:
        try:
            await self._tick_until_done()
        finally:
            self._running = None

    async def _tick_until_done(self) -> None:
        try:
            while True:
                self._kicked = False
                report = await self.engine.tick()
                if report.claimed >= self.engine.policy.batch:
                    continue  # more are due than one batch holds
                soonest = await self.engine.next_due_at()
                if not self._kicked:
                    break
        except Exception:
            log.exception("tick_failed")
            return
        if soonest is not None:  # not before a second from now: a due row a replica
            # holds, or a clock a little behind, must not make the loop spin
            self._wake_at(max(soonest, datetime.now(UTC) + MIN_GAP))

    def shutdown(self) -> None:
        """Stop scheduling ticks; a tick in flight goes on (see ``stop``)."""
        if self._scheduler and self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    async def stop(self, grace: float = 10.0) -> None:
        """Stop ticking and let a tick in flight finish before the database is closed.

        Closing the pool under a running tick leaves a task that never ends, and the
        process hangs at exit. A tick cut off after ``grace`` loses nothing: its rows
        are leased, and the next process takes them over once the lease runs out.
        """
        # Paused, not shut down, while the tick finishes: APScheduler's shutdown cancels
        # a running coroutine job (and logs the cancellation as the job's error).
        self._stopping = True
        if self._scheduler and self._scheduler.running:
            self._scheduler.pause()
        await asyncio.sleep(0)  # a tick whose task APScheduler just made gets to start
        task = self._running
        if task is not None and not task.done():
            try:
                await asyncio.wait_for(asyncio.shield(task), grace)
            except TimeoutError:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self.shutdown()
