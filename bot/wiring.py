"""``bootstrap(settings)``: builds everything, once, with no globals.

This is the one module of the core allowed to name storage and adapters, because it is
where the ports meet their implementations: it builds ``Storage``, the service, and each
platform's runtime from what that runtime needs (service, unit-of-work factory, clock,
settings, ...), so that adapters never import this module nor storage. Platform
libraries are imported only when their credentials are set, so the terminal never pays
for Slack or Discord.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import structlog

from bot.clock import SystemClock
from bot.domain import Owner
from bot.ports import Clock, Notifier, PlatformRuntime
from bot.services import VitalFewService
from bot.settings import Settings, StartupError, database_label
from storage import Storage

if TYPE_CHECKING:
    from adapters.console import ConsoleAdapter
    from adapters.discord import DiscordRuntime
    from adapters.slack import OAuthStores, SlackRuntime
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
    #: Deliver to these owners only (the terminal: its own user); None: every owner.
    delivery_owners: tuple[Owner, ...] | None = None

    def engine(self, worker_id: str | None = None) -> DeliveryEngine:
        from bot.delivery import DeliveryEngine
        from storage.bulk import BulkDigestReader

        return DeliveryEngine(self.storage.uow, self.clock, self.notifiers, worker_id,
                              digests=BulkDigestReader(self.storage.engine),
                              owners=self.delivery_owners)

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
    """Build storage and the service; runtimes are built from the ``App`` below."""
    storage = Storage(settings.database_url)
    clock = clock or SystemClock()
    app: App
    # A new follow-up wakes the ticker early; ``app`` is bound by the time one is stored.
    service = VitalFewService(storage.uow, clock, on_delivery_due=lambda: app.kick())
    app = App(settings, storage, clock, service)
    return app


async def open_database(app: App) -> None:
    """Bring the schema up to date; a database that cannot be reached or opened stops
    start-up with one line naming it and the cause (``StartupError``), never a password."""
    from sqlalchemy.exc import DBAPIError

    try:
        await app.storage.migrate()
    except (OSError, DBAPIError) as err:
        where = database_label(app.settings.database_url)
        raise StartupError(f"cannot open the database ({where}): "
                           f"{_cause(err, app.settings)}") from None


def _cause(err: BaseException, settings: Settings) -> str:
    """The driver's own words, first line only, with any password in the URL taken out."""
    from urllib.parse import urlsplit

    from sqlalchemy.exc import DBAPIError

    inner = err.orig if isinstance(err, DBAPIError) and err.orig is not None else err
    if isinstance(inner, ConnectionRefusedError):
        text = "connection refused (is the server running, on that host and port?)"
    elif isinstance(inner, TimeoutError):
        text = "no answer in time"
    elif isinstance(inner, OSError) and inner.strerror:
        text = inner.strerror
    else:
        text = str(inner) or type(inner).__name__
    text = text.strip().splitlines()[0] if text.strip() else type(inner).__name__
    password = urlsplit(settings.database_url).password
    if password:
        text = text.replace(password, "***")
    return text


def slack_oauth_stores(app: App) -> OAuthStores:
    """slack_sdk's SQLAlchemy installation store on the app's own database (tables:
    migration 0002), our bounded state store on its state table, and the workspace-to-org
    directory Enterprise Grid needs."""
    from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore

    from adapters.slack import OAuthStores
    from adapters.slack.oauth import STATE_SECONDS
    from storage.slack_states import BoundedOAuthStateStore
    from storage.slack_teams import SlackTeams

    engine = app.storage.engine
    return OAuthStores(
        installations=AsyncSQLAlchemyInstallationStore(
            client_id=app.settings.slack_client_id or "", engine=engine),
        states=BoundedOAuthStateStore(engine, expiration_seconds=STATE_SECONDS),
        teams=SlackTeams(engine))


def slack_runtime(app: App, *, process_before_response: bool | None = None) -> SlackRuntime:
    """Slack, one workspace (SLACK_BOT_TOKEN) or many (OAuth stores on our database).

    ``process_before_response``: the adapter's choice unless a benchmark compares both.
    """
    from adapters.slack.runtime import PROCESS_BEFORE_RESPONSE, SlackRuntime

    oauth = slack_oauth_stores(app) if app.settings.slack_oauth else None
    if process_before_response is None:
        process_before_response = PROCESS_BEFORE_RESPONSE
    return SlackRuntime(app.service, app.storage.uow, app.clock, app.settings,
                        app.storage.ping, oauth, process_before_response=process_before_response)


def discord_runtime(app: App) -> DiscordRuntime:
    """Discord; the storage is its key-value store (the command-sync hash)."""
    from adapters.discord import DiscordRuntime

    return DiscordRuntime(app.service, app.storage.uow, app.storage, app.settings, app.clock)


def console_runtime(app: App, user: str, *, prompt: str = "") -> ConsoleAdapter:
    """The terminal: one owner, reading stdin and printing to stdout. It delivers that
    owner's reminders and digests only: another user's stay pending for their terminal."""
    from adapters.console import ConsoleAdapter

    console = ConsoleAdapter(app.service, user, prompt=prompt)
    app.delivery_owners = (console.owner,)
    return console


def platform_runtimes(app: App, only: set[str] | None = None) -> list[PlatformRuntime]:
    """Every chat platform with credentials set; ``only`` limits it to those named."""
    wanted = {"slack": app.settings.slack_enabled, "discord": app.settings.discord_enabled}
    builders: dict[str, Callable[[App], PlatformRuntime]] = {
        "slack": slack_runtime, "discord": discord_runtime}
    return [builders[name](app) for name, enabled in wanted.items()
            if enabled and (only is None or name in only)]


def settle_heap() -> None:
    """Once start-up is done: what it built (modules, the app, their caches: some 100,000
    objects that live as long as the process) is moved out of the cycle collector's
    reach (``gc.freeze``). A full collection then walks only what was made since, a
    millisecond instead of the 30 ms stall it was for every request in flight."""
    gc.freeze()


async def serve(app: App, runtimes: Sequence[PlatformRuntime]) -> None:
    """Register each runtime's notifier, start deliveries, run them all until they end
    (or are cancelled), then stop the ticker and close the database."""
    for runtime in runtimes:
        app.notifiers[runtime.platform] = runtime.notifier
    app.start_deliveries()
    settle_heap()
    log.info("started", platforms=[r.platform for r in runtimes])
    try:
        await asyncio.gather(*(r.run() for r in runtimes))
    finally:
        await app.close()


async def run_platforms(settings: Settings, only: set[str] | None = None) -> int:
    """`vitalfew run` with credentials: every configured platform side by side.

    ``only`` limits it to the platforms named, for split processes.
    """
    app = bootstrap(settings)
    try:
        await open_database(app)
        runtimes = platform_runtimes(app, only)
    except BaseException:
        await app.close()
        raise
    await serve(app, runtimes)
    return 0
