"""One human is one person: a mention of someone first typed by name, command words and
names that are no names, rename, merge, and a name two people share."""

from __future__ import annotations

from bot.domain import Owner
from bot.replies import FORGET_CANCEL, MERGE_CONFIRM
from bot.services import Request, VitalFewService
from tests.conftest import User
from tests.core.support import exported, people_listed


async def test_a_mention_of_someone_typed_by_name_is_that_person(me: User) -> None:
    await me("/touch Bea coffee")
    r = await me("/touch <@U777|Bea> hi")
    assert not r.error, r.text
    assert len(await people_listed(me)) == 1
    # the id is stored: a later mention, even without a label, is Bea too
    await me("/touch <@U777> lunch")
    assert len(await people_listed(me)) == 1
    assert not (await me("/touch Bea call")).error


async def test_a_mention_matches_a_name_in_any_case_and_accents(me: User) -> None:
    await me("/touch José coffee")
    await me("/touch <@U123|jose> hi")
    [line] = await people_listed(me)
    assert "José" in line


async def test_a_bare_mention_matches_by_the_platforms_display_name(
    service: VitalFewService,
) -> None:
    owner = Owner("slack", "T1", "U1")

    async def resolve(platform_id: str) -> str | None:
        return {"U123": "Ana"}.get(platform_id)

    async def say(command: str, text: str) -> str:
        r = await service.handle(Request(owner, command, text, "UTC", resolve))
        assert not r.error, r.text
        return r.text

    await say("touch", "Ana coffee")
    await say("touch", "<@U123> hi")
    assert (await say("vitalfew", "people")).count("Ana") == 1


async def test_a_mention_of_another_human_with_a_linked_name_is_someone_new(me: User) -> None:
    await me("/touch <@U1|Bea> coffee")
    await me("/touch <@U2|Bea> hi")
    assert len(await people_listed(me)) == 2


async def test_touch_help_shows_usage_and_logs_nobody(me: User) -> None:
    r = await me("/touch help")
    assert not r.error and "/touch PERSON" in r.text
    assert "/followup PERSON" in (await me("/followup help")).text
    assert await people_listed(me) == []


async def test_a_name_needs_a_letter_or_a_digit(me: User) -> None:
    for line in ("/touch @ coffee", "/touch : coffee", "/touch - coffee", "/followup - tomorrow"):
        r = await me(line)
        assert r.error and "not a name" in r.title, (line, r.text)
    assert await people_listed(me) == []


async def test_a_leading_at_on_a_typed_name_is_dropped(me: User) -> None:
    await me("/touch @sam coffee")
    await me("/touch sam hi")
    [line] = await people_listed(me)
    assert "sam" in line and "@sam" not in line


async def test_merge_asks_first_then_joins_two_people_into_one(me: User) -> None:
    await me("/touch Bea coffee")
    await me("/followup Bea tomorrow send the link")
    await me("/touch Beatrice call")
    await me("/vitalfew add Beatrice")
    r = await me("/vitalfew merge Bea into Beatrice")
    assert not r.error and "Merge Bea into Beatrice?" in r.title, r.text
    assert len(await people_listed(me)) == 2  # nothing changes before the press
    assert (await me.press(FORGET_CANCEL, r.actions[1].value)).title.startswith("Kept")
    done = await me.press(MERGE_CONFIRM, r.actions[0].value)
    assert done.title.startswith("Merged Bea into Beatrice"), done.text
    [line] = await people_listed(me)
    assert "Beatrice" in line
    assert "send the link" in (await me("/followup")).text
    doc = await exported(me)
    [person] = doc["people"]
    assert [t["note"] for t in person["touches"]] == ["coffee", "call"]
    assert (await me.press(MERGE_CONFIRM, r.actions[0].value)).error  # pressed twice


async def test_a_made_up_or_forget_confirmation_merges_nothing(me: User) -> None:
    await me("/touch Bea coffee")
    await me("/touch Cy call")
    assert (await me.press(MERGE_CONFIRM, "1:2")).error
    forget = await me("/vitalfew forget Bea")
    assert (await me.press(MERGE_CONFIRM, forget.actions[0].value)).error
    assert len(await people_listed(me)) == 2


async def test_merge_repairs_two_people_of_one_name(me: User) -> None:
    await me("/touch <@U7|Bea> hi")
    await me("/touch <@U8|Bea> coffee")  # two people of one name
    assert "Which Bea?" in (await me("/touch Bea lunch")).title
    r = await me("/vitalfew merge Bea into Bea")
    assert "Merge Bea (chat user U8) into Bea (chat user U7)?" in r.title, r.text
    done = await me.press(MERGE_CONFIRM, r.actions[0].value)
    assert not done.error, done.text
    assert len(await people_listed(me)) == 1
    assert not (await me("/touch Bea lunch")).error
    assert len(await people_listed(me)) == 1


async def test_merging_someone_into_themselves_or_nobody_is_refused(me: User) -> None:
    await me("/touch Bea coffee")
    assert (await me("/vitalfew merge Bea into Bea")).error
    assert (await me("/vitalfew merge Bea into Nobody")).error
    assert (await me("/vitalfew merge Bea")).error
    assert len(await people_listed(me)) == 1


async def test_after_a_merge_every_name_of_either_still_finds_the_one_person(me: User) -> None:
    await me("/touch Bo coffee")
    await me("/vitalfew rename Bo to Bob")  # "Bo" is a former name now
    await me("/touch Robert call")
    r = await me("/vitalfew merge Bob into Robert")
    await me.press(MERGE_CONFIRM, r.actions[0].value)
    [person] = (await exported(me))["people"]
    assert person["name"] == "Robert" and person["former_names"] == ["Bob", "Bo"]
    for name in ("Bo", "Bob"):
        assert (await me(f"/touch {name} lunch")).title == "Logged a meet with Robert: lunch · 1 h"
    assert len(await people_listed(me)) == 1
