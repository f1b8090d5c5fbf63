"""The weekly digest: its exact content, one screen, once a week at the local hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from delivery_fakes import deliveries, delivery, tick_at

from bot.domain import DeliveryStatus, Followup, FollowupStatus, Initiative, Kind, Person, Touch
from bot.replies import PERSON_SNOOZE_1W, PERSON_TOUCH, Action
from tests.conftest import person_value

SECOND = timedelta(seconds=1)
# `me` lives in Europe/Berlin; the clock starts Mon 23 Nov 2026 15:00 UTC, so the first
# digest is Mon 30 Nov 2026 09:00 Berlin = 08:00 UTC.
DIGEST_AT = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
WEEK1 = "digest:console::me:2026-W49"


async def add_history(store, owner, now: datetime = DIGEST_AT) -> dict[str, int]:
    """People, touches and follow-ups at known distances from ``now``; their ids."""
    days = {  # name: (kind, days before now of each touch)
        "Ana": (Kind.MEET, (60, 48, 36)),   # usually every 12 days, 36 since: cold
        "Ben": (Kind.CALL, (50, 40, 20)),   # gaps 10 and 20: usually 15, 20 since: due
        "Cy": (Kind.MESSAGE, (29, 16)),     # two touches: no usual gap, cadence 14: due
        "Dee": (Kind.MEET, (2,)),           # fine
        "Eve": (Kind.MEET, (45,)),          # 45 days, cadence 14: cold
        "Fay": (Kind.MESSAGE, (1,)),        # weakest: outside the vital few of five
    }
    ids = {}
    async with store.uow() as uow:
        for name, (kind, ago) in days.items():
            p = await uow.people.add(Person(owner, name, created_at=now - timedelta(days=90)))
            ids[name] = p.id
            for d in ago:
                await uow.touches.add(owner, Touch(p.id, now - timedelta(days=d), kind, "x"))
        for name, due, what, status in (
            ("Ana", now - timedelta(days=2), "send the intro", FollowupStatus.OPEN),
            ("Ben", now + timedelta(days=3, hours=2), "ask about the move", FollowupStatus.OPEN),
            ("Dee", now + timedelta(days=10), "birthday gift", FollowupStatus.OPEN),
            ("Cy", now - timedelta(days=1), "already done", FollowupStatus.DONE),
        ):
            await uow.followups.add(owner, Followup(ids[name], due, what, status=status,
                                                    created_at=now - timedelta(days=20)))
        await uow.commit()
    return ids


async def test_the_digest_for_a_prepared_history_reads_exactly(me, store, engine, clock,
                                                               notifier):
    await me("/vitalfew digest on")
    ids = await add_history(store, me.owner)

    assert (await tick_at(engine, clock, DIGEST_AT - SECOND)).claimed == 0
    assert (await tick_at(engine, clock, DIGEST_AT)).sent == 1

    [sent] = notifier.sent
    assert sent.key == WEEK1
    assert sent.reply.text == "\n\n".join([
        "Your week with the vital few",
        # The three most overdue of the vital few (cadence 14 days): Eve 31 days past
        # it, Ana 22, Ben 6; then Cy, 2.
        "Reach out to Eve today: 45 days since your last touch; your cadence is every "
        "14 days.",
        "Reach out to Ana today: 36 days since your last touch; you usually talk every "
        "12 days.",
        "Reach out to Ben today: 20 days since your last touch; you usually talk every "
        "15 days.",
        "Also going cold:\n"
        "  Cy: 16 days since your last touch; your cadence is every 14 days",
        # Dee's gift is due in 10 days and Cy's was done: neither is listed.
        "Follow-ups:\n"
        "  OVERDUE Ana: send the intro (due Sat 28 Nov 2026, 09:00)\n"
        "  Ben: ask about the move (due Thu 3 Dec 2026, 11:00)",
        # The last 30 days: Ben 20, Cy 5 twice and Dee 60 minutes of the vital few, and
        # Fay 5: 90 of 95. The 30 days before last week: Ana, Ben and Cy twice, all vital.
        "Focus: 95% of your time with people in the last 30 days went to your vital few "
        "(last week: 100%).\n"
        # This week: Dee 60 and Fay 5 minutes. Weeks back, oldest first: Ben 20; Ana 60
        # and Eve 60; Ana 60 and Ben 20; Cy 5; none; Ben 20 and Cy 5; none; Dee 60.
        "Time: 1 h 5 min with people this week (last 7 days), 1 h (92%) with your vital few."
        "\nTrend (your vital few, 8 weeks): ▂█▆▁▁▂▁▅ 1 h this week",
    ])
    named = {name: await person_value(store.uow, me.owner, ids[name]) for name in ids}
    assert sent.reply.actions == tuple(
        action for name in ("Eve", "Ana", "Ben") for action in (
            Action(PERSON_TOUCH, "Logged a touch", named[name], "primary"),
            Action(PERSON_SNOOZE_1W, "Snooze a week", named[name])))
    eve = sent.reply.actions[0].value
    assert (await me.press(PERSON_TOUCH, f"{ids['Ana']}-{eve.partition('-')[2]}")).title == (
        "That button is out of date.")  # edited to name someone else
    assert (await me.press(PERSON_TOUCH, eve)).title == "Logged a message with Eve."
    assert_one_screen(sent.reply)


def assert_one_screen(reply) -> None:
    """One screen: at most 24 lines (blank ones between sections included) and 1,600
    characters of text, plus at most three rows of buttons."""
    assert len(reply.text.splitlines()) <= 24, reply.text
    assert len(reply.text) <= 1600, reply.text
    assert sum(bool(s.actions) for s in reply.sections) <= 3


async def test_a_crowded_week_still_fits_one_screen(me, store, engine, clock, notifier):
    await me("/vitalfew size 15")
    async with store.uow() as uow:
        for n in range(40):
            p = await uow.people.add(Person(me.owner, f"Person number {n:02d} " + "x" * 30))
            await uow.touches.add(me.owner, Touch(p.id, DIGEST_AT - timedelta(days=40 + n),
                                                  Kind.MEET))
            await uow.followups.add(me.owner, Followup(p.id, DIGEST_AT - timedelta(days=1),
                                                       "y" * 200))
        await uow.commit()
    await tick_at(engine, clock, DIGEST_AT)
    [sent] = notifier.sent
    assert len(sent.reply.actions) == 6  # three suggestions, two buttons each
    # Two of the vital few, then one of the close circle going cold (60 days and more)
    assert "from your close circle: 69 days since" in sent.reply.text
    assert "  … and 11 more" in sent.reply.text and "  … and 35 more" in sent.reply.text
    assert_one_screen(sent.reply)


async def test_each_weeks_digest_goes_out_once_and_the_next_is_scheduled(
        me, store, engine, clock, notifier):
    await me("/touch Ana coffee")
    for _ in range(3):
        await tick_at(engine, clock, DIGEST_AT)
    await tick_at(engine, clock, DIGEST_AT + timedelta(days=7) - SECOND)
    await tick_at(engine, clock, DIGEST_AT + timedelta(days=7))
    await tick_at(engine, clock, DIGEST_AT + timedelta(days=7, hours=1))

    assert notifier.keys == [WEEK1, "digest:console::me:2026-W50"]
    pending = [d for d in await deliveries(store, me.owner) if d.status == "pending"]
    assert [(d.key, d.due_at) for d in pending] == [
        ("digest:console::me:2026-W51", DIGEST_AT + timedelta(days=14))]


async def test_digest_now_goes_out_at_once_and_leaves_the_weekly_one(me, engine, clock,
                                                                    notifier):
    await me("/touch Ana coffee")
    answer = await me("/vitalfew digest now")
    assert answer.title == "Your digest is on its way to your DMs."

    report = await engine.tick()
    assert report.sent == 1
    assert notifier.keys == [f"digest-now:console::me:{clock.now().isoformat()}"]
    assert notifier.sent[0].reply.title == "Your week with the vital few" or \
        notifier.sent[0].reply.title.startswith("Your vital few are warm")
    await tick_at(engine, clock, DIGEST_AT)
    assert notifier.keys_of("digest") == [WEEK1]


async def test_digest_off_stops_it_and_on_brings_it_back_the_same_week(
        me, engine, clock, notifier):
    await me("/touch Ana coffee")
    await me("/vitalfew digest off")
    await tick_at(engine, clock, DIGEST_AT + timedelta(days=14))
    assert notifier.sent == []

    clock.set(DIGEST_AT + timedelta(days=15))  # Tue of W51
    await me("/vitalfew digest off")
    await me("/vitalfew digest on")
    await tick_at(engine, clock, DIGEST_AT + timedelta(days=21))  # Mon 21 Dec
    assert notifier.keys == ["digest:console::me:2026-W52"]


async def test_off_then_on_before_the_weeks_digest_still_sends_it(me, engine, clock,
                                                                 notifier):
    await me("/touch Ana coffee")
    await me("/vitalfew digest off")
    await me("/vitalfew digest on")
    await tick_at(engine, clock, DIGEST_AT)
    # The week's first row was cancelled, so this one carries a numbered key.
    assert notifier.keys == [WEEK1 + "#2"]


async def test_changing_another_setting_keeps_the_weekly_digest(me, engine, clock, notifier):
    await me("/touch Ana coffee")
    await me("/vitalfew size 3")
    await me("/vitalfew every 10d")
    await me("/vitalfew tz Europe/Berlin")
    await tick_at(engine, clock, DIGEST_AT)
    assert notifier.keys == [WEEK1]


async def test_moving_the_digest_within_the_week_sends_it_at_the_new_time(
        me, engine, clock, notifier):
    await me("/touch Ana coffee")
    clock.set(datetime(2026, 11, 28, 12, 0, tzinfo=UTC))  # Sat; Monday's W49 is pending
    answer = await me("/vitalfew digest tuesday 18:30")  # Tue 1 Dec: W49 as well
    assert "Next one: Tue 1 Dec 2026, 18:30 Europe/Berlin" in answer.text
    await tick_at(engine, clock, DIGEST_AT)
    assert notifier.sent == []
    tuesday = datetime(2026, 12, 1, 17, 30, tzinfo=UTC)
    await tick_at(engine, clock, tuesday - SECOND)
    assert notifier.sent == []
    await tick_at(engine, clock, tuesday)
    await tick_at(engine, clock, tuesday + timedelta(days=7))
    assert notifier.keys == [WEEK1 + "#2", "digest:console::me:2026-W50"]


async def test_moving_it_after_this_weeks_went_out_waits_for_next_week(
        me, store, engine, clock, notifier):
    """Each week's digest goes out once: moving it to later in the same week must not
    send a second one that week, nor lose the next."""
    await me("/touch Ana coffee")
    await tick_at(engine, clock, DIGEST_AT)
    await me("/vitalfew digest friday 17:00")
    await tick_at(engine, clock, datetime(2026, 12, 4, 16, 0, tzinfo=UTC))  # Fri 17:00
    assert notifier.keys == [WEEK1]
    await tick_at(engine, clock, datetime(2026, 12, 11, 16, 0, tzinfo=UTC))
    assert notifier.keys == [WEEK1, "digest:console::me:2026-W50#2"]


@pytest.mark.parametrize("zone,first,second", [
    # Berlin springs forward on Sun 28 Mar 2027: 09:00 is 08:00 UTC, then 07:00 UTC.
    ("Europe/Berlin", datetime(2027, 3, 22, 8, 0, tzinfo=UTC),
     datetime(2027, 3, 29, 7, 0, tzinfo=UTC)),
    # New York falls back on Sun 1 Nov 2026: 09:00 is 13:00 UTC, then 14:00 UTC.
    ("America/New_York", datetime(2026, 10, 26, 13, 0, tzinfo=UTC),
     datetime(2026, 11, 2, 14, 0, tzinfo=UTC)),
])
async def test_the_digest_stays_at_nine_local_across_a_dst_change(
        make_user, make_engine, clock, notifier, zone, first, second):
    clock.set(first - timedelta(days=2))
    owner = make_user("dst", zone)
    await owner("/touch Ana coffee")
    engine = make_engine()
    for at, expected in ((first - SECOND, 0), (first, 1), (second - SECOND, 1), (second, 2)):
        await tick_at(engine, clock, at)
        assert len(notifier.keys_of("digest")) == expected, at
    assert second - first != timedelta(days=7)  # the UTC instants are not a week apart


async def test_an_owner_with_nobody_gets_no_digest_but_keeps_the_schedule(
        me, store, engine, clock, notifier):
    await me("/vitalfew digest on")
    report = await tick_at(engine, clock, DIGEST_AT)
    assert (report.claimed, report.skipped, notifier.sent) == (1, 1, [])
    assert (await delivery(store, WEEK1)).status == DeliveryStatus.FAILED
    assert (await delivery(store, "digest:console::me:2026-W50")).status == "pending"


async def test_an_owner_who_forgot_everything_mid_flight_gets_nothing(
        me, store, engine, clock, notifier):
    await me("/touch Ana coffee")
    clock.set(DIGEST_AT)
    async with store.uow() as uow:
        [claimed] = await uow.deliveries.claim_due(clock.now(), engine.worker_id,
                                                   clock.now() + engine.policy.lease, 10)
        await uow.commit()
    asked = await me("/vitalfew forget me")
    await me.press("forget_confirm", asked.actions[0].value)
    report = await engine._deliver(claimed)
    assert report == "skipped"
    assert notifier.sent == [] and await deliveries(store, me.owner) == []


async def test_digests_due_together_are_composed_together_from_the_bulk_source(
        me, make_user, store, engine, clock, notifier, monkeypatch):
    """One read of the bulk source for every digest a tick claims, none one by one: the
    same text as composing each alone (the test above), at a fraction of the reads."""
    other = make_user("berlin2", "Europe/Berlin")
    for user in (me, other):
        await user("/vitalfew digest on")
        await add_history(store, user.owner)
    asked: list[set] = []
    batches = engine._digests.batches

    def counted(query, owners=None):
        asked.append(set(owners or ()))
        return batches(query, owners)

    async def one_by_one(d):
        raise AssertionError(f"{d.key} composed alone")

    monkeypatch.setattr(engine._digests, "batches", counted)
    monkeypatch.setattr(engine, "_compose", one_by_one)
    assert (await tick_at(engine, clock, DIGEST_AT)).sent == 2
    assert asked == [{me.owner, other.owner}]
    assert [s.reply.text for s in notifier.sent][0] == [s.reply.text for s in notifier.sent][1]
    assert notifier.sent[0].reply.text.startswith("Your week with the vital few\n\n"
                                                  "Reach out to Eve today")


async def test_if_the_bulk_source_fails_each_digest_is_composed_alone(
        me, store, engine, clock, notifier, monkeypatch):
    await me("/vitalfew digest on")
    await add_history(store, me.owner)

    def broken(query, owners=None):
        raise RuntimeError("the bulk read failed")

    monkeypatch.setattr(engine._digests, "batches", broken)
    assert (await tick_at(engine, clock, DIGEST_AT)).sent == 1
    assert notifier.sent[0].reply.text.startswith("Your week with the vital few\n\n"
                                                  "Reach out to Eve today")


async def test_a_tie_only_they_carry_gets_a_suggestion_to_reach_out(me, store, engine, clock,
                                                                   notifier):
    async with store.uow() as uow:
        bo = await uow.people.add(Person(me.owner, "Bo", created_at=DIGEST_AT - timedelta(90)))
        for d in (9, 6, 3):  # Bo started each of the last three, and is not due
            await uow.touches.add(me.owner, Touch(bo.id, DIGEST_AT - timedelta(days=d),
                                                  Kind.CALL, started_by=Initiative.THEM))
        await uow.commit()
    await me("/vitalfew budget 2h")
    await tick_at(engine, clock, DIGEST_AT)
    [sent] = notifier.sent
    assert sent.reply.title == "Your week with the vital few"
    assert sent.reply.sections[0].lines == (
        "Be the one who reaches out to Bo this week: they started 3 of the last 3.",)
    assert [a.label for a in sent.reply.sections[0].actions] == ["Logged a touch",
                                                                 "Snooze a week"]
    assert sent.reply.sections[-1].lines[1:] == (
        "Time: 40 min with people this week (last 7 days), 40 min (100%) with your vital few;"
        " budget 2 h, 1 h 20 min left.",
        "Trend (your vital few, 8 weeks): ▁▁▁▁▁▁▅█ 40 min this week")
