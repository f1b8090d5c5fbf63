"""Each command family through the service layer on the real databases (SQLite, and
PostgreSQL when configured), with a fixed clock: what rests on storage, such as ordering,
time zones, literal text and owner scoping, checked end to end.

The rest of the use cases run on the in-memory unit of work in tests/core/, which
tests/core/test_memory_conformance.py holds to what storage does.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.replies import FOLLOWUP_DONE, FOLLOWUP_SNOOZE_1D, FOLLOWUP_SNOOZE_1W, FORGET_CONFIRM

pytestmark = pytest.mark.asyncio


async def table_counts(store) -> dict[str, int]:
    async with store.uow() as uow:
        owner_people = await uow.people.list(_me())
        return {"people": len(owner_people), "touches": len(await uow.touches.list(_me())),
                "followups": len(await uow.followups.list_all(_me()))}


def _me():
    from bot.domain import Owner

    return Owner("console", "", "me")


async def test_touch_logs_kind_rank_and_when_they_fall_due(me):
    r = await me("/touch Ana coffee")
    assert r.title == "Logged a meet with Ana: coffee · 1 h"
    assert r.sections[0].lines == (
        "Ana is #1 of your vital few.",
        "Due by your 14-day cadence on Mon 7 Dec 2026; if you haven't talked by then, "
        "they'll show in your weekly digest.",
    )
    r = await me('/touch "Sam Lee" zoom about the move')
    assert r.title == "Logged a call with Sam Lee: zoom about the move · 20 min"
    assert "#2 of your vital few" in r.text


async def test_followup_list_is_soonest_first_with_overdue_marked(me, clock):
    await me("/followup Bo in 2 weeks lunch")
    await me("/followup Ana tomorrow send the deck")
    clock.advance(timedelta(days=3))
    r = await me("/followup")
    assert r.title == "Open follow-ups: 2 (1 overdue)"
    assert r.sections[0].lines[0] == (
        "OVERDUE Ana: send the deck · due Tue 24 Nov 2026, 09:00 (2 days ago)")
    assert r.sections[1].lines[0].startswith("Bo: lunch")
    assert [a.id for a in r.sections[0].actions][0] == FOLLOWUP_DONE


async def test_done_closes_the_followup_logs_a_touch_and_cannot_act_twice(me, store):
    await me("/followup Ana tomorrow send the deck")
    value = await me.buttons_of(1)
    r = await me.press(FOLLOWUP_DONE, value)
    assert r.title == "Done: send the deck (Ana)."
    assert r.replaces_original
    again = await me.press(FOLLOWUP_DONE, value)
    assert again.error and "already done" in again.title
    assert await table_counts(store) == {"people": 1, "touches": 1, "followups": 1}
    assert (await me("/followup")).title == "No open follow-ups."


async def test_snooze_moves_the_due_time_and_the_reminder(me, store, clock):
    await me("/followup Ana tomorrow call")
    r = await me.press(FOLLOWUP_SNOOZE_1W, await me.buttons_of(1))
    assert "Tue 1 Dec 2026, 09:00" in r.text  # a week after it was due
    async with store.uow() as uow:
        keys = {d.key: d.status.value for d in await uow.deliveries.list_for_owner(me.owner)}
    assert sorted(keys.values()).count("pending") == 2  # the reminder and the weekly digest
    assert "cancelled" in keys.values()


async def test_vital_few_shows_rank_status_followups_rising_and_focus(me, clock):
    await me("/vitalfew size 2")
    for line in ("/touch Ana coffee", "/touch Bo call", "/touch Cy hi"):
        await me(line)
    clock.advance(timedelta(days=20))
    await me("/touch Cy hi again, 30 min")
    await me("/followup Ana friday intro")
    r = await me("/vitalfew")
    assert r.title == "Your vital few (2 of 2)"
    lines = r.sections[0].lines
    # Strength is decayed hours: Ana's hour 20 days ago, Cy's 5 minutes then and 30 now.
    assert lines[0].startswith("1. Ana · strength 0.7 · last touch 20 days ago (meet) · due: "
                               "20 days since your last touch; your cadence is every 14 days")
    assert lines[0].endswith("1 open follow-up")
    assert lines[1] == "2. Cy · strength 0.6 · last touch now (message) · ok"
    assert r.sections[1].lines == ("Rising outside it: Bo (0.2)",)
    assert r.sections[2].lines == (  # Ana 60 and Cy 35 of 115 minutes
        "Focus: 83% of your time with people in the last 30 days went to your vital few.",)
    assert r.sections[3].lines == (
        "Time: 30 min with people this week (last 7 days), 30 min (100%) with your vital few.",
        "Trend (your vital few, 8 weeks): ▁▁▁▁▁█▁▄ 30 min this week")


async def test_hostile_strings_are_stored_and_shown_literally(me):
    name = "Robert'); DROP TABLE people;--"
    await me(f'/touch "{name}" <!channel> *bold* 🦄 مرحبا')
    r = await me("/vitalfew people")
    assert r.sections[0].lines[0].startswith(f"1. {name} (vital few)")
    export = json.loads((await me("/vitalfew export")).attachment.content)
    assert export["people"][0]["touches"][0]["note"] == "<!channel> *bold* 🦄 مرحبا"


async def test_export_has_every_timestamp_with_its_offset(me):
    await me("/touch Ana coffee")
    await me("/followup Ana dec 5 send the intro")
    r = await me("/vitalfew export")
    doc = json.loads(r.attachment.content)
    assert doc["format"] == "vitalfew-export/1"
    assert doc["settings"]["time_zone"] == "Europe/Berlin"
    ana = doc["people"][0]
    assert ana["touches"][0]["at"] == "2026-11-23T15:00:00+00:00"
    assert ana["followups"][0]["due_at"] == "2026-12-05T08:00:00+00:00"


async def test_forget_me_deletes_everything_of_mine_only(me, other, store):
    await me("/touch Ana coffee")
    await other("/touch Zed call")
    r = await me("/vitalfew forget me")
    await me.press(FORGET_CONFIRM, r.actions[0].value)
    assert await table_counts(store) == {"people": 0, "touches": 0, "followups": 0}
    assert "Zed" in (await other("/vitalfew people")).text


async def test_owners_never_see_each_other(me, other):
    await me("/touch Zanzibar coffee")
    await me("/followup Zanzibar tomorrow secret plan")
    assert "Zanzibar" not in (await other("/vitalfew people")).text
    assert (await other("/followup")).title == "No open follow-ups."
    r = await other.press(FOLLOWUP_DONE, await me.buttons_of(1))
    assert r.error and r.title == "That button is out of date."
    assert (await me("/followup")).title == "Open follow-ups: 1"


async def test_a_button_whose_follow_up_is_gone_or_edited_closes_nothing(me):
    """A Done button made for a follow-up deleted since, pressed after a new one was made,
    closes nothing: the value names the follow-up, not just an id that may come again.
    Edited to the new one's id, or typed bare, it is refused too."""
    await me("/followup Ana tomorrow call")
    old = await me.buttons_of(1)
    forget = await me("/vitalfew forget Ana")
    await me.press(FORGET_CONFIRM, forget.actions[0].value)
    await me("/followup Bo tomorrow lunch")
    new = await me.buttons_of(2)
    old_id, _, stamp = old.partition("-")
    new_id = new.partition("-")[0]
    for value in (old, f"{new_id}-{stamp}", new_id, f"{new_id}-{old.rpartition('-')[2]}"):
        r = await me.press(FOLLOWUP_DONE, value)
        assert r.error and r.title == "That button is out of date.", value
    assert (await me.press(FOLLOWUP_SNOOZE_1D, f"{new_id}-{stamp}")).error
    [line] = (await me("/followup")).sections
    assert line.lines[0].startswith("Bo: lunch · due Tue 24 Nov 2026, 09:00")
    assert (await me.press(FOLLOWUP_DONE, new)).title == "Done: lunch (Bo)."


