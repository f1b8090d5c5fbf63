"""Lengths counted from a day, and a weekday inside a counted length (issue 16, round 7):
"one hour from thursday", "2 hours after noon tomorrow", "monday two weeks from now",
"two months from today on tuesday", "two weeks from tomorrow", and what stays asked
("2 days after next friday", "30 minutes before the meeting at 3pm").

Reply-level on the real databases; the clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
The sources' own moments are checked with read_when.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
NOW = datetime(2026, 11, 23, 16, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        # minutes or hours from a day: from its start (parsedatetime)
        ("Ana one hour from thursday", "Thu 26 Nov 2026, 01:00", ""),
        ("Ana an hour before thursday", "Wed 25 Nov 2026, 23:00", ""),
        ("Ana 90 minutes after dec 1", "Tue 1 Dec 2026, 01:30", ""),
        # from a day and a time, in either order: from that time
        ("Ana 2 hours after noon tomorrow call", "Tue 24 Nov 2026, 14:00", "call"),
        ("Ana 2 hours after tomorrow noon call", "Tue 24 Nov 2026, 14:00", "call"),
        ("Ana 30 minutes before friday 10am prep", "Fri 27 Nov 2026, 09:30", "prep"),
        ("Ana two hours after 3pm on friday: call", "Fri 27 Nov 2026, 17:00", "call"),
        ("Ana 5 hours before next noon call", "Tue 24 Nov 2026, 07:00", "call"),  # tomorrow's
        ("Ana an hour before midnight call", "Mon 23 Nov 2026, 23:00", "call"),
        # a weekday inside a counted length of days or weeks: on or before the counted day
        ("Ana tuesday in 3 days call", "Tue 24 Nov 2026, 09:00", "call"),
        ("Ana in 10 days on monday call", "Mon 30 Nov 2026, 09:00", "call"),
        ("Ana 4 weeks after christmas on monday call", "Mon 18 Jan 2027, 09:00", "call"),
        ("Ana monday 3 weeks after christmas call", "Mon 11 Jan 2027, 09:00", "call"),
        # ... of months or years: the first one on or after it
        ("Ana in 2 months on monday call", "Mon 25 Jan 2027, 09:00", "call"),
        ("Ana two months from today on tuesday call", "Tue 26 Jan 2027, 09:00", "call"),
        # counted from tomorrow or a named day
        ("Ana two weeks from tomorrow call", "Tue 8 Dec 2026, 09:00", "call"),
        ("Ana 6 days from tomorrow call", "Mon 30 Nov 2026, 09:00", "call"),
        ("Ana 4 months from tmrw call", "Wed 24 Mar 2027, 09:00", "call"),
        ("Ana a week after tomorrow: call", "Tue 1 Dec 2026, 09:00", "call"),
        ("Ana 10 days from jan 2 call", "Tue 12 Jan 2027, 09:00", "call"),
    ],
)
async def test_a_length_counted_from_a_day_is_read(
        me: User, typed: str, due: str, note: str) -> None:  # fmt: skip
    await followup_due(me, typed, due, "Follow-up with Ana" + (f": {note}" if note else ""))


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        # the time is the note's, after words of the note: the time to write first is named
        ("Ana 30 minutes before the meeting at 3pm",
         "Write when to remind you first, like 'tomorrow 2:30pm the meeting at 3pm'"),
        ("Ana 15 minutes before standup at 9:30",
         "like 'tomorrow 9:15am standup at 9:30'"),
        ("Ana 1 hour before the call with bob on friday at 10am",
         "like 'Nov 27 9am the call with bob on friday at 10am'"),
        # from a day's start with a note after it: or before something on that day?
        ("Ana 15 minutes before monday standup",
         "Is '15 minutes before monday' Sun 29 Nov 23:45, counted from the start of Mon 30 Nov?"),
        ("Ana an hour after thursday call", "Is 'an hour after thursday' Thu 26 Nov 01:00"),
        # counted from an asked 'next friday': both answers are named, not only the Fridays
        ("Ana 2 days after next friday call",
         "'2 days after next friday' could be Sun 29 Nov (from Fri 27 Nov) or Sun 6 Dec (from "
         "Fri 4 Dec)"),
        ("Ana two months after next friday call",
         "could be Wed 27 Jan (from Fri 27 Nov) or Thu 4 Feb (from Fri 4 Dec)"),
        ("Ana 3 days before next sunday call",
         "could be Thu 26 Nov (from Sun 29 Nov) or Thu 3 Dec (from Sun 6 Dec)"),
        # a weekday not after the day counted from, or the 2nd after it not in that week
        ("Ana wednesday 2 days after christmas call", "Which Wednesday: Wed 23 Dec"),
        ("Ana in 3 days on monday call", "Which Monday: Mon 23 Nov"),
        ("Ana friday, 2 weeks after dec 10 call",
         "Which Friday: Fri 18 Dec (the 2nd after Thu 10 Dec) or Fri 25 Dec"),
        # a day-month question, a deadline and a week with no day stay asked
        ("Ana 16 days from 01/02/2027 call", "could be Jan 2 or Feb 1"),
        ("Ana less than a week after friday call", "'less than a week' is a deadline"),
        ("Ana the week after next at 2am call", "Which day of the week after next?"),
        # hours from today's start or a week's: no such hour, not read
        ("Ana 2 hours from today call", "not 'from today call'"),
        ("Ana 10 minutes after next week call", "not 'after next week' after it"),
        ("Ana 1 hour before tomorrow morning call", "not 'morning call' after it"),
    ],
)
async def test_what_could_be_read_two_ways_is_asked_and_nothing_stored(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)


@pytest.mark.parametrize("text", ["late invoice", "lunch ideas for ana", "an hour after lunch"])
def test_words_that_start_notes_stay_notes(text: str) -> None:
    assert read_when(text, NOW, BERLIN) is None


@pytest.mark.parametrize(
    ("text", "said_at", "due"),
    [
        ("one hour from Thursday", datetime(2016, 2, 16, 0, 0), "2016-02-18 01:00"),
        ("one hour before Thursday", datetime(2016, 2, 16, 0, 0), "2016-02-17 23:00"),
        ("5 hours before next noon", datetime(2024, 8, 7, 5, 0), "2024-08-08 07:00"),
        ("monday two weeks from now", datetime(2016, 11, 9, 0, 0), "2016-11-21 09:00"),
        ("two months from today on tuesday", datetime(2016, 7, 1, 0, 0), "2016-09-06 09:00"),
        ("in 3 days on friday", datetime(2016, 11, 9, 0, 0), "2016-11-11 09:00"),
        ("3 weeks after christmas on friday", datetime(2021, 1, 2, 0, 0), "2022-01-14 09:00"),
    ],
)
def test_at_the_sources_moment(text: str, said_at: datetime, due: str) -> None:
    got = read_when(text, said_at.replace(tzinfo=UTC), UTC)
    assert got is not None and got.rest == ""
    assert f"{got.due_at.astimezone(UTC):%Y-%m-%d %H:%M}" == due


@pytest.mark.parametrize("text", ["three weeks from tmrw", "6 days from tomorrow call"])
def test_from_tomorrow_said_in_the_small_hours_stays_asked(text: str) -> None:
    with pytest.raises(WhenError, match="is '(tomorrow|tmrw)' today"):
        read_when(text, datetime(2018, 5, 31, 0, 30, tzinfo=BERLIN), BERLIN)
