"""Slack: every command, deliveries as DMs with buttons, App Home and a message shortcut.

``SlackRuntime(app)`` is what ``bot.wiring.run_platforms`` starts; the modules it is made of:
``render`` (Reply → Block Kit), ``handlers`` (commands, buttons), ``home`` (App Home),
``shortcut`` ("Follow up on this"), ``lifecycle`` (uninstall, revoked tokens), ``notifier``
(DMs marked with their delivery key), ``oauth`` and ``clients`` (tokens, retries),
``users`` (cached users.info) and ``web`` (the aiohttp app with /healthz).
"""

from adapters.slack.notifier import SlackNotifier
from adapters.slack.runtime import SlackRuntime

__all__ = ["SlackNotifier", "SlackRuntime"]
