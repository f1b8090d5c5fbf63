"""The shipped manifest asks for what the adapter uses, no more (read as text: no yaml)."""

from __future__ import annotations

import re
from pathlib import Path

from adapters.slack.oauth import BOT_SCOPES
from adapters.slack.shortcut import CALLBACK_ID

MANIFEST = (Path(__file__).resolve().parents[2] / "slack" / "manifest.yml").read_text()


def test_scopes_match_the_oauth_scopes():
    block = MANIFEST.split("    bot:\n", 1)[1].split("settings:", 1)[0]
    assert tuple(re.findall(r"^\s+- ([a-z:]+)", block, re.M)) == BOT_SCOPES


def test_commands_escape_mentions_and_the_shortcut_and_events_are_declared():
    assert re.findall(r"- command: (/\w+)", MANIFEST) == ["/touch", "/followup", "/vitalfew"]
    assert MANIFEST.count("should_escape: true") == 3
    assert f"callback_id: {CALLBACK_ID}" in MANIFEST
    for event in ("app_home_opened", "app_uninstalled", "tokens_revoked"):
        assert f"- {event}" in MANIFEST
    assert "home_tab_enabled: true" in MANIFEST
