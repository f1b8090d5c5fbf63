"""WHENs the way nickel's tests say them (issue 16, round 6): reminder sentences.

"28th next month", "next month on the 28th", "the 28th this month", "third monday next
month" and "last monday this month" are read as if "of" were said; "the first of the
month" and "the last thursday of the month" are the coming one. Two clock times said alone
are asked, because the sources read them two ways: "at 8 o'clock" said at noon (nickel:
20:00 today; the working-hours rule: 08:00 tomorrow; a bare "at 8" keeps the README's
working-hours reading) and "at 3 in the morning" said at midnight (nickel: the next
night's; natty's "6 in the morning" said at midnight: the same night's). The clock of the
reply-level tests stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock
from bot.when import read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("typed", "due", "title"),
    [
        ("28th next month", "Mon 28 Dec 2026, 09:00", "Follow-up with Ana"),
        ("next month 28th", "Mon 28 Dec 2026, 09:00", "Follow-up with Ana"),
        ("next month on the 28th call", "Mon 28 Dec 2026, 09:00", "Follow-up with Ana: call"),
        ("the 28th this month call", "Sat 28 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("third monday next month", "Mon 21 Dec 2026, 09:00", "Follow-up with Ana"),
        ("the third monday next month 2pm plan", "Mon 21 Dec 2026, 14:00",
         "Follow-up with Ana: plan"),
        ("last monday this month", "Mon 30 Nov 2026, 09:00", "Follow-up with Ana"),
        ("the last thursday of the month", "Thu 26 Nov 2026, 09:00", "Follow-up with Ana"),
        ("on the first of the month, send invoice", "Tue 1 Dec 2026, 09:00",
         "Follow-up with Ana: send invoice"),
        ("the 15th of the month", "Tue 15 Dec 2026, 09:00", "Follow-up with Ana"),  # passed
        # the month after next is still that month, not "the month" then "after next"
        ("the 28th of the month after next", "Thu 28 Jan 2027, 09:00", "Follow-up with Ana"),
        ("at 11 call", "Tue 24 Nov 2026, 11:00", "Follow-up with Ana: call"),  # 23:00: late
    ],
)
async def test_a_day_of_the_month_said_the_nickel_way_is_read(me: User, typed: str, due: str,
                                                              title: str) -> None:
    await followup_due(me, f"Ana {typed}", due, title)


@pytest.mark.parametrize("typed", ["at 8 o'clock", "9 o'clock call", "at ten oclock"])
async def test_an_hour_o_clock_whose_evening_is_still_ahead_today_is_asked(me: User,
                                                                           typed: str) -> None:
    await followup_asked(me, f"Ana {typed}", "today or")


@pytest.mark.parametrize(
    ("typed", "due"),
    [("at 9 call", "Tue 24 Nov 2026, 09:00"), ("at 10", "Tue 24 Nov 2026, 10:00"),
     ("8 o'clock am", "Tue 24 Nov 2026, 08:00"), ("11 o'clock", "Tue 24 Nov 2026, 11:00")],
)
async def test_a_bare_hour_keeps_the_working_hours_reading(me: User, typed: str,
                                                           due: str) -> None:
    """The README's bare hour: the morning's; 23:00 is past the evening (22:00)."""
    r = await me(f"/followup Ana {typed}")
    assert not r.error, r.title
    assert f"Due {due} Europe/Berlin" in r.text


async def test_the_answers_the_question_suggests_are_read(me: User) -> None:
    await followup_due(me, "Ana today 8pm", "Mon 23 Nov 2026, 20:00", "Follow-up with Ana")
    await followup_due(me, "Ana tomorrow 8am", "Tue 24 Nov 2026, 08:00", "Follow-up with Ana")


@pytest.mark.parametrize("typed", ["at 3 in the morning", "at 2:30am call", "3am"])
async def test_a_small_hour_said_in_the_small_hours_is_asked(me: User, clock: FixedClock,
                                                             typed: str) -> None:
    clock.set(datetime(2026, 11, 24, 0, 30, tzinfo=BERLIN))
    await followup_asked(me, f"Ana {typed}", "tonight, in a few hours, or the next night")


async def test_a_small_hour_said_with_its_day_or_later_in_the_night_is_read(
        me: User, clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 24, 0, 30, tzinfo=BERLIN))
    await followup_due(me, "Ana today 3am", "Tue 24 Nov 2026, 03:00", "Follow-up with Ana")
    await followup_due(me, "Bo Wed 25 Nov 3am", "Wed 25 Nov 2026, 03:00", "Follow-up with Bo")
    await followup_due(me, "Cy at 6 in the morning", "Tue 24 Nov 2026, 06:00",
                       "Follow-up with Cy")  # natty's reading: the same night's


def test_at_5_next_month_is_not_taken_for_a_day() -> None:
    """Only an ordinal before 'next month' is its day: '5' stays a clock time."""
    got = read_when("at 5 next month", datetime(2026, 12, 4, 17, 51, tzinfo=BERLIN), BERLIN)
    assert got is not None
    assert f"{got.due_at.astimezone(BERLIN):%a %d %b %Y %H:%M}" == "Mon 04 Jan 2027 17:00"
