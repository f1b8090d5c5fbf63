"""/followup reads lengths said from now and periods the way other parsers' tests do, and
asks where they disagree (issue 16, round 5: chrono's English tests).

The clock stands at Monday 23 Nov 2026, 16:00 in Berlin unless a test moves it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

MONDAY = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
SATURDAY = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)  # 12:00 in Berlin
FIRST_OF_DECEMBER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Berlin


@pytest.mark.parametrize(
    ("at", "typed", "due", "title"),
    [
        # a length counted from now
        (MONDAY, "Ana 15 minutes out call", "Mon 23 Nov 2026, 16:15", "Follow-up with Ana: call"),
        (MONDAY, "Ana a min out", "Mon 23 Nov 2026, 16:01", "Follow-up with Ana"),
        (MONDAY, "Ana after an hour call", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana: call"),
        (MONDAY, "Ana after a year call", "Tue 23 Nov 2027, 09:00", "Follow-up with Ana: call"),
        (MONDAY, "Ana now + 40 minutes call", "Mon 23 Nov 2026, 16:40",
         "Follow-up with Ana: call"),
        (MONDAY, "Ana now + 40minutes", "Mon 23 Nov 2026, 16:40", "Follow-up with Ana"),
        (MONDAY, "Ana for 5 minutes and 30 seconds", "Mon 23 Nov 2026, 16:05",
         "Follow-up with Ana"),
        (MONDAY, "Ana for 1 hour, 5 minutes, and 30 seconds", "Mon 23 Nov 2026, 17:05",
         "Follow-up with Ana"),
        (MONDAY, "Ana in about ~5 hours call", "Mon 23 Nov 2026, 21:00",
         "Follow-up with Ana: call"),
        (MONDAY, "Ana in 1 mon call", "Wed 23 Dec 2026, 09:00", "Follow-up with Ana: call"),
        (MONDAY, "Ana next hour call", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana: call"),
        (MONDAY, "Ana next day call", "Tue 24 Nov 2026, 09:00", "Follow-up with Ana: call"),
        (MONDAY, "Ana +15min call", "Mon 23 Nov 2026, 16:15", "Follow-up with Ana: call"),
        (MONDAY, "Ana in a pair of minutes", "Mon 23 Nov 2026, 16:02", "Follow-up with Ana"),
        (MONDAY, "Ana next second", "Mon 23 Nov 2026, 16:00", "Follow-up with Ana"),
        # a length counted from a day
        (MONDAY, "Ana tuesday next week +10 days call", "Fri 11 Dec 2026, 09:00",
         "Follow-up with Ana: call"),
        (MONDAY, "Ana friday plus a week call", "Fri 4 Dec 2026, 09:00",
         "Follow-up with Ana: call"),
        # a weekday settles which order of day and month is meant
        (MONDAY, "Ana tuesday 12/7/2027 call", "Tue 7 Dec 2027, 09:00", "Follow-up with Ana: call"),
        (MONDAY, "Ana monday 12/7/2027 call", "Mon 12 Jul 2027, 09:00", "Follow-up with Ana: call"),
        # next week, quarter: where every parser agrees
        (SATURDAY, "Ana next week call", "Sat 5 Dec 2026, 09:00", "Follow-up with Ana: call"),
        (SATURDAY, "Ana next weekday call", "Mon 30 Nov 2026, 09:00", "Follow-up with Ana: call"),
        (MONDAY, "Ana next quarter plan", "Tue 23 Feb 2027, 09:00", "Follow-up with Ana: plan"),
        (MONDAY, "Ana next qtr plan", "Tue 23 Feb 2027, 09:00", "Follow-up with Ana: plan"),
        (MONDAY, "Ana coming three quarters plan", "Mon 23 Aug 2027, 09:00",
         "Follow-up with Ana: plan"),
        (MONDAY, "Ana next two quarters plan", "Sun 23 May 2027, 09:00",
         "Follow-up with Ana: plan"),
        # an ISO date and time with seconds
        (MONDAY, "Ana 2027-07-31T12:00:00 call", "Sat 31 Jul 2027, 12:00",
         "Follow-up with Ana: call"),
        # midnight once the start of the day has passed: its end
        (MONDAY, "Ana today at midnight call", "Tue 24 Nov 2026, 00:00",
         "Follow-up with Ana: call"),
    ],
)
async def test_the_phrase_is_read_and_said_back(me: User, clock: FixedClock, at: datetime,
                                                 typed: str, due: str, title: str) -> None:
    clock.set(at)
    await followup_due(me, typed, due, title)


@pytest.mark.parametrize(
    ("at", "typed", "says"),
    [
        (MONDAY, "Ana tomorrow at midnight call",
         "Midnight at the start of Tue 24 Nov, or at its end (Wed 25 Nov 00:00)?"),
        (MONDAY, "Ana at midnight on 12th december call",
         "Midnight at the start of Sat 12 Dec, or at its end (Sun 13 Dec 00:00)?"),
        (MONDAY, "Ana within 2 weeks call", "'within 2 weeks': by Sun 6 Dec, or on Mon 7 Dec?"),
        (MONDAY, "Ana within 3 days call", "by Wed 25 Nov, or on Thu 26 Nov?"),
        (MONDAY, "Ana within a month call", "by Tue 22 Dec, or on Wed 23 Dec?"),
        (MONDAY, "Ana in several hours call", "How many hours is 'several hours'?"),
        (MONDAY, "Ana friday 12/7/2027 call", "could be Dec 7 or Jul 12"),  # neither a Friday
        (MONDAY, "Ana tuesday next week + 2 hours call", "as a date but not '+ 2 hours'"),
        # parsers disagree: next week's (Duckling, natty, chrono...) or the coming one
        # (go-naturaldate, olebedev/when)
        (MONDAY, "Ana next wednesday call",
         "'next wednesday' could be Wed 25 Nov or Wed 2 Dec. Write 'this wednesday' or "
         "'wednesday next week'."),
        (FIRST_OF_DECEMBER, "Ana this month call",
         "'this month' began today: today, or by its end (Thu 31 Dec)?"),
        (datetime(2027, 1, 1, 9, tzinfo=UTC), "Ana this quarter call",
         "'this quarter' began today: today, or by its end (Wed 31 Mar)?"),
    ],
)
async def test_a_phrase_parsers_read_two_ways_is_asked_and_nothing_stored(
        me: User, clock: FixedClock, at: datetime, typed: str, says: str) -> None:  # fmt: skip
    clock.set(at)
    await followup_asked(me, typed, says)


async def test_the_answers_the_question_suggests_are_read(me: User) -> None:
    """The question names what to write instead; those are read."""
    asked = await me("/followup Ana within 2 weeks call")
    assert "Write 'Dec 6' or 'in 2 weeks'." in asked.title
    for typed, due in (("Ana Dec 6 call", "Sun 6 Dec 2026, 09:00"),
                       ("Ana in 2 weeks call", "Mon 7 Dec 2026, 09:00"),
                       ("Ana Nov 24 00:00 call", "Tue 24 Nov 2026, 00:00"),
                       ("Ana Nov 25 00:00 call", "Wed 25 Nov 2026, 00:00")):  # fmt: skip
        r = await me(f"/followup {typed}")
        assert f"Due {due} Europe/Berlin" in r.text, (typed, r.title)
