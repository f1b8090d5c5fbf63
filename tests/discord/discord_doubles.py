"""Discord test doubles: interactions and users, with no network at all.

Commands are driven the way discord.py drives them: ``command.callback(interaction, …)``
with an ``Interaction`` double whose responses are AsyncMocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from unittest.mock import AsyncMock

import discord

from adapters.discord import DiscordRuntime
from bot.domain import Owner
from bot.wiring import App

ME = 111111111111111111
ANA = 222222222222222222
#: This bot's application id, as every interaction carries it.
BOT = 999999999999999999


@dataclass
class FakeUser:
    """A Discord user as commands see it (a User option, the invoking user)."""

    id: int
    display_name: str = "someone"
    send: AsyncMock = field(default_factory=AsyncMock)
    bot: bool = False
    name: str | None = None  # the username, behind the display name


class FakeInteraction:
    """What a command callback or a button needs from ``discord.Interaction``."""

    def __init__(self, client: Any, user_id: int = ME) -> None:
        self.client = client
        self.application_id = BOT
        self.user = FakeUser(user_id, "me")
        self.response = SimpleNamespace(send_message=AsyncMock(), defer=AsyncMock(),
                                        edit_message=AsyncMock())
        self.followup = SimpleNamespace(send=AsyncMock())

    @property
    def sent(self) -> dict[str, Any]:
        """The keyword arguments of the last message shown to the user."""
        for mock in (self.followup.send, self.response.send_message,
                     self.response.edit_message):
            if mock.await_count:
                return mock.await_args.kwargs
        raise AssertionError("nothing was sent")

    @property
    def text(self) -> str:
        """Everything the user reads: content and embed description."""
        return shown(self.sent)


def shown(kwargs: dict[str, Any]) -> str:
    embed = kwargs.get("embed")
    description = embed.description if embed is not None and embed.description else ""
    return f"{kwargs.get('content') or ''}\n{description}"


def custom_ids(kwargs: dict[str, Any]) -> list[str]:
    view = kwargs.get("view")
    return [item.custom_id for item in view.children] if view is not None else []


def command(tree: discord.app_commands.CommandTree, path: str) -> Any:
    """``command(tree, "vitalfew show")``: a slash command or subcommand."""
    name, *sub = path.split()
    found = tree.get_command(name)
    for part in sub:
        found = found.get_command(part)
    return found


def runtime_of(app: App) -> DiscordRuntime:
    """The runtime as ``bot.wiring`` builds it: from the core's ports and the settings."""
    return DiscordRuntime(app.service, app.storage.uow, app.storage, app.settings, app.clock)


def owner(user_id: int = ME) -> Owner:
    return Owner("discord", "", str(user_id))


async def people_of(app: App, user_id: int = ME) -> list:
    async with app.storage.uow() as uow:
        return await uow.people.list(owner(user_id))


async def open_followups(app: App, user_id: int = ME) -> list:
    async with app.storage.uow() as uow:
        return await uow.followups.list_open(owner(user_id))
