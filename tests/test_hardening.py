"""One user must not slow or swamp the bot for everyone (issue "Hardening", items 1, 2
and 6), through the service on the real databases (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import Followup, Owner, OwnerSettings, Person
from tests.conftest import START

pytestmark = pytest.mark.asyncio

ME = Owner("console", "", "me")


async def stored(store) -> tuple:
    async with store.uow() as uow:
        return (
            [p.name for p in await uow.people.list(ME)],
            len(await uow.touches.list(ME)),
            len(await uow.followups.list_all(ME)),
            len(await uow.deliveries.list_for_owner(ME)),
        )


LONG_LINES = {
    "megabyte": "/touch " + "ab " * 333_334,
    "spaces": "/touch a" + " " * 40_000 + "b",  # used to be stored as a touch with "a"
    "cadence": "/vitalfew every " + "a " * 3_000 + "2w",  # used to set a cadence
    "followup": "/followup Ana tomorrow " + "x " * 20_000,
}


@pytest.mark.parametrize("line", LONG_LINES.values(), ids=LONG_LINES.keys())
async def test_a_command_over_the_length_cap_is_refused_by_its_length_and_stores_nothing(
    me, store, service, line
):
    await me("/touch Ana coffee")
    before, batches = await stored(store), service.batches
    r = await me(line)
    assert r.error
    assert r.title.startswith(f"That is {len(line.partition(' ')[2]):,} characters; "
                              "a command can be at most 4,000.")
    assert await stored(store) == before
    assert service.batches == batches  # refused before any transaction was opened


async def test_a_command_just_under_the_cap_is_read_as_usual(me):
    r = await me("/touch Ana " + "x" * 1_990)
    assert r.title.startswith("Logged a message with Ana: xxx")
    r = await me("/touch Ana " + "x" * 3_990)
    assert r.title == "That note is 3,990 characters; notes can be at most 2,000."


async def test_digest_now_is_one_per_ten_minutes_with_a_friendly_reply(me, store, clock):
    assert (await me("/vitalfew digest now")).title == "Your digest is on its way to your DMs."
    before = await stored(store)
    clock.advance(timedelta(minutes=3))
    for _ in range(50):
        again = await me("/vitalfew digest now")
    assert again.error
    assert again.title == (
        "You already asked for a digest in the last 10 minutes; one every 10 minutes at "
        "most. Ask again Mon 23 Nov 2026, 16:10 Europe/Berlin (in 7 minutes).")
    assert await stored(store) == before  # no row per request
    clock.advance(timedelta(minutes=7))
    assert (await me("/vitalfew digest now")).title == "Your digest is on its way to your DMs."


async def seed(store, people: int, followups_each: int = 0) -> None:
    """An account grown large before the limits (rows written directly, in one go)."""
    async with store.uow() as uow:
        await uow.owners.upsert(OwnerSettings(ME, created_at=START))
        for n in range(people):
            person = await uow.people.add(Person(ME, f"Friend {n}", created_at=START))
            for i in range(followups_each):
                await uow.followups.add(ME, Followup(
                    person.id or 0, START + timedelta(days=1, minutes=n + i), f"promise {i}",
                    created_at=START))
        await uow.commit()


async def test_a_long_follow_up_list_shows_twenty_and_says_how_many_more(me, store):
    await seed(store, 1, followups_each=1_200)
    r = await me("/followup")
    assert r.title == "Open follow-ups: 1200"
    assert len(r.sections) == 21
    assert r.sections[-1].lines == (
        "… and 1,180 more follow-ups: /vitalfew export has them all.",)


async def test_open_follow_ups_are_limited_with_a_clear_reply(me, store):
    await seed(store, 1, followups_each=1_000)
    before = await stored(store)
    r = await me("/followup Friend 0 tomorrow one more")
    assert r.error
    assert r.title == ("You have 1,000 open follow-ups, the most one list holds. "
                       "Close or drop some first: /followup lists them.")
    assert await stored(store) == before


async def test_people_are_limited_with_a_clear_reply_and_the_list_is_cut(me, store):
    await seed(store, 2_000)
    before = await stored(store)
    r = await me("/touch Newcomer hi")
    assert r.error
    assert r.title == ("You keep up with 2,000 people, the most one list holds. "
                       "Forget someone you no longer need first: /vitalfew forget NAME")
    assert await stored(store) == before
    assert not (await me('/touch "Friend 7" hi')).error  # someone known still works
    listed = await me("/vitalfew people")
    assert len(listed.sections[0].lines) == 51
    assert listed.sections[0].lines[-1] == (
        "… and 1,950 more people: /vitalfew export has them all.")
