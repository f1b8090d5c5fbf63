"""A week starts on Monday here, on Sunday in the US: where that changes the day, ask (issue 16).

Sherlock's task sentences (tests/when_corpus/sherlock.txt) read 'next wednesday' said on a
Sunday as the Wednesday after the coming one, chrono's tests as the coming one: so said on a
Sunday, 'next <weekday>' and 'next week <weekday>' are asked. And 'the 23rd' said on the 23rd
once 09:00 has passed was silently next month's: it is asked, as 'nov 23' said that day is.

The clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

BERLIN = ZoneInfo("Europe/Berlin")
SUNDAY = datetime(2026, 11, 29, 10, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("said", "coming", "after"),
    [
        ("next friday call", "Fri 4 Dec", "Fri 11 Dec"),
        ("next wed@3pm call", "Wed 2 Dec", "Wed 9 Dec"),
        ("next week friday call", "Fri 4 Dec", "Fri 11 Dec"),
        ("friday next week call", "Fri 4 Dec", "Fri 11 Dec"),
    ],
)
def test_next_weekday_said_on_a_sunday_is_asked_naming_both(said: str, coming: str,
                                                             after: str) -> None:  # fmt: skip
    with pytest.raises(WhenError, match=f"said on a Sunday could be {coming} or {after}"):
        read_when(said, SUNDAY, BERLIN)


@pytest.mark.parametrize(("said", "due"), [("friday", "Fri 04 Dec"), ("this friday", "Fri 04 Dec"),
                                           ("next sunday", "Sun 06 Dec")])
def test_what_both_weeks_agree_on_is_read_on_a_sunday(said: str, due: str) -> None:
    got = read_when(said, SUNDAY, BERLIN)
    assert got is not None and f"{got.due_at.astimezone(BERLIN):%a %d %b}" == due


def test_next_friday_said_on_a_saturday_is_read_as_both_weeks_read_it() -> None:
    got = read_when("next friday", datetime(2026, 11, 28, 10, 0, tzinfo=BERLIN), BERLIN)
    assert got is not None and f"{got.due_at.astimezone(BERLIN):%a %d %b}" == "Fri 04 Dec"


@pytest.mark.parametrize("typed", ["Ana the 23rd call", "Ana on the 23rd call", "Ana 23rd call"])
async def test_the_day_of_the_month_said_that_day_is_asked(me: User, typed: str) -> None:
    await followup_asked(me, typed, "The 23rd is today.")


async def test_a_time_today_on_the_day_of_the_month_still_ahead_is_read(me: User) -> None:
    await followup_due(me, "Ana the 23rd at 6pm call", "Mon 23 Nov 2026, 18:00",
                       "Follow-up with Ana: call")
