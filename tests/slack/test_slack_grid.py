"""One owner per person and workspace, whatever the payload, also on Enterprise Grid.

Each payload type (slash command, button, modal submission, App Home opened) is sent
for three installs: a plain workspace, a workspace of a Grid org installed on its own,
and an org-wide install. Whatever the payload, what the person did shows up in what
their commands list; deliveries find the bot token; uninstalling deletes the right data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from slack_sdk.oauth.installation_store import Installation
from slack_support import eventually
from test_slack_home_shortcut import submission, texts
from test_slack_oauth_lifecycle import OAUTH

from bot import stamps
from bot.domain import Owner
from bot.replies import reply


@dataclass(frozen=True)
class Install:
    org: str | None
    org_wide: bool

    def installation(self) -> Installation:
        return Installation(
            app_id="A1", enterprise_id=self.org, team_id=None if self.org_wide else "T1",
            bot_token="xoxb-test-grid", bot_id="BGRID", bot_user_id="UBOT",
            bot_scopes="commands,chat:write", user_id="U1",
            is_enterprise_install=self.org_wide,
            installed_at=datetime(2026, 11, 1, tzinfo=UTC).timestamp())

    def interaction(self) -> dict:
        """What an interactive payload says about where it comes from: an org-wide
        install's has no team (Slack sends ``"team": null``)."""
        return {"team": None if self.org_wide else {"id": "T1", "domain": "acme"},
                "user": {"id": "U1", "team_id": "T1"},
                "enterprise": {"id": self.org} if self.org else None,
                "is_enterprise_install": self.org_wide}

    def authorizations(self) -> list[dict]:
        return [{"enterprise_id": self.org, "team_id": None if self.org_wide else "T1",
                 "user_id": "UBOT", "is_bot": True,
                 "is_enterprise_install": self.org_wide}]


INSTALLS = {"workspace": Install(None, False), "grid_workspace": Install("E1", False),
            "org_wide": Install("E1", True)}


@pytest.fixture(params=list(INSTALLS))
async def grid(request, start_slack, fake):
    install = INSTALLS[request.param]
    slack = await start_slack(**OAUTH)
    await slack.runtime.oauth.installations.async_save(install.installation())
    fake.token_teams["xoxb-test-grid"] = "T1"
    return slack, install


async def command(slack, install: Install, line: str) -> dict:
    name, _, text = line.partition(" ")
    fields = {"token": "legacy", "team_id": "T1", "team_domain": "acme", "channel_id": "C1",
              "channel_name": "general", "user_id": "U1", "user_name": "u1",
              "command": name, "text": text, "api_app_id": "A1", "trigger_id": "trig",
              "response_url": f"{slack.fake.base}/respond/cmd",
              "is_enterprise_install": "true" if install.org_wide else "false"}
    if install.org:
        fields.update(enterprise_id=install.org, enterprise_name="Org")
    status, body = await slack.post(urlencode(fields), "application/x-www-form-urlencoded")
    assert status == 200, body
    return body


async def home_opened(slack, install: Install, org_level: bool = False) -> dict:
    """app_home_opened; ``org_level``: opened at the org level, naming no workspace."""
    event = {"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home",
             "event_ts": "1.0"}
    body = {"token": "legacy", "api_app_id": "A1", "type": "event_callback",
            "event": event, "event_id": "Ev1", "event_time": 1,
            "authorizations": install.authorizations()}
    if not org_level:
        body["team_id"] = "T1"
    if install.org:
        body["enterprise_id"] = install.org
    slack.fake.reset()
    status, _ = await slack.post(json.dumps(body), "application/json")
    assert status == 200
    publish = (await eventually(lambda: slack.fake.called("views.publish")))[-1]
    return publish.params["view"]


def text_of(answer: dict) -> str:
    return answer["text"] + "\n" + texts(answer.get("blocks") or [])


async def test_a_command_and_a_button_press_are_the_same_owner(grid):
    slack, install = grid
    await command(slack, install, "/followup Ana tomorrow send the deck")
    [followup] = await slack.followups()
    status, _ = await slack.interact({
        **install.interaction(), "type": "block_actions", "api_app_id": "A1",
        "container": {"type": "message", "message_ts": "1.1", "channel_id": "DU1",
                      "is_ephemeral": False},
        "trigger_id": "trig", "channel": {"id": "DU1"},
        "response_url": f"{slack.fake.base}/respond/done",
        "actions": [{"type": "button", "action_id": "followup_done", "block_id": "b",
                     "value": stamps.followup_value(followup), "action_ts": "1.2"}]})
    assert status == 200
    await eventually(lambda: slack.fake.called("chat.update"))
    assert "Done: send the deck" in slack.fake.last("chat.update").params["text"]
    assert "No open follow-ups" in text_of(await command(slack, install, "/followup"))


