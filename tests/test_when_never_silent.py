"""What people type in chat that once read silently wrong (issue 16): a number after a day
("tomorrow 8 call"), a day number, a length or a quarter that may be all note ("2nd draft
review", "5 min call", "q3 numbers"). Each is now asked, and nothing is stored; written as
the question suggests, it is read.

Reply-level on the real databases; the clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

import pytest

from tests.conftest import User
from tests.core.support import open_followups


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana tomorrow 8 call", "Is 8 after 'tomorrow' a time? Write 'tomorrow at 8' or "
                                "'tomorrow at 8pm', or put what you promised after a colon"),
        ("Ana friday 17 call", "Write 'friday at 17', or"),
        ("Ana 2nd draft review", "Is '2nd' when to remind you, or part of what you promised? "
                                 "For the time write 'on the 2nd draft review'"),
        ("Ana 5 min call", "For the time write 'in 5 min call'"),
        ("Ana 3d printer", "For the time write 'in 3d printer'"),
        ("Ana 2 days offsite", "For the time write 'in 2 days offsite'"),
        ("Ana q3 numbers", "For the time write 'q3 2027 numbers'"),
        ("Ana 3rd quarter numbers", "For the time write 'the 3rd quarter of 2027 numbers'"),
        ("Ana 17 friday call", "I couldn't read '17 friday call' as a date"),  # Thu 17 Dec
        ("Ana friday 5", "Is 'friday 5' friday at 5, or friday the 5th (Fri 5 Feb 2027)? "
                         "Write 'friday at 5' or 'Feb 5 2027'."),
    ],
)
async def test_a_head_that_may_be_all_note_is_asked_and_nothing_stored(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    r = await me(f"/followup {typed}")
    assert r.error and says in r.title, r.title
    assert await open_followups(me) == []


@pytest.mark.parametrize(
    ("typed", "due", "title"),
    [
        ("Ana tomorrow at 8 call", "Tue 24 Nov 2026, 08:00", "Follow-up with Ana: call"),
        ("Ana on the 2nd draft review", "Wed 2 Dec 2026, 09:00",
         "Follow-up with Ana: draft review"),
        ("Ana in 5 min call", "Mon 23 Nov 2026, 16:05", "Follow-up with Ana: call"),
        ("Ana q3 2027 numbers", "Thu 1 Jul 2027, 09:00", "Follow-up with Ana: numbers"),
        ("Ana 2 weeks", "Mon 7 Dec 2026, 09:00", "Follow-up with Ana"),
        ("Ana 2nd", "Wed 2 Dec 2026, 09:00", "Follow-up with Ana"),
        # a zone said in words converts like 3pm ET (it was the local clock, the zone in the note)
        ("Ana 3pm eastern call", "Mon 23 Nov 2026, 21:00", "Follow-up with Ana: call"),
        ("Ana 5pm london time call", "Mon 23 Nov 2026, 18:00", "Follow-up with Ana: call"),
        ("Ana 3pm central station", "Tue 24 Nov 2026, 15:00",
         "Follow-up with Ana: central station"),
    ],
)
async def test_written_as_the_question_suggests_it_is_read(me: User, typed: str, due: str,
                                                           title: str) -> None:  # fmt: skip
    r = await me(f"/followup {typed}")
    assert not r.error, r.title
    assert r.title == title
    assert f"Due {due} Europe/Berlin" in r.text
