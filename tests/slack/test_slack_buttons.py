"""Deliveries as DMs with buttons, and what a pressed button does to its message."""

from __future__ import annotations

from datetime import timedelta

from slack_support import eventually

from bot import stamps
from bot.domain import Owner
from bot.replies import FOLLOWUP_DONE

OWNER = Owner("slack", "T1", "U1")


async def test_a_due_reminder_is_a_dm_with_buttons_and_its_key_in_metadata(slack, clock):
    await slack.command("/followup Ana tomorrow send the deck")
    clock.advance(timedelta(days=2))
    report = await _tick(slack, clock)
    assert report.sent == 1
    post = slack.fake.last("chat.postMessage")
    assert post.params["channel"] == "DU1"
    metadata = post.params["metadata"]
    assert metadata["event_type"] == "vitalfew_delivery"
    key = metadata["event_payload"]["key"]
    async with slack.store.uow() as uow:
        assert (await uow.deliveries.get(key)).status.value == "sent"
    assert post.params["text"].startswith("Reminder: follow up with Ana")
    ids = [e["action_id"] for b in post.params["blocks"] if b["type"] == "actions"
           for e in b["elements"]]
    assert ids == ["followup_done", "followup_snooze_1d", "followup_snooze_1w", "followup_drop"]
    assert await slack.runtime.notifier.already_sent(OWNER, key)
    assert not await slack.runtime.notifier.already_sent(OWNER, "reminder:999:0")


async def test_pressing_done_on_a_dm_closes_the_followup_and_replaces_the_message(slack):
    await slack.command("/followup Ana tomorrow send the deck")
    value = stamps.followup_value((await slack.followups())[0])
    status, _ = await slack.press(FOLLOWUP_DONE, value)
    assert status == 200  # acknowledged at once; the work follows as a lazy listener
    await eventually(lambda: slack.fake.called("chat.update"))
    assert [f.status.value for f in await slack.followups()] == ["done"]
    update = slack.fake.last("chat.update")
    assert update.params["channel"] == "DU1" and update.params["ts"] == "1.1"
    assert update.params["text"].startswith("Done: send the deck (Ana).")
    assert not [b for b in update.params["blocks"] if b["type"] == "actions"]
    # A second press on a stale copy changes nothing and says so, ephemerally.
    await slack.press(FOLLOWUP_DONE, value)
    key, said = (await eventually(lambda: slack.fake.responses))[-1]
    assert said["response_type"] == "ephemeral" and said["replace_original"] is False
    assert "already done" in said["text"]
    assert len(slack.fake.called("chat.update")) == 1


async def test_a_button_on_an_ephemeral_list_replaces_it_through_response_url(slack):
    await slack.command("/followup Ana tomorrow send the deck")
    value = stamps.followup_value((await slack.followups())[0])
    await slack.press("followup_snooze_1w", value, container={
        "type": "message", "message_ts": "1.1", "channel_id": "C1", "is_ephemeral": True})
    _, said = (await eventually(lambda: slack.fake.responses))[-1]
    assert said["replace_original"] is True
    assert said["text"].startswith("Snoozed: send the deck (Ana).")
    assert not slack.fake.called("chat.update")


async def test_buttons_work_with_the_default_async_runner_too(start_slack):
    slack = await start_slack(process_before_response=False)
    await slack.command("/followup Ana tomorrow send the deck")
    await slack.press("followup_drop", stamps.followup_value((await slack.followups())[0]))
    await eventually(lambda: slack.fake.called("chat.update"))
    assert [f.status.value for f in await slack.followups()] == ["dropped"]


async def _tick(slack, clock):
    from bot.delivery import DeliveryEngine

    engine = DeliveryEngine(slack.store.uow, clock, {"slack": slack.runtime.notifier})
    return await engine.tick()


async def test_they_reached_out_on_a_touch_reply_marks_it_and_offers_the_undo(slack):
    body = await slack.command("/touch Ana lunch 1h30")
    [button] = [e for b in body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert (button["action_id"], button["text"]["text"]) == ("touch_from_them",
                                                             "They reached out")
    await slack.press("touch_from_them", button["value"], container={
        "type": "message", "message_ts": "1.1", "channel_id": "C1", "is_ephemeral": True})
    _, said = (await eventually(lambda: slack.fake.responses))[-1]
    assert said["replace_original"] is True
    assert said["text"].startswith("Marked: Ana reached out this time.")
    [undo] = [e for b in said["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert undo["text"]["text"] == "I reached out"
    async with slack.store.uow() as uow:
        [touch] = await uow.touches.list(OWNER)
    assert (touch.minutes, touch.started_by.value) == (90, "them")
