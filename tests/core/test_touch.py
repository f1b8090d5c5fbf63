"""/touch: log a real interaction and hear where the person now stands (in memory)."""

from __future__ import annotations

from bot.domain import Owner
from bot.services import Request, VitalFewService
from tests.conftest import User
from tests.core.support import people_listed


async def test_a_touch_says_what_was_logged_the_rank_and_the_next_nudge(me: User) -> None:
    r = await me("/touch Ana coffee")
    assert r.title == "Logged a meet with Ana: coffee · 1 h"
    assert "Ana is #1 of your vital few." in r.text
    assert "Due by your 14-day cadence on Mon 7 Dec 2026" in r.text  # the default cadence
    r = await me('/touch "Sam Lee" zoom about the move')
    assert r.title == "Logged a call with Sam Lee: zoom about the move · 20 min"
    assert "#2 of your vital few" in r.text


async def test_the_first_word_of_the_note_says_the_kind(me: User) -> None:
    for note, kind in (("lunch downtown", "meet"), ("phone about the trip", "call"),
                       ("email re: intro", "message"), ("", "message")):
        r = await me(f"/touch Ana {note}")
        assert r.title.startswith(f"Logged a {kind} with Ana"), note


async def test_touching_someone_again_adds_to_the_same_person(me: User) -> None:
    await me("/touch Ana coffee")
    await me("/touch ana call")  # as typed in chat: any case
    [ana] = await people_listed(me)
    assert ana.startswith("1. Ana") and "2 touches" in ana


async def test_someone_outside_the_vital_few_is_told_how_to_pin_them(me: User) -> None:
    await me("/vitalfew size 1")
    await me("/vitalfew size close 0")
    await me("/touch Ana coffee")
    r = await me("/touch Bo hi")
    assert "outside your vital few" in r.text
    assert "/vitalfew add Bo" in r.text


async def test_a_stronger_tie_takes_the_lead(me: User) -> None:
    await me("/touch Ana hi")
    await me("/touch Bo coffee")
    r = await me("/touch Bo call")
    assert "Bo is #1" in r.text
    ranked = [line.split(" · ")[0] for line in await people_listed(me)]
    assert [name.split(" (")[0] for name in ranked] == ["1. Bo", "2. Ana"]


async def test_ambiguous_names_ask_which_and_log_nothing(me: User) -> None:
    await me('/touch "Bo Chen" hi')
    await me('/touch "Bo Diaz" hi')
    r = await me("/touch bo coffee")
    assert r.title.startswith("Which bo?")  # a question, a button each: test_pick.py
    assert "Bo Chen" in r.text and "Bo Diaz" in r.text
    assert all("1 touch ·" in line for line in await people_listed(me))


async def test_bad_input_is_answered_kindly_and_stores_nothing(me: User) -> None:
    for line in ("/touch", "/touch " + "x" * 10_000, "/touch Ana " + "n" * 10_000,
                 '/touch "unclosed hi'):
        r = await me(line)
        assert r.error, line
        assert len(r.text) < 2_000, line  # the answer does not echo the flood back
    assert await people_listed(me) == []


async def test_a_mentioned_chat_user_is_named_once_and_known_by_their_id(
    service: VitalFewService,
) -> None:
    ana = Owner("slack", "T1", "UANA")

    async def display_name(user_id: str) -> str | None:
        return {"U42": "Bo Chen"}.get(user_id)

    def touch(text: str) -> Request:
        return Request(ana, "touch", text, "UTC", resolve_name=display_name)

    assert (await service.handle(touch("<@U42> coffee"))).title == (
        "Logged a meet with Bo Chen: coffee · 1 h")
    assert (await service.handle(touch("<@U42> call"))).title.startswith("Logged a call with Bo")
    assert "Bo Chen" in (await service.handle(touch("bo chen msg"))).title
    people = await people_listed(User(service, ana))
    assert len(people) == 1 and "3 touches" in people[0]


async def test_yourself_and_the_bot_are_not_people_to_keep_up_with(
    service: VitalFewService,
) -> None:
    ana = User(service, Owner("slack", "T1", "UANA"), tz_hint="UTC")
    assert "That's you" in (await ana("/touch <@UANA> hi")).text
    r = await service.handle(Request(ana.owner, "touch", "<@UBOT> hi", bot_id="UBOT"))
    assert r.error and "the bot" in r.text
    assert await people_listed(ana) == []


async def test_a_new_owner_is_asked_their_zone_and_about_the_digest_once(
    service: VitalFewService,
) -> None:
    newcomer = User(service, Owner("discord", "", "42"))  # Discord says no zone
    first = await newcomer("/touch Ana coffee")
    assert first.title == "Logged a meet with Ana: coffee · 1 h"  # the answer comes first
    assert "Set your zone" in first.text
    assert "weekly DM" in first.text
    again = await newcomer("/touch Ana call")
    assert "Set your zone" not in again.text and "weekly DM" not in again.text
