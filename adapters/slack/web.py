"""The HTTP side: Slack's request URL, OAuth pages and /healthz, as an aiohttp app.

Built by a function so that tests and the benchmark serve exactly what production serves,
on an ``AppRunner`` bound to port 0. Signature and timestamp checks are Bolt's
(RequestVerification middleware): a forged or stale request gets 401 before any handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.app.async_app import AsyncApp

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
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    if events:
        app.router.add_post(EVENTS_PATH, dispatch)
    flow = bolt.oauth_flow
    if flow is not None:
        async def install(request: web.Request) -> web.Response:
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
