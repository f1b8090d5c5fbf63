"""Slash commands over real HTTP: each command's ephemeral reply, mentions, zones, export."""

from __future__ import annotations

import json

from bot.domain import Owner


def texts(body: dict) -> str:
    """Every text in a reply's blocks, joined: what the user reads."""
    return "\n".join(b["text"]["text"] for b in body["blocks"] if "text" in b)


async def test_touch_with_a_mention_names_the_person_keyed_by_their_slack_id(slack):
    body = await slack.command("/touch <@U2|ana> coffee")
    assert body["response_type"] == "ephemeral"
    assert body["text"].startswith("Logged a meet with ana: coffee")
    assert "*Logged a meet with ana: coffee*" in texts(body)
    assert "ana is #1 of your vital few." in texts(body)
    async with slack.store.uow() as uow:
        person = await uow.people.by_platform_id(Owner("slack", "T1", "U1"), "U2")
    assert person is not None and person.name == "ana"


async def test_a_bare_mention_is_named_from_users_info_and_the_owner_zone_is_the_profile(slack):
    body = await slack.command("/followup <@U2> tomorrow send the deck")
    assert body["text"].startswith("Follow-up with Ana Silva: send the deck")
    # The owner's (U1) profile zone is Europe/Berlin: 09:00 local tomorrow.
    assert "Tue 24 Nov 2026, 09:00 Europe/Berlin" in texts(body)
    looked_up = [c.params["user"] for c in slack.fake.called("users.info")]
    assert sorted(looked_up) == ["U1", "U2"]


async def test_users_info_is_cached_between_commands(slack):
    await slack.command("/touch Ana coffee")
    await slack.command("/touch Ana call")
    await slack.command("/vitalfew")
    assert len(slack.fake.called("users.info")) == 1


async def test_vitalfew_and_followup_lists_reply_ephemerally(slack):
    await slack.command("/touch Ana coffee")
    await slack.command("/followup Ana in 2 days lunch")
    vital = await slack.command("/vitalfew")
    assert vital["response_type"] == "ephemeral"
    assert "Ana" in texts(vital)
    listed = await slack.command("/followup")
    assert listed["text"].startswith("Open follow-ups: 1")
    buttons = [e for b in listed["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == [
        "followup_done", "followup_snooze_1d", "followup_snooze_1w", "followup_drop"]
    assert {b["value"] for b in buttons} == {"1"}
    assert buttons[0]["style"] == "primary" and buttons[3]["style"] == "danger"


async def test_an_empty_or_unknown_command_gets_usage(slack):
    body = await slack.command("/vitalfew frobnicate")
    assert "I don't know" in body["text"] and "Usage" in texts(body)
    body = await slack.command("/touch")
    assert "Usage" in body["text"] or "Usage" in texts(body)


async def test_user_text_cannot_ping_or_link(slack):
    body = await slack.command('/touch "Ana <!channel>" coffee <https://evil.example|click> &')
    shown = texts(body) + body["text"]
    assert "<!channel>" not in shown and "<https://" not in shown
    assert "&lt;!channel&gt;" in shown and "&lt;https://evil.example|click&gt;" in shown
    assert all(b["text"].get("verbatim") for b in body["blocks"] if "text" in b)
    people = await slack.people()
    assert people[0].name == "Ana <!channel>"  # stored literally


async def test_export_is_uploaded_to_the_dm_and_the_reply_says_so(slack):
    await slack.command("/touch Ana coffee")
    body = await slack.command("/vitalfew export")
    assert "Sent to your DMs as vitalfew-export-" in texts(body)
    assert slack.fake.last("conversations.open").params["users"] == "U1"
    complete = slack.fake.last("files.completeUploadExternal")
    assert complete.params["channel_id"] == "DU1"
    files = complete.params["files"]
    assert "vitalfew-export-" in (files if isinstance(files, str) else json.dumps(files))
    assert slack.fake.called("upload")


async def test_a_failed_export_upload_is_an_error_reply(slack):
    slack.fake.error_for("files.getUploadURLExternal", "missing_scope")
    body = await slack.command("/vitalfew export")
    assert body["text"].startswith("⚠️ I couldn't send the export file")
