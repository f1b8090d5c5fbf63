"""One user must not slow or swamp the bot for everyone (issue "Hardening", items 1, 2
and 6), through the service on the real databases (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import Owner

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
        "Your digest is already on its way: you can ask for one every 10 minutes. "
        "Ask again Mon 23 Nov 2026, 16:10 Europe/Berlin (in 7 minutes).")
    assert await stored(store) == before  # no row per request
    clock.advance(timedelta(minutes=7))
    assert (await me("/vitalfew digest now")).title == "Your digest is on its way to your DMs."
