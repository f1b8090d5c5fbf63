"""Hardening (issue 15): a slow Web API, typed text, OAuth floods, tokens and odd payloads.

Each test is something a user or an attacker did that hurt before: the acknowledgement
waiting on a rate-limited users.info, typed text taken for a mention, install visits
piling up OAuth states, tokens in logs, a revoked bot token kept, a slash command with
the word "payload" dropped, a stale modal answered with a 500, a button in a modal
republishing the Home tab.
"""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_support import eventually, signed_headers
from sqlalchemy import func, insert, inspect, select
from test_slack_home_shortcut import submission, texts
from test_slack_oauth_lifecycle import OAUTH, installation
from test_slack_startup import restore_logging  # noqa: F401 (a fixture)

from adapters.slack.users import UserDirectory
from bot import stamps
from bot.cli import configure_logging
from bot.domain import Owner
from bot.replies import reply
from bot.settings import ConfigError, load_settings
from storage.slack_installations import oauth_states


def text_of(answer: dict) -> str:
    return answer["text"] + "\n" + texts(answer.get("blocks") or [])


# --- 3. the acknowledgement never waits on the Web API -------------------------------


async def test_a_new_users_command_is_answered_in_time_while_users_info_is_rate_limited(
        slack, fake):
    fake.fail_next("users.info", retry_after=3)  # the SDK would sleep 3 s, then retry
    answer = await post_in_time(slack, "/touch Ana coffee", 2.5)  # Slack waits 3 s
    shown = text_of(answer)
    assert "Ana" in shown and "Times are shown in UTC" in shown
    assert [p.name for p in await slack.people()] == ["Ana"]
    # The lookup finished in the background: the next command has the profile's zone.
    await eventually(lambda: len(fake.called("users.info")) >= 2, within=10)
    assert "Europe/Berlin" in text_of(await slack.command("/vitalfew settings"))


async def post_in_time(slack, line: str, seconds: float) -> dict:
    """A slash command, as Slack sends it, that must be answered within ``seconds``."""
    body = slack.command_body(line)
    async with slack.session.post(
            f"{slack.base}/slack/events", data=body.encode(),
            headers=signed_headers(body, "application/x-www-form-urlencoded"),
            timeout=aiohttp.ClientTimeout(total=seconds)) as resp:
        return await resp.json()


async def test_an_export_is_answered_in_time_while_the_upload_is_rate_limited(slack, fake):
    await slack.command("/touch Ana coffee")
    fake.fail_next("conversations.open", retry_after=3)
    answer = await post_in_time(slack, "/vitalfew export", 2.8)
    assert "On its way to your DMs as vitalfew-export-" in text_of(answer)
    await eventually(lambda: fake.called("files.completeUploadExternal"), within=10)


async def test_a_modal_submission_is_answered_in_time_while_users_info_is_rate_limited(
        slack, fake):
    fake.fail_next("users.info", times=2, retry_after=3)  # the author's and the owner's
    body = urlencode({"payload": json.dumps(submission("2026-12-01"))})
    async with slack.session.post(
            f"{slack.base}/slack/events", data=body.encode(),
            headers=signed_headers(body, "application/x-www-form-urlencoded"),
            timeout=aiohttp.ClientTimeout(total=2.5)) as resp:
        assert resp.status == 200
    assert len(await slack.followups()) == 1
    # The lookups finish after their Retry-After, in the background.
    await eventually(lambda: len(fake.called("users.info")) >= 4, within=10)


# --- 4. typed text is never a mention ----------------------------------------------------


async def test_typed_mention_syntax_is_text_not_a_mention(slack, fake):
    await slack.command("/touch &lt;@U2|Totally The CEO&gt; coffee")
    people = await slack.people()
    assert [p.platform_id for p in people] == [None]
    assert "Totally The CEO" not in (people[0].name or "") or "@U2" in people[0].name
    assert fake.called("users.info") == [] or all(
        c.params["user"] != "U2" for c in fake.called("users.info"))


async def test_an_invalid_user_id_is_never_stored_nor_looked_up(slack, fake):
    long_id = "A" * 300
    await slack.command(f"/touch &lt;@{long_id}&gt; coffee")
    await slack.command(f"/touch <@{long_id.lower()}> call")  # raw: Slack never sends it
    assert all(p.platform_id is None for p in await slack.people())
    assert all(len(c.params["user"]) < 40 for c in fake.called("users.info"))


async def test_a_real_mention_still_is_one(slack):
    await slack.command("/touch <@U2|ana> coffee")
    assert [(p.name, p.platform_id) for p in await slack.people()] == [("ana", "U2")]


