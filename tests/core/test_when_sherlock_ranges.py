"""Ranges from Sherlock's task sentences (issue 16, round 7): an end's day said after its time
("February 24 at 3pm - 2pm March 3"), a length or an end said after "and" ("@ 2pm and lasts
for five hours"), and an overnight range with a day after its end ("from 6pm - 1am
tomorrow"), which is asked: today 18:00 or tomorrow 18:00?

A range reminds at its start; its end's words are read, never left in the note. The clock of
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


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("February 24 at 3pm - 2pm March 3 offsite", "Wed 24 Feb 2027, 15:00", "offsite"),
        ("feb 24 at 3pm-2pm mar 3 offsite", "Wed 24 Feb 2027, 15:00", "offsite"),
        ("dec 8 at 9am - 5pm dec 10 conference", "Tue 8 Dec 2026, 09:00", "conference"),
        ("dec 8 9am till 5pm on dec 10 summit", "Tue 8 Dec 2026, 09:00", "summit"),
        ("3 march 9am - 5pm 5 march trade fair", "Wed 3 Mar 2027, 09:00", "trade fair"),
        ("from friday 3pm to 2pm sunday retreat", "Fri 27 Nov 2026, 15:00", "retreat"),
        ("thursday 10:00 until 12:00 on friday hackathon", "Thu 26 Nov 2026, 10:00",
         "hackathon"),
        ("today 6pm - 1am tomorrow party", "Mon 23 Nov 2026, 18:00", "party"),
    ],
)
async def test_an_end_whose_day_comes_after_its_time_is_read_whole(
        me: User, typed: str, due: str, note: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", due, f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    ("typed", "due", "title"),
    [
        ("@ 2pm and lasts for five hours", "Tue 24 Nov 2026, 14:00", "Follow-up with Ana"),
        ("at 6pm and goes until 8pm workshop", "Mon 23 Nov 2026, 18:00",
         "Follow-up with Ana: workshop"),
        ("at 2pm and lasts 2 hours bring snacks", "Tue 24 Nov 2026, 14:00",
         "Follow-up with Ana: bring snacks"),
        ("friday at 3pm and lasts an hour call ana", "Fri 27 Nov 2026, 15:00",
         "Follow-up with Ana: call ana"),
        ("tomorrow 9am and ends at 11am review", "Tue 24 Nov 2026, 09:00",
         "Follow-up with Ana: review"),
        ("wednesday 10:00 and runs till 12:30 standup notes", "Wed 25 Nov 2026, 10:00",
         "Follow-up with Ana: standup notes"),
        ("thursday 9am and takes 90min prep", "Thu 26 Nov 2026, 09:00",
         "Follow-up with Ana: prep"),
        ("at 7pm and goes on till 10pm dinner", "Mon 23 Nov 2026, 19:00",
         "Follow-up with Ana: dinner"),
    ],
)
async def test_a_length_or_an_end_said_after_and_is_part_of_the_when(
        me: User, typed: str, due: str, title: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", due, title)


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        ("at 6pm and call bob", "and call bob"),
        ("at 6pm and lasts forever", "and lasts forever"),
        ("at 6pm and goes to the gym", "and goes to the gym"),
        ("at 6pm and ends the call", "and ends the call"),
    ],
)
async def test_and_before_no_length_or_time_stays_the_note(me: User, typed: str,
                                                           note: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", "Mon 23 Nov 2026, 18:00",
                       f"Follow-up with Ana: {note}")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("from 6pm - 1am tomorrow party", "start today at 18:00 (until 01:00 tomorrow), or "
         "tomorrow at 18:00"),
        ("6pm-6am tomorrow shift", "start today at 18:00 (until 06:00 tomorrow), or tomorrow"),
        ("10pm to 2am on thursday release", "start Wed 25 Nov at 22:00 (until 02:00 Thu 26 "
         "Nov), or Thu 26 Nov at 22:00"),
        ("from 23:00 until 03:00 friday deploy", "Thu 26 Nov at 23:00"),
    ],
)
async def test_an_overnight_range_with_a_day_after_its_end_is_asked(
        me: User, typed: str, says: str) -> None:  # fmt: skip
    await followup_asked(me, f"Ana {typed}", says)


@pytest.mark.parametrize(
    ("typed", "due", "note"),
    [
        ("tomorrow from 6pm - 1am party", "Tue 24 Nov 2026, 18:00", "party"),
        ("from 6pm - 8pm tomorrow dinner", "Tue 24 Nov 2026, 18:00", "dinner"),
        ("from 6pm - 1am today party", "Mon 23 Nov 2026, 18:00", "party"),
        ("thursday 10pm to 2am release", "Thu 26 Nov 2026, 22:00", "release"),
    ],
)
async def test_a_day_first_or_a_range_within_the_day_is_read(
        me: User, typed: str, due: str, note: str) -> None:  # fmt: skip
    await followup_due(me, f"Ana {typed}", due, f"Follow-up with Ana: {note}")


def _at(text: str, hour: int, minute: int) -> str:
    now = datetime(2026, 12, 3, hour, minute, tzinfo=BERLIN)
    try:
        got = read_when(text, now, BERLIN)
    except WhenError as err:
        return f"asked: {err}"
    assert got is not None
    return f"{got.due_at.astimezone(BERLIN):%a %d %H:%M} | {got.rest}"


def test_the_overnight_ask_follows_the_clock() -> None:
    """At 04:35 "tomorrow" may end the range (today 18:00) or start it: asked. "today" after
    the end: yesterday's range is over, so today's, unless yesterday's still runs."""
    assert _at("from 6pm - 1am tomorrow", 4, 35).startswith("asked: Does '6pm - 1am tomorrow'")
    assert _at("from 6pm - 1am today note", 4, 35) == "Thu 03 18:00 | note"
    assert _at("from 6pm - 1am today", 0, 30).startswith("asked: Does '6pm - 1am today'")


@pytest.mark.parametrize("text", ["late invoice", "lunch ideas for ana", "and lasts 2 hours"])
def test_note_words_stay_notes(text: str) -> None:
    assert read_when(text, datetime(2026, 12, 3, 12, 0, tzinfo=BERLIN), BERLIN) is None
