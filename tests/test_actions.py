"""Every button the core can put on a message works on every platform and in the terminal.

A button added to ``bot.replies.ALL_ACTIONS`` without a handler, a typed word, a Slack route
or a Discord id would otherwise fail silently on one platform only.
"""

from __future__ import annotations

from adapters.console.adapter import TYPED_ACTIONS
from adapters.discord.buttons import CUSTOM_ID
from adapters.slack.handlers import ACTIONS as SLACK_ACTIONS
from bot.handlers import ACTION_HANDLERS
from bot.replies import ALL_ACTIONS


def test_the_core_handles_every_button():
    assert set(ACTION_HANDLERS) == set(ALL_ACTIONS)


def test_every_adapter_routes_every_button():
    assert set(TYPED_ACTIONS) == set(ALL_ACTIONS)
    for action in ALL_ACTIONS:
        assert SLACK_ACTIONS.match(action), action
        assert CUSTOM_ID.match(f"{action}:12"), action
