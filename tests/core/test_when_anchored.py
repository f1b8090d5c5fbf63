"""A length counted from a day other than today, and a day inside a span (issue 16, round 6):
"the second week after this friday", "11:59 on 3 sundays after next wed", "5 hours after
midnight", "the year after next", "2 next days", "the day after", "first monday evening of
next month", "the last 3 weeks of this year".

Reply-level on the real databases; the clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
The sources' own moments are checked with read_when where the reading depends on the hour.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("typed", "due", "title"),
    [
        # a length counted from another day or time
        ("Ana the second week after this friday send deck", "Fri 11 Dec 2026, 09:00",
         "Follow-up with Ana: send deck"),
        ("Ana 11:59 on 3 sundays after wednesday next week call", "Sun 20 Dec 2026, 11:59",
         "Follow-up with Ana: call"),
        ("Ana 5 hours after midnight call", "Tue 24 Nov 2026, 05:00", "Follow-up with Ana: call"),
        ("Ana 6 hours before midnight call", "Mon 23 Nov 2026, 18:00", "Follow-up with Ana: call"),
        ("Ana the year after next renew", "Thu 23 Nov 2028, 09:00", "Follow-up with Ana: renew"),
        # a span said with its count first, or said alone after "the"
        ("Ana 2 next days check in", "Wed 25 Nov 2026, 09:00", "Follow-up with Ana: check in"),
        ("Ana 3 next weeks review", "Mon 14 Dec 2026, 09:00", "Follow-up with Ana: review"),
        ("Ana 5 coming minutes ping", "Mon 23 Nov 2026, 16:05", "Follow-up with Ana: ping"),
        ("Ana the day after", "Tue 24 Nov 2026, 09:00", "Follow-up with Ana"),
        ("Ana the day after at 3pm call", "Tue 24 Nov 2026, 15:00", "Follow-up with Ana: call"),
        ("Ana the min after", "Mon 23 Nov 2026, 16:01", "Follow-up with Ana"),
        # a day inside a month or a year
        ("Ana first monday evening of next month call", "Mon 7 Dec 2026, 18:00",
         "Follow-up with Ana: call"),
        ("Ana first monday 1pm to 3pm of next month call", "Mon 7 Dec 2026, 13:00",
         "Follow-up with Ana: call"),
        ("Ana the first 2 weeks of 2027 plan", "Mon 4 Jan 2027, 09:00", "Follow-up with Ana: plan"),
        ("Ana the last 3 weeks of this year", "Mon 14 Dec 2026, 09:00", "Follow-up with Ana"),
        ("Ana the last four months of 2027", "Wed 1 Sep 2027, 09:00", "Follow-up with Ana"),
        ("Ana the last 2 months of this year", "Thu 31 Dec 2026, 17:00", "Follow-up with Ana"),
    ],
)
async def test_a_length_from_another_day_or_a_day_in_a_span_is_read(
        me: User, typed: str, due: str, title: str) -> None:  # fmt: skip
    await followup_due(me, typed, due, title)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana within the next 2 weeks call", "'within 2 weeks': by Sun 6 Dec, or on Mon 7 Dec?"),
        ("Ana less than 3 days after tomorrow call", "'less than 3 days' is a deadline"),
        ("Ana the year after next @ midnight", "Midnight at the start of Thu 23 Nov"),
        # the 3rd Sunday after Jan 15 2027 (a Friday), or the Sunday of the week of Feb 5?
        ("Ana sunday 3 weeks after january 15th call",
         "Which Sunday: Sun 31 Jan (the 3rd after Fri 15 Jan) or Sun 7 Feb (in the week of "
         "Fri 5 Feb)?"),
    ],
)
async def test_a_deadline_or_a_midnight_read_two_ways_is_asked(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)


@pytest.mark.parametrize(
    ("text", "said_at", "due"),
    [
        # natty, at 00:00: the midnight that starts the day counts
        ("5 hours after midnight", datetime(2011, 1, 2, 0, 0), "2011-01-02 05:00"),
        ("10 hours before midnight", datetime(2011, 1, 2, 0, 0), "2011-01-02 14:00"),
        # once 14:00 has passed, the next one, as "3 hours after 11am" is
        ("10 hours before midnight", datetime(2011, 1, 2, 16, 0), "2011-01-03 14:00"),
        ("the second week after this friday", datetime(2011, 2, 28, 0, 0), "2011-03-18 09:00"),
        ("the year after next", datetime(2011, 2, 24, 0, 0), "2013-02-24 09:00"),
        # from tomorrow, at 10:00 (at 00:00 "tomorrow" is asked on purpose, and so are these)
        ("three weeks from tomorrow", datetime(2018, 5, 31, 10, 0), "2018-06-22 09:00"),
        ("4 months from tomorrow", datetime(2016, 11, 7, 10, 0), "2017-03-08 09:00"),
        ("2 day after tomorrow", datetime(2012, 8, 10, 10, 0), "2012-08-13 09:00"),
        ("a week after tomorrow", datetime(2012, 8, 10, 10, 0), "2012-08-18 09:00"),
    ],
)
def test_at_the_sources_moment(text: str, said_at: datetime, due: str) -> None:
    got = read_when(text, said_at.replace(tzinfo=NEW_YORK), NEW_YORK)
    assert got is not None and got.rest == ""
    assert f"{got.due_at.astimezone(NEW_YORK):%Y-%m-%d %H:%M}" == due


def test_a_length_from_tomorrow_said_just_after_midnight_is_asked() -> None:
    with pytest.raises(WhenError, match="is 'tomorrow' today"):
        read_when("three weeks from tomorrow", datetime(2018, 5, 31, 0, 0, tzinfo=NEW_YORK),
                  NEW_YORK)  # fmt: skip


@pytest.mark.parametrize("text", ["the day after the launch", "the day after call her",
                                  "the min after ping", "less than 5 slides"])  # fmt: skip
def test_words_that_only_look_like_these_stay_notes(text: str) -> None:
    assert read_when(text, datetime(2026, 11, 23, 16, 0, tzinfo=BERLIN), BERLIN) is None


def test_a_count_before_next_week_is_not_a_span() -> None:
    """"2 next week call": not "in 2 weeks" (two of something next week?)."""
    with pytest.raises(WhenError, match="couldn't read"):
        read_when("2 next week call", datetime(2026, 11, 23, 16, 0, tzinfo=BERLIN), BERLIN)