async def test_timezone_and_digest_settings(me):
    r = await me("/vitalfew tz america/new_york")
    assert r.title == "Time zone set to America/New_York."
    r = await me("/vitalfew digest friday 17:30")
    assert r.title == "Weekly digest: Fridays at 17:30 America/New_York."
    assert "Fri 27 Nov 2026, 17:30 America/New_York (in 4 days)" in r.text
    assert (await me("/vitalfew digest off")).title == "Weekly digest off."


async def test_a_mention_of_someone_typed_by_name_links_them_for_good(me, store):
    await me("/touch Bea coffee")
    await me("/touch <@U777|Bea> hi")
    async with store.uow() as uow:
        [bea] = await uow.people.list(_me())
    assert (bea.name, bea.platform_id) == ("Bea", "U777")
    assert (await table_counts(store))["touches"] == 2


async def test_merge_moves_touches_and_followups_on_the_database(me, store):
    from bot.replies import MERGE_CONFIRM

    await me("/touch Bea coffee")
    await me("/followup Bea tomorrow send the link")
    await me("/touch Beatrice call")
    r = await me("/vitalfew merge Bea into Beatrice")
    assert not (await me.press(MERGE_CONFIRM, r.actions[0].value)).error
    async with store.uow() as uow:
        [beatrice] = await uow.people.list(_me())
        assert {t.person_id for t in await uow.touches.list(_me())} == {beatrice.id}
        assert [f.person_id for f in await uow.followups.list_all(_me())] == [beatrice.id]
    assert beatrice.name == "Beatrice" and beatrice.strength_sum > 0
    assert (await table_counts(store))["touches"] == 2


async def test_which_person_waits_in_storage_until_a_button_picks(me, store):
    from bot.replies import PERSON_PICK

    await me("/touch <@U7|Bea> hi")
    await me("/touch <@U8|Bea> coffee")
    r = await me("/followup Bea friday send the deck")
    assert r.title.startswith("Which Bea?") and len(r.actions) == 2, r.text
    assert (await table_counts(store))["followups"] == 0
    done = await me.press(PERSON_PICK, r.actions[1].value)
    assert "send the deck" in done.text, done.text
    assert (await table_counts(store))["followups"] == 1
    assert (await me.press(PERSON_PICK, r.actions[0].value)).error


async def test_a_renamed_person_keeps_their_old_name_as_an_alias_in_storage(me):
    await me("/touch Sam coffee")
    assert (await me("/vitalfew rename Sam to Sam Lee")).title == "Renamed Sam to Sam Lee."
    assert (await me("/touch sam call")).title == "Logged a call with Sam Lee: call · 20 min"
    assert "Sam Lee" in (await me("/vitalfew people")).text
    assert (await me("/vitalfew rename Sam Lee to Sam Lee")).error