async def test_a_modal_submission_is_listed_by_followup(grid):
    slack, install = grid
    payload = submission("2026-12-01")
    payload.update(install.interaction())
    # Bolt takes a modal's workspace from app_installed_team_id: the org, org-wide.
    payload["view"].update(team_id="T1",
                           app_installed_team_id=install.org if install.org_wide else "T1")
    status, body = await slack.interact(payload)
    assert status == 200, body
    assert "Ana Silva" in text_of(await command(slack, install, "/followup"))


async def test_app_home_shows_what_the_commands_did(grid):
    slack, install = grid
    await command(slack, install, "/touch Zed coffee")
    assert "Zed" in texts((await home_opened(slack, install))["blocks"])


async def test_an_org_level_app_home_is_the_owner_the_commands_use(start_slack, fake):
    slack = await start_slack(**OAUTH)
    install = INSTALLS["org_wide"]
    await slack.runtime.oauth.installations.async_save(install.installation())
    await command(slack, install, "/touch Zed coffee")
    assert "Zed" in texts((await home_opened(slack, install, org_level=True))["blocks"])
    async with slack.store.uow() as uow:  # opening it stored no owner under the org id
        assert await uow.owners.get(Owner("slack", "E1", "U1")) is None


async def test_deliveries_find_the_bot_token_of_a_grid_workspace(grid):
    slack, install = grid
    await command(slack, install, "/touch Zed coffee")
    await slack.runtime.notifier.send(Owner("slack", "T1", "U1"), reply("hi"), "k1")
    assert slack.fake.last("chat.postMessage").token == "xoxb-test-grid"


async def test_a_grid_workspace_install_delivers_before_any_command(start_slack, fake):
    """The org of a workspace install is in its bot row: no command needed to learn it."""
    slack = await start_slack(**OAUTH)
    await slack.runtime.oauth.installations.async_save(
        INSTALLS["grid_workspace"].installation())
    await slack.runtime.notifier.send(Owner("slack", "T1", "U1"), reply("hi"), "k1")
    assert slack.fake.last("chat.postMessage").token == "xoxb-test-grid"


async def test_uninstalling_an_org_wide_install_deletes_all_its_workspaces(start_slack, fake):
    slack = await start_slack(**OAUTH)
    install = INSTALLS["org_wide"]
    await slack.runtime.oauth.installations.async_save(install.installation())
    await command(slack, install, "/followup Zed tomorrow intro")
    body = {"token": "legacy", "api_app_id": "A1", "type": "event_callback",
            "enterprise_id": "E1", "event": {"type": "app_uninstalled"},
            "event_id": "Ev2", "event_time": 2, "authorizations": install.authorizations()}
    status, _ = await slack.post(json.dumps(body), "application/json")
    assert status == 200
    assert await slack.people() == [] and await slack.followups() == []
    async with slack.store.uow() as uow:
        assert await uow.deliveries.list_for_owner(Owner("slack", "T1", "U1")) == []
    store = slack.runtime.oauth.installations
    assert await store.async_find_bot(enterprise_id="E1", team_id=None,
                                      is_enterprise_install=True) is None


async def test_the_shortcut_uses_the_zone_the_commands_set(grid):
    slack, install = grid
    await command(slack, install, "/vitalfew tz Pacific/Kiritimati")  # already Tuesday
    status, _ = await slack.interact({
        **install.interaction(), "type": "message_action", "callback_id": "followup_message",
        "trigger_id": "trig", "channel": {"id": "C1", "name": "general"}, "api_app_id": "A1",
        "message": {"type": "message", "user": "U2", "ts": "1700000000.000200",
                    "text": "can you intro me?"},
        "response_url": "http://127.0.0.1:9/unused"})
    assert status == 200
    call = (await eventually(lambda: slack.fake.called("views.open")))[-1]
    due = {b["block_id"]: b["element"] for b in call.params["view"]["blocks"]}["due"]
    assert due["initial_date"] == "2026-12-01"  # Tuesday + 7 there (Monday in Berlin)
