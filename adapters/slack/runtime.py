"""``SlackRuntime``: the Bolt app, its handlers, the notifier, and how it is served.

HTTP mode (what a Marketplace app needs): aiohttp on PORT with ``POST /slack/events``,
``GET /healthz`` and, with OAuth configured, ``/slack/install`` and
``/slack/oauth_redirect``. Socket Mode (self-hosting, no public URL) when SLACK_APP_TOKEN
is set; /healthz is still served on PORT for the platform's health checks.
"""

from __future__ import annotations

import asyncio
import logging

import structlog
from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore

from adapters.slack import handlers
from adapters.slack.clients import BotTokens, web_client
from adapters.slack.deps import PLATFORM, Deps
from adapters.slack.home import HomeTab
from adapters.slack.lifecycle import Lifecycle
from adapters.slack.notifier import SlackNotifier
from adapters.slack.oauth import installation_store, oauth_settings
from adapters.slack.shortcut import FollowUpShortcut
from adapters.slack.users import UserDirectory
from adapters.slack.web import build_web_app
from bot.settings import Settings
from bot.wiring import App

log = structlog.get_logger(__name__)

#: Chosen with bench/slack_ack.py: a command answered inside ack() goes back as soon as
#: the listener finishes (p50 7-10 ms alone) instead of waiting for Bolt's default runner
#: to poll for ack() every 10 ms (p50 12 ms); under 10 concurrent commands both sit at
#: p50 70-86 ms, p99 200-260 ms (SQLite's write queue). Web API work (buttons, Home,
#: shortcut) runs in lazy listeners, so it never holds the response. See README "Slack".
PROCESS_BEFORE_RESPONSE = True
HOST = "0.0.0.0"


class SlackRuntime:
    """Slack for ``bot.wiring.run_platforms``: ``notifier`` for deliveries, ``run()`` to serve."""

    platform = PLATFORM

    def __init__(self, app: App, *,
                 process_before_response: bool = PROCESS_BEFORE_RESPONSE) -> None:
        self.settings = app.settings
        self.storage = app.storage
        self.store = self._installation_store(app.settings)
        self.bolt = build_bolt(app.settings, self.store, process_before_response)
        self.deps = Deps(app.service, UserDirectory(), app.storage.uow, app.clock)
        register_all(self.bolt, self.deps, self.store)
        self.notifier = SlackNotifier(BotTokens(self._token(), self.store),
                                      app.settings.slack_api_url)

    def _installation_store(self, settings: Settings) -> AsyncSQLAlchemyInstallationStore | None:
        if not settings.slack_oauth:
            return None
        return installation_store(self.storage.engine, settings.slack_client_id or "")

    def _token(self) -> str | None:
        token = self.settings.slack_bot_token
        return token.get_secret_value() if token and self.store is None else None

    def web_app(self) -> web.Application:
        return build_web_app(self.bolt, self.storage.ping,
                             events=not self.settings.slack_socket_mode)

    async def run(self) -> None:
        """Serve until cancelled; the socket (if any) and the web server close cleanly."""
        runner = web.AppRunner(self.web_app())
        await runner.setup()
        await web.TCPSite(runner, HOST, self.settings.port).start()
        socket = self._socket_handler()
        mode = "socket" if socket else "http"
        log.info("slack_started", mode=mode, port=self.settings.port,
                 oauth=self.store is not None)
        try:
            if socket is not None:
                await socket.connect_async()
            await asyncio.Event().wait()
        finally:
            if socket is not None:
                await socket.close_async()
            await runner.cleanup()

    def _socket_handler(self) -> AsyncSocketModeHandler | None:
        token = self.settings.slack_app_token
        if not self.settings.slack_socket_mode or token is None:
            return None
        return AsyncSocketModeHandler(self.bolt, token.get_secret_value())


def build_bolt(settings: Settings, store: AsyncSQLAlchemyInstallationStore | None,
               process_before_response: bool) -> AsyncApp:
    """One workspace (SLACK_BOT_TOKEN) or many (OAuth, tokens from the installation store)."""
    secret = settings.slack_signing_secret
    common = dict(
        name="vitalfew", logger=logging.getLogger("vitalfew.slack"),
        signing_secret=secret.get_secret_value() if secret else "",
        process_before_response=process_before_response,
        request_verification_enabled=not settings.slack_socket_mode,
    )
    if store is not None:
        if settings.slack_bot_token is not None:
            log.warning("slack_bot_token_ignored", reason="OAuth is configured")
        return AsyncApp(client=web_client(settings.slack_api_url),
                        oauth_settings=oauth_settings(settings, store.engine, store), **common)
    assert settings.slack_bot_token is not None
    token = settings.slack_bot_token.get_secret_value()
    return AsyncApp(client=web_client(settings.slack_api_url, token), **common)


def register_all(bolt: AsyncApp, deps: Deps,
                 store: AsyncSQLAlchemyInstallationStore | None) -> None:
    """Every listener, slash commands first: Bolt tries listeners in the order they were
    registered and stops at the first match, so the hot path (commands answered inside
    ack) is matched at the first try, as in a bare app, and never pays for the others."""
    home = HomeTab(deps)
    handlers.register(bolt, deps, home)
    home.register(bolt)
    FollowUpShortcut(deps).register(bolt)
    Lifecycle(deps.uow, store).register(bolt)
