"""/vitalfew tz and digest, and Discord's first-use digest question."""

from __future__ import annotations

from bot.domain import Owner
from bot.replies import DIGEST_OPT_IN, DIGEST_OPT_OUT
from bot.services import VitalFewService
from tests.conftest import User


async def test_the_time_zone_is_read_loosely_and_used_everywhere(me: User) -> None:
    r = await me("/vitalfew tz america/new_york")
    assert r.title == "Time zone set to America/New_York."
    assert "America/New_York" in (await me("/followup Ana friday intro")).text
    r = await me("/vitalfew tz Mars/Olympus")
    assert r.error and "Europe/Berlin" in r.title  # an example of a real one


async def test_a_zone_of_one_offset_all_year_is_set_and_the_place_meant_is_offered(
        me: User) -> None:
    r = await me("/vitalfew tz EST")
    assert r.title == "Time zone set to EST."
    assert "/vitalfew tz America/New_York" in r.text and "no summer time" in r.text
    r = await me("/vitalfew tz America/New_York")
    assert "summer" not in r.text


async def test_the_digest_schedule_is_shown_changed_and_switched_off(me: User) -> None:
    r = await me("/vitalfew digest")
    assert r.title == "Weekly digest: Mondays at 09:00 Europe/Berlin."
    assert "Next one: Mon 30 Nov 2026, 09:00 Europe/Berlin (in 7 days)." in r.text
    r = await me("/vitalfew digest friday 17:30")
    assert r.title == "Weekly digest: Fridays at 17:30 Europe/Berlin."
    assert "Fri 27 Nov 2026, 17:30" in r.text
    assert (await me("/vitalfew digest off")).title == "Weekly digest off."
    assert (await me("/vitalfew digest")).title == "Weekly digest is off."
    r = await me("/vitalfew digest on")
    assert r.title == "Weekly digest: Fridays at 17:30 Europe/Berlin."  # as it was set


async def test_a_digest_can_be_asked_for_now(me: User) -> None:
    r = await me("/vitalfew digest now")
    assert "on its way" in r.title


async def test_an_unreadable_digest_time_is_refused(me: User) -> None:
    assert (await me("/vitalfew digest someday")).error
    assert (await me("/vitalfew digest")).title == "Weekly digest: Mondays at 09:00 Europe/Berlin."


async def test_discord_users_opt_in_to_the_digest(service: VitalFewService) -> None:
    bo = User(service, Owner("discord", "", "42"), tz_hint="UTC")
    first = await bo("/touch Ana coffee")
    yes = next(a for a in first.actions if a.id == DIGEST_OPT_IN)
    r = await bo.press(yes.id, yes.value)
    assert r.title == "Weekly digest on: Mondays at 09:00."
    assert (await bo("/vitalfew digest")).title == "Weekly digest: Mondays at 09:00 UTC."
    r = await bo.press(DIGEST_OPT_OUT, "0")
    assert "No digest" in r.title
    assert (await bo("/vitalfew digest")).title == "Weekly digest is off."
