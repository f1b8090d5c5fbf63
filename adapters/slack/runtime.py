"""``SlackRuntime``: the Bolt app, its handlers, the notifier, and how it is served.

HTTP mode (what a Marketplace app needs): aiohttp on PORT with ``POST /slack/events``,
``GET /healthz`` and, with OAuth configured, ``/slack/install`` and
``/slack/oauth_redirect``. Socket Mode (self-hosting, no public URL) when SLACK_APP_TOKEN
is set; /healthz is still served on PORT for the platform's health checks.

Everything it needs comes through its constructor, called by the wiring:
the core's service, unit-of-work factory and clock, the settings, a health check and, for
OAuth, the stores. It implements ``bot.ports.PlatformRuntime``.
"""

from __future__ import annotations

import asyncio
import errno
import logging

import aiohttp
import structlog
from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError

from adapters.slack import handlers
from adapters.slack.clients import BotTokens, configure, web_client
from adapters.slack.deps import PLATFORM, Deps
from adapters.slack.home import HomeTab
from adapters.slack.lifecycle import Lifecycle
from adapters.slack.notifier import SlackNotifier
from adapters.slack.oauth import OAuthStores, oauth_settings
from adapters.slack.shortcut import FollowUpShortcut
from adapters.slack.users import UserDirectory
from adapters.slack.web import build_web_app
from bot.ports import Clock, HealthCheck, Notifier, UnitOfWorkFactory
from bot.services import VitalFewService
from bot.settings import Settings, StartupError

log = structlog.get_logger(__name__)

#: Chosen with bench/slack_ack.py (figures in the README, "Slack"): a command answered
#: inside ack() goes back as soon as the listener finishes, instead of waiting for Bolt's
#: default runner to poll for ack(). Web API work (buttons, Home, shortcut) runs in lazy
#: listeners, so it never holds the response.
PROCESS_BEFORE_RESPONSE = True
HOST = "0.0.0.0"
#: auth.test errors that mean the token itself is wrong: start-up stops on these.
REJECTED_TOKEN = ("invalid_auth", "not_authed", "account_inactive", "token_revoked",
                  "token_expired")