async def test_a_failed_lookup_is_not_repeated_for_ten_minutes(fake):
    from slack_sdk.web.async_client import AsyncWebClient

    fake.error_for("users.info", "user_not_found")
    clock = [0.0]
    users = UserDirectory(now=lambda: clock[0])
    client = AsyncWebClient(token="xoxb-test-token", base_url=fake.api_url)
    assert (await users.profile(client, "T1", "U9")).name is None
    clock[0] += 300
    await users.profile(client, "T1", "U9")
    assert len(fake.called("users.info")) == 1


async def test_a_cached_profile_comes_back_without_waiting_on_the_event_loop(fake):
    """Every command asks for its owner's profile: a cached one is answered at once, with
    no task and no timer for the time box, which cost each command a turn of the loop."""
    from slack_sdk.web.async_client import AsyncWebClient

    users = UserDirectory()
    client = AsyncWebClient(token="xoxb-test-token", base_url=fake.api_url)
    first = await users.within(client, "T1", "U1")
    again = users.within(client, "T1", "U1")
    with pytest.raises(StopIteration) as answered:
        again.send(None)  # runs to its end without once yielding to the loop
    assert answered.value.value == first and first.tz == "Europe/Berlin"
    assert len(fake.called("users.info")) == 1


# --- 5. OAuth states are indexed, expired and bounded ---------------------------------


async def install_visit(slack) -> None:
    async with slack.session.get(f"{slack.base}/slack/install") as resp:
        assert resp.status == 200


async def state_rows(slack) -> int:
    async with slack.store.engine.connect() as connection:
        return await connection.scalar(select(func.count()).select_from(oauth_states))


async def test_install_visits_delete_expired_states(start_slack):
    slack = await start_slack(**OAUTH)
    async with slack.store.engine.begin() as connection:
        await connection.execute(insert(oauth_states), [
            {"state": f"old-{n}", "expire_at": datetime(2026, 1, 1)} for n in range(50)])
    await install_visit(slack)
    assert await state_rows(slack) == 1


async def test_a_flood_of_install_visits_keeps_a_bounded_number_of_states(
        start_slack, monkeypatch):
    import storage.slack_states

    monkeypatch.setattr(storage.slack_states, "MAX_STATES", 20)
    slack = await start_slack(**OAUTH)
    for _ in range(45):
        await install_visit(slack)
    assert await state_rows(slack) == 20


async def test_install_visits_beyond_the_rate_are_refused_without_a_state(
        start_slack, monkeypatch):
    import adapters.slack.web

    monkeypatch.setattr(adapters.slack.web, "INSTALL_BURST", 5)
    monkeypatch.setattr(adapters.slack.web, "INSTALL_RATE", 0.001)
    slack = await start_slack(**OAUTH)
    for _ in range(5):
        await install_visit(slack)
    async with slack.session.get(f"{slack.base}/slack/install") as resp:
        assert resp.status == 429
        assert "try again" in await resp.text()
    assert await state_rows(slack) == 5


async def test_oauth_states_are_indexed_by_state(store):
    def indexed(sync_connection) -> list[list[str]]:
        indexes = inspect(sync_connection).get_indexes("slack_oauth_states")
        return [index["column_names"] for index in indexes]

    async with store.engine.connect() as connection:
        assert ["state"] in await connection.run_sync(indexed)


async def test_an_expired_state_is_refused(start_slack):
    slack = await start_slack(**OAUTH)
    states = slack.runtime.oauth.states
    state = await states.async_issue()
    async with slack.store.engine.begin() as connection:
        await connection.execute(oauth_states.update().values(
            expire_at=datetime.now(UTC).replace(tzinfo=None) - timedelta(seconds=1)))
    assert await states.async_consume(state) is False


# --- 9. no token, secret or message text in any log line --------------------------------


async def test_debug_logs_hold_no_token_secret_nor_message_text(
        start_slack, fake, restore_logging):  # noqa: F811
    stream = io.StringIO()
    configure_logging("DEBUG", "json", stream,
                      secrets=["test-client-secret", "test-signing-secret"])
    many = await start_slack(**OAUTH)
    await many.runtime.oauth.installations.async_save(installation("T1"))
    async with many.session.get(f"{many.base}/slack/install") as resp:
        state = re.search(r"state=([0-9a-f-]+)", await resp.text()).group(1)
    async with many.session.get(
            f"{many.base}/slack/oauth_redirect?code=test-code&state={state}",
            headers={"Cookie": f"slack-app-oauth-state={state}"}) as resp:
        assert resp.status == 200
    await many.command("/touch Zed about the merger plans")
    await many.runtime.notifier.send(Owner("slack", "T1", "U1"),
                                     reply("ping Zed about the merger plans"), "k1")
    logged = stream.getvalue()
    assert "oauth.v2.access" in logged or "Sending a request" in logged  # DEBUG was on
    for secret in ("xoxb-", "test-client-secret", "test-code", "merger plans", state):
        assert secret not in logged, secret


