"""Command sync only when the definition changed.

Syncing on every connect is rate-limited by Discord and slow to propagate, so the hash
of the exact payload ``tree.sync`` would send is kept in the database (the core's
key/value store), one per target: the application globally, or one development guild.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import discord
import structlog
from discord import app_commands

from bot.ports import KeyValueStore

log = structlog.get_logger(__name__)


def sync_payload(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None = None
                 ) -> list[dict[str, Any]]:
    """What ``tree.sync(guild=…)`` sends: every command's ``to_dict``, context menus too."""
    return [command.to_dict(tree) for command in tree.get_commands(guild=guild)]


def payload_hash(payload: list[dict[str, Any]]) -> str:
    """sha256 of canonical JSON: key order and whitespace never cause a sync."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def hash_key(application_id: int | None, guild_id: int | None) -> str:
    """One key per application and target, so a new bot token still gets its commands."""
    return f"discord:commands:{application_id or 'unknown'}:{guild_id or 'global'}"


async def sync_if_changed(tree: app_commands.CommandTree, state: KeyValueStore,
                          application_id: int | None, guild_id: int | None = None) -> bool:
    """Sync to ``guild_id`` (development, at once) or globally; True when it synced.

    ``application_id`` is the logged-in client's (known once it has logged in, as it has
    in ``setup_hook``)."""
    guild = discord.Object(id=guild_id) if guild_id else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    digest = payload_hash(sync_payload(tree, guild))
    key = hash_key(application_id, guild_id)
    if await state.get_kv(key) == digest:
        log.info("discord_commands_unchanged", target=guild_id or "global")
        return False
    await tree.sync(guild=guild)
    await state.set_kv(key, digest)
    log.info("discord_commands_synced", target=guild_id or "global")
    return True
