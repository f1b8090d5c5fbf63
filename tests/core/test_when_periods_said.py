"""A whole period said as a WHEN (issue 16, round 5): "the week", "next fortnight", "the
first week of 2027", "2027-h2", "march after next", "this winter" in February, "beginning of
this week" on a Tuesday.

A period ahead is reminded on its first day at 09:00; a period under way by its end, 17:00
(like "this week"); "this year" and its kin are asked, and a period that is over is refused.
Reply-level on the real databases; the clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("typed", "due", "title"),
    [
        # said alone, the day/week/month is the one under way: by its end
        ("Ana the week", "Fri 27 Nov 2026, 17:00", "Follow-up with Ana"),
        ("Ana the day", "Mon 23 Nov 2026, 17:00", "Follow-up with Ana"),
        ("Ana the month", "Mon 30 Nov 2026, 17:00", "Follow-up with Ana"),
        ("Ana this working week call", "Fri 27 Nov 2026, 17:00", "Follow-up with Ana: call"),
        ("Ana remaining of the week call", "Fri 27 Nov 2026, 17:00", "Follow-up with Ana: call"),
        ("Ana the fortnight", "Fri 4 Dec 2026, 17:00", "Follow-up with Ana"),
        # a period ahead: its first day
        ("Ana next workweek call", "Mon 30 Nov 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana next fortnight call", "Mon 7 Dec 2026, 09:00", "Follow-up with Ana: call"),
        ("Ana the next decade", "Tue 1 Jan 2030, 09:00", "Follow-up with Ana"),
        ("Ana the first week of 2027 call", "Mon 4 Jan 2027, 09:00", "Follow-up with Ana: call"),
        ("Ana the last week of 2027", "Mon 27 Dec 2027, 09:00", "Follow-up with Ana"),
        ("Ana the third month of 2027", "Mon 1 Mar 2027, 09:00", "Follow-up with Ana"),
        ("Ana the 9th month of next year", "Wed 1 Sep 2027, 09:00", "Follow-up with Ana"),
        ("Ana the first quarter of the year", "Fri 1 Jan 2027, 09:00", "Follow-up with Ana"),
        ("Ana 2027-h2 plan", "Thu 1 Jul 2027, 09:00", "Follow-up with Ana: plan"),
        ("Ana the second half of 2027 plan", "Thu 1 Jul 2027, 09:00", "Follow-up with Ana: plan"),
        # a counted period of the year under way: by its end, like "this quarter"
        ("Ana the last quarter of the year", "Thu 31 Dec 2026, 17:00", "Follow-up with Ana"),
        ("Ana the 2nd half of the year", "Thu 31 Dec 2026, 17:00", "Follow-up with Ana"),
        ("Ana march after next", "Wed 1 Mar 2028, 09:00", "Follow-up with Ana"),
        ("Ana march in a year", "Wed 1 Mar 2028, 09:00", "Follow-up with Ana"),
        ("Ana in a september", "Wed 1 Sep 2027, 09:00", "Follow-up with Ana"),
        ("Ana in an october", "Fri 1 Oct 2027, 09:00", "Follow-up with Ana"),
        # a season under way: by the end of its last whole month
        ("Ana this autumn", "Mon 30 Nov 2026, 17:00", "Follow-up with Ana"),
        ("Ana current seasons", "Mon 30 Nov 2026, 17:00", "Follow-up with Ana"),
        # a beginning under way (Monday to Wednesday): by its end
        ("Ana beginning of this week call", "Wed 25 Nov 2026, 17:00", "Follow-up with Ana: call"),
        ("Ana at the beginning of this week", "Wed 25 Nov 2026, 17:00", "Follow-up with Ana"),
    ],
)
async def test_a_period_said_is_reminded_at_its_start_or_by_its_end(
        me: User, typed: str, due: str, title: str) -> None:  # fmt: skip
    await followup_due(me, typed, due, title)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana the year", "When in 'this year'"),
        ("Ana this calendar year", "When in 'this year'"),
        ("Ana later in the year", "When in 'this year'"),
        ("Ana beginning of the month", "is in the past"),
        ("Ana first week of october 2027", "Which week is"),
        ("Ana the 2nd half", "not 'half'"),  # once the 2nd of a month, note 'half'
    ],
)
async def test_a_year_under_way_is_asked_and_a_beginning_gone_refused(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)


FEB = datetime(2027, 2, 10, 9, 0, tzinfo=UTC)  # a Wednesday, 10:00 in Berlin


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("this winter", "2027-02-28 17:00"),
        ("this season", "2027-02-28 17:00"),
        ("beginning of the year", "2027-03-31 17:00"),
        ("the boy", "2027-03-31 17:00"),
        ("bom", "2027-02-10 17:00"),
        ("beginning of this week", "2027-02-10 17:00"),
    ],
)
def test_in_february_winter_and_the_year_beginning_are_under_way(text: str, due: str) -> None:
    got = read_when(text, FEB, BERLIN)
    assert got is not None and got.rest == ""
    assert f"{got.due_at.astimezone(BERLIN):%Y-%m-%d %H:%M}" == due


def test_a_beginning_said_on_its_first_morning_is_that_morning() -> None:
    monday = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 07:00 in Berlin
    got = read_when("beginning of this week", monday, BERLIN)
    assert got is not None and f"{got.due_at.astimezone(BERLIN):%a %H:%M}" == "Mon 09:00"


def test_a_season_in_its_last_weeks_is_still_asked() -> None:
    with pytest.raises(WhenError, match="It has begun"):
        read_when("this season", datetime(2026, 12, 4, 12, 0, tzinfo=UTC), BERLIN)


@pytest.mark.parametrize("text", ["the week plan", "in a march on the plan", "the year in review",
                                  "the day after the launch", "this season's numbers"])  # fmt: skip
def test_words_that_only_look_like_a_period_stay_notes(text: str) -> None:
    assert read_when(text, FEB, BERLIN) is None
