"""Reminders fire once, at the right instant, with the four buttons that work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from delivery_fakes import FakeNotifier, deliveries, tick_at

from bot.domain import DeliveryStatus, FollowupStatus
from bot.replies import (
    FOLLOWUP_DONE,
    FOLLOWUP_DROP,
    FOLLOWUP_SNOOZE_1D,
    FOLLOWUP_SNOOZE_1W,
    Action,
)

SECOND = timedelta(seconds=1)
# `me` is in Europe/Berlin; the clock starts Mon 23 Nov 2026 15:00 UTC (16:00 there).
TOMORROW_9 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # Tue 09:00 Berlin


async def test_a_reminder_fires_once_at_its_due_instant(me, store, engine, clock, notifier):
    await me("/followup Ana tomorrow call about the move")

    assert (await tick_at(engine, clock, TOMORROW_9 - SECOND)).claimed == 0
    assert notifier.sent == []
    report = await tick_at(engine, clock, TOMORROW_9)
    assert (report.claimed, report.sent) == (1, 1)
    for later in (TOMORROW_9 + SECOND, TOMORROW_9 + timedelta(days=5)):
        assert (await tick_at(engine, clock, later)).claimed == 0

    [sent] = notifier.sent
    assert sent.owner == me.owner
    assert sent.key == f"reminder:1:{int(TOMORROW_9.timestamp())}"
    assert sent.reply.text == (
        "Reminder: follow up with Ana\n\n"
        "call about the move\n"
        "Due Tue 24 Nov 2026, 09:00 Europe/Berlin (now)")
    value = sent.reply.actions[0].value  # the follow-up, stamped (bot.stamps)
    assert value.startswith(f"1-{int(TOMORROW_9.timestamp())}-")
    assert sent.reply.actions == (
        Action(FOLLOWUP_DONE, "Done", value, "primary"),
        Action(FOLLOWUP_SNOOZE_1D, "Snooze 1 day", value),
        Action(FOLLOWUP_SNOOZE_1W, "Snooze 1 week", value),
        Action(FOLLOWUP_DROP, "Drop", value, "danger"),
    )
    [row] = [d for d in await deliveries(store, me.owner) if d.kind == "reminder"]
    assert (row.status, row.attempts, row.sent_at) == (DeliveryStatus.SENT, 1, TOMORROW_9)


async def test_pressing_done_on_the_reminder_closes_the_follow_up(me, engine, clock, notifier):
    await me("/followup Ana tomorrow send the intro")
    await tick_at(engine, clock, TOMORROW_9)
    done = notifier.sent[0].reply.actions[0]

    answer = await me.press(done.id, done.value)

    assert answer.title == "Done: send the intro (Ana)."
    assert answer.replaces_original
    assert (await me("/followup")).title == "No open follow-ups."
    assert "message" in (await me("/vitalfew people")).text  # logged as a message touch
    again = await me.press(done.id, done.value)
    assert again.error and again.title == "That follow-up is already done."


async def test_a_snoozed_reminder_fires_again_at_the_new_time_once(me, engine, clock, notifier):
    await me("/followup Ana tomorrow call")
    await tick_at(engine, clock, TOMORROW_9)
    clock.advance(timedelta(minutes=5))
    await me.press(FOLLOWUP_SNOOZE_1D, notifier.sent[0].reply.actions[1].value)
    again_at = TOMORROW_9 + timedelta(days=1, minutes=5)

    assert (await tick_at(engine, clock, again_at - SECOND)).claimed == 0
    assert (await tick_at(engine, clock, again_at)).sent == 1
    assert (await tick_at(engine, clock, again_at + timedelta(days=3))).claimed == 0
    assert notifier.keys_of("reminder") == [
        f"reminder:1:{int(t.timestamp())}" for t in (TOMORROW_9, again_at)]
    assert "Due Wed 25 Nov 2026, 09:05 Europe/Berlin (now)" in notifier.sent[1].reply.text


async def test_snooze_pressed_twice_in_the_same_second_still_reminds_once(
        me, engine, clock, notifier):
    """A double click presses one button twice: the promise moves once, the second press
    says where it went, and the owner is reminded once, a week after the first due time."""
    await me("/followup Ana tomorrow call")
    value = await me.buttons_of(1)
    first = await me.press(FOLLOWUP_SNOOZE_1W, value)
    second = await me.press(FOLLOWUP_SNOOZE_1W, value)

    assert "Tue 1 Dec 2026, 09:00" in first.text
    assert second.title == "Already snoozed to Tue 1 Dec 2026, 09:00 Europe/Berlin (in 8 days)."
    assert (await me("/followup")).sections[0].lines[0].startswith(
        "Ana: call · due Tue 1 Dec 2026, 09:00")
    at = TOMORROW_9 + timedelta(days=7)
    await tick_at(engine, clock, at + timedelta(days=7))
    assert notifier.keys_of("reminder") == [f"reminder:1:{int(at.timestamp())}"]


async def test_done_or_drop_before_due_sends_nothing(me, engine, clock, notifier):
    await me("/followup Ana tomorrow call")
    await me("/followup Ben tomorrow write")
    await me.press(FOLLOWUP_DONE, await me.buttons_of(1))
    await me.press(FOLLOWUP_DROP, await me.buttons_of(2))

    await tick_at(engine, clock, TOMORROW_9 + timedelta(days=1))
    await tick_at(engine, clock, TOMORROW_9 + timedelta(days=30))
    assert notifier.keys_of("reminder") == []


async def test_a_follow_up_snoozed_while_its_reminder_is_claimed_is_not_sent_stale(
        me, engine, store, clock, notifier):
    """The old reminder was already taken by a worker when the owner snoozed; the worker
    must not send it, and the snoozed one must still come."""
    await me("/followup Ana tomorrow call")
    clock.set(TOMORROW_9)
    async with store.uow() as uow:
        [claimed] = await uow.deliveries.claim_due(clock.now(), "w1", clock.now()
                                                   + engine.policy.lease, 10)
        await uow.commit()
    await me.press(FOLLOWUP_SNOOZE_1D, await me.buttons_of(1))
    # The claimed row is handed to the same worker's next tick only after its lease;
    # meanwhile the worker finishes it: a stale reminder is dropped, not sent.
    report = await tick_at(engine, clock, TOMORROW_9 + engine.policy.lease + SECOND)
    assert (report.claimed, report.sent, report.skipped) == (1, 0, 1)
    await tick_at(engine, clock, TOMORROW_9 + timedelta(days=1))
    assert notifier.keys_of("reminder") == [
        f"reminder:1:{int((TOMORROW_9 + timedelta(days=1)).timestamp())}"]
    assert claimed.key == f"reminder:1:{int(TOMORROW_9.timestamp())}"


async def test_across_a_dst_change_in_new_york_the_reminder_keeps_local_time(
        make_user, make_engine, clock, notifier):
    """US clocks fell back on Sun 1 Nov 2026: 09:00 on Nov 2 is 14:00 UTC, not 13:00."""
    ny = make_user("ny", "America/New_York")
    clock.set(datetime(2026, 10, 30, 12, 0, tzinfo=UTC))  # Fri 08:00 EDT
    answer = await ny("/followup Ana nov 2 9am call")
    assert "Due Mon 2 Nov 2026, 09:00 America/New_York (in 3 days)" in answer.text
    engine = make_engine()

    due = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    assert (await tick_at(engine, clock, due - timedelta(hours=1))).claimed == 0
    assert (await tick_at(engine, clock, due - SECOND)).claimed == 0
    await tick_at(engine, clock, due)
    # The weekly digest is due at the same instant: Monday 09:00 local too.
    assert sorted(k.split(":")[0] for k in notifier.keys) == ["digest", "reminder"]
    [reminder] = [s for s in notifier.sent if s.key.startswith("reminder:")]
    assert "Due Mon 2 Nov 2026, 09:00 America/New_York (now)" in reminder.reply.text


async def test_reminders_in_two_zones_fire_at_each_owners_local_time(
        make_user, make_engine, clock, notifier):
    tokyo = make_user("tokyo", "Asia/Tokyo")
    berlin = make_user("berlin", "Europe/Berlin")
    clock.set(datetime(2027, 3, 26, 12, 0, tzinfo=UTC))  # Fri; Berlin springs forward Sun
    await tokyo("/followup Ana monday 9am call")
    await berlin("/followup Ben monday 9am call")
    engine = make_engine()

    tokyo_at = datetime(2027, 3, 29, 0, 0, tzinfo=UTC)   # 09:00 JST
    berlin_at = datetime(2027, 3, 29, 7, 0, tzinfo=UTC)  # 09:00 CEST (08:00 UTC before)
    for at, owners in ((tokyo_at - SECOND, []), (tokyo_at, ["tokyo"]),
                       (berlin_at - SECOND, ["tokyo"]), (berlin_at, ["tokyo", "berlin"])):
        await tick_at(engine, clock, at)
        assert [s.owner.user for s in notifier.sent if s.key.startswith("reminder:")] == owners


async def test_a_reminder_for_a_platform_without_notifier_waits(me, store, clock, make_engine):
    """A process claims only what it can send: a Slack-only row stays for the Slack one."""
    await me("/followup Ana tomorrow call")
    other = FakeNotifier()
    engine = make_engine()
    engine._notifiers = {"slack": other}  # this process runs Slack only
    assert (await tick_at(engine, clock, TOMORROW_9)).claimed == 0
    [row] = [d for d in await deliveries(store, me.owner) if d.kind == "reminder"]
    assert row.status == DeliveryStatus.PENDING


async def test_the_follow_up_status_is_open_until_pressed(me, store, engine, clock):
    await me("/followup Ana tomorrow call")
    await tick_at(engine, clock, TOMORROW_9)
    async with store.uow() as uow:
        f = await uow.followups.get(me.owner, 1)
    assert f is not None and f.status is FollowupStatus.OPEN
