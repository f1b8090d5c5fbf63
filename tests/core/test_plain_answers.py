"""Issue #14 as a user meets it: exact times and countdowns, whitespace kept as spaces,
settings one can read back, and short, specific answers (in memory)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.timefmt import relative, zone
from tests.conftest import User
from tests.core.support import open_followups


async def test_a_tab_inside_a_command_is_a_space(me: User) -> None:
    r = await me("/touch Ana call\twith\ttabs")
    assert r.title == "Logged a call with Ana: call with tabs"
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
