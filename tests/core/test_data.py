"""/vitalfew export and forget: the owner's data leaving, as a file or for good; and no
owner ever seeing another's."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FixedClock
from bot.replies import FORGET_CANCEL, FORGET_CONFIRM
from tests.conftest import User
from tests.core.support import exported, open_followups, people_listed


async def test_the_export_holds_everything_the_owner_stored(me: User) -> None:
    await me("/vitalfew size 3")
    await me("/touch Ana coffee")
    await me("/touch Ana call")
    await me("/followup Ana dec 5 send the intro")
    await me("/touch Bo hi")
    doc = await exported(me)
    assert doc["settings"]["vital_few_size"] == 3
    assert doc["settings"]["time_zone"] == "Europe/Berlin"
    ana, bo = doc["people"]
    assert [t["kind"] for t in ana["touches"]] == ["meet", "call"]
    assert [f["what"] for f in ana["followups"]] == ["send the intro"]
    assert bo["name"] == "Bo" and bo["followups"] == []


async def test_forgetting_someone_asks_first_and_cancel_keeps_everything(me: User) -> None:
    await me("/touch Ana coffee")
    await me("/followup Ana tomorrow hi")
    r = await me("/vitalfew forget Ana")
    assert [a.id for a in r.actions] == [FORGET_CONFIRM, FORGET_CANCEL]
    assert "cannot be undone" in r.title
    assert (await me.press(FORGET_CANCEL, r.actions[1].value)).title.startswith("Kept")
    assert len(await people_listed(me)) == 1
    done = await me.press(FORGET_CONFIRM, r.actions[0].value)
    assert done.title.startswith("Forgot Ana")
    assert await people_listed(me) == []
    assert await open_followups(me) == []


async def test_forgetting_someone_unknown_is_refused(me: User) -> None:
    r = await me("/vitalfew forget Nobody")
    assert r.error and "Nobody" in r.title


async def test_forget_me_deletes_everything_of_mine_and_nothing_of_theirs(
    me: User, other: User
) -> None:
    await me("/touch Ana coffee")
    await me("/followup Ana tomorrow hi")
    await other("/touch Zed call")
    r = await me("/vitalfew forget me")
    await me.press(FORGET_CONFIRM, r.actions[0].value)
    assert await people_listed(me) == []
    assert await open_followups(me) == []
    assert "Zed" in (await other("/vitalfew people")).text


async def test_owners_never_see_each_others_people_or_promises(me: User, other: User) -> None:
    await me("/touch Zanzibar coffee")
    await me("/followup Zanzibar tomorrow secret plan")
    assert await people_listed(other) == []
    assert await open_followups(other) == []
    assert (await exported(other))["people"] == []
    assert "nothing was deleted" in (await other.press(FORGET_CONFIRM, "person:1")).title
    assert len(await people_listed(me)) == 1


async def test_a_confirmation_answers_only_the_question_asked_moments_ago(
        me: User, clock: FixedClock) -> None:
    """Issue 14: ``!confirm me`` typed without a question, a confirmation edited to name
    another person, one from another owner or one ten minutes old delete nothing."""
    await me("/touch Ana coffee")
    await me("/touch Bo call")
    for value in ("me", "person:1", "person:2", "me-0-0"):
        r = await me.press(FORGET_CONFIRM, value)
        assert r.error and "nothing was deleted" in r.title
    asked = await me("/vitalfew forget Ana")
    value = asked.actions[0].value
    ana_id = value.split("-")[0]
    other_id = "person:2" if ana_id == "person:1" else "person:1"
    edited = value.replace(ana_id, other_id, 1)
    assert "nothing was deleted" in (await me.press(FORGET_CONFIRM, edited)).title
    forget_me = (await me("/vitalfew forget me")).actions[0].value
    assert "nothing was deleted" in (await me.press(
        FORGET_CONFIRM, forget_me.replace("me-", "person:1-", 1))).title
    clock.advance(timedelta(minutes=11))
    assert "nothing was deleted" in (await me.press(FORGET_CONFIRM, value)).title
    assert "nothing was deleted" in (await me.press(FORGET_CONFIRM, forget_me)).title
    assert len(await people_listed(me)) == 2
    fresh = (await me("/vitalfew forget Ana")).actions[0].value
    clock.advance(timedelta(minutes=9))
    assert (await me.press(FORGET_CONFIRM, fresh)).title.startswith("Forgot Ana")
    [left] = await people_listed(me)
    assert "Bo" in left


async def test_a_confirmation_is_the_askers_own(me: User, other: User) -> None:
    await other("/touch Zed call")
    mine = (await me("/vitalfew forget me")).actions[0].value
    assert "nothing was deleted" in (await other.press(FORGET_CONFIRM, mine)).title
    assert len(await people_listed(other)) == 1
