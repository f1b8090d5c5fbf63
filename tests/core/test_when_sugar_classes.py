"""WHENs written in the order Sugar's Date tests write them (issue 16, round 6).

A clock time before a distance ("5am in a month", "6:30pm in 3 days"), "this week
<weekday>", "week from <weekday>" and "the first day of next January" are read. The clock
of the reply-level tests stands at Monday 23 Nov 2026, 16:00 in Berlin.
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
        ("5am in a month", "Wed 23 Dec 2026, 05:00", "Follow-up with Ana"),
        ("6:30pm in 3 days call back", "Thu 26 Nov 2026, 18:30", "Follow-up with Ana: call back"),
        ("21:00 in 2 weeks send the deck", "Mon 7 Dec 2026, 21:00",
         "Follow-up with Ana: send the deck"),
        ("at 5 pm in 2 days, check in", "Wed 25 Nov 2026, 17:00", "Follow-up with Ana: check in"),
        ("this week thursday ask", "Thu 26 Nov 2026, 09:00", "Follow-up with Ana: ask"),
        ("this week tuesday at 5pm", "Tue 24 Nov 2026, 17:00", "Follow-up with Ana"),
        ("week from tuesday plan", "Tue 1 Dec 2026, 09:00", "Follow-up with Ana: plan"),
        ("the first day of next january call", "Fri 1 Jan 2027, 09:00",
         "Follow-up with Ana: call"),
        ("the 3rd day of next march at 5pm", "Wed 3 Mar 2027, 17:00", "Follow-up with Ana"),
    ],
)
async def test_a_when_in_sugars_order_is_read(me: User, typed: str, due: str, title: str) -> None:
    await followup_due(me, f"Ana {typed}", due, title)


@pytest.mark.parametrize(
    "typed", ["5pm in a day or two", "5am in a month's time", "7pm in 3 years"]
)
async def test_a_time_before_a_distance_that_goes_on_is_still_asked(me: User,
                                                                    typed: str) -> None:
    """Only "<time> in <n> days|weeks|months" and nothing more of the length is moved: the
    rest stays refused as before (Duckling reads "at 7 in 3 years" otherwise)."""
    await followup_asked(me, f"Ana {typed}", "I read")


@pytest.mark.parametrize(
    ("text", "said", "rest"),
    [("5am in a month call ana", "5am in a month", "call ana"),
     ("this week thursday, ask", "this week thursday", "ask"),
     ("week from tuesday plan", "week from tuesday", "plan")],
)
def test_the_when_said_is_cut_from_the_text_as_typed(text: str, said: str, rest: str) -> None:
    """The moved words keep the text's spans: the WHEN said back and the note are as typed."""
    got = read_when(text, MONDAY, BERLIN)
    assert got is not None and (got.text, got.rest) == (said, rest)
