"""The Discord process: a client with no privileged intents, its commands and buttons.

Interactions arrive whatever the intents, and DMs are sent over REST, so the bot asks
only for ``guilds`` (not privileged; discord.py's state expects it): no message content,
no members, no presences. Nothing about servers or messages is received or stored.
"""

from __future__ import annotations

import discord
import structlog
from discord import app_commands

from adapters.discord.buttons import ActionButton
from adapters.discord.commands import build_commands
from adapters.discord.identity import PLATFORM
from adapters.discord.notifier import DiscordNotifier
from adapters.discord.sync import sync_if_changed
from bot.wiring import App

log = structlog.get_logger(__name__)

#: Longer rate limits raise instead of sleeping, so deliveries can go back to the table.
MAX_RATELIMIT_WAIT = 30.0


class VitalFewClient(discord.AutoShardedClient):
    """The bot's client, sharded automatically past 1,000 guilds; knows the core's service."""

    def __init__(self, app: App) -> None:
        super().__init__(intents=discord.Intents(guilds=True),
                         allowed_mentions=discord.AllowedMentions.none(),
                         max_ratelimit_timeout=MAX_RATELIMIT_WAIT)
        self.app = app
        self.service = app.service
        self.tree = app_commands.CommandTree(self)
        for command in build_commands(app.service, app.storage.uow):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        """Before connecting: revive persistent buttons, sync commands if they changed."""
        self.add_dynamic_items(ActionButton)
        await sync_if_changed(self.tree, self.app.storage, self.app.settings.discord_guild_id)


class DiscordRuntime:
    """What ``vitalfew run`` starts for Discord: a notifier and ``run()``."""

    platform = PLATFORM

    def __init__(self, app: App) -> None:
        self.app = app
        self.client = VitalFewClient(app)
        self.notifier = DiscordNotifier(self.client)

    async def run(self) -> None:
        """Serve until cancelled; the token is read here and never logged."""
        token = self.app.settings.discord_token
        if token is None:
            raise RuntimeError("DISCORD_TOKEN is not set")
        try:
            await self.client.start(token.get_secret_value())
        finally:
            if not self.client.is_closed():
                await self.client.close()