def test_redaction_covers_every_level_and_the_libraries(restore_logging):  # noqa: F811
    import logging

    import structlog

    stream = io.StringIO()
    configure_logging("DEBUG", "json", stream, secrets=["s3cret-value"])
    structlog.get_logger("bot.test").error("oops", token="xoxb-1-2-abc", other="s3cret-value")
    logging.getLogger("slack_sdk.web").debug("Received - body: {'access_token': 'xoxp-9'}")
    logging.getLogger("aiohttp.access").info("GET /slack/oauth_redirect?code=abc&state=x1")
    try:
        raise ValueError("(IntegrityError)\n[SQL: INSERT …]\n[parameters: ('the merger plans',)]")
    except ValueError:
        structlog.get_logger("bot.services").exception("command_failed")
    logged = stream.getvalue()
    for secret in ("xoxb-1", "s3cret-value", "xoxp-9", "code=abc", "state=x1", "merger"):
        assert secret not in logged, secret
    assert logged.count("\n") == 4


# --- 10. revoked tokens and clear-text API URLs ------------------------------------------


async def test_a_revoked_bot_token_is_deleted_from_the_installations_too(start_slack, fake):
    many = await start_slack(**OAUTH)
    store = many.runtime.oauth.installations
    for team in ("T1", "T2"):
        await store.async_save(installation(team))
    status, _ = await many.event({"type": "tokens_revoked", "tokens": {"bot": ["UBOT"]}},
                                 team="T2")
    assert status == 200
    assert await store.async_find_installation(enterprise_id=None, team_id="T2") is None
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is None
    assert await store.async_find_installation(enterprise_id=None, team_id="T1") is not None


@pytest.mark.parametrize("url", ["http://slack.example.com/api/", "http://10.0.0.5:8080/api"])
def test_slack_api_url_over_plain_http_to_another_host_stops_start_up(url):
    with pytest.raises(ConfigError, match="SLACK_API_URL: .*https://"):
        load_settings(_env_file=None, slack_api_url=url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9000/api/", "http://localhost/api/",
                                 "https://slack.example.com/api/"])
def test_slack_api_url_https_or_loopback_is_accepted(url):
    assert load_settings(_env_file=None, slack_api_url=url).slack_api_url.startswith(url[:8])


# --- 12. a slash command mentioning "payload" ----------------------------------------------


@pytest.mark.parametrize(("text", "channel"), [
    ("Ana call about the payload schema", "general"),
    ("Ana coffee", "payload-team"),
])
async def test_a_command_with_the_word_payload_is_answered(slack, text, channel):
    body = urlencode({
        "token": "legacy", "team_id": "T1", "team_domain": "acme", "channel_id": "C1",
        "channel_name": channel, "user_id": "U1", "user_name": "u1", "command": "/touch",
        "text": text, "api_app_id": "A1", "trigger_id": "trig",
        "response_url": f"{slack.fake.base}/respond/cmd"})
    status, answer = await slack.post(body, "application/x-www-form-urlencoded")
    assert status == 200, answer
    assert "Ana" in text_of(answer)
    assert [p.name for p in await slack.people()] == ["Ana"]


async def test_a_forged_payload_field_still_needs_a_signature(slack):
    body = urlencode({"command": "/touch", "text": "payload", "user_id": "U1",
                      "team_id": "T1"})
    status, _ = await slack.post(body, "application/x-www-form-urlencoded",
                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                          "X-Slack-Request-Timestamp": "1",
                                          "X-Slack-Signature": "v0=00"})
    assert status == 401


# --- 13. a modal submission that is not ours ---------------------------------------------


@pytest.mark.parametrize("change", ["other_fields", "bad_metadata", "no_state"])
async def test_an_unexpected_modal_submission_gets_a_clear_error(slack, change):
    payload = submission("2026-12-01")
    view = payload["view"]
    if change == "other_fields":
        view["state"]["values"] = {"who": {"who": {"type": "plain_text_input", "value": "x"}}}
    elif change == "bad_metadata":
        view["private_metadata"] = "not json {"
    else:
        del view["state"]
    status, body = await slack.interact(payload)
    assert status == 200, body
    assert body["response_action"] == "errors"
    assert "out of date" in body["errors"]["person"]
    assert await slack.followups() == []


# --- 14. a button in a modal leaves the Home tab alone --------------------------------


async def test_a_button_in_a_modal_does_not_republish_the_home_tab(slack, fake):
    await slack.command("/followup Ana tomorrow send the deck")
    [followup] = await slack.followups()
    await slack.press("followup_done", stamps.followup_value(followup),
                      container={"type": "view", "view_id": "VMODAL"},
                      view={"id": "VMODAL", "type": "modal", "team_id": "T1"})
    message = await eventually(lambda: fake.called("chat.postMessage"))
    assert "Done: send the deck" in message[-1].params["text"]
    assert fake.called("views.publish") == []

