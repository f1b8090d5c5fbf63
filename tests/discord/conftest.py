"""Fixtures: the real core (``bootstrap`` on SQLite in tmp_path, a fixed clock) under a
Discord runtime that never connects.
"""

from __future__ import annotations

import discord
import pytest
from discord_doubles import ME, FakeInteraction, runtime_of

from adapters.discord import DiscordRuntime
from bot.settings import Settings
from bot.wiring import App, bootstrap


@pytest.fixture
async def app(tmp_path, clock) -> App:
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'vf.db'}",
                        discord_token=None, discord_guild_id=None)
    app = bootstrap(settings, clock)
    await app.storage.migrate()
    yield app
    await app.close()


@pytest.fixture
def runtime(app: App) -> DiscordRuntime:
    return runtime_of(app)


@pytest.fixture
def tree(runtime: DiscordRuntime) -> discord.app_commands.CommandTree:
    return runtime.client.tree


@pytest.fixture
def interaction(runtime: DiscordRuntime):
    """A factory: ``interaction()`` is a fresh interaction by me."""
    return lambda user_id=ME: FakeInteraction(runtime.client, user_id)
