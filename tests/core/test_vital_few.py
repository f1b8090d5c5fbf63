"""/vitalfew: the ranking, pins, sizes, cadences, everyone; the digest's person buttons."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FixedClock
from bot.ports import UnitOfWorkFactory
from bot.replies import PERSON_SNOOZE_1W, PERSON_TOUCH
from tests.conftest import User, person_value
from tests.core.support import people_listed


async def vital_lines(user: User) -> list[str]:
    return list((await user("/vitalfew")).sections[0].lines)


async def test_an_empty_vital_few_says_how_to_start(me: User) -> None:
    r = await me("/vitalfew")
    assert r.title == "Your vital few is empty."
    assert "/touch" in r.text


async def test_the_vital_few_ranks_by_strength_with_status_and_open_promises(
    me: User, clock: FixedClock
) -> None:
    await me("/vitalfew size 2")
    for line in ("/touch Ana coffee", "/touch Bo call", "/touch Cy hi"):
        await me(line)
    clock.advance(timedelta(days=20))
    await me("/touch Cy hi again 30m")
    await me("/followup Ana friday intro")
    r = await me("/vitalfew")
    assert r.title == "Your vital few (2 of 2)"
    ana, cy = r.sections[0].lines
    assert ana.startswith("1. Ana") and "due: 20 days since your last touch" in ana
    assert ana.endswith("1 open follow-up")
    assert cy.startswith("2. Cy") and cy.endswith("· ok")
    assert "Rising outside it: Bo" in r.text
    assert "Focus: 83%" in r.text  # of the time: Ana 60 and Cy 35 of 115 minutes


async def test_someone_untouched_for_long_is_going_cold(me: User, clock: FixedClock) -> None:
    await me("/touch Ana coffee")
    clock.advance(timedelta(days=60))
    [ana] = await vital_lines(me)
    assert "going cold" in ana


async def test_pin_size_and_cadence_change_what_the_vital_few_shows(me: User) -> None:
    await me("/touch Ana coffee")
    await me("/touch Bo hi")
    assert (await me("/vitalfew size 1")).title == "Your vital few is now 1 person."
    [only] = await vital_lines(me)
    assert only.startswith("1. Ana")
    assert (await me("/vitalfew add Bo")).title == "Pinned Bo to your vital few."
    [only] = await vital_lines(me)
    assert only.startswith("1. Bo (pinned)")
    assert (await me("/vitalfew every Bo 10d")).title == "Cadence for Bo: every 10 days."
    r = await me("/vitalfew every 3w")
    assert r.title == "Your vital few's cadence is now every 21 days."
    assert (await me("/vitalfew drop Bo")).title == "Unpinned Bo."
    [only] = await vital_lines(me)
    assert only.startswith("1. Ana")


async def test_everyone_is_listed_by_strength_with_their_touches(me: User) -> None:
    await me("/vitalfew size 1")
    await me("/touch Ana coffee")
    await me("/touch Bo hi")
    await me("/touch Bo hi again")
    assert await people_listed(me) == [
        "1. Ana (vital few) · strength 1.0 · 1 touch · last touch now (meet)",
        "2. Bo · strength 0.2 · 2 touches · last touch now (message)",
    ]


async def test_settings_that_make_no_sense_are_refused_and_change_nothing(me: User) -> None:
    await me("/touch Ana coffee")
    for line in ("/vitalfew size 99", "/vitalfew every Ana soon", "/vitalfew drop Nobody"):
        assert (await me(line)).error, line
    assert (await me("/vitalfew wat")).title == "I don't know 'wat'."
    assert (await me("/vitalfew")).title == "Your vital few (1 of 5)"


async def test_the_digests_touched_button_logs_a_message(
    me: User, uow_factory: UnitOfWorkFactory
) -> None:
    await me("/touch Ana coffee")
    assert "out of date" in (await me.press(PERSON_TOUCH, "1")).title  # a bare id
    r = await me.press(PERSON_TOUCH, await person_value(uow_factory, me.owner, 1))
    assert r.title == "Logged a message with Ana."
    [ana] = await people_listed(me)
    assert "2 touches" in ana and "(message)" in ana


async def test_a_snoozed_person_is_marked_snoozed_for_a_week(
    me: User, clock: FixedClock, uow_factory: UnitOfWorkFactory
) -> None:
    await me("/touch Ana coffee")
    clock.advance(timedelta(days=20))
    r = await me.press(PERSON_SNOOZE_1W, await person_value(uow_factory, me.owner, 1))
    assert r.title.startswith("Snoozed Ana until")
    [ana] = await vital_lines(me)
    assert "snoozed" in ana and "due" not in ana
    clock.advance(timedelta(days=8))
    [ana] = await vital_lines(me)
    assert "snoozed" not in ana


async def test_a_persons_own_cadence_can_go_back_to_their_circles(me: User) -> None:
    await me("/touch Ana coffee")
    await me("/vitalfew every Ana 3d")
    assert "their 3-day cadence" in (await me("/touch Ana call")).text
    r = await me("/vitalfew every Ana default")
    assert r.title == "Cadence for Ana: their circle's again."
    assert "Vital few: every 14 days" in r.text
    assert "your 14-day cadence" in (await me("/touch Ana call")).text