class SlackRuntime:
    """Slack for ``vitalfew run``: ``notifier`` for deliveries, ``run()`` to serve.

    ``oauth`` is required when the settings configure OAuth (many workspaces, tokens from
    the installation store) and ignored otherwise (one workspace, SLACK_BOT_TOKEN).
    """

    platform = PLATFORM

    def __init__(self, service: VitalFewService, uow: UnitOfWorkFactory, clock: Clock,
                 settings: Settings, health: HealthCheck, oauth: OAuthStores | None = None,
                 *, process_before_response: bool = PROCESS_BEFORE_RESPONSE) -> None:
        if settings.slack_oauth and oauth is None:
            raise ValueError("Slack OAuth is configured: pass its installation and state stores")
        self.settings = settings
        self.health = health
        self.oauth = oauth if settings.slack_oauth else None
        self.bolt = build_bolt(settings, self.oauth, process_before_response)
        self.deps = Deps(service, UserDirectory(), uow, clock,
                         teams=self.oauth.teams if self.oauth else None)
        register_all(self.bolt, self.deps, self.oauth)
        self.notifier: Notifier = SlackNotifier(self._tokens(), settings.slack_api_url)

    def _tokens(self) -> BotTokens:
        if self.oauth is not None:
            return BotTokens(store=self.oauth.installations, teams=self.oauth.teams)
        assert self.settings.slack_bot_token is not None
        return BotTokens(self.settings.slack_bot_token.get_secret_value())

    def web_app(self) -> web.Application:
        return build_web_app(self.bolt, self.health, events=not self.settings.slack_socket_mode)

    async def run(self) -> None:
        """Serve until cancelled; the socket (if any) and the web server close cleanly."""
        await self.check_token()
        runner = web.AppRunner(self.web_app())
        await runner.setup()
        try:
            await web.TCPSite(runner, HOST, self.settings.port).start()
        except OSError as err:
            await runner.cleanup()
            port = self.settings.port
            if err.errno == errno.EADDRINUSE:
                raise StartupError(f"port {port} is already in use: stop what listens there, "
                                   "or set PORT to another") from None
            raise StartupError(f"cannot listen on port {port}: "
                               f"{err.strerror or type(err).__name__}") from None
        socket = self._socket_handler()
        mode = "socket" if socket else "http"
        log.info("slack_started", mode=mode, port=self.settings.port,
                 oauth=self.oauth is not None)
        try:
            if socket is not None:
                await socket.connect_async()
            await asyncio.Event().wait()
        finally:
            if socket is not None:
                await socket.close_async()
            await runner.cleanup()

    async def check_token(self) -> None:
        """One workspace: ask Slack whose SLACK_BOT_TOKEN this is (``auth.test``) before
        serving, so a wrong token stops start-up instead of failing every command."""
        if self.oauth is not None:
            return
        try:
            who = await self.bolt.client.auth_test()
        except SlackApiError as err:
            error = err.response.get("error") if err.response is not None else None
            if error in REJECTED_TOKEN:
                raise StartupError(f"Slack rejected SLACK_BOT_TOKEN ({error}): copy the Bot "
                                   "User OAuth Token (xoxb-…) from the app's OAuth & "
                                   "Permissions page") from None
            log.warning("slack_auth_test_failed", error=error)
        except (TimeoutError, OSError, aiohttp.ClientError) as err:
            log.warning("slack_auth_test_failed", error=type(err).__name__)
        else:
            log.info("slack_token_ok", team=who.get("team_id"), bot_user=who.get("user_id"))

    def _socket_handler(self) -> AsyncSocketModeHandler | None:
        token = self.settings.slack_app_token
        if not self.settings.slack_socket_mode or token is None:
            return None
        return AsyncSocketModeHandler(self.bolt, token.get_secret_value())


def build_bolt(settings: Settings, oauth: OAuthStores | None,
               process_before_response: bool) -> AsyncApp:
    """One workspace (SLACK_BOT_TOKEN) or many (OAuth, tokens from the installation store)."""
    secret = settings.slack_signing_secret
    if oauth is not None:
        if settings.slack_bot_token is not None:
            log.warning("slack_bot_token_ignored", reason="OAuth is configured")
        client, installs = web_client(settings.slack_api_url), oauth_settings(settings, oauth)
        token = None
    else:
        # One workspace: Bolt is given the token itself, not a client holding it. Given a
        # client, Bolt still reads SLACK_BOT_TOKEN from the environment and warns that
        # the token "will be unused"; its own client is then pointed at SLACK_API_URL.
        assert settings.slack_bot_token is not None
        token, client, installs = settings.slack_bot_token.get_secret_value(), None, None
    bolt = AsyncApp(name="vitalfew", logger=logging.getLogger("vitalfew.slack"),
                    signing_secret=secret.get_secret_value() if secret else "",
                    process_before_response=process_before_response,
                    request_verification_enabled=not settings.slack_socket_mode,
                    token=token, client=client, oauth_settings=installs)
    if client is None:
        configure(bolt.client, settings.slack_api_url)
    return bolt


def register_all(bolt: AsyncApp, deps: Deps, oauth: OAuthStores | None) -> None:
    """Every listener, slash commands first: Bolt tries listeners in the order they were
    registered and stops at the first match, so the hot path (commands answered inside
    ack) is matched at the first try, as in a bare app, and never pays for the others."""
    home = HomeTab(deps)
    handlers.register(bolt, deps, home)
    home.register(bolt)
    FollowUpShortcut(deps).register(bolt)
    Lifecycle(deps.uow, oauth.installations if oauth else None, deps.teams).register(bolt)
