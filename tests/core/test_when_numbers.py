"""WHENs in bare figures, days counted from a month's end or the closest to a day (issue 16,
round 7): "2-15", "17-59", "730", "28", "two thousand and twenty", "the 5th last day of May",
"the closest Monday to Oct 5th", "2 milliseconds from now", "next 6th of april".

The clock of the reply-level tests stands at Monday 23 Nov 2026, 16:00 in Berlin.
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
    ("typed", "due", "what"),
    [
        # a month and day with a dash or a spaced slash: one order only is a date
        ("2-15 send the deck", "Mon 15 Feb 2027, 09:00", "send the deck"),
        ("3 - 20 call", "Sat 20 Mar 2027, 09:00", "call"),
        ("on 12 / 30 call", "Wed 30 Dec 2026, 09:00", "call"),
        ("4 / 20, call", "Tue 20 Apr 2027, 09:00", "call"),
        ("next 2/15 plan", "Mon 15 Feb 2027, 09:00", "plan"),
        ("2-15-2027 call", "Mon 15 Feb 2027, 09:00", "call"),
        ("2 / 15 a quick call", "Mon 15 Feb 2027, 09:00", "a quick call"),  # 'a': no am
        # a clock time with a dash, or in bare figures said alone
        ("17-59 call", "Mon 23 Nov 2026, 17:59", "call"),
        ("5-45 pm call back", "Mon 23 Nov 2026, 17:45", "call back"),
        ("tomorrow 17-59 call", "Tue 24 Nov 2026, 17:59", "call"),
        ("930", "Tue 24 Nov 2026, 09:30", ""),
        ("173000", "Mon 23 Nov 2026, 17:30", ""),
        # a day of the month: a number that is no hour, after "the", a misspelt ordinal
        ("28", "Sat 28 Nov 2026, 09:00", ""),
        ("on the 28 call", "Sat 28 Nov 2026, 09:00", "call"),
        ("the 30 at 3pm", "Mon 30 Nov 2026, 15:00", ""),
        ("by the 30 send it", "Mon 30 Nov 2026, 09:00", "send it"),
        ("the twentyeigth send it", "Sat 28 Nov 2026, 09:00", "send it"),
        ("the thirtyfirst", "Thu 31 Dec 2026, 09:00", ""),
        # a year spelled out: its first day, as "in 2027"
        ("two thousand and twenty-seven", "Fri 1 Jan 2027, 09:00", ""),
        ("in twenty twenty-seven send the plan", "Fri 1 Jan 2027, 09:00", "send the plan"),
        ("in two thousand twenty eight, review", "Sat 1 Jan 2028, 09:00", "review"),
        # next <ordinal> of <month>: the next such day
        ("next 6th of april call", "Tue 6 Apr 2027, 09:00", "call"),
        ("next 30th of june, plan", "Wed 30 Jun 2027, 09:00", "plan"),
        # counted from the end of a month
        ("the 5th last day of may", "Thu 27 May 2027, 09:00", ""),
        ("fifth last day of may call", "Thu 27 May 2027, 09:00", "call"),
        ("the second to last day of the month send invoice", "Sun 29 Nov 2026, 09:00",
         "send invoice"),
        ("penultimate friday of june at 3pm", "Fri 18 Jun 2027, 15:00", ""),
        ("the last day of the month", "Mon 30 Nov 2026, 09:00", ""),
        ("2nd to last day of next month, pay", "Wed 30 Dec 2026, 09:00", "pay"),
        ("second last friday of the month", "Fri 18 Dec 2026, 09:00", ""),  # Nov's passed
        # the closest day to another
        ("the closest monday to dec 25th", "Mon 28 Dec 2026, 09:00", ""),
        ("the second closest mon to christmas call", "Mon 21 Dec 2026, 09:00", "call"),
        ("nearest friday to the 15th send it", "Fri 18 Dec 2026, 09:00", "send it"),
        # less than a second: the second it rounds up to, due now
        ("in 2 milliseconds call", "Mon 23 Nov 2026, 16:00", "call"),
        ("2 milliseconds from now", "Mon 23 Nov 2026, 16:00", ""),
        ("5 milliseconds later, ping", "Mon 23 Nov 2026, 16:00", "ping"),
    ],
)
async def test_figures_and_counted_days_are_read(me: User, typed: str, due: str,
                                                 what: str) -> None:  # fmt: skip
    title = "Follow-up with Ana" + (f": {what}" if what else "")
    await followup_due(me, f"Ana {typed}", due, title)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("next 5/12 call", "'5/12' could be May 12 or Dec 5"),  # which order? as 5/12 alone
        ("730", "am or pm"),  # as 7:30
        ("930 slides", "Is '930' a time? For the time write 'at 930 slides'"),
        ("173000 thank her", "Is '173000' a time? For the time write 'at 17:30:00 thank her'"),
        ("28 slides", "Is '28' the day of the month? For the date write 'the 28th slides'"),
        ("2027", "Is '2027' a year or a time? For its first day write 'in 2027'"),
        ("after this year call", "in a year from today, or once this year is over"),
        ("after this week", "once this week is over (Mon 30 Nov 2026)"),
        ("two thousand and twenty", "is in the past"),
        ("the second closest friday to jan 8th", "Fri 1 Jan 2027 or Fri 15 Jan 2027"),
        ("the 6th last friday of june", "June has no 6th last Friday"),
        ("the second closest xmas to today", "is in the past"),
    ],
)
async def test_figures_read_two_ways_are_asked_and_nothing_stored(me: User, typed: str,
                                                                  says: str) -> None:
    await followup_asked(me, f"Ana {typed}", says)


async def test_less_than_a_minute_is_due_now_and_the_reply_says_so(me: User) -> None:
    r = await me("/followup Ana in 2 milliseconds call")
    assert not r.error and "(now)" in r.text


@pytest.mark.parametrize(
    ("typed", "due"),
    [("10", "Tue 24 Nov 2026, 10:00"), ("17", "Mon 23 Nov 2026, 17:00")],
)
async def test_a_number_that_can_be_an_hour_stays_the_hour(me: User, typed: str,
                                                           due: str) -> None:
    await followup_due(me, f"Ana {typed}", due, "Follow-up with Ana")


@pytest.mark.parametrize(
    ("text", "said", "rest"),
    [
        ("2 - 15 call ana", "2 - 15", "call ana"),
        ("5-59 pm call", "5-59 pm", "call"),
        ("on the 28 call ana", "on the 28", "call ana"),
        ("next 6th of april, call", "next 6th of april", "call"),
        ("the 5th last day of may: plan", "the 5th last day of may", "plan"),
        ("in 2 milliseconds ping", "in 2 milliseconds", "ping"),
        ("in two thousand and twenty-seven send it", "in two thousand and twenty-seven",
         "send it"),
    ],
)
def test_the_when_said_is_cut_from_the_text_as_typed(text: str, said: str, rest: str) -> None:
    """Merged and moved words keep the text's spans: the WHEN and the note are as typed."""
    got = read_when(text, MONDAY, BERLIN)
    assert got is not None and (got.text, got.rest) == (said, rest)


