"""App Home and the "Follow up on this" shortcut, driven as Slack sends them."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_support import eventually

from bot import stamps
from bot.domain import Owner
from bot.replies import FORGET_CONFIRM

HOME_OPENED = {"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home",
               "event_ts": "1.0"}


def shortcut(message_user: str = "U2", user: str = "U1") -> dict:
    return {"type": "message_action", "callback_id": "followup_message", "trigger_id": "trig",
            "team": {"id": "T1", "domain": "acme"}, "user": {"id": user, "team_id": "T1"},
            "channel": {"id": "C1", "name": "general"}, "api_app_id": "A1",
            "message": {"type": "message", "user": message_user, "ts": "1700000000.000200",
                        "text": "can you intro me?"},
            "response_url": "http://127.0.0.1:9/unused"}


def submission(day: str, author: str = "U2", note: str = "https://example/p1") -> dict:
    return {"type": "view_submission", "team": {"id": "T1", "domain": "acme"},
            "user": {"id": "U1", "team_id": "T1"}, "api_app_id": "A1", "trigger_id": "trig",
            "view": {"id": "V1", "type": "modal", "callback_id": "followup_message_modal",
                     "private_metadata": '{"channel": "C1"}', "state": {"values": {
                         "person": {"person": {"type": "users_select", "selected_user": author}},
                         "due": {"due": {"type": "datepicker", "selected_date": day}},
                         "note": {"note": {"type": "plain_text_input", "value": note}}}}}}


def texts(blocks: list[dict]) -> str:
    return "\n".join(str(b.get("text", {}).get("text", "")) for b in blocks)


async def test_app_home_shows_the_vital_few_followups_with_buttons_and_the_digest(slack):
    await slack.command("/touch Ana coffee")
    await slack.command("/followup Ana tomorrow send the deck")
    status, _ = await slack.event(HOME_OPENED)
    assert status == 200
    publish = (await eventually(lambda: slack.fake.called("views.publish")))[-1]
    assert publish.params["user_id"] == "U1"
    view = publish.params["view"]
    assert view["type"] == "home"
    shown = texts(view["blocks"])
    assert "Ana" in shown and "send the deck" in shown
    assert "Mondays at 09:00 Europe/Berlin" in shown
    assert "Vital few (1 of 5, every 14 days; 0 due):" in shown  # both circles
    assert "Close circle (0 of 15, every 30 days; 0 due):" in shown
    assert "Trend (your vital few, 8 weeks): ▁▁▁▁▁▁▁█ 1 h this week" in shown
    ids = [e["action_id"] for b in view["blocks"] if b["type"] == "actions"
           for e in b["elements"]]
    assert "followup_done" in ids
    block_ids = [b["block_id"] for b in view["blocks"] if "block_id" in b]
    assert len(block_ids) == len(set(block_ids))


async def test_a_button_in_app_home_republishes_it_with_the_outcome(slack):
    await slack.command("/followup Ana tomorrow send the deck")
    await slack.press("followup_done", stamps.followup_value((await slack.followups())[0]),
                      container={"type": "view", "view_id": "VHOME"},
                      view={"id": "VHOME", "type": "home", "team_id": "T1"})
    view = (await eventually(lambda: slack.fake.called("views.publish")))[-1].params["view"]
    assert "Done: send the deck (Ana)." in view["blocks"][0]["elements"][0]["text"]
    assert "No open follow-ups." in texts(view["blocks"])
    assert [f.status.value for f in await slack.followups()] == ["done"]


async def test_the_shortcut_opens_a_modal_with_author_date_and_permalink(slack):
    status, _ = await slack.interact(shortcut())
    assert status == 200
    call = (await eventually(lambda: slack.fake.called("views.open")))[-1]
    assert call.params["trigger_id"] == "trig"
    blocks = {b["block_id"]: b["element"] for b in call.params["view"]["blocks"]}
    assert blocks["person"]["initial_user"] == "U2"
    assert blocks["due"]["initial_date"] == "2026-11-30"  # Monday + 7 in Europe/Berlin
    assert blocks["note"]["initial_value"] == (
        "https://example.slack.com/archives/C1/p1700000000000200")
    assert slack.fake.last("chat.getPermalink").params["channel"] == "C1"


async def test_submitting_the_modal_records_the_followup_at_nine_local(slack):
    status, body = await slack.interact(submission("2026-12-01"))
    assert status == 200 and not body
    (followup,) = await slack.followups()
    assert followup.due_at == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 09:00 Berlin
    assert followup.what == "https://example/p1"
    (person,) = await slack.people()
    assert (person.name, person.platform_id) == ("Ana Silva", "U2")
    confirm = slack.fake.last("chat.postEphemeral")
    assert confirm.params["user"] == "U1" and confirm.params["channel"] == "C1"
    assert confirm.params["text"].startswith("Follow-up with Ana Silva")


async def test_the_confirmation_falls_back_to_a_dm_where_the_bot_is_not_in_the_channel(slack):
    slack.fake.error_for("chat.postEphemeral", "not_in_channel")
    await slack.interact(submission("2026-12-01"))
    assert slack.fake.last("chat.postMessage").params["channel"] == "DU1"


async def test_a_past_date_is_a_field_error_and_nothing_is_stored(slack):
    for day in ("2026-11-20", "2026-11-23"):  # before today; today 09:00 has passed
        status, body = await slack.interact(submission(day))
        assert status == 200
        assert body["response_action"] == "errors" and "due" in body["errors"]
    assert await slack.followups() == []


def bot_message(**fields) -> dict:
    """The shortcut on a message a bot posted: ``fields`` replace the author's."""
    payload = shortcut()
    message = {k: v for k, v in payload["message"].items() if k != "user"}
    payload["message"] = message | fields
    return payload


