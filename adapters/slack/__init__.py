"""Slack: every command, deliveries as DMs with buttons, App Home and a message shortcut.

``SlackRuntime`` (a ``bot.ports.PlatformRuntime``) is what ``vitalfew run`` starts, built by
the wiring from the core's service, unit of work and clock. Its modules:
``render`` (Reply → Block Kit), ``handlers`` (commands, buttons), ``home`` (App Home),
``shortcut`` ("Follow up on this"), ``lifecycle`` (uninstall, revoked tokens), ``notifier``
(DMs marked with their delivery key), ``oauth`` and ``clients`` (tokens, retries),
``users`` (cached, time-boxed users.info), ``owners`` (whose request it is, from any
payload, Enterprise Grid included) and ``web`` (the aiohttp app with /healthz).
``OAuthStores`` is what OAuth needs from outside: where installations and states are kept.
"""

from adapters.slack.notifier import SlackNotifier
from adapters.slack.oauth import OAuthStores
from adapters.slack.runtime import SlackRuntime

__all__ = ["OAuthStores", "SlackNotifier", "SlackRuntime"]
