"""/followup reads the start of a day, meals, a day as a whole, and "early"/"late" alone
(issue 16, round 7).

The clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when
from tests.conftest import User
from tests.core.support import followup_asked, followup_due, open_followups

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        # the start of a named day: 09:00 there, the start of the working day
        ("Ana beginning of tomorrow call", "Tue 24 Nov 2026, 09:00"),
        ("Ana the start of friday call", "Fri 27 Nov 2026, 09:00"),
        ("Ana start of day tomorrow call", "Tue 24 Nov 2026, 09:00"),
        ("Ana the beginning of the day on wednesday call", "Wed 25 Nov 2026, 09:00"),
        ("Ana start of thursday at 10 call", "Thu 26 Nov 2026, 10:00"),
        # a meal standing for the time
        ("Ana at lunch call", "Tue 24 Nov 2026, 12:00"),
        ("Ana during lunch call", "Tue 24 Nov 2026, 12:00"),
        ("Ana tomorrow at breakfast call", "Tue 24 Nov 2026, 08:00"),
        ("Ana friday dinnertime call", "Fri 27 Nov 2026, 19:00"),
        ("Ana wednesday lunch time call", "Wed 25 Nov 2026, 12:00"),
        ("Ana after dinner call", "Mon 23 Nov 2026, 20:00"),
        ("Ana after breakfast on friday call", "Fri 27 Nov 2026, 09:00"),
        ("Ana by supper call", "Mon 23 Nov 2026, 19:00"),
        # a day as a whole is that day
        ("Ana all day tomorrow call", "Tue 24 Nov 2026, 09:00"),
        ("Ana anytime friday call", "Fri 27 Nov 2026, 09:00"),
        ("Ana at any time on thursday call", "Thu 26 Nov 2026, 09:00"),
        ("Ana all day long on wednesday call", "Wed 25 Nov 2026, 09:00"),
    ],
)
async def test_the_when_is_read_and_the_note_kept(me: User, typed: str, due: str) -> None:
    await followup_due(me, typed, due, "Follow-up with Ana: call")


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("Ana lunchtime", "Tue 24 Nov 2026, 12:00"),  # 16:00: today's lunch is over
        ("Ana at lunch", "Tue 24 Nov 2026, 12:00"),
        ("Ana at dinner", "Mon 23 Nov 2026, 19:00"),
        ("Ana tomorrow all day", "Tue 24 Nov 2026, 09:00"),
        ("Ana friday anytime", "Fri 27 Nov 2026, 09:00"),
        ("Ana thursday any time", "Thu 26 Nov 2026, 09:00"),
        ("Ana late", "Mon 23 Nov 2026, 21:00"),  # the late evening, still to come
        ("Ana very late", "Mon 23 Nov 2026, 21:00"),
        ("Ana early", "Tue 24 Nov 2026, 07:00"),  # the early morning, over today
        ("Ana very early", "Tue 24 Nov 2026, 07:00"),
    ],
)
async def test_said_alone_it_is_the_when(me: User, typed: str, due: str) -> None:
    """A meal, "early" or "late" as the whole WHEN is its time (parsedatetime, ctparse)."""
    await followup_due(me, typed, due, "Follow-up with Ana")


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("Ana tomorrow lunch", "Tue 24 Nov 2026, 09:00", "lunch"),  # what was promised
        ("Ana friday dinner with bob", "Fri 27 Nov 2026, 09:00", "dinner with bob"),
        ("Ana tomorrow all day workshop", "Tue 24 Nov 2026, 09:00", "all day workshop"),
        ("Ana friday: anytime", "Fri 27 Nov 2026, 09:00", "anytime"),
    ],
)
async def test_after_a_day_these_words_are_the_note(me: User, typed: str, due: str,
                                                    note: str) -> None:  # fmt: skip
    await followup_due(me, typed, due, f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    "typed",
    ["Ana lunch ideas for ana", "Ana dinner with bob", "Ana brunch plans", "Ana pick up lunch",
     "Ana book dinner for four", "Ana book dinner", "Ana she was late", "Ana running very late",
     "Ana late payment reminder", "Ana very early draft", "Ana all day workshop",
     "Ana anytime you can", "Ana start of tomorrow's meeting",
     "Ana beginning of the monday meeting", "Ana otd"],
)
async def test_a_note_with_these_words_stays_a_note(me: User, typed: str) -> None:
    """Only a meal word standing for a time is a WHEN; "otd" (on this day? on-time
    delivery?) is never one."""
    r = await me(f"/followup {typed}")
    assert not r.error, r.title
    assert r.title == f"Follow-up with {typed}".replace("with Ana ", "with Ana: ")
    assert "no date given" in r.text


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("Ana beginning of today call", "'beginning of today' (09:00 today) has passed"),
        ("Ana start of the day", "Write 'first thing tomorrow'"),
        ("Ana the beginning of day, call", "Write 'first thing tomorrow'"),
        ("Ana at this time", "When is 'at this time'?"),
        ("Ana same time", "When is 'same time'?"),
        ("Ana this time", "When is 'this time'?"),
        ("Ana lunch friday", "Is 'friday' when it is due?"),  # lunch is the note, or the time?
        ("Ana before dinner", "When should I remind you, 'before dinner'?"),
    ],
)
async def test_a_start_passed_or_no_day_is_asked_and_nothing_stored(me: User, typed: str,
                                                                   says: str) -> None:  # fmt: skip
    await followup_asked(me, typed, says)


async def test_a_note_ending_in_a_meal_is_stored_not_asked(me: User) -> None:
    r = await me("/followup Ana grab lunch")
    assert not r.error and r.title == "Follow-up with Ana: grab lunch"
    assert len(await open_followups(me)) == 1


def _read(said: str, at: datetime) -> datetime:
    got = read_when(said, at, BERLIN)
    assert got is not None and not got.rest
    return got.due_at.astimezone(BERLIN).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("said", "hour", "due"),
    [("beginning of day", 7, datetime(2026, 11, 23, 9)),  # still ahead: today's 09:00
     ("the start of today", 8, datetime(2026, 11, 23, 9)),
     ("morning", 5, datetime(2026, 11, 23, 9)),  # said as it starts: still to come
     ("afternoon", 12, datetime(2026, 11, 23, 14)),
     ("evening", 17, datetime(2026, 11, 23, 18)),
     ("at lunch", 11, datetime(2026, 11, 23, 12)),
     ("at breakfast", 5, datetime(2026, 11, 23, 8)),
     ("early", 4, datetime(2026, 11, 23, 7))],
)
def test_said_early_enough_it_is_today(said: str, hour: int, due: datetime) -> None:
    assert _read(said, datetime(2026, 11, 23, hour, 0, tzinfo=BERLIN)) == due


@pytest.mark.parametrize(("said", "hour", "minute"),
                         [("afternoon", 12, 43), ("late", 20, 0), ("very early", 6, 30),
                          ("morning", 5, 1)])  # fmt: skip
def test_said_while_under_way_it_is_asked(said: str, hour: int, minute: int) -> None:
    """ctparse reads "afternoon" at 12:43 as tomorrow's, timefhuman at 14:00 as today's."""
    with pytest.raises(WhenError, match="could be today or tomorrow"):
        read_when(said, datetime(2026, 11, 23, hour, minute, tzinfo=BERLIN), BERLIN)


@pytest.mark.parametrize("meal", ["lunch", "dinner", "breakfast", "supper", "brunch"])
async def test_a_meal_word_that_is_all_there_is_is_asked(me: User, meal: str) -> None:
    """"/followup ana lunch": remind at lunch, or follow up about lunch? Both are common."""
    await followup_asked(me, f"Ana {meal}", f"Is '{meal}' when to remind you")


async def test_a_meal_word_before_a_colon_is_when(me: User) -> None:
    """"/followup ana lunch: call her": the colon says what is when, as the question advises."""
    await followup_due(me, "Ana lunch: call her", "Tue 24 Nov 2026, 12:00",
                       "Follow-up with Ana: call her")