async def test_the_shortcut_on_a_message_by_this_bot_is_refused_privately(slack):
    """A reminder the bot sent is not a person to follow up with: no modal, an error only
    the owner sees, nothing stored."""
    for fields in ({"user": "UBOT"}, {"bot_id": "BBOT", "user": "UBOT"},
                   {"bot_id": "BBOT", "subtype": "bot_message"}):
        slack.fake.reset()
        status, _ = await slack.interact(bot_message(**fields))
        assert status == 200
        refusal = await eventually(lambda: slack.fake.called("chat.postEphemeral"))
        assert refusal[-1].params["user"] == "U1"
        assert refusal[-1].params["text"].startswith("⚠️ That's me, the bot.")
        assert slack.fake.called("views.open") == []
    assert await slack.followups() == [] and await slack.people() == []


async def test_the_shortcut_on_a_message_by_another_bot_is_refused_privately(slack):
    slack.fake.reset()
    status, _ = await slack.interact(bot_message(bot_id="BJIRA", subtype="bot_message"))
    assert status == 200
    refusal = await eventually(lambda: slack.fake.called("chat.postEphemeral"))
    assert refusal[-1].params["text"].startswith("⚠️ That's a bot, not a person.")
    assert slack.fake.called("views.open") == []
    assert await slack.people() == []


async def test_picking_yourself_or_a_bot_in_the_modal_is_an_error_on_that_field(slack):
    slack.fake.users["UB2"] = {"name": "jira", "is_bot": True}
    for author, said in (("U1", "That's you."), ("UBOT", "That's me, the bot."),
                         ("UB2", "That's a bot, not a person.")):
        status, body = await slack.interact(submission("2026-12-01", author=author))
        assert status == 200
        assert body["response_action"] == "errors"
        assert list(body["errors"]) == ["person"]
        assert body["errors"]["person"].startswith(said)
    assert await slack.followups() == [] and await slack.people() == []


async def stored(slack, user: str = "U1") -> tuple[object, list]:
    """The owner row and the delivery rows stored for a Slack user."""
    owner = Owner("slack", "T1", user)
    async with slack.store.uow() as uow:
        return await uow.owners.get(owner), await uow.deliveries.list_for_owner(owner)


async def open_home(slack, user: str = "U1") -> dict:
    before = len(slack.fake.called("views.publish"))
    status, _ = await slack.event({**HOME_OPENED, "user": user, "channel": f"D{user}"})
    assert status == 200
    calls = await eventually(lambda: slack.fake.called("views.publish")[before:])
    return calls[-1].params["view"]


async def test_opening_home_after_forget_me_stores_nothing_again(slack):
    await slack.command("/touch Zeno coffee")
    asked = await slack.command("/vitalfew forget me")
    value = next(e["value"] for b in asked["blocks"] if b["type"] == "actions"
                 for e in b["elements"] if e["action_id"] == FORGET_CONFIRM)
    await slack.press(FORGET_CONFIRM, value)
    await eventually(lambda: slack.fake.called("chat.update") or slack.fake.responses)
    assert await stored(slack) == (None, [])  # forgotten
    view = await open_home(slack)
    shown = texts(view["blocks"])
    assert "Zeno" not in shown
    assert "Mondays at 09:00 Europe/Berlin" in shown  # the defaults, shown
    assert await stored(slack) == (None, [])


async def test_a_new_user_opening_home_sees_the_defaults_and_nothing_is_stored(slack):
    view = await open_home(slack)
    assert view["type"] == "home"
    assert "Mondays at 09:00 Europe/Berlin" in texts(view["blocks"])
    assert await stored(slack) == (None, [])
    await open_home(slack)  # again: still nothing
    assert await stored(slack) == (None, [])
