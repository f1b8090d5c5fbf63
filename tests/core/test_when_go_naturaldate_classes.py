"""WHENs said loosely, the way go-naturaldate's and olebedev/when's tests say them (issue 16,
round 6).

A 24-hour hour said alone ("17"), "next <month> <day>" ("next December 23rd at 5:25 PM"),
"the <month> <day>" ("on the December 25th at 7am"), "5 P." and "this noon" are read.
"next tuesday" said on a Monday is asked: go-naturaldate and olebedev/when read the coming
one, Duckling, natty, chrono, parsedatetime and Recognizers-Text next week's. The clock of
the reply-level tests stands at Monday 23 Nov 2026, 16:00 in Berlin.
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
    ("typed", "due", "title"),
    [
        ("17", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana"),
        ("13", "Tue 24 Nov 2026, 13:00", "Follow-up with Ana"),  # 13:00 has passed
        ("next December 23rd AT 5:25 PM", "Wed 23 Dec 2026, 17:25", "Follow-up with Ana"),
        ("next december 23rd at 5:25pm call", "Wed 23 Dec 2026, 17:25",
         "Follow-up with Ana: call"),
        ("next january 5th plan", "Tue 5 Jan 2027, 09:00", "Follow-up with Ana: plan"),
        ("next january the 5th", "Tue 5 Jan 2027, 09:00", "Follow-up with Ana"),
        # said in November, "next november" is next year's, as "next november" alone reads
        ("next november 3rd", "Wed 3 Nov 2027, 09:00", "Follow-up with Ana"),
        ("on the December 25th at 7am", "Fri 25 Dec 2026, 07:00", "Follow-up with Ana"),
        ("the december 25th send card", "Fri 25 Dec 2026, 09:00",
         "Follow-up with Ana: send card"),
        ("5 P. call", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana: call"),
        ("12 P.", "Tue 24 Nov 2026, 12:00", "Follow-up with Ana"),  # noon has passed
        ("11 A. call", "Tue 24 Nov 2026, 11:00", "Follow-up with Ana: call"),
    ],
)
async def test_a_loosely_said_when_is_read(me: User, typed: str, due: str, title: str) -> None:
    await followup_due(me, f"Ana {typed}", due, title)


@pytest.mark.parametrize("typed", ["5 a call", "3 a", "10 a day"])
async def test_a_lone_letter_after_an_hour_is_refused_not_read_as_a_month(me: User,
                                                                          typed: str) -> None:
    """dateparser read "5 a" as May 1 (a month and a year): a misreading, now refused."""
    await followup_asked(me, f"Ana {typed}", "couldn't read")


@pytest.mark.parametrize(
    "text", ["17 slides", "32", "the december meeting", "next december 32nd", "5 p"]
)
def test_what_may_be_the_note_is_not_read_as_a_time(text: str) -> None:
    """("24" alone is no hour: it is the 24th since round 7, as nickel reads "28".)"""
    try:
        got = read_when(text, MONDAY, BERLIN)
    except WhenError:  # refused is fine too: never read as a time
        return
    assert got is None or got.rest == text


def test_this_noon_is_todays_noon_and_past_once_it_is() -> None:
    morning = MONDAY.replace(hour=9)
    got = read_when("this noon call", morning, BERLIN)
    assert got is not None and got.due_at == morning.replace(hour=12) and got.rest == "call"
    with pytest.raises(WhenError, match="in the past"):
        read_when("this noon", MONDAY, BERLIN)
