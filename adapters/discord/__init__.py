"""The Discord adapter: application commands, persistent buttons and DM deliveries."""

from adapters.discord.notifier import DiscordNotifier
from adapters.discord.render import render
from adapters.discord.runtime import DiscordRuntime, VitalFewClient

__all__ = ["DiscordNotifier", "DiscordRuntime", "VitalFewClient", "render"]
