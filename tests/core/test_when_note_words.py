"""/followup keeps a note that begins with a small word whole (issue 16).

"friday about the offer", "tomorrow at the office" and "friday after the meeting" were
refused ("I read 'friday' as a date but not 'about the offer' after it"), because "about",
"at" or "after" may lead into more of a time ("at the weekend", "after the 5th"). Only a
time word after them keeps the WHEN going now. And "12 noon about the offer" lost "about"
from its note: dateparser skips the word, so a prefix ending in it is no longer tried.
"friday a quick call" was refused too: "a" alone was taken for "am". Refusing what goes on
stays: "3pm in a couple of days" must not be 15:00 today with a note.

The clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

import pytest

from tests.conftest import User
from tests.core.support import followup_asked, followup_due


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("Ana friday about the offer", "Fri 27 Nov 2026, 09:00", "about the offer"),
        ("Ana tomorrow at the office", "Tue 24 Nov 2026, 09:00", "at the office"),
        ("Ana friday after the meeting", "Fri 27 Nov 2026, 09:00", "after the meeting"),
        ("Ana friday in the office", "Fri 27 Nov 2026, 09:00", "in the office"),
        ("Ana friday to the team", "Fri 27 Nov 2026, 09:00", "to the team"),
        ("Ana tomorrow 5pm for the intro", "Tue 24 Nov 2026, 17:00", "for the intro"),
        ("Ana tomorrow about next steps", "Tue 24 Nov 2026, 09:00", "about next steps"),
        ("Ana friday a quick call", "Fri 27 Nov 2026, 09:00", "a quick call"),
        ("Ana today a coffee", "Mon 23 Nov 2026, 17:00", "a coffee"),
        ("Ana tomorrow 9 a m call", "Tue 24 Nov 2026, 09:00", "call"),
        ("Ana 12 noon about the offer", "Tue 24 Nov 2026, 12:00", "about the offer"),
        ("Ana 9.am about the offer", "Tue 24 Nov 2026, 09:00", "about the offer"),
        ("Ana 2027/aug/10 about the offer", "Tue 10 Aug 2027, 09:00", "about the offer"),
        ("Ana 2027/aug/10 if no reply call", "Tue 10 Aug 2027, 09:00", "if no reply call"),
        ("Ana in 2 days before the launch", "Wed 25 Nov 2026, 09:00", "before the launch"),
        ("Ana 2-15 to the team", "Mon 15 Feb 2027, 09:00", "to the team"),
    ],
)
async def test_the_note_keeps_its_first_word(me: User, typed: str, due: str, note: str) -> None:
    await followup_due(me, typed, due, f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana friday at the weekend", "not 'at the weekend'"),  # which day?
        ("Ana friday by the end of the day call", "not 'by the end'"),
        ("Ana tomorrow at the third call", "not 'at the third'"),
        # a time, then more of the WHEN it could not join: never 15:00 today with a note
        ("Ana 3pm in a couple of days call", "not 'in a couple'"),
        ("Ana 3pm next weekday call", "not 'next weekday"),
        ("Ana 3pm three fridays from now", "not 'three fridays from'"),
        ("Ana 3pm during march call", "not 'during march"),
        ("Ana 3pm from august 27th - 29th", "not 'from august 27th'"),
    ],
)
async def test_a_time_that_goes_on_is_still_not_half_read(me: User, typed: str,
                                                          says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)
