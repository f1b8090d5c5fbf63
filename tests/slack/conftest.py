"""The real Bolt app over real HTTP, against a fake Slack Web API, on a real SQLite file.

``slack`` is a test's handle on it: it signs and posts slash commands, button presses,
events, shortcuts and view submissions the way Slack does, and reads the database.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web
from fake_slack import FakeSlack
from slack_support import SECRET, TOKEN, serve, signed_headers

from adapters.slack import SlackRuntime
from bot.clock import FixedClock
from bot.domain import Owner
from bot.services import VitalFewService
from bot.settings import Settings
from bot.wiring import App, slack_runtime
from storage import Storage


class SlackHarness:
    """Drives the served Bolt app as Slack would, and reads what happened."""

    def __init__(self, runtime: SlackRuntime, base: str, fake: FakeSlack,
                 session: aiohttp.ClientSession, store: Storage) -> None:
        self.runtime = runtime
        self.base = base
        self.fake = fake
        self.session = session
        self.store = store

    async def post(self, body: str, content_type: str,
                   headers: dict[str, str] | None = None) -> tuple[int, Any]:
        headers = headers or signed_headers(body, content_type)
        async with self.session.post(f"{self.base}/slack/events", data=body.encode(),
                                     headers=headers) as resp:
            text = await resp.text()
            return resp.status, (json.loads(text) if text.startswith("{") else text)

    def command_body(self, line: str, user: str = "U1", team: str = "T1") -> str:
        command, _, text = line.partition(" ")
        return urlencode({
            "token": "legacy", "team_id": team, "team_domain": "acme", "channel_id": "C1",
            "channel_name": "general", "user_id": user, "user_name": user.lower(),
            "command": command, "text": text, "api_app_id": "A1", "trigger_id": "trig",
            "response_url": f"{self.fake.base}/respond/cmd",
        })

    async def command(self, line: str, user: str = "U1", team: str = "T1") -> dict:
        status, body = await self.post(self.command_body(line, user, team),
                                       "application/x-www-form-urlencoded")
        assert status == 200, body
        return body

    async def interact(self, payload: dict) -> tuple[int, Any]:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def press(self, action_id: str, value: str, user: str = "U1", team: str = "T1",
                    container: dict | None = None, **extra: Any) -> tuple[int, Any]:
        """A button press; ``extra``: more payload fields (``view`` for a button in one)."""
        container = container or {"type": "message", "message_ts": "1.1",
                                  "channel_id": f"D{user}", "is_ephemeral": False}
        return await self.interact({**extra,
            "type": "block_actions", "user": {"id": user, "team_id": team},
            "team": {"id": team, "domain": "acme"}, "api_app_id": "A1",
            "container": container, "trigger_id": "trig",
            "channel": {"id": container.get("channel_id", f"D{user}")},
            "response_url": f"{self.fake.base}/respond/{action_id}",
            "actions": [{"type": "button", "action_id": action_id, "block_id": "b",
                         "value": value, "action_ts": "1.2"}],
        })

    async def event(self, event: dict, team: str = "T1") -> tuple[int, Any]:
        body = json.dumps({
            "token": "legacy", "team_id": team, "api_app_id": "A1", "type": "event_callback",
            "event": event, "event_id": "Ev1", "event_time": 1,
            "authorizations": [{"team_id": team, "user_id": "UBOT", "is_bot": True}],
        })
        return await self.post(body, "application/json")

    async def people(self, user: str = "U1", team: str = "T1") -> list:
        async with self.store.uow() as uow:
            return await uow.people.list(Owner("slack", team, user))

    async def followups(self, user: str = "U1", team: str = "T1") -> list:
        async with self.store.uow() as uow:
            return await uow.followups.list_all(Owner("slack", team, user))


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack(users={"U1": {"name": "me", "tz": "Europe/Berlin"},
                            "U2": {"name": "Ana Silva", "tz": "America/New_York"},
                            "U3": {"name": "Bo", "tz": "UTC"}})
    runner, fake.base = await serve(fake.app())
    yield fake
    await runner.cleanup()


def slack_settings(fake: FakeSlack, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = dict(
        database_url=database_url, slack_bot_token=TOKEN, slack_signing_secret=SECRET,
        slack_api_url=fake.api_url, port=3000)
    values.update(overrides)
    return Settings(_env_file=None, **values).check()


StartSlack = Callable[..., Awaitable[SlackHarness]]


@pytest.fixture
async def start_slack(fake: FakeSlack, store: Storage,
                      clock: FixedClock) -> AsyncIterator[StartSlack]:
    """Start the Slack runtime (settings overridable) served over HTTP on port 0."""
    runners: list[web.AppRunner] = []
    session = aiohttp.ClientSession()

    async def start(process_before_response: bool = True, **overrides: Any) -> SlackHarness:
        settings = slack_settings(fake, store.url, **overrides)
        app = App(settings, store, clock, VitalFewService(store.uow, clock))
        runtime = slack_runtime(app, process_before_response=process_before_response)
        app.notifiers["slack"] = runtime.notifier
        runner, base = await serve(runtime.web_app())
        runners.append(runner)
        return SlackHarness(runtime, base, fake, session, store)

    yield start
    for runner in runners:
        await runner.cleanup()
    await session.close()


@pytest.fixture
async def slack(start_slack: StartSlack) -> SlackHarness:
    return await start_slack()
