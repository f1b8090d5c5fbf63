"""/followup reads its WHEN the way people write it, and says back what it read (issue 16).

The clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

import pytest

from tests.conftest import User
from tests.core.support import followup_asked, followup_due


@pytest.mark.parametrize(
    ("typed", "due", "title"),
    [
        ("Ana sat text her", "Sat 28 Nov 2026, 09:00", "Follow-up with Ana: text her"),
        ("Ana tomorrow at 9 send the deck", "Tue 24 Nov 2026, 09:00",
         "Follow-up with Ana: send the deck"),
        ("Ana at 5 call back", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana: call back"),
        ("Ana tonight at 8", "Mon 23 Nov 2026, 20:00", "Follow-up with Ana"),
        ("Ana wednesday next week check in", "Wed 2 Dec 2026, 09:00",
         "Follow-up with Ana: check in"),
        ("Ana tomorrow 15h do the thing", "Tue 24 Nov 2026, 15:00",
         "Follow-up with Ana: do the thing"),
        ("Ana 3 o'clock in the afternoon call back", "Tue 24 Nov 2026, 15:00",
         "Follow-up with Ana: call back"),
        ("Ana first thing tomorrow call", "Tue 24 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana this week send the deck", "Fri 27 Nov 2026, 17:00",
         "Follow-up with Ana: send the deck"),
        ("Ana next 3 days check in", "Thu 26 Nov 2026, 09:00", "Follow-up with Ana: check in"),
        ("Ana tomorrow 4pm for 30 mins call", "Tue 24 Nov 2026, 16:00",
         "Follow-up with Ana: call"),
        ("Ana 3 days after christmas ask", "Mon 28 Dec 2026, 09:00", "Follow-up with Ana: ask"),
        ("Ana 3ish call back", "Tue 24 Nov 2026, 15:00", "Follow-up with Ana: call back"),
        ("Ana thursday week at 10 send it", "Thu 3 Dec 2026, 10:00",
         "Follow-up with Ana: send it"),
        ("Ana tomorrow from 7:00 to 8:00pm dinner", "Tue 24 Nov 2026, 19:00",
         "Follow-up with Ana: dinner"),
        ("Ana w/c 30 nov plan", "Mon 30 Nov 2026, 09:00", "Follow-up with Ana: plan"),
        ("Ana in 3 weeks' time check", "Mon 14 Dec 2026, 09:00", "Follow-up with Ana: check"),
        ("Ana monday the thirtieth call", "Mon 30 Nov 2026, 09:00", "Follow-up with Ana: call"),
    ],
)
async def test_the_reply_shows_the_time_it_read(me: User, typed: str, due: str,
                                                title: str) -> None:  # fmt: skip
    await followup_due(me, typed, due, title)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana following friday send the intro", "Fri 27 Nov or Fri 4 Dec"),
        ("Ana at 7 call", "am or pm"),
        ("Ana tomorrow noon next week", "as a date but not"),
        ("Ana friday at noon at 3pm", "as a date but not"),
        ("Ana afternoon", "today or tomorrow"),
        ("Ana tonight at 2 call", "2am or 2pm"),
        ("Ana next week at 3pm call", "Which day of next week"),
        ("Ana tomorrow or friday call", "as a date but not"),
        ("Ana between 3pm and 5pm call", "has begun and runs until 5pm"),
        ("Ana 5.12 call", "a time (5:12) or a date"),
    ],
)
async def test_a_when_read_two_ways_or_half_read_is_asked_and_nothing_stored(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana 1730 ping", "Is '1730' a time? For the time write 'at 1730 ping'"),
        ("Ana 10 slides", "to keep it in the note, give the day first, like 'friday: 10 slides'"),
    ],
)
async def test_a_number_that_reads_as_a_time_then_words_says_both_ways_to_write_it(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    """'1730' alone is 17:30, but '1730 ping' was answered "I couldn't read it as a date"."""
    await followup_asked(me, typed, says)


async def test_what_the_question_suggests_is_read(me: User) -> None:
    await followup_due(me, "Ana at 1730 ping", "Mon 23 Nov 2026, 17:30", "Follow-up with Ana: ping")
    await followup_due(me, "Ana friday: 10 slides", "Fri 27 Nov 2026, 09:00",
                       "Follow-up with Ana: 10 slides")
