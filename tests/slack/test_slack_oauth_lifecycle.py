"""Many workspaces through OAuth: tokens per team, install flow, uninstall, revocation."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from slack_sdk.oauth.installation_store import Installation

from bot.domain import Owner
from bot.replies import reply

OAUTH = dict(slack_bot_token=None, slack_client_id="111.222",
             slack_client_secret="test-client-secret", slack_state_secret="test-state-secret")


def installation(team: str) -> Installation:
    return Installation(app_id="A1", enterprise_id=None, team_id=team, team_name=team,
                        bot_token=f"xoxb-test-{team.lower()}", bot_id=f"B{team}",
                        bot_user_id="UBOT", bot_scopes="commands,chat:write", user_id="U1",
                        installed_at=datetime(2026, 11, 1, tzinfo=UTC).timestamp())


@pytest.fixture
async def many(start_slack, fake):
    slack = await start_slack(**OAUTH)
    for team in ("T1", "T2"):
        await slack.runtime.oauth.installations.async_save(installation(team))
        fake.token_teams[f"xoxb-test-{team.lower()}"] = team
    return slack


async def test_each_workspace_is_served_with_its_own_bot_token(many, fake):
    await many.command("/touch Zed coffee", team="T1")
    await many.command("/touch Bo call", team="T2")
    tokens = {c.token for c in fake.called("users.info")}
    assert tokens == {"xoxb-test-t1", "xoxb-test-t2"}
    assert [p.name for p in await many.people(team="T1")] == ["Zed"]
    assert [p.name for p in await many.people(team="T2")] == ["Bo"]
    await many.runtime.notifier.send(Owner("slack", "T2", "U1"), reply("hi"), "k2")
    assert fake.last("chat.postMessage").token == "xoxb-test-t2"


async def test_app_uninstalled_deletes_the_installation_and_the_workspace_data(many, fake):
    await many.command("/followup Zed tomorrow intro", team="T1")
    await many.command("/touch Bo call", team="T2")
    status, _ = await many.event({"type": "app_uninstalled"}, team="T1")
    assert status == 200
    store = many.runtime.oauth.installations
    assert await store.async_find_bot(enterprise_id=None, team_id="T1") is None
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is not None
    assert await many.people(team="T1") == [] and await many.followups(team="T1") == []
    async with many.store.uow() as uow:
        assert await uow.deliveries.list_for_owner(Owner("slack", "T1", "U1")) == []
    assert [p.name for p in await many.people(team="T2")] == ["Bo"]
    with pytest.raises(Exception, match="not installed"):
        await many.runtime.notifier.send(Owner("slack", "T1", "U1"), reply("x"), "k")


async def test_tokens_revoked_deletes_the_revoked_bot_token(many):
    status, _ = await many.event({"type": "tokens_revoked",
                                  "tokens": {"oauth": ["U1"], "bot": ["UBOT"]}}, team="T2")
    assert status == 200
    store = many.runtime.oauth.installations
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is None
    assert await store.async_find_installation(enterprise_id=None, team_id="T2") is None
    assert await store.async_find_bot(enterprise_id=None, team_id="T1") is not None


async def test_single_workspace_uninstall_deletes_the_workspace_data(slack):
    await slack.command("/touch Zed coffee")
    status, _ = await slack.event({"type": "app_uninstalled"})
    assert status == 200
    assert await slack.people() == []


async def test_install_then_redirect_stores_the_installation(many, fake):
    async with many.session.get(f"{many.base}/slack/install") as resp:
        assert resp.status == 200
        page = await resp.text()
    state = re.search(r"state=([0-9a-f-]+)", page).group(1)
    assert "client_id=111.222" in page and "scope=commands" in page
    url = f"{many.base}/slack/oauth_redirect?code=test-code&state={state}"
    cookie = {"Cookie": f"slack-app-oauth-state={state}"}
    async with many.session.get(url, headers=cookie) as resp:
        assert resp.status == 200, await resp.text()
    assert fake.last("oauth.v2.access").params["code"] == "test-code"
    bot = await many.runtime.oauth.installations.async_find_bot(enterprise_id=None, team_id="T9")
    assert bot is not None and bot.bot_token == "xoxb-test-t9"
    # The state was one-time: replaying the redirect fails.
    async with many.session.get(url, headers=cookie) as resp:
        assert resp.status != 200


async def test_healthz_says_the_database_is_up(slack):
    async with slack.session.get(f"{slack.base}/healthz") as resp:
        assert resp.status == 200
        assert await resp.json() == {"ok": True, "database": "up"}


async def test_healthz_is_503_while_the_database_is_down(fake):
    from aiohttp.test_utils import TestClient, TestServer

    from adapters.slack.web import build_web_app

    async def down() -> bool:
        return False

    async with TestClient(TestServer(build_web_app(None, down, events=False))) as client:
        resp = await client.get("/healthz")
        assert resp.status == 503
        assert await resp.json() == {"ok": False, "database": "down"}
