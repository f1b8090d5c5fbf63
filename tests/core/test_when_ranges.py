"""A WHEN that is a range reminds at its start, when the window opens (issue 16, round 6).

The reply shows the start it read, and what follows the range is the note. An end before
its start, a range under way, or a range that could be read in either half of the day is
asked, never guessed. The clock of the reply-level tests stands at Monday 23 Nov 2026, 16:00
in Berlin.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 11, 23, 16, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("5 to 6pm call back", "Mon 23 Nov 2026, 17:00", "call back"),
        ("5 to seven in the morning run", "Tue 24 Nov 2026, 05:00", "run"),
        ("from 8pm till tomorrow 4:30pm send it", "Mon 23 Nov 2026, 20:00", "send it"),
        ("the 17 from 2pm to 4pm call", "Thu 17 Dec 2026, 14:00", "call"),
        ("the 17 between 2 and 4pm call", "Thu 17 Dec 2026, 14:00", "call"),
        ("from may to oct 2027 plan", "Sat 1 May 2027, 09:00", "plan"),
        ("26 june to 28 june in 2027 book", "Sat 26 Jun 2027, 09:00", "book"),
        ("april ninth through seventeenth trip", "Fri 9 Apr 2027, 09:00", "trip"),
        ("from 08/05 to 08/16 trip", "Thu 5 Aug 2027, 09:00", "trip"),
        ("2/29-3/1 trip", "Tue 29 Feb 2028, 09:00", "trip"),
        ("dec/2027-may/2028 plan", "Wed 1 Dec 2027, 09:00", "plan"),
        ("starting 2027/08/05 until 2027/08/16 trip", "Thu 5 Aug 2027, 09:00", "trip"),
        ("from 4-23 in next month trip", "Fri 4 Dec 2026, 09:00", "trip"),
        ("from 9 for 2.5 hrs workshop", "Tue 24 Nov 2026, 09:00", "workshop"),
        ("14th feb for 7 hours from 9:30am offsite", "Sun 14 Feb 2027, 09:30", "offsite"),
        ("14th feb from 9:30am for 7 hours offsite", "Sun 14 Feb 2027, 09:30", "offsite"),
        ("16h for 30 mins call", "Tue 24 Nov 2026, 16:00", "call"),
        ("5pm - 6pm call", "Mon 23 Nov 2026, 17:00", "call"),
        ("9:30 AM - 11:00 AM call", "Tue 24 Nov 2026, 09:30", "call"),  # was a person 'Ana 9:30 AM'
        ("monday 9:30 - 11:00 call", "Mon 30 Nov 2026, 09:30", "call"),
        ("tuesday - friday offsite", "Tue 24 Nov 2026, 09:00", "offsite"),
        ("between 3am - 12pm next monday call", "Mon 30 Nov 2026, 03:00", "call"),
        ("friday - 2nd draft", "Fri 27 Nov 2026, 09:00", "2nd draft"),  # a dash, then the note
    ],
)
async def test_a_range_reminds_at_its_start_and_the_rest_is_the_note(
        me: User, typed: str, due: str, note: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", due, f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("5 to 6 call", "Is '5 to 6' 5am to 6am or 5pm to 6pm?"),
        ("10 to 12 call", "Is '10 to 12' 10am to 12pm or 10pm to 12am?"),
        ("from 2pm till tomorrow 4:30pm send it", "That range has begun"),
        ("from jul 10 2027 to jul 2 2027 trip", "ends (jul 2 2027) before it starts"),
        ("from may to oct 2020 plan", "is in the past"),
    ],
)
async def test_a_range_read_two_ways_ended_or_backwards_is_asked(me: User, typed: str,
                                                                says: str) -> None:  # fmt: skip
    await followup_asked(me, f"Ana {typed}", says)


@pytest.mark.parametrize(
    ("typed", "due", "says"),
    [
        ("between 3am - 12pm next monday call", "Due Mon 30 Nov 2026, 03:00", ""),
        ("9am - 11:00:00am call", "Due Tue 24 Nov 2026, 09:00", ""),
        ("5 - 6:30 call", "", "Is '5 - 6:30' 5am - 6:30am or 5pm - 6:30pm?"),
        ("2027-01-05 - 2027-01-02 trip", "", "before it starts (2027-01-05)"),
    ],
)
async def test_a_range_with_a_dash_after_someone_known(me: User, typed: str, due: str,
                                                       says: str) -> None:  # fmt: skip
    """Someone known, then a range with a dash: the dash is the range's, as after a new name
    ("Ana 5pm - 6pm call" above; "Ana Lee - call" still ends the name)."""
    await me("/touch Ana")
    r = await me(f"/followup Ana {typed}")
    assert (r.title == f"Follow-up with Ana: {typed.split()[-1]}" and due in r.text) if due else (
        r.error and says in r.title), (r.title, r.text)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("between 4pm and 5pm call", "That range has begun"),  # under way at 16:00
        ("from 05/12 to 06/12 trip", "'05/12' could be May 12 or Dec 5"),  # both ends unclear
        ("from 10/1 to 11/7 trip", "'10/1' could be Oct 1 or Jan 10"),
    ],
)
def test_what_was_asked_before_stays_asked(typed: str, says: str) -> None:
    with pytest.raises(WhenError) as err:
        read_when(typed, MONDAY, BERLIN)
    assert says in str(err.value)


@pytest.mark.parametrize(
    ("typed", "due"),
    [("five to six call", "2026-11-23 17:55"),  # in words: a clock time, not a range
     ("from 9 tomorrow for 2 hours", "2026-11-24 09:00"),
     ("5 to 6pm tomorrow call", "2026-11-24 17:00")],  # fmt: skip
)
def test_words_that_are_a_clock_time_and_a_day_after_the_range_are_read(typed: str,
                                                                        due: str) -> None:
    got = read_when(typed, MONDAY, BERLIN)
    assert got is not None and f"{got.due_at.astimezone(BERLIN):%Y-%m-%d %H:%M}" == due


# ("2 - 15" is no range of times either: it is Feb 15 since round 7, tests/test_when_numbers.py)
@pytest.mark.parametrize("typed", ["from 3 suppliers", "for 2 hours from 3 suppliers",
                                   "2 to 3 days"])
def test_numbers_that_are_no_range_of_times_are_not_read_as_one(typed: str) -> None:
    try:
        got = read_when(typed, MONDAY, BERLIN)
    except WhenError:
        return
    assert got is None
