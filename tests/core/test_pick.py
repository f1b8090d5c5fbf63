""""Which Bea?" (issue 14): a name several people share is answered with what tells them
apart and a button each that runs the command for the one picked."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FixedClock
from bot.commands import PersonRef, Touch
from bot.domain import Owner
from bot.replies import PERSON_PICK
from bot.services import Request, VitalFewService
from tests.conftest import User
from tests.core.support import exported


async def test_which_bea_tells_them_apart_and_a_button_logs_the_touch(
        me: User, clock: FixedClock) -> None:
    await me("/touch <@U7|Bea> hi")
    await me("/touch <@U7> call")
    clock.advance(timedelta(days=3))
    await me("/touch <@U8|Bea> coffee")
    r = await me("/touch Bea lunch by the river")
    assert r.title.startswith("Which Bea?"), r.text
    assert r.sections[0].lines == (
        "1. Bea (chat user U7): 2 touches, the last 3 days ago",
        "2. Bea (chat user U8): 1 touch, the last just now",
    )
    assert "/vitalfew merge Bea into Bea" in r.text
    first, second = r.actions
    assert first.id == second.id == PERSON_PICK
    assert len(f"{PERSON_PICK}:{first.value}") <= 100  # Discord's custom_id limit
    done = await me.press(PERSON_PICK, first.value)
    assert done.title.startswith("Logged") and "lunch by the river" in done.title, done.text
    notes = {p["platform_user_id"]: [t["note"] for t in p["touches"]]
             for p in (await exported(me))["people"]}
    assert notes == {"U7": ["hi", "call", "lunch by the river"], "U8": ["coffee"]}
    again = await me.press(PERSON_PICK, second.value)  # the question was answered
    assert again.error
    assert sum(len(p["touches"]) for p in (await exported(me))["people"]) == 4


async def test_a_made_up_or_replaced_pick_does_nothing(me: User) -> None:
    await me('/touch "Bo Chen" hi')
    await me('/touch "Bo Diaz" hi')
    old = await me("/touch Bo lunch")
    new = await me("/followup Bo friday send the deck")
    assert (await me.press(PERSON_PICK, "pick:1:abc")).error
    assert (await me.press(PERSON_PICK, old.actions[0].value)).error  # asked again since
    assert "merge" not in new.text  # their names differ
    done = await me.press(PERSON_PICK, new.actions[1].value)
    assert not done.error and "Bo Diaz" in done.text, done.text
    assert sum(len(p["touches"]) for p in (await exported(me))["people"]) == 2


async def test_a_typed_command_from_a_form_is_picked_too(
        service: VitalFewService, me: User) -> None:
    await me('/touch "Bo Chen" hi')
    await me('/touch "Bo Diaz" hi')
    r = await service.handle(Request(me.owner, Touch(PersonRef("Bo"), "from discord")))
    assert r.title.startswith("Which Bo?"), r.text
    done = await service.act(me.owner, PERSON_PICK, r.actions[0].value)
    assert "Bo Chen" in done.title and "from discord" in done.title, done.text
    assert isinstance(me.owner, Owner)
