"""The HTTP side: Slack's request URL, OAuth pages and /healthz, as an aiohttp app.

Built by a function so that tests and the benchmark serve exactly what production serves,
on an ``AppRunner`` bound to port 0. Signature and timestamp checks are Bolt's
(RequestVerification middleware): a forged or stale request gets 401 before any handler.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.ports import HealthCheck

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def build_web_app(bolt: AsyncApp | None, ping: HealthCheck,
                  events: bool = True) -> web.Application:
    """HTTP mode serves everything; Socket Mode (``events=False``) only /healthz and OAuth,
    since its events arrive over the socket; ``bolt=None`` is /healthz alone."""
    app = web.Application()
    app.router.add_get(HEALTH_PATH, health_handler(ping))
    if bolt is None:
        return app

    async def dispatch(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await bolt_request(request)))

    if events:
        app.router.add_post(EVENTS_PATH, dispatch)
    flow = bolt.oauth_flow
    if flow is not None:
        visits = InstallRate()

        async def install(request: web.Request) -> web.Response:
            if not visits.take():
                return web.Response(status=429, headers={"Retry-After": "1"},
                                    text="Too many install attempts right now: try again "
                                         "in a few seconds.")
            return await to_aiohttp_response(
                await flow.handle_installation(await to_bolt_request(request)))

        async def redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(
                await flow.handle_callback(await to_bolt_request(request)))

        app.router.add_get(flow.install_path, install)
        app.router.add_get(flow.redirect_uri_path, redirect)
    return app


def health_handler(ping: HealthCheck) -> Callable[[web.Request], Awaitable[web.Response]]:
    """200 once the database answers; 503 otherwise, so a load balancer waits for it."""
    async def health(_: web.Request) -> web.Response:
        if await ping():
            return web.json_response({"ok": True, "database": "up"})
        return web.json_response({"ok": False, "database": "down"}, status=503)
    return health


FORM = "application/x-www-form-urlencoded"
#: Install-page visits per second, and the burst allowed: each issues a stored OAuth
#: state, so a flood of anonymous visits must not become a flood of database writes.
INSTALL_RATE = 20.0
INSTALL_BURST = 50


class InstallRate:
    """A token bucket for ``/slack/install``: ``INSTALL_BURST`` visits at once, then
    ``INSTALL_RATE`` a second; past it a visit gets 429 and touches nothing."""

    def __init__(self, rate: float | None = None, burst: int | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.rate = INSTALL_RATE if rate is None else rate
        self.burst = float(INSTALL_BURST if burst is None else burst)
        self._now = now
        self._tokens = self.burst
        self._at = now()

    def take(self) -> bool:
        now = self._now()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True


async def bolt_request(request: web.Request) -> AsyncBoltRequest:
    """Bolt's request, with a form body read as the form it is.

    bolt-python's ``parse_body`` takes any form body containing the text "payload" for
    an interactive payload and, finding no ``payload=`` field, reads it as empty, so a
    slash command mentioning "payload" (or sent from #payload-team) was answered 404 and
    dropped (docs/slack-bolt-parse-body.md). Such a body is parsed here as a form, and
    the request's context rebuilt from it; its raw body, which the signature covers,
    is untouched.
    """
    bolt_req = await to_bolt_request(request)
    if bolt_req.content_type != FORM or "payload" not in bolt_req.raw_body:
        return bolt_req
    form = dict(parse_qsl(bolt_req.raw_body, keep_blank_values=True))
    if "payload" in form:
        return bolt_req  # an interactive payload: Bolt reads it right
    bolt_req.body = form
    bolt_req.context = build_async_context(AsyncBoltContext({}), form)
    return bolt_req
