"""The Discord process: a client with no privileged intents, its commands and buttons.

Interactions arrive whatever the intents, and DMs are sent over REST, so the bot asks
only for ``guilds`` (not privileged; discord.py's state expects it): no message content,
no members, no presences. Nothing about servers or messages is received or stored.

``bot.wiring`` builds the runtime from the core's ports (service, unit of work, key/value
store, clock) and the settings; this package names no storage and no wiring.
"""

from __future__ import annotations

import discord
import structlog
from discord import app_commands

from adapters.discord import respond
from adapters.discord.buttons import ActionButton
from adapters.discord.commands import build_commands
from adapters.discord.identity import PLATFORM
from adapters.discord.notifier import DiscordNotifier
from adapters.discord.sync import sync_if_changed
from bot.ports import Clock, KeyValueStore, Notifier, UnitOfWorkFactory
from bot.services import VitalFewService
from bot.settings import Settings

log = structlog.get_logger(__name__)

#: Longer rate limits raise instead of sleeping, so deliveries can go back to the table.
MAX_RATELIMIT_WAIT = 30.0


class VitalFewClient(discord.AutoShardedClient):
    """The bot's client, sharded automatically past 1,000 guilds; runs the core's service
    for commands and for pressed buttons (``buttons.Presses``)."""

    def __init__(self, service: VitalFewService, uow: UnitOfWorkFactory, kv: KeyValueStore,
                 guild_id: int | None = None) -> None:
        super().__init__(intents=discord.Intents(guilds=True),
                         allowed_mentions=discord.AllowedMentions.none(),
                         max_ratelimit_timeout=MAX_RATELIMIT_WAIT)
        self.service = service
        self.kv = kv
        self.guild_id = guild_id
        self.tree = app_commands.CommandTree(self)
        for command in build_commands(service, uow):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        """Before connecting: revive persistent buttons, sync commands if they changed."""
        self.add_dynamic_items(ActionButton)
        await sync_if_changed(self.tree, self.kv, self.application_id, self.guild_id)

    async def press(self, interaction: discord.Interaction, action: str, value: str) -> None:
        """A persistent button was pressed: run it for whoever pressed it."""
        await respond.press(self.service, interaction, action, value)


class DiscordRuntime:
    """What ``vitalfew run`` starts for Discord (a ``bot.ports.PlatformRuntime``): a
    notifier and ``run()``."""

    platform = PLATFORM

    def __init__(self, service: VitalFewService, uow: UnitOfWorkFactory, kv: KeyValueStore,
                 settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock  # part of the PlatformRuntime contract; Discord keeps its own time
        self.client = VitalFewClient(service, uow, kv, settings.discord_guild_id)
        self.notifier: Notifier = DiscordNotifier(self.client)

    async def run(self) -> None:
        """Serve until cancelled; the token is read here and never logged."""
        token = self.settings.discord_token
        if token is None:
            raise RuntimeError("DISCORD_TOKEN is not set")
        try:
            await self.client.start(token.get_secret_value())
        finally:
            if not self.client.is_closed():
                await self.client.close()
