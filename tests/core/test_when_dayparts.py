"""/followup reads times of day in more spellings and the end of a named day like "eod"
(issue 16, round 6).

The clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        # the end of a named day is the end of its working day, as "eod" is
        ("Ana end of tomorrow call", "Tue 24 Nov 2026, 17:00"),
        ("Ana end of this sunday call", "Sun 29 Nov 2026, 17:00"),
        ("Ana the end of today call", "Mon 23 Nov 2026, 17:00"),
        ("Ana the eod call", "Mon 23 Nov 2026, 17:00"),
        ("Ana by end of tomorrow call", "Tue 24 Nov 2026, 17:00"),
        ("Ana end of friday next week call", "Fri 4 Dec 2026, 17:00"),
        # clock spellings
        ("Ana 20pm call", "Mon 23 Nov 2026, 20:00"),
        ("Ana halfe past eight call", "Tue 24 Nov 2026, 08:30"),
        ("Ana quater to 3 call", "Tue 24 Nov 2026, 14:45"),
        ("Ana tomorrow at 3ish call", "Tue 24 Nov 2026, 15:00"),  # was half read
        ("Ana three thirty call", "Tue 24 Nov 2026, 15:30"),
        # a part of the day settles the hour
        ("Ana 1 at night call", "Tue 24 Nov 2026, 01:00"),
        ("Ana 11 at night call", "Mon 23 Nov 2026, 23:00"),
        ("Ana this evening at 12 call", "Tue 24 Nov 2026, 00:00"),
        ("Ana tonight at 12 call", "Tue 24 Nov 2026, 00:00"),
        ("Ana friday evening at 12 call", "Sat 28 Nov 2026, 00:00"),
        # parts of the year and of a season
        ("Ana early 2027 call", "Fri 1 Jan 2027, 09:00"),
        ("Ana mid 2027 call", "Thu 1 Jul 2027, 09:00"),
        ("Ana late 2027 call", "Fri 1 Oct 2027, 09:00"),
        ("Ana late next year call", "Fri 1 Oct 2027, 09:00"),
        ("Ana end of summer call", "Tue 31 Aug 2027, 17:00"),
        ("Ana end of the winter call", "Sun 28 Feb 2027, 17:00"),
        ("Ana between christmas and new year call", "Sat 26 Dec 2026, 09:00"),
    ],
)
async def test_a_time_of_day_or_end_of_day_is_read_and_the_note_kept(me: User, typed: str,
                                                                     due: str) -> None:  # fmt: skip
    await followup_due(me, typed, due, "Follow-up with Ana: call")


@pytest.mark.parametrize(("typed", "due"), [("Ana nine", "Tue 24 Nov 2026, 09:00"),
                                            ("Ana 10", "Tue 24 Nov 2026, 10:00"),
                                            ("Ana end of the sunday", "Sun 29 Nov 2026, 17:00")])
async def test_said_alone_it_is_the_when(me: User, typed: str, due: str) -> None:
    """An hour alone is that hour; "end of the sunday" alone is its end ("end of the sunday
    call" may be the note: the end of the Sunday call)."""
    await followup_due(me, typed, due, "Follow-up with Ana")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana tomorrow at 150ish call", "Is '150ish' 1:50am or 1:50pm?"),
        ("Ana tonight @ 3:20 call", "Write 'at 3:20am' or 'at 3:20pm'"),
        ("Ana tonight around 3", "Write 'at 3am' or 'at 3pm'"),
        ("Ana this morning at 12 call", "noon or midnight"),
        ("Ana tomorrow 2 at night call", "2am or 2pm"),  # the night before it, or after?
        ("Ana end of tomorrow morning call", "like 'tomorrow morning at 11:30'"),
        ("Ana five", "Is 'five' 5am or 5pm?"),
        ("Ana 4", "Is '4' 4am or 4pm?"),
        ("Ana in the daytime", "'in the daytime' has begun"),
        ("Ana in the night-time", "When in the night?"),
    ],
)
async def test_a_time_read_two_ways_is_asked_and_nothing_stored(me: User, typed: str,
                                                                 says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)


@pytest.mark.parametrize("typed", ["Ana nine slides", "Ana three slides", "Ana late invoice",
                                   "Ana early draft", "Ana jan call",
                                   "Ana three thirty minute calls", "Ana end of the road",
                                   "Ana send the top 10", "Ana order nine",
                                   "Ana end of the monday meeting", "Ana end of the sunday call"])
async def test_a_note_that_starts_like_a_time_stays_a_note(me: User, typed: str) -> None:
    r = await me(f"/followup {typed}")
    assert not r.error, r.title
    assert r.title == f"Follow-up with {typed}".replace("with Ana ", "with Ana: ")
    assert "no date given" in r.text


BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("at", "due"),
    [(datetime(2026, 11, 23, 6, 0, tzinfo=BERLIN), datetime(2026, 11, 23, 9, 0)),
     (datetime(2026, 11, 23, 19, 0, tzinfo=BERLIN), datetime(2026, 11, 24, 9, 0))],
)
def test_the_daytime_alone_is_the_next_one_not_under_way(at: datetime, due: datetime) -> None:
    got = read_when("in the daytime", at, BERLIN)
    assert got is not None and got.due_at.astimezone(BERLIN).replace(tzinfo=None) == due


def test_the_end_of_today_after_five_is_eight_like_eod() -> None:
    at = datetime(2026, 11, 23, 17, 30, tzinfo=BERLIN)
    for said in ("the end of today", "eod"):
        got = read_when(said, at, BERLIN)
        assert got is not None
        assert got.due_at.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 11, 23, 20)


def test_hours_and_minutes_with_an_h_are_a_clock_time_even_once_passed_today() -> None:
    zone = ZoneInfo("Etc/GMT+2")  # Duckling's moment: Tue 12 Feb 2013, 04:30
    got = read_when("3h18 call", datetime(2013, 2, 12, 4, 30, tzinfo=zone), zone)
    assert got is not None and got.rest == "call"
    assert got.due_at.astimezone(zone).replace(tzinfo=None) == datetime(2013, 2, 13, 3, 18)


def test_between_christmas_and_new_year_once_begun_is_asked_not_next_years() -> None:
    at = datetime(2026, 12, 27, 10, 0, tzinfo=BERLIN)
    with pytest.raises(WhenError, match=r"has begun: today, or by its end \(Thu 31 Dec\)"):
        read_when("between christmas and new year call", at, BERLIN)


def test_a_part_of_the_year_under_way_is_by_its_end() -> None:
    at = datetime(2026, 12, 4, 17, 51, tzinfo=BERLIN)
    got = read_when("late 2026 call", at, BERLIN)
    assert got is not None and got.rest == "call"
    assert got.due_at.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 12, 31, 17)
    with pytest.raises(WhenError, match="in the past"):
        read_when("mid 2026 call", at, BERLIN)
