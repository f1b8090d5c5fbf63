"""Persistent buttons: one ``DynamicItem`` whose ``custom_id`` carries action and value.

``followup_done:12`` holds everything a press needs, so a button keeps working
after a restart: discord.py rebuilds it from the id through ``from_custom_id``, with no
view kept in memory. A press is handed to the client (``Presses``), which runs it for the
presser and shows the reply (``respond.press``): the reply may hold buttons again, so
rendering it here would make this module and ``render`` import each other.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord

from bot.replies import ALL_ACTIONS, Action

TEMPLATE = rf"(?P<action>{'|'.join(ALL_ACTIONS)}):(?P<value>[\w:-]+)"
#: A whole custom_id this button reads: what discord.py matches a click against.
CUSTOM_ID = re.compile(rf"^{TEMPLATE}$")
CUSTOM_ID_LIMIT = 100
LABEL_LIMIT = 80
STYLES = {"primary": discord.ButtonStyle.primary, "danger": discord.ButtonStyle.danger}


class ActionButton(discord.ui.DynamicItem[discord.ui.Button], template=TEMPLATE):
    """A core ``Action`` as a Discord button that survives restarts."""

    def __init__(self, action: str, value: str, *, label: str = "OK",
                 style: discord.ButtonStyle = discord.ButtonStyle.secondary,
                 row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=label[:LABEL_LIMIT], style=style,
                                           custom_id=f"{action}:{value}"), row=row)
        self.action = action
        self.value = value

    @staticmethod
    def accepts(action: Action) -> bool:
        """Whether a core action fits a custom_id (known id, safe value, ≤100 chars)."""
        custom_id = f"{action.id}:{action.value}"
        return len(custom_id) <= CUSTOM_ID_LIMIT and bool(CUSTOM_ID.match(custom_id))

    @classmethod
    def for_action(cls, action: Action, row: int | None = None) -> ActionButton:
        style = STYLES.get(action.style or "", discord.ButtonStyle.secondary)
        return cls(action.id, action.value, label=action.label, style=style, row=row)

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> ActionButton:
        label = getattr(item, "label", None) or "OK"
        style = getattr(item, "style", discord.ButtonStyle.secondary)
        return cls(match["action"], match["value"], label=label, style=style)

    async def callback(self, interaction: discord.Interaction) -> None:
        await cast(Presses, interaction.client).press(interaction, self.action, self.value)


class Presses(Protocol):
    """The client that runs a pressed button (``VitalFewClient``)."""

    async def press(self, interaction: discord.Interaction, action: str, value: str) -> None:
        ...
