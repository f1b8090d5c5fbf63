"""/touch from many callers at once: stored together in one transaction (group commit),
each caller answered as if alone, bad input answered alone and stored nowhere."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.domain import Owner
from bot.services import Request, VitalFewService
from tests.conftest import User

pytestmark = pytest.mark.asyncio


def user(service: VitalFewService, name: str) -> User:
    return User(service, Owner("slack", "T1", name), tz_hint="UTC")


async def people_and_touches(store, owner: Owner) -> tuple[list[str], int]:
    async with store.uow() as uow:
        names = sorted(p.name for p in await uow.people.list(owner))
        return names, len(await uow.touches.list(owner))


async def test_touches_sent_together_are_one_commit_and_each_reply_is_the_callers(service, store):
    ana, bo, cy = (user(service, n) for n in ("UANA", "UBO", "UCY"))
    await ana("/touch Ben coffee")
    await bo("/touch Dee call")
    before = service.batches
    replies = await asyncio.gather(
        ana("/touch Ben lunch"), bo("/touch Dee zoom"), cy("/touch Eve msg"),
        ana("/touch Fay call"))
    assert service.batches == before + 1
    assert [r.title for r in replies] == [
        "Logged a meet with Ben: lunch · 1 h", "Logged a call with Dee: zoom · 20 min",
        "Logged a message with Eve: msg · 5 min", "Logged a call with Fay: call · 20 min"]
    assert replies[0].sections[0].lines[0] == "Ben is #1 of your vital few."
    assert replies[3].sections[0].lines[0] == "Fay is #2 of your vital few."
    assert await people_and_touches(store, ana.owner) == (["Ben", "Fay"], 3)
    assert await people_and_touches(store, bo.owner) == (["Dee"], 2)
    assert await people_and_touches(store, cy.owner) == (["Eve"], 1)


async def test_the_rank_in_the_reply_matches_the_vital_few_list(service):
    ana = user(service, "UANA")
    for line in ("/touch Ben coffee", "/touch Cat msg", "/touch Dan msg", "/touch Cat msg",
                 "/vitalfew size 2", "/vitalfew size close 0"):
        await ana(line)
    replies = await asyncio.gather(ana("/touch Dan call 55m"), ana("/touch Eve msg"))
    # Ben 60 minutes and Dan 5 + 55 tie (same instant): ties go by name, so Ben first.
    assert replies[0].sections[0].lines[0] == "Dan is #2 of your vital few."
    assert replies[1].sections[0].lines[0] == (
        "Eve is #4 by strength, outside your vital few; /vitalfew add Eve pins them.")
    listing = [line for s in (await ana("/vitalfew")).sections for line in s.lines]
    assert [line.split(" · ")[0] for line in listing[:2]] == ["1. Ben", "2. Dan"]


async def test_bad_input_in_a_batch_is_answered_alone_and_stores_nothing(service, store):
    ana, newbie = user(service, "UANA"), user(service, "UNEW")
    await ana("/touch Ben coffee")
    replies = await asyncio.gather(
        ana("/touch"), ana("/touch Ben call"), newbie("/touch"), ana(f"/touch <@{'UANA'}> hi"))
    assert replies[0].error and "Who did you talk to?" in replies[0].text
    assert replies[1].title == "Logged a call with Ben: call · 20 min"
    assert replies[2].error
    assert replies[3].error and "That's you" in replies[3].text
    assert await people_and_touches(store, ana.owner) == (["Ben"], 2)
    async with store.uow() as uow:  # a first command that was refused creates no owner
        assert await uow.owners.get(newbie.owner) is None


async def test_a_new_person_touched_twice_in_one_batch_is_one_person(service, store):
    ana = user(service, "UANA")
    await ana("/touch Ben coffee")
    replies = await asyncio.gather(ana("/touch Zed coffee"), ana("/touch Zed call"))
    assert [r.title for r in replies] == ["Logged a meet with Zed: coffee · 1 h",
                                         "Logged a call with Zed: call · 20 min"]
    assert await people_and_touches(store, ana.owner) == (["Ben", "Zed"], 3)


async def test_first_use_questions_come_once_per_new_owner(store, clock):
    service = VitalFewService(store.uow, clock)
    discord = User(service, Owner("discord", "", "42"))
    replies = await asyncio.gather(discord("/touch Ben coffee"), discord("/touch Cat call"))
    asked = ["Want a short weekly DM" in r.text for r in replies]
    assert asked == [True, False]


async def test_a_failing_batch_is_retried_one_by_one_so_only_the_culprit_fails(store, clock):
    """A database error that one command causes must not cost the others their touch."""

    class Flaky:
        """The real unit of work, whose touch insert fails when it holds Cat's touch."""

        def __init__(self) -> None:
            self.inner = store.uow()

        async def __aenter__(self):
            uow = await self.inner.__aenter__()
            real = uow.touches.add_many

            async def add_many(batch):
                if any(t.note == "boom" for _, t in batch):
                    raise RuntimeError("constraint failed")
                return await real(batch)

            uow.touches.add_many = add_many
            return uow

        async def __aexit__(self, *exc):
            return await self.inner.__aexit__(*exc)

    service = VitalFewService(Flaky, clock)
    ana = User(service, Owner("slack", "T1", "UANA"))
    replies = await asyncio.gather(ana("/touch Ben coffee"), ana("/touch Cat boom"),
                                   ana("/touch Dee call"))
    assert [r.error for r in replies] == [False, True, False]
    assert "nothing was changed" in replies[1].text
    assert await people_and_touches(store, ana.owner) == (["Ben", "Dee"], 2)


async def test_the_bot_itself_is_not_a_person(service, store):
    ana = user(service, "UANA")
    reply = await service.handle(Request(ana.owner, "touch", "<@UBOT> hi", bot_id="UBOT"))
    assert reply.error and "That's me" in reply.text
    reply = await service.handle(Request(ana.owner, "followup", "<@UBOT> friday x",
                                         bot_id="UBOT"))
    assert reply.error and "That's me" in reply.text
    assert await people_and_touches(store, ana.owner) == ([], 0)


async def test_an_invisible_author_name_is_not_a_name(service, store):
    ana = user(service, "UANA")
    reply = await service.follow_up_on_message(ana.owner, "U777", "\u200b\u2060", "https://x/1")
    assert not reply.error
    async with store.uow() as uow:
        assert [p.name for p in await uow.people.list(ana.owner)] == ["U777"]


async def test_a_touch_logged_ahead_of_this_clock_counts_fully_in_the_reply(service, clock):
    """Another replica's clock ahead of ours stored a touch 'in the future': it counts
    at its full weight, not grown, so the rank comes from the database."""
    ana = user(service, "UANA")
    await ana("/touch Ben coffee")  # a meet: 3 today
    clock.advance(timedelta(days=90))
    await ana("/touch Cat coffee")  # a meet 90 days from now, as the other clock had it
    clock.advance(timedelta(days=-90))
    reply = await ana("/touch Ben msg")  # Ben 3 + 1 = 4, Cat 3 (not 3 × 2² = 12)
    assert reply.sections[0].lines[0] == "Ben is #1 of your vital few."
