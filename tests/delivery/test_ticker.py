"""The ticker: one APScheduler interval job that wakes early when something is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from delivery_fakes import add_reminders, until

from bot.ticker import Ticker

HOUR = 3600.0


class CountingEngine:
    """A real engine that counts its ticks and can run something during one."""

    def __init__(self, engine, during_tick=None) -> None:
        self.engine, self.ticks, self.during_tick = engine, 0, during_tick
        self.policy = engine.policy

    async def tick(self):
        self.ticks += 1
        if self.during_tick and self.ticks == 1:
            self.during_tick()
        return await self.engine.tick()

    async def next_due_at(self):
        return await self.engine.next_due_at()




async def started(engine) -> Ticker:
    ticker = Ticker(engine, HOUR)
    ticker.start()
    return ticker


async def test_one_interval_job_runs_at_start_and_then_once_an_hour(engine):
    spy = CountingEngine(engine)
    ticker = await started(spy)
    try:
        [job] = ticker._scheduler.get_jobs()
        assert (job.id, str(job.trigger)) == ("deliveries", "interval[1:00:00]")
        await until(lambda: spy.ticks == 1)
        await until(lambda: job.next_run_time > datetime.now(UTC) + timedelta(minutes=59))
        assert len(ticker._scheduler.get_jobs()) == 1  # never a job per delivery
    finally:
        await ticker.stop()


async def test_kick_ticks_at_once_even_right_after_a_tick(engine, caplog):
    spy = CountingEngine(engine)
    ticker = await started(spy)
    try:
        for n in range(1, 6):  # each kick the moment the previous tick has returned
            await until(lambda n=n: spy.ticks == n and ticker._running is None)
            ticker.kick()
        await until(lambda: spy.ticks == 6)
        [job] = ticker._scheduler.get_jobs()
        assert job.next_run_time > datetime.now(UTC) + timedelta(minutes=59)  # as it was
    finally:
        await ticker.stop()
    assert not [r for r in caplog.records if "skipped" in r.getMessage()]


async def test_a_kick_during_a_tick_is_not_lost_nor_logged_as_a_skipped_run(engine, caplog):
    holder: list[Ticker] = []
    spy = CountingEngine(engine, during_tick=lambda: holder[0].kick())
    holder.append(await started(spy))
    try:
        await until(lambda: spy.ticks == 2)  # the same run went round once more
    finally:
        await holder[0].stop()
    # a moved run during a tick is skipped by APScheduler with a warning, which the
    # terminal prints among the replies
    assert not [r for r in caplog.records if "skipped" in r.getMessage()]


async def test_it_wakes_for_the_soonest_due_delivery(store, engine, clock):
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=10)
    clock.set(soon - timedelta(minutes=10))
    await add_reminders(store, 1, soon)
    spy = CountingEngine(engine)
    ticker = await started(spy)
    try:
        [job] = ticker._scheduler.get_jobs()
        await until(lambda: spy.ticks == 1 and job.next_run_time <= soon)
        assert job.next_run_time == soon
    finally:
        await ticker.stop()
