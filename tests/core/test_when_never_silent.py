"""What people type in chat that once read silently wrong (issue 16): a number after a day
("tomorrow 8 call"), a day number, a length or a quarter that may be all note ("2nd draft
review", "5 min call", "q3 numbers"). Each is now asked, and nothing is stored; written as
the question suggests, it is read.

Reply-level on the real databases; the clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

import pytest

from tests.conftest import User
from tests.core.support import followup_asked, followup_due


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
        # a date just past, or today's once its time has passed: not silently a year later
        ("Ana nov 20 call", "Nov 20 was 3 days ago. For next year's, write 'Nov 20 2027'."),
        ("Ana nov 23 call", "Nov 23 is today. Write 'today' or a time, like 'Nov 23 6pm'"),
        ("Ana nov 23 3pm call", "'nov 23 3pm' has passed this year. For next year's, write "
                                "the year after the date, like 'Nov 23 2027' and the time."),
        ("Ana before 9am call", "When should I remind you, 'before 9am'? Write the time"),
        ("Ana christmas week call", "I read 'christmas' as a date but not 'week call'"),
        # said, but no time to remind at: seven days would be the opposite of 'asap'
        ("Ana asap send the deck", "When is 'asap'? Say when to remind you"),
        ("Ana in a bit", "When is 'in a bit'?"),
        # a WHEN word misspelt was a note due in 7 days
        ("Ana wensday call", "Did you mean 'wednesday'? 'wensday' reads as no date."),
        ("Ana tomorrw call", "Did you mean 'tomorrow'?"),
        ("Ana mothers day call", "Mother's Day is in March in the UK and Ireland and in May"),
        ("Ana half eight call", "Is 'half eight' 8:30 (half past) or 7:30? Write 8:30 or 7:30."),
        ("Ana q4 review", "'Q4' is the quarter under way: write a date, or 'end of q4'."),
        ("Ana 1/2 the budget", "Please write it as 'jan 2' or 'feb 1'."),
        ("Ana friday 5", "Is 'friday 5' friday at 5, or friday the 5th (Fri 5 Feb 2027)? "
                         "Write 'friday at 5' or 'Feb 5 2027'."),
    ],
)
async def test_a_head_that_may_be_all_note_is_asked_and_nothing_stored(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)


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
        # "before" is the day before; "a day or two" the sooner, all of it the WHEN's
        ("Ana before christmas call", "Thu 24 Dec 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana before friday call", "Thu 26 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana in a day or two call", "Tue 24 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana in 2-3 days call", "Wed 25 Nov 2026, 09:00", "Follow-up with Ana: call"),
        # shorthand that was refused or a note
        ("Ana 930am call", "Tue 24 Nov 2026, 09:30", "Follow-up with Ana: call"),
        ("Ana tue pm call", "Tue 24 Nov 2026, 14:00", "Follow-up with Ana: call"),
        ("Ana monday morn call", "Mon 30 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana later tonight call", "Mon 23 Nov 2026, 20:00", "Follow-up with Ana: call"),
        ("Ana after 5pm call", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana: call"),
        ("Ana after christmas call", "Sat 26 Dec 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana todays meeting notes", "Mon 30 Nov 2026, 09:00",
         "Follow-up with Ana: todays meeting notes"),
        ("Ana canada day call", "Thu 1 Jul 2027, 09:00", "Follow-up with Ana: call"),
        ("Ana bonfire night call", "Fri 5 Nov 2027, 09:00", "Follow-up with Ana: call"),
        ("Ana first advent call", "Sun 29 Nov 2026, 09:00", "Follow-up with Ana: call"),
        # said another way, or alone, these were notes due in 7 days
        ("Ana over the weekend call", "Sat 28 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana midweek call", "Wed 25 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana overmorrow call", "Wed 25 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana in the next few days", "Thu 26 Nov 2026, 09:00", "Follow-up with Ana"),
        ("Ana couple of weeks", "Mon 7 Dec 2026, 09:00", "Follow-up with Ana"),
        ("Ana eoq call", "Thu 31 Dec 2026, 17:00", "Follow-up with Ana: call"),
        ("Ana end of q1 call", "Wed 31 Mar 2027, 17:00", "Follow-up with Ana: call"),
        ("Ana weekend plans", "Mon 30 Nov 2026, 09:00", "Follow-up with Ana: weekend plans"),
        ("Ana a week starting tomorrow", "Tue 24 Nov 2026, 09:00", "Follow-up with Ana"),
        ("Ana 2 weeks beginning monday call", "Mon 30 Nov 2026, 09:00",
         "Follow-up with Ana: call"),
        ("Ana nov 23 6pm call", "Mon 23 Nov 2026, 18:00", "Follow-up with Ana: call"),
        ("Ana nov 20 2027 call", "Sat 20 Nov 2027, 09:00", "Follow-up with Ana: call"),
        # a zone said in words converts like 3pm ET (it was the local clock, the zone in the note)
        ("Ana 3pm eastern call", "Mon 23 Nov 2026, 21:00", "Follow-up with Ana: call"),
        ("Ana 5pm london time call", "Mon 23 Nov 2026, 18:00", "Follow-up with Ana: call"),
        ("Ana 3pm central station", "Tue 24 Nov 2026, 15:00",
         "Follow-up with Ana: central station"),
    ],
)
async def test_written_as_the_question_suggests_it_is_read(me: User, typed: str, due: str,
                                                           title: str) -> None:  # fmt: skip
    await followup_due(me, typed, due, title)
