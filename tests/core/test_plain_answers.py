"""Issue #14 as a user meets it: exact times and countdowns, whitespace kept as spaces,
settings one can read back, and short, specific answers (in memory)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

from adapters.console import ConsoleAdapter
from bot.domain import Owner
from bot.replies import FOLLOWUP_DONE
from bot.services import VitalFewService
from bot.timefmt import relative, zone
from tests.conftest import User
from tests.core.support import open_followups


async def test_a_tab_inside_a_command_is_a_space(me: User) -> None:
    r = await me("/touch Ana call\twith\ttabs")
    assert r.title == "Logged a call with Ana: call with tabs · 20 min"
    await me("/followup Bo\ttomorrow\tsend\tthe deck")
    [line] = await open_followups(me)
    assert line.startswith("Bo: send the deck · due Tue 24 Nov 2026, 09:00")


async def test_countdowns_count_calendar_days_and_round_hours(me: User) -> None:
    """Now is Mon 23 Nov 2026, 16:00 in Berlin: Thursday 09:00 is 3 days away on the
    calendar, though less than 3 times 24 hours."""
    r = await me("/followup Ana in 3 days call")
    assert "Due Thu 26 Nov 2026, 09:00 Europe/Berlin (in 3 days)." in r.text
    r = await me("/followup Bo in 2 weeks lunch")
    assert "Due Mon 7 Dec 2026, 09:00 Europe/Berlin (in 14 days)." in r.text
    r = await me("/followup Cy in 90 minutes ping")
    assert "Due Mon 23 Nov 2026, 17:30 Europe/Berlin (in 1 hour 30 minutes)." in r.text
    cy, ana, bo = await open_followups(me)
    assert cy.endswith("(in 1 hour 30 minutes)") and ana.endswith("(in 3 days)")
    assert bo.endswith("(in 14 days)")


def test_a_countdown_rounds_to_the_minute_and_counts_days_in_the_owners_zone() -> None:
    berlin, tokyo = zone("Europe/Berlin"), zone("Asia/Tokyo")
    now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 16:00 in Berlin, 00:00 in Tokyo
    assert relative(now + timedelta(minutes=89, seconds=50), now, berlin) == (
        "in 1 hour 30 minutes")
    assert relative(now + timedelta(hours=2, seconds=-20), now, berlin) == "in 2 hours"
    assert relative(now - timedelta(minutes=59, seconds=31), now, berlin) == "1 hour ago"
    assert relative(now + timedelta(seconds=29), now, berlin) == "now"
    late = now + timedelta(days=1, hours=8, minutes=30)  # Berlin: Wed 00:30; Tokyo: Tue
    assert relative(late, now, berlin) == "in 2 days"
    assert relative(late, now, tokyo) == "in 1 day"
    assert relative(now - timedelta(days=3, hours=1), now, berlin) == "3 days ago"


async def test_a_touch_says_what_really_happens_when_they_fall_due(me: User) -> None:
    """Nothing is sent at the minute a cadence falls due: the person shows in the digest
    (or in /vitalfew), and the reply says so instead of promising a nudge at 16:00."""
    r = await me("/touch Ana coffee")
    assert ("Due by your 14-day cadence on Mon 7 Dec 2026; if you haven't talked by then, "
            "they'll show in your weekly digest.") in r.text
    assert "Next nudge" not in r.text and "16:00" not in r.text
    await me("/vitalfew every Ana 10d")
    await me("/vitalfew digest off")
    r = await me("/touch Ana call")
    assert ("Due by their 10-day cadence on Thu 3 Dec 2026; if you haven't talked by then, "
            "/vitalfew shows them as due.") in r.text


async def test_a_cadence_can_be_written_in_two_words(me: User) -> None:
    await me("/touch José coffee")
    assert (await me("/vitalfew every José 2 weeks")).title == "Cadence for José: every 14 days."
    assert (await me("/vitalfew every José 10 days")).title == "Cadence for José: every 10 days."
    assert (await me("/vitalfew every José 1 month")).title == "Cadence for José: every 30 days."
    assert (await me("/vitalfew every José 1d")).title == "Cadence for José: every 1 day."
    assert (await me("/vitalfew every 3 weeks")).title == (
        "Your vital few's cadence is now every 21 days.")
    r = await me("/vitalfew every José 2 fortnights")
    assert r.error and "couldn't read" in r.title
    assert (await me("/vitalfew every José off")).title == "Cadence for José: off."


async def test_dropping_someone_not_pinned_says_so_and_changes_nothing(me: User) -> None:
    await me("/touch Ana coffee")
    r = await me("/vitalfew drop Ana")
    assert r.title == "Ana was not pinned; nothing changed."
    assert "Unpinned" not in r.text
    await me("/vitalfew add Ana")
    assert (await me("/vitalfew drop Ana")).title == "Unpinned Ana."


async def test_a_follow_up_that_never_existed_is_not_found(me: User) -> None:
    r = await me.press(FOLLOWUP_DONE, "999")
    assert r.error and r.title == "That button is out of date."
    assert "no longer exists" not in r.text


async def test_an_error_shows_one_line_of_usage_not_the_whole_block(me: User) -> None:
    r = await me("/vitalfew every Ana soon")
    assert r.error
    assert [line for s in r.sections for line in s.lines] == [
        "Usage: /vitalfew every Ana 10d  ·  /vitalfew every 2 weeks  ·  /vitalfew every Ana off"]
    r = await me("/touch")
    assert [line for s in r.sections for line in s.lines] == [
        "Usage: /touch PERSON [note], like /touch Ana coffee"]
    assert "/vitalfew forget" not in (await me("/vitalfew size 99")).text


async def test_the_terminal_explains_buttons_once_a_session(service: VitalFewService) -> None:
    adapter = ConsoleAdapter(service, "me", out=io.StringIO())
    first = await adapter.handle_line("/followup Ana tomorrow call")
    assert first is not None and "It will print here as [DM from Vital Few]" in first
    second = await adapter.handle_line("/followup Bo tomorrow lunch")
    assert second is not None and "[DM from Vital Few]" not in second
    value = second.rpartition("!drop ")[2].rstrip(".")
    assert re.fullmatch(r"2-[0-9]+-[0-9a-f]+", value)  # follow-up 2, stamped (bot.stamps)
    assert second.endswith(f"Buttons: !done {value}, !snooze-1d {value}, !snooze-1w {value}, "
                           f"!drop {value}.")


async def test_a_zone_typed_by_its_city_gets_the_iana_name_suggested(me: User) -> None:
    r = await me("/vitalfew tz new york")
    assert r.error and "Did you mean America/New_York?" in r.title
    r = await me("/vitalfew tz Berlin")
    assert r.error and "Did you mean Europe/Berlin?" in r.title
    assert "Did you mean Europe/Berlin?" in (await me("/vitalfew tz berln")).title
    assert "Did you mean" not in (await me("/vitalfew tz Mars/Olympus")).title
    r = await me("/vitalfew tz america/new york")  # spaces are underscores
    assert r.title == "Time zone set to America/New_York."


async def test_settings_show_zone_digest_size_and_cadence(me: User,
                                                           service: VitalFewService) -> None:
    r = await me("/vitalfew settings")
    assert r.title == "Your settings"
    lines = [line for s in r.sections for line in s.lines]
    assert lines[0].startswith("Time zone: Europe/Berlin, from this computer's clock")
    on_slack = User(service, Owner("slack", "T1", "U1"), tz_hint="Europe/Berlin")
    shown = (await on_slack("/vitalfew settings")).sections[0].lines[0]
    assert shown.startswith("Time zone: Europe/Berlin, from your chat profile")
    assert lines[1].startswith("Weekly digest: Mondays at 09:00;")
    assert lines[2].startswith("Vital few: 5 people;")
    assert lines[3].startswith("Default cadence: every 14 days;")
    for line in ("/vitalfew tz Asia/Tokyo", "/vitalfew digest off", "/vitalfew size 1",
                 "/vitalfew every 1d"):
        await me(line)
    lines = [line for s in (await me("/vitalfew settings")).sections for line in s.lines]
    assert lines[0].startswith("Time zone: Asia/Tokyo (it is Tue 24 Nov 2026, 00:00 there")
    assert lines[1].startswith("Weekly digest: off;")
    assert lines[2].startswith("Vital few: 1 person;")
    assert lines[3].startswith("Default cadence: every 1 day;")
