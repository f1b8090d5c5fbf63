"""``bootstrap(settings)``: builds everything, once, with no globals.

This is the one module of the core allowed to import storage and adapters, because it is
where the ports meet their implementations. Platform libraries are imported only when
their credentials are set, so the terminal never pays for Slack or Discord.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import structlog

from bot.clock import SystemClock
from bot.ports import Clock, Notifier
from bot.services import VitalFewService
from bot.settings import Settings
from storage import Storage

if TYPE_CHECKING:
    from bot.delivery import DeliveryEngine
    from bot.ticker import Ticker

log = structlog.get_logger(__name__)


@dataclass
class App:
    """Everything a process runs, built by ``bootstrap``."""

    settings: Settings
    storage: Storage
    clock: Clock
    service: VitalFewService
    notifiers: dict[str, Notifier] = field(default_factory=dict)
    ticker: Ticker | None = None

    def engine(self, worker_id: str | None = None) -> DeliveryEngine:
        from bot.delivery import DeliveryEngine
        from storage.bulk import BulkDigestReader

        return DeliveryEngine(self.storage.uow, self.clock, self.notifiers, worker_id,
                              digests=BulkDigestReader(self.storage.engine))

    def start_deliveries(self) -> Ticker:
        """One ticker per process; safe to run in every replica."""
        from bot.ticker import Ticker  # APScheduler: only for processes that deliver

        self.ticker = Ticker(self.engine(), self.settings.vitalfew_tick_seconds)
        self.ticker.start()
        return self.ticker

    def kick(self) -> None:
        if self.ticker:
            self.ticker.kick()

    async def close(self) -> None:
        if self.ticker:
            await self.ticker.stop()
        await self.storage.dispose()


def bootstrap(settings: Settings, clock: Clock | None = None) -> App:
    """Build storage and services; adapters add their notifiers as they start."""
    storage = Storage(settings.database_url)
    clock = clock or SystemClock()
    holder: list[App] = []
    service = VitalFewService(storage.uow, clock, on_delivery_due=lambda: holder[0].kick())
    app = App(settings, storage, clock, service)
    holder.append(app)
    return app


async def run_platforms(settings: Settings, only: set[str] | None = None) -> int:
    """`vitalfew run` with credentials: every configured platform side by side.

    Each adapter package exposes a ``Runtime`` built from the ``App``: it owns its notifier
    (registered before deliveries start) and an ``async run()`` that serves until
    cancelled. ``only`` limits it to the platforms named, for split processes.
    """
    app = bootstrap(settings)
    await app.storage.migrate()
    runtimes = []
    if settings.slack_enabled and (only is None or "slack" in only):
        from adapters.slack import SlackRuntime

        runtimes.append(SlackRuntime(app))
    if settings.discord_enabled and (only is None or "discord" in only):
        from adapters.discord import DiscordRuntime

        runtimes.append(DiscordRuntime(app))
    for runtime in runtimes:
        app.notifiers[runtime.platform] = runtime.notifier
    app.start_deliveries()
    log.info("started", platforms=[r.platform for r in runtimes])
    try:
        await asyncio.gather(*(r.run() for r in runtimes))
    finally:
        await app.close()
    return 0
