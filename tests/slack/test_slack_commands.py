"""Slash commands over real HTTP: each command's ephemeral reply, mentions, zones, export."""

from __future__ import annotations

import json

from adapters.slack.runtime import register_all
from bot import stamps
from bot.domain import Owner


def texts(body: dict) -> str:
    """Every text in a reply's blocks, joined: what the user reads."""
    return "\n".join(b["text"]["text"] for b in body["blocks"] if "text" in b)


async def test_touch_with_a_mention_names_the_person_keyed_by_their_slack_id(slack):
    body = await slack.command("/touch <@U2|ana> coffee")
    assert body["response_type"] == "ephemeral"
    assert body["text"].startswith("Logged a meet with ana: coffee")
    assert "*Logged a meet with ana: coffee · 1 h*" in texts(body)
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
    assert {b["value"] for b in buttons} == {stamps.followup_value((await slack.followups())[0])}
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


async def test_typed_ampersands_and_brackets_are_stored_as_typed_and_shown_once_escaped(slack):
    # Slack sends what the user typed with & < > escaped, and its own mentions raw.
    body = await slack.command("/touch <@U2|ana> Tom &amp; Jerry &lt;3 a&amp;lt;b")
    assert body["text"].startswith("Logged a message with ana: Tom &amp; Jerry &lt;3 a&amp;lt;b")
    async with slack.store.uow() as uow:
        [touch] = await uow.touches.list(Owner("slack", "T1", "U1"))
    assert touch.note == "Tom & Jerry <3 a&lt;b"
    body = await slack.command('/touch "R&amp;D &lt;team&gt;" standup')
    assert "R&amp;D &lt;team&gt;" in texts(body)
    assert "R&D <team>" in [p.name for p in await slack.people()]


def test_slack_tokens_stay_raw_and_everything_else_is_unescaped():
    from adapters.slack.deps import typed_text

    assert typed_text("Tom &amp; Jerry") == "Tom & Jerry"
    assert typed_text("&lt;script&gt;") == "<script>"
    assert typed_text("&amp;lt;") == "&lt;"  # a typed entity stays an entity: amp last
    assert typed_text("<@U2|ana> &amp; <#C1|general> <!here> <https://x.io?a=1&amp;b=2>") == (
        "<@U2|ana> & <#C1|general> <!here> <https://x.io?a=1&amp;b=2>")
    assert typed_text("") == ""


async def test_mentioning_yourself_or_the_bot_is_refused(slack):
    for line, said in (("/touch <@U1> coffee", "That's you."),
                       ("/followup <@UBOT|vitalfew> tomorrow ping", "That's me, the bot."),
                       ("/vitalfew add <@UBOT>", "That's me, the bot.")):
        body = await slack.command(line)
        assert body["response_type"] == "ephemeral"
        assert body["text"].startswith(f"⚠️ {said}"), body["text"]
    assert await slack.people() == []


class Registrations:
    """Stands in for Bolt's ``AsyncApp`` while listeners are registered: records each
    registration (``app.command(matcher)(...)``, ``app.action(...)``, ...) in order."""

    def __init__(self) -> None:
        self.made: list[tuple[str, tuple]] = []

    def __getattr__(self, kind: str):
        def register(*matchers: object, **_: object):
            self.made.append((kind, matchers))
            return lambda *args, **kwargs: None
        return register


async def test_commands_are_the_first_listener_bolt_tries(slack):
    """Bolt tries listeners in registration order: commands (the hot path) come first,
    so a command never pays for matching the button, Home, shortcut and event ones."""
    app = Registrations()
    register_all(app, slack.runtime.deps, None)  # type: ignore[arg-type]
    kind, (matcher,) = app.made[0]
    assert kind == "command"
    assert all(matcher.match(c) for c in ("/touch", "/followup", "/vitalfew"))
    assert not any(matcher.match(c) for c in ("/touchy", "/vitalfewer", "/other"))
    assert [k for k, _ in app.made[1:]].count("command") == 0
