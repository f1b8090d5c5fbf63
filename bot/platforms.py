"""`vitalfew run` with credentials: start every configured platform side by side.

Each platform adapter package exposes a ``Runtime`` built from the ``App``: it owns its
notifier (registered before deliveries start) and an ``async run()`` that serves until
cancelled. Platform libraries are imported here only when their credentials are set.
"""

from __future__ import annotations

import asyncio

import structlog

from bot.settings import Settings
from bot.wiring import bootstrap

log = structlog.get_logger(__name__)


async def run_platforms(settings: Settings, only: set[str] | None = None) -> int:
    """Serve the configured platforms (``only`` those named, for split processes)."""
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
