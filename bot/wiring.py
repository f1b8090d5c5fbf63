"""``bootstrap(settings)``: builds everything, once, with no globals.

This is the one module of the core allowed to import storage and adapters, because it is
where the ports meet their implementations. Platform libraries are imported only when
their credentials are set, so the terminal never pays for Slack or Discord.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.clock import SystemClock
from bot.delivery import DeliveryEngine
from bot.ports import Clock, Notifier
from bot.services import VitalFewService
from bot.settings import Settings
from bot.ticker import Ticker
from storage import Storage


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
        return DeliveryEngine(self.storage.uow, self.clock, self.notifiers, worker_id)

    def start_deliveries(self) -> Ticker:
        """One ticker per process; safe to run in every replica."""
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
