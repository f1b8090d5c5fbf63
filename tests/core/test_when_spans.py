"""Spans said with two ends remind at their start; spans from now at their end (issue 16,
round 7).

Open bounds ("later than 9:30 but before 11:00"), a zone said after both ends, "15h - 18h",
ISO intervals, a length before the days or in nights and "next evening" are ranges said other
ways: the reply shows the start, the rest is the note. "between now and X" is due at X, or
the day before a day X. A span under way, a vague start or an end before tomorrow is over is
asked. The clock of the reply-level tests stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("later than 9:30 but before 11:00 on thursday call", "Thu 26 Nov 2026, 09:30", "call"),
        ("later than 9:30 and before 11:00 wednesday review", "Wed 25 Nov 2026, 09:30",
         "review"),
        ("after 3pm but before 5pm tomorrow call", "Tue 24 Nov 2026, 15:00", "call"),
        ("tomorrow later than 2pm but no later than 4pm send it", "Tue 24 Nov 2026, 14:00",
         "send it"),
        ("no earlier than 10 tomorrow send it", "Tue 24 Nov 2026, 10:00", "send it"),
        ("not before friday check in", "Fri 27 Nov 2026, 09:00", "check in"),
        ("not earlier than 2pm friday, call", "Fri 27 Nov 2026, 14:00", "call"),
        ("no earlier than friday call", "Fri 27 Nov 2026, 09:00", "call"),
        ("later than friday call ana", "Sat 28 Nov 2026, 09:00", "call ana"),  # after friday
    ],
)
async def test_an_open_bound_reminds_at_the_first_moment_allowed(
        me: User, typed: str, due: str, note: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", due, f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("tomorrow 15:00 GMT - 18:00 GMT call", "Tue 24 Nov 2026, 16:00", "call"),
        ("9:00 CET - 11:00 CET call", "Tue 24 Nov 2026, 09:00", "call"),
        ("tomorrow 15h00 GMT to 18h00 GMT sync", "Tue 24 Nov 2026, 16:00", "sync"),
        ("friday 9h GMT - 11h GMT review", "Fri 27 Nov 2026, 10:00", "review"),
        ("8h to 13h call", "Tue 24 Nov 2026, 08:00", "call"),
        ("17h - 18h call", "Mon 23 Nov 2026, 17:00", "call"),
        ("16h to 18h friday offsite", "Fri 27 Nov 2026, 16:00", "offsite"),
    ],
)
async def test_a_clock_span_with_a_zone_or_h_times_reminds_at_its_start(
        me: User, typed: str, due: str, note: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", due, f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("2027-03-28 17:00/2027-03-29 21:00 trip", "Sun 28 Mar 2027, 17:00", "trip"),
        ("2027-03-28 17:00:00/2027-03-29 21:00:00 trip", "Sun 28 Mar 2027, 17:00", "trip"),
        ("2027-03-28t17:00/2027-03-29t21:00 trip", "Sun 28 Mar 2027, 17:00", "trip"),
        ("2027-03-28/2027-03-29 trip", "Sun 28 Mar 2027, 09:00", "trip"),
        ("3 days 15-18 dec trip", "Tue 15 Dec 2026, 09:00", "trip"),
        ("2 nights 15-17 jan trip", "Fri 15 Jan 2027, 09:00", "trip"),
        ("four days 1st-4th feb visit", "Mon 1 Feb 2027, 09:00", "visit"),
        ("on the 27th for one night hotel", "Fri 27 Nov 2026, 09:00", "hotel"),
        ("friday for two nights hotel", "Fri 27 Nov 2026, 09:00", "hotel"),
        ("on the 3rd for a night hotel", "Thu 3 Dec 2026, 09:00", "hotel"),
        ("next evening from 7 to 9 dinner", "Tue 24 Nov 2026, 19:00", "dinner"),
        ("next evening between 10:30 and 11:45 call", "Tue 24 Nov 2026, 22:30", "call"),
        ("next morning call", "Tue 24 Nov 2026, 09:00", "call"),
        ("next afternoon at 3 call", "Tue 24 Nov 2026, 15:00", "call"),
        ("tomorrow between 1pm-2:30pm call", "Tue 24 Nov 2026, 13:00", "call"),
        ("tomorrow in between 1pm and 2pm lunch", "Tue 24 Nov 2026, 13:00", "lunch"),
        ("in between 1-2:30pm friday review", "Fri 27 Nov 2026, 13:00", "review"),
    ],
)
async def test_an_interval_or_a_length_of_days_reminds_at_its_start(
        me: User, typed: str, due: str, note: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", due, f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("between now and 8 call", "Mon 23 Nov 2026, 20:00", "call"),
        ("between now and eight o'clock call", "Mon 23 Nov 2026, 20:00", "call"),
        ("from now till 9:30 prep", "Mon 23 Nov 2026, 21:30", "prep"),
        ("between now and 6pm send it", "Mon 23 Nov 2026, 18:00", "send it"),
        ("from now until 3 min later ping", "Mon 23 Nov 2026, 16:03", "ping"),
        ("from now till 3 hours later call", "Mon 23 Nov 2026, 19:00", "call"),
        ("from now until friday send", "Thu 26 Nov 2026, 09:00", "send"),
        ("between now and dec 15th send", "Mon 14 Dec 2026, 09:00", "send"),
        ("from now through november 30 wrap up", "Sun 29 Nov 2026, 09:00", "wrap up"),
        ("between now and the end of the week wrap up", "Fri 27 Nov 2026, 17:00", "wrap up"),
        ("for the next 2 hours call", "Mon 23 Nov 2026, 18:00", "call"),
        ("over the next 3 days check", "Thu 26 Nov 2026, 09:00", "check"),
        ("during the next 2 weeks review", "Mon 7 Dec 2026, 09:00", "review"),
        ("within a day and 5 hours call", "Tue 24 Nov 2026, 21:00", "call"),
        ("within 2 days and 3 hours call", "Wed 25 Nov 2026, 19:00", "call"),
        ("within the next day and 30 minutes call", "Tue 24 Nov 2026, 16:30", "call"),
    ],
)
async def test_a_span_from_now_is_due_at_its_end_or_the_day_before_it(
        me: User, typed: str, due: str, note: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", due, f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("between now and tomorrow call", "'between now and tomorrow': by when?"),
        ("from now until today call", "by when?"),
        ("15h - 18h call", "That range has begun and runs until 18:00"),
        ("15h GMT - 18h GMT call", "That range has begun"),
        ("from may to march plan", "runs until march: this one, or the next? Write the year "
                                   "it starts ('may 2027 ...')"),
        ("may through march plan", "runs until march: this one, or the next?"),
        ("between october and february plan", "('october 2027 ...')"),
        ("from the end of march to june plan",
         "Which day at the end of march does it start? Write it, like 'from mar 31 to ...'"),
        ("between the middle of january and march plan",
         "Which day in the middle of january does it start? Write it, like 'between jan 15 "
         "and ...'"),
        ("from the middle of may until the end of june", "Which day in the middle of may"),
    ],
)
async def test_a_span_under_way_or_without_a_start_is_asked(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    await followup_asked(me, f"Ana {typed}", says)


@pytest.mark.parametrize(
    "typed",
    ["later than usual call", "later than planned send", "late invoice", "lunch ideas for ana",
     "for the next meeting ask"],
)
async def test_words_that_start_a_note_stay_the_note(me: User, typed: str) -> None:
    r = await me(f"/followup Ana {typed}")
    assert not r.error, r.title
    assert r.title == f"Follow-up with Ana: {typed}"


@pytest.mark.parametrize(
    ("text", "said_at", "says"),
    [
        ("between now and 5 call", datetime(2026, 11, 23, 18, 0), "5am or 5pm?"),
        ("from now till 6:30", datetime(2026, 11, 23, 19, 0), "6:30am or 6:30pm?"),
        ("between now and 2", datetime(2026, 11, 23, 23, 0), "2am or 2pm?"),
    ],
)
def test_a_bare_hour_whose_next_one_is_at_night_is_asked(text: str, said_at: datetime,
                                                         says: str) -> None:  # fmt: skip
    with pytest.raises(WhenError, match=says):
        read_when(text, said_at.replace(tzinfo=BERLIN), BERLIN)


def test_may_to_march_said_before_may_is_the_next_one() -> None:
    got = read_when("from may to march plan", datetime(2026, 4, 7, 12, 0, tzinfo=BERLIN), BERLIN)
    assert got is not None and got.rest == "plan"
    assert f"{got.due_at.astimezone(BERLIN):%Y-%m-%d %H:%M}" == "2026-05-01 09:00"


@pytest.mark.parametrize("text", ["2h - 3h call", "in 1h to 2h", "for 2h - 3h", "9h - 11h"])
def test_small_h_lengths_in_a_span_are_not_read_as_times_of_day(text: str) -> None:
    """"2h - 3h" is two to three hours, "9h - 11h" either: never 02:00 or 09:00 silently."""
    with pytest.raises(WhenError):
        read_when(text, datetime(2026, 11, 23, 16, 0, tzinfo=BERLIN), BERLIN)
