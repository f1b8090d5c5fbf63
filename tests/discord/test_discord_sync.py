"""The command definition: snapshot-tested, and synced only when it changed.

The snapshot is the exact payload ``tree.sync`` sends. A renamed option or command fails
``test_the_sync_payload_matches_the_snapshot``; after a deliberate change, regenerate it:

    VITALFEW_UPDATE_DISCORD_SNAPSHOT=1 .venv/bin/python -m pytest tests/discord -k snapshot

and commit the new ``discord_commands.json`` with the change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from unittest.mock import AsyncMock

import discord
import pytest

from adapters.discord import runtime as runtime_module
from adapters.discord.buttons import ActionButton
from adapters.discord.sync import hash_key, payload_hash, sync_if_changed, sync_payload

SNAPSHOT = Path(__file__).with_name("discord_commands.json")
APPLICATION_ID = 424242424242424242
GUILD_ID = 515151515151515151


def test_the_sync_payload_matches_the_snapshot(tree):
    payload = sync_payload(tree)
    if os.environ.get("VITALFEW_UPDATE_DISCORD_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    assert payload == json.loads(SNAPSHOT.read_text()), (
        "The Discord command definition changed; if on purpose, regenerate the snapshot "
        "(see this module's docstring).")


def test_commands_install_on_servers_and_users_and_work_in_dms(tree):
    for entry in sync_payload(tree):
        assert entry["integration_types"] == [0, 1], entry["name"]
        assert entry["contexts"] == [0, 1, 2], entry["name"]


def test_the_layout(tree):
    names = {(e["type"], e["name"]): [o["name"] for o in e.get("options", [])]
             for e in sync_payload(tree)}
    assert names[(1, "followup")] == ["add", "list"]
    assert set(names[(1, "vitalfew")]) == {"show", "add", "drop", "size", "every", "digest",
                                           "tz", "settings", "people", "export", "forget", "help",
                                           "rename", "merge", "circles", "close", "budget"}
    assert names[(1, "touch")] == ["person", "user", "note", "minutes", "from_them"]
    assert (2, "Log a touch") in names and (3, "Follow up on this") in names


def test_the_hash_ignores_key_order():
    assert payload_hash([{"a": 1, "b": 2}]) == payload_hash([{"b": 2, "a": 1}])
    assert payload_hash([{"a": 1}]) != payload_hash([{"a": 2}])


@pytest.fixture
def counted(tree, monkeypatch):
    """The tree with its network call replaced by a counter."""
    monkeypatch.setattr(tree, "sync", AsyncMock(return_value=[]))
    return tree


async def test_syncs_once_then_only_when_the_definition_changes(counted, app):
    assert await sync_if_changed(counted, app.storage, APPLICATION_ID) is True
    assert await sync_if_changed(counted, app.storage, APPLICATION_ID) is False
    assert counted.sync.await_count == 1

    counted.get_command("touch").description = "Log a touch with someone"
    assert await sync_if_changed(counted, app.storage, APPLICATION_ID) is True
    assert counted.sync.await_count == 2
    assert await app.storage.get_kv(hash_key(APPLICATION_ID, None)) == payload_hash(
        sync_payload(counted))


async def test_development_syncs_to_the_guild_with_its_own_hash(counted, app):
    assert await sync_if_changed(counted, app.storage, APPLICATION_ID, GUILD_ID) is True

    guild = counted.sync.await_args.kwargs["guild"]
    assert isinstance(guild, discord.Object) and guild.id == GUILD_ID
    assert {c.name for c in counted.get_commands(guild=guild)} >= {"touch", "followup",
                                                                  "vitalfew"}
    assert await app.storage.get_kv(hash_key(APPLICATION_ID, GUILD_ID)) is not None
    assert await app.storage.get_kv(hash_key(APPLICATION_ID, None)) is None
    assert await sync_if_changed(counted, app.storage, APPLICATION_ID, GUILD_ID) is False


async def test_a_failed_sync_is_tried_again_next_start(counted, app):
    counted.sync.side_effect = discord.HTTPException(
        type("R", (), {"status": 500, "reason": "test"})(), "boom")
    with pytest.raises(discord.HTTPException):
        await sync_if_changed(counted, app.storage, APPLICATION_ID)
    assert await app.storage.get_kv(hash_key(APPLICATION_ID, None)) is None


async def test_setup_hook_revives_the_buttons_and_syncs_if_needed(runtime, monkeypatch):
    targets: list[int | None] = []
    revived: list[type] = []

    async def fake_sync(tree, state, application_id, guild_id=None) -> bool:
        targets.append(guild_id)
        return False

    monkeypatch.setattr(runtime_module, "sync_if_changed", fake_sync)
    monkeypatch.setattr(runtime.client, "add_dynamic_items", lambda *items: revived.extend(items))
    await runtime.client.setup_hook()

    assert targets == [None]
    assert revived == [ActionButton]
