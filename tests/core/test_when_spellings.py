"""/followup reads the odd spellings of times and dates people type, and asks where the
spelling could mean two times (issue 16, round 5).

The clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

import pytest

from tests.conftest import User
from tests.core.support import followup_asked, followup_due


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        # clock times in odd spellings
        ("Ana 3 p . m . call", "Tue 24 Nov 2026, 15:00"),
        ("Ana seven p . m . call", "Mon 23 Nov 2026, 19:00"),
        ("Ana 10a_m call", "Tue 24 Nov 2026, 10:00"),
        ("Ana 8 p_m call", "Mon 23 Nov 2026, 20:00"),
        ("Ana mid night call", "Tue 24 Nov 2026, 00:00"),
        ("Ana the midday call", "Tue 24 Nov 2026, 12:00"),
        ("Ana five-thirty tomorrow evening call", "Tue 24 Nov 2026, 17:30"),
        ("Ana five thirty in the morning call", "Tue 24 Nov 2026, 05:30"),
        # dates in odd spellings
        ("Ana 20270701 call", "Thu 1 Jul 2027, 09:00"),
        ("Ana sep-23-2027 call", "Thu 23 Sep 2027, 09:00"),
        ("Ana september-2027-23 call", "Thu 23 Sep 2027, 09:00"),
        ("Ana 23-2027-september call", "Thu 23 Sep 2027, 09:00"),
        ("Ana dec-2027 call", "Wed 1 Dec 2027, 09:00"),
        ("Ana dec/2027 call", "Wed 1 Dec 2027, 09:00"),
        ("Ana in 2027 AD call", "Fri 1 Jan 2027, 09:00"),
        ("Ana may twenty nine call", "Sat 29 May 2027, 09:00"),
        ("Ana twenty third day of september call", "Thu 23 Sep 2027, 09:00"),
        ("Ana week 2 at 9 call", "Mon 11 Jan 2027, 09:00"),
        ("Ana 2026-11-23 call", "Mon 23 Nov 2026, 17:00"),
        ("Ana monday 2026-11-23 call", "Mon 23 Nov 2026, 17:00"),
        ("Ana nov 23 2026 call", "Mon 23 Nov 2026, 17:00"),
        ("Ana week 2 2027 at 10 call", "Mon 11 Jan 2027, 10:00"),
        # parts of named days
        ("Ana in the mornings call", "Tue 24 Nov 2026, 09:00"),
        ("Ana early in the day wednesday call", "Wed 25 Nov 2026, 09:00"),
        ("Ana later in today call", "Mon 23 Nov 2026, 17:00"),
        ("Ana around dinner call", "Mon 23 Nov 2026, 19:00"),
        ("Ana after school call", "Tue 24 Nov 2026, 16:00"),
        # holidays
        ("Ana saint patrick 2027 call", "Wed 17 Mar 2027, 09:00"),
        ("Ana international workers' day call", "Sat 1 May 2027, 09:00"),
        ("Ana the ides of march call", "Mon 15 Mar 2027, 09:00"),
        ("Ana buddha purnima call", "Thu 20 May 2027, 09:00"),
        ("Ana following easter call", "Sun 28 Mar 2027, 09:00"),
        ("Ana three months after easter call", "Mon 28 Jun 2027, 09:00"),
        # a weekday with a step from now
        ("Ana saturday 3 days from now call", "Sat 28 Nov 2026, 09:00"),
        ("Ana in 3 days on friday call", "Fri 27 Nov 2026, 09:00"),
        ("Ana thursday, two years from now call", "Thu 23 Nov 2028, 09:00"),
        ("Ana saturday 3 days from now at 5pm call", "Sat 28 Nov 2026, 17:00"),
        ("Ana 3 weeks after christmas on friday call", "Fri 15 Jan 2027, 09:00"),
        # chat shorthand, and days named from a holiday
        ("Ana tue eve call", "Tue 24 Nov 2026, 18:00"),
        ("Ana tomorrow eve call", "Tue 24 Nov 2026, 18:00"),
        ("Ana christmas eve call", "Thu 24 Dec 2026, 09:00"),
        ("Ana nxt week call", "Mon 30 Nov 2026, 09:00"),
        ("Ana 2moro 9am call", "Tue 24 Nov 2026, 09:00"),
        ("Ana after work call", "Mon 23 Nov 2026, 18:00"),
        ("Ana tomorrow after work call", "Tue 24 Nov 2026, 18:00"),
        ("Ana the day after christmas call", "Sat 26 Dec 2026, 09:00"),
        ("Ana the day after tomorrow call", "Wed 25 Nov 2026, 09:00"),
        ("Ana in the new year call", "Fri 1 Jan 2027, 09:00"),
        ("Ana in 1h30 call", "Mon 23 Nov 2026, 17:30"),  # was 01:30, silently
        ("Ana in 15' call", "Mon 23 Nov 2026, 16:15"),  # the minute mark
        ("Ana labor day weekend call", "Sat 4 Sep 2027, 09:00"),
        ("Ana the weekend of halloween call", "Sat 30 Oct 2027, 09:00"),
        ("Ana thanksgiving weekend call", "Sat 28 Nov 2026, 09:00"),
    ],
)
async def test_an_odd_spelling_is_read_and_the_reply_shows_it(me: User, typed: str,
                                                              due: str) -> None:  # fmt: skip
    await followup_due(me, typed, due, "Follow-up with Ana: call")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana half eight call", "8:30 (half past) or 7:30"),
        ("Ana half three tomorrow call", "3:30 (half past) or 2:30"),
        ("Ana in 3 days on monday call", "Mon 23 Nov (in the week of Thu 26 Nov) or Mon 30 Nov"),
        ("Ana week 48", "in the past"),
        ("Ana a year after christmas call",
         "Fri 25 Dec 2026 (counted from the last one) or Sat 25 Dec 2027 (from the next)"),
        ("Ana mid today call", "in the past"),
        ("Ana every monday standup", "A follow-up is due once, so I can't read 'every monday'"),
        ("Ana each 2 weeks call", "use /vitalfew every <person> 2 weeks"),
        ("Ana the weekend of halloween 2028 call", "the one before or the one after?"),
    ],
)
async def test_a_spelling_read_two_ways_is_asked_and_nothing_stored(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)


@pytest.mark.parametrize("typed", ["Ana week 3 review", "Ana half 2 people",
                                   "Ana every time we meet", "Ana 1:1 prep",
                                   "Ana 24/7 support rota"])
async def test_a_note_that_only_looks_like_a_spelling_stays_a_note(me: User,
                                                                   typed: str) -> None:
    r = await me(f"/followup {typed}")
    assert not r.error, r.title
    assert r.title == f"Follow-up with {typed}".replace("with Ana ", "with Ana: ")
    assert "no date given" in r.text


async def test_two_digits_ending_a_day_and_month_are_its_year(me: User) -> None:
    r = await me("/followup Ana 14th april 27")
    assert not r.error, r.title
    assert "Due Wed 14 Apr 2027, 09:00 Europe/Berlin" in r.text