@pytest.mark.parametrize(
    ("text", "due"),
    [("aug 2-15", "Mon 02 Aug 2027 09:00"), ("2-15 july", "Fri 02 Jul 2027 09:00"),
     ("aug 17-30", "Tue 17 Aug 2027 09:00"),
     ("10-15 minutes", "Mon 23 Nov 2026 16:10"), ("5-6 pm", "Mon 23 Nov 2026 17:00")],
)
def test_a_dash_between_days_or_hours_stays_a_range(text: str, due: str) -> None:
    """A dash after a month, or before a month, a unit or am/pm, is a range's: its start."""
    got = read_when(text, MONDAY, BERLIN)
    assert got is not None and got.due_at.astimezone(BERLIN).strftime("%a %d %b %Y %H:%M") == due


@pytest.mark.parametrize("text", ["late invoice", "lunch ideas for ana"])
def test_words_that_start_notes_are_not_eaten(text: str) -> None:
    assert read_when(text, MONDAY, BERLIN) is None


@pytest.mark.parametrize("text", ["3-45 people", "10-45"])
def test_a_small_hour_and_minutes_with_a_dash_are_not_a_time_without_am_or_pm(text: str) -> None:
    """"17-59" is 17:59, but "3-45" may be a count from 3 to 45: never read as 15:45."""
    with pytest.raises(WhenError, match="couldn't read"):
        read_when(text, MONDAY, BERLIN)


def test_the_and_a_count_then_words_is_not_read_as_a_day() -> None:
    """"the 3 slides": a count of things, not the 3rd (only "on the 3", or "the 3" alone or
    before a time, is a day)."""
    with pytest.raises(WhenError, match="couldn't read 'the 3 slides'"):
        read_when("the 3 slides", MONDAY, BERLIN)


@pytest.mark.parametrize(("said", "day"), [("feb/2027", 31), ("04/2027", 31), ("02/2027", 30)])
def test_a_month_and_year_said_late_in_a_month_is_read(said: str, day: int) -> None:
    """'04/2027' said on Dec 31 raised ValueError (Feb has no 31st): the bot's reply failed."""
    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 12, day, 23, 59, tzinfo=berlin)
    got = read_when(said, now, berlin)
    assert got is not None and got.due_at.astimezone(berlin).day == 1


def test_this_month_and_year_said_on_its_31st_is_asked() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    with pytest.raises(WhenError, match="is this month"):
        read_when("dec/2026", datetime(2026, 12, 31, 12, 0, tzinfo=berlin), berlin)
