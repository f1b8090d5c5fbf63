"""WHENs said bare, the way parsedatetime's tests say them (issue 16, round 6).

A length spelled in words with nothing after it ("five minutes", "an hour"), a four-digit
time alone ("1730"), a time plus days ("4pm + 3 days"), a day-first date with a dash
("25-08"), "1 dy" and the longer abbreviations ("febr", "wedn") are read. "8.25" (08:25 or
Aug 25?) and a month's day with an h:mm of 1-6 ("August 22nd 3:26": am or pm?) are asked:
the sources read them two ways. The clock of the reply-level tests stands at Monday 23 Nov
2026, 16:00 in Berlin.
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
        ("five minutes", "Mon 23 Nov 2026, 16:05", "Follow-up with Ana"),
        ("an hour", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana"),
        ("an hr", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana"),
        ("five hours", "Mon 23 Nov 2026, 21:00", "Follow-up with Ana"),
        ("1730", "Mon 23 Nov 2026, 17:30", "Follow-up with Ana"),
        ("0730", "Tue 24 Nov 2026, 07:30", "Follow-up with Ana"),
        ("4pm + 3 days call", "Thu 26 Nov 2026, 16:00", "Follow-up with Ana: call"),
        ("4pm +3 days", "Thu 26 Nov 2026, 16:00", "Follow-up with Ana"),
        ("25-08 trip", "Wed 25 Aug 2027, 09:00", "Follow-up with Ana: trip"),
        ("1 dy", "Tue 24 Nov 2026, 09:00", "Follow-up with Ana"),
        ("febr 3 plan", "Wed 3 Feb 2027, 09:00", "Follow-up with Ana: plan"),
        ("wedn call", "Wed 25 Nov 2026, 09:00", "Follow-up with Ana: call"),
    ],
)
async def test_a_bare_when_is_read(me: User, typed: str, due: str, title: str) -> None:
    await followup_due(me, f"Ana {typed}", due, title)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("8.25 call", "Is '8.25' a time (8:25) or a date (Aug 25)?"),
        ("(8.25)", "Is '8.25' a time (8:25) or a date (Aug 25)?"),
        ("August 22nd 3:26 call", "Is 3:26 am or pm?"),
        ("dec 5 4:30", "Is 4:30 am or pm?"),
    ],
)
async def test_what_the_sources_read_two_ways_is_asked(me: User, typed: str, says: str) -> None:
    await followup_asked(me, f"Ana {typed}", says)


@pytest.mark.parametrize(
    ("text", "due", "rest"),
    [
        ("8.25pm call", datetime(2026, 11, 23, 20, 25), "call"),  # the pm settles it
        ("August 22nd 3:26pm call", datetime(2027, 8, 22, 15, 26), "call"),
        ("Nov 30 23:30 - 3:35 shift", datetime(2026, 11, 30, 23, 30), "shift"),  # a range's end
        ("tomorrow 3:26 call", datetime(2026, 11, 24, 15, 26), "call"),  # no month: as before
        ("friday plus a week call", datetime(2026, 12, 4, 9, 0), "call"),
    ],
)
def test_what_settles_the_reading_keeps_it(text: str, due: datetime, rest: str) -> None:
    got = read_when(text, MONDAY, BERLIN)
    assert got is not None and got.due_at == due.replace(tzinfo=BERLIN) and got.rest == rest


@pytest.mark.parametrize("text", ["an hour call", "a week of planning", "marc call", "2030"])
def test_what_may_be_the_note_or_a_year_is_not_read_as_a_time(text: str) -> None:
    try:
        got = read_when(text, MONDAY, BERLIN)
    except WhenError:  # refused is fine too: never read as a time
        return
    assert got is None
