"""/followup reads a day, a year or a length after "by" and "at", not an hour (issue 16).

"by 15 january send the deck" was due on 1 Jan at 15:00: "by 15" read as a clock time, then
"january" as the month. A promise is often said with its deadline, so the figure after "by"
or "at" is an hour only when nothing makes it a day, a year or a length.

The clock stands at Monday 23 Nov 2026, 16:00 in Berlin.
"""

from __future__ import annotations

import pytest

from tests.conftest import User
from tests.core.support import followup_due


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        # a day of a month
        ("Ana by 15 january send the deck", "Fri 15 Jan 2027, 09:00"),
        ("Ana at 15 january send the deck", "Fri 15 Jan 2027, 09:00"),
        ("Ana by 4 of july send the deck", "Sun 4 Jul 2027, 09:00"),
        ("Ana by 20 of next month send the deck", "Sun 20 Dec 2026, 09:00"),
        ("Ana by 15 jan at 3pm send the deck", "Fri 15 Jan 2027, 15:00"),
        # days of a month, a year and its month
        ("Ana by 1-8 september send the deck", "Wed 1 Sep 2027, 09:00"),
        ("Ana by 5 to 16 aug send the deck", "Thu 5 Aug 2027, 09:00"),
        ("Ana by 2027-10 send the deck", "Fri 1 Oct 2027, 09:00"),
        # a length
        ("Ana by 30 minutes send the deck", "Mon 23 Nov 2026, 16:30"),
        ("Ana by 7 days from now send the deck", "Mon 30 Nov 2026, 09:00"),
        ("Ana by one day after tomorrow send the deck", "Wed 25 Nov 2026, 09:00"),
        ("Ana by 12 noon send the deck", "Tue 24 Nov 2026, 12:00"),
        ("Ana by 2 upcoming weeks send the deck", "Mon 7 Dec 2026, 09:00"),
        # and an hour is still an hour
        ("Ana by 5 send the deck", "Mon 23 Nov 2026, 17:00"),
        ("Ana at 5 tomorrow send the deck", "Tue 24 Nov 2026, 17:00"),
        ("Ana by ten past five send the deck", "Mon 23 Nov 2026, 17:10"),
        ("Ana at 15h send the deck", "Tue 24 Nov 2026, 15:00"),
        ("Ana at 5 next month send the deck", "Wed 23 Dec 2026, 17:00"),
    ],
)
async def test_a_figure_after_by_or_at_is_a_day_or_length_when_the_words_say_so(
    me: User, typed: str, due: str
) -> None:
    await followup_due(me, typed, due, "Follow-up with Ana: send the deck")


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("Ana dec 8 - dec 10 at 3pm send the deck", "Tue 8 Dec 2026, 15:00"),
        ("Ana from tuesday to friday 15:00 send the deck", "Tue 24 Nov 2026, 15:00"),
        ("Ana from march to may at 3pm send the deck", "Mon 1 Mar 2027, 15:00"),
        ("Ana tuesday - thursday at 9 send the deck", "Tue 24 Nov 2026, 09:00"),
        ("Ana from tuesday 10am to friday 3pm send the deck", "Tue 24 Nov 2026, 10:00"),
    ],
)
async def test_a_time_after_a_range_of_days_is_its_start_time(me: User, typed: str,
                                                              due: str) -> None:  # fmt: skip
    """"from dec 8 to dec 10 at 3pm" was due on Dec 8 at 09:00: the time said was dropped."""
    await followup_due(me, typed, due, "Follow-up with Ana: send the deck")
