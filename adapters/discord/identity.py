"""Who the owner is on Discord: the user, with an empty workspace.

Discord user ids are global, so one list follows the user across servers and DMs.
"""

from __future__ import annotations

import discord

from bot.domain import Owner

PLATFORM = "discord"


def owner_of(user: discord.abc.Snowflake) -> Owner:
    return Owner(PLATFORM, "", str(user.id))
