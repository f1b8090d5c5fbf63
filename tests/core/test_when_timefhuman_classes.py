"""WHENs in compound or glued forms, the way timefhuman's tests write them (issue 16, round 6).

A length in compound number words ("thirty two hours", "in twenty-five minutes"), a range
whose dash is glued to its end ("5p -6p", "3 -4pm": it was read as Mar 4 2027; "9 -5" is
asked like "9 - 5"), "next next monday", a timestamp with a fraction
of a second and a range of slashed dates whose first date settles the order are read. What
stays as it was: a slashed date alone that fits both orders is asked, "next next friday"
while a Friday is still to come is asked like "friday after next", and number words before
anything but a unit of time stay the note. The clock of the reply-level tests stands at
Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 11, 23, 16, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("typed", "due", "title"),
    [
        ("thirty two hours", "Wed 25 Nov 2026, 00:00", "Follow-up with Ana"),
        ("in twenty-five minutes call", "Mon 23 Nov 2026, 16:25", "Follow-up with Ana: call"),
        ("twenty five minutes", "Mon 23 Nov 2026, 16:25", "Follow-up with Ana"),
        ("5p -6p call", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana: call"),
        ("3 -4pm call", "Tue 24 Nov 2026, 15:00", "Follow-up with Ana: call"),  # was Mar 4 2027
        ("dec 12 -15 trip", "Sat 12 Dec 2026, 09:00", "Follow-up with Ana: trip"),  # was '15 trip'
        ("next next monday plan", "Mon 7 Dec 2026, 09:00", "Follow-up with Ana: plan"),
        ("2026-12-27T09:15:01.002 call", "Sun 27 Dec 2026, 09:15", "Follow-up with Ana: call"),
        (
            "12/28/2026 5pm to 1/02/2027 7pm trip",
            "Mon 28 Dec 2026, 17:00",
            "Follow-up with Ana: trip",
        ),
        ("28/12/2026 5pm - 2/1/2027 trip", "Mon 28 Dec 2026, 17:00", "Follow-up with Ana: trip"),
    ],
)
async def test_a_compound_or_glued_when_is_read(me: User, typed: str, due: str, title: str) -> None:
    await followup_due(me, f"Ana {typed}", due, title)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("1/02/2027 call", "'1/02/2027' could be Jan 2 or Feb 1"),
        ("next next friday call", "could be Fri 4 Dec or Fri 11 Dec"),
        ("9 -5 call", "Is '9 - 5' 9am - 5pm or 9pm - 5am?"),  # was read as Sun 5 Sep 2027
    ],
)
async def test_what_reads_two_ways_is_still_asked(me: User, typed: str, says: str) -> None:
    await followup_asked(me, f"Ana {typed}", says)


@pytest.mark.parametrize(
    ("text", "due", "rest"),
    [
        ("twenty five past 3 call", datetime(2026, 11, 24, 15, 25), "call"),  # a clock time
        ("in thirty hours call", datetime(2026, 11, 24, 22, 0), "call"),  # tens alone
    ],
)
def test_number_words_keep_their_other_readings(text: str, due: datetime, rest: str) -> None:
    got = read_when(text, MONDAY, BERLIN)
    assert got is not None and got.due_at == due.replace(tzinfo=BERLIN) and got.rest == rest


def test_a_slashed_range_with_a_dash_settles_its_end_too() -> None:
    """With 'PM -' the dash separates a new name from the note at reply level (the grammar's
    rule, unchanged), so the reader is checked directly: 28 makes the range month-first."""
    got = read_when("12/28/2026 5:00 PM - 1/02/2027 7:00 PM trip", MONDAY, BERLIN)
    assert got is not None and got.due_at == datetime(2026, 12, 28, 17, tzinfo=BERLIN)
    assert got.rest == "trip"


@pytest.mark.parametrize("text", ["forty two ideas", "ninety nine problems", "twenty five"])
def test_number_words_before_no_unit_stay_the_note(text: str) -> None:
    assert read_when(text, MONDAY, BERLIN) is None
