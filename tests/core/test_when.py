"""Tests for bot.when: a corpus of real reminder phrasings, DST edges and properties.

The corpus is also used by bench/when_corpus.py to compare against dateparser alone.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.when import EXAMPLES, MAX_AHEAD, When, WhenError, read_when
from tests.conftest import User

# Monday 2026-11-23 15:00 UTC. Local: UTC Mon 15:00, NY Mon 10:00, Berlin Mon 16:00,
# Kolkata Mon 20:30, Auckland *Tuesday* 04:00.
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
ZONES = {
    "U": "UTC",
    "NY": "America/New_York",
    "B": "Europe/Berlin",
    "K": "Asia/Kolkata",
    "A": "Pacific/Auckland",
}
ERR, NONE = "ERR", "NONE"

# text | zone | expected local "YYYY-MM-DD HH:MM" or ERR or NONE | expected rest
CORPUS_TEXT = """
tomorrow | U | 2026-11-24 09:00 |
tomorrow send the intro | U | 2026-11-24 09:00 | send the intro
Tomorrow: call Sam | U | 2026-11-24 09:00 | call Sam
tmrw check in | U | 2026-11-24 09:00 | check in
today 5pm | U | 2026-11-23 17:00 |
today at 4:30pm review | U | 2026-11-23 16:30 | review
today | U | 2026-11-23 17:00 |
tonight | U | 2026-11-23 20:00 |
tonight 9pm | U | 2026-11-23 21:00 |
in 3 days | U | 2026-11-26 09:00 |
in 2 weeks ask about budget | U | 2026-12-07 09:00 | ask about budget
in 1 minute | U | 2026-11-23 15:01 |
in an hour | U | 2026-11-23 16:00 |
in three days | U | 2026-11-26 09:00 |
in a couple of days | U | 2026-11-25 09:00 |
in twenty minutes | U | 2026-11-23 15:20 |
in a week | U | 2026-11-30 09:00 |
in a month | U | 2026-12-23 09:00 |
in 2 hours and 30 minutes | U | 2026-11-23 17:30 |
in 90 minutes | U | 2026-11-23 16:30 |
in half an hour | U | 2026-11-23 15:30 |
in 3 days at 3pm | U | 2026-11-26 15:00 |
next friday | U | ERR |
fri | U | 2026-11-27 09:00 |
friday send the intro | U | 2026-11-27 09:00 | send the intro
this friday | U | 2026-11-27 09:00 |
on friday | U | 2026-11-27 09:00 |
by friday | U | 2026-11-27 09:00 |
monday | U | 2026-11-30 09:00 |
next monday | U | 2026-11-30 09:00 |
monday after next | U | 2026-12-07 09:00 |
the friday after next | U | ERR |
next week | U | 2026-11-30 09:00 |
next month | U | 2026-12-23 09:00 |
next year | U | 2027-11-23 09:00 |
end of month | U | 2026-11-30 17:00 |
end of the week | U | 2026-11-27 17:00 |
eow | U | 2026-11-27 17:00 |
dec 5 | U | 2026-12-05 09:00 |
5 dec | U | 2026-12-05 09:00 |
december 5th | U | 2026-12-05 09:00 |
Dec 5th, 2026 | U | 2026-12-05 09:00 |
the 5th | U | 2026-12-05 09:00 |
on the 5th | U | 2026-12-05 09:00 |
the 1st | U | 2026-12-01 09:00 |
2026-12-05 | U | 2026-12-05 09:00 |
2026-12-05 14:30 | U | 2026-12-05 14:30 |
2026-12-05T14:30 ship it | U | 2026-12-05 14:30 | ship it
12/05 | U | ERR |
12/05/2026 | U | ERR |
25/12 | U | 2026-12-25 09:00 |
12/25 | U | 2026-12-25 09:00 |
friday 3pm | U | 2026-11-27 15:00 |
friday at 3pm | U | 2026-11-27 15:00 |
fri 3:30pm | U | 2026-11-27 15:30 |
tomorrow at 14:30 | U | 2026-11-24 14:30 |
tomorrow 9am | U | 2026-11-24 09:00 |
tomorrow 9 am standup | U | 2026-11-24 09:00 | standup
tomorrow 9:30 | U | 2026-11-24 09:30 |
at 5pm | U | 2026-11-23 17:00 |
5pm | U | 2026-11-23 17:00 |
at 2pm | U | 2026-11-24 14:00 |
noon | U | 2026-11-24 12:00 |
noon tomorrow | U | 2026-11-24 12:00 |
3pm tomorrow | U | 2026-11-24 15:00 |
eod | U | 2026-11-23 17:00 |
end of day | U | 2026-11-23 17:00 |
by eod | U | 2026-11-23 17:00 |
3 days from now | U | 2026-11-26 09:00 |
2 weeks from today | U | 2026-12-07 09:00 |
a week from tomorrow | U | 2026-12-01 09:00 |
two weeks from now | U | 2026-12-07 09:00 |
3 hours from now | U | 2026-11-23 18:00 |
christmas | U | 2026-12-25 09:00 |
christmas eve | U | 2026-12-24 09:00 |
xmas | U | 2026-12-25 09:00 |
new year | U | 2027-01-01 09:00 |
new year's day | U | 2027-01-01 09:00 |
New Year’s Eve | U | 2026-12-31 09:00 |
valentine's day | U | 2027-02-14 09:00 |
halloween | U | 2027-10-31 09:00 |
thanksgiving | U | 2026-11-26 09:00 |
2d | U | 2026-11-25 09:00 |
3h | U | 2026-11-23 18:00 |
1w | U | 2026-11-30 09:00 |
30m | U | 2026-11-23 15:30 |
30min | U | 2026-11-23 15:30 |
1h30m | U | 2026-11-23 16:30 |
1mo | U | 2026-12-23 09:00 |
in 2d | U | 2026-11-25 09:00 |
tomorrow call about the 3 slides | U | 2026-11-24 09:00 | call about the 3 slides
tomorrow 3 slides | U | ERR |
dec 5 2pm lunch | U | 2026-12-05 14:00 | lunch
friday, send the deck | U | 2026-11-27 09:00 | send the deck
FRIDAY | U | 2026-11-27 09:00 |
  this   friday   ping   | U | 2026-11-27 09:00 | ping
friday - send the deck | U | 2026-11-27 09:00 | send the deck
tomorrow morning | U | 2026-11-24 09:00 |
tomorrow afternoon | U | 2026-11-24 14:00 |
tomorrow evening | U | 2026-11-24 18:00 |
friday night | U | 2026-11-27 20:00 |
this afternoon | U | ERR |
this evening | U | 2026-11-23 18:00 |
in the morning | U | 2026-11-24 09:00 |
day after tomorrow | U | 2026-11-25 09:00 |
the day after tomorrow | U | 2026-11-25 09:00 |
this weekend | U | 2026-11-28 09:00 |
next weekend | U | 2026-12-05 09:00 |
week after next | U | 2026-12-07 09:00 |
end of year | U | 2026-12-31 17:00 |
by end of month send invoice | U | 2026-11-30 17:00 | send invoice
by friday eod | U | 2026-11-27 17:00 |
wed 10am | U | 2026-11-25 10:00 |
tues | U | 2026-11-24 09:00 |
thurs | U | 2026-11-26 09:00 |
thur 2pm | U | 2026-11-26 14:00 |
sun | U | 2026-11-29 09:00 |
on sat | U | 2026-11-28 09:00 |
sept 3 | U | 2027-09-03 09:00 |
march 3rd | U | 2027-03-03 09:00 |
jan 15 2027 | U | 2027-01-15 09:00 |
15 january 2027 | U | 2027-01-15 09:00 |
the 15th of january | U | 2027-01-15 09:00 |
on dec 5 | U | 2026-12-05 09:00 |
december the 5th | U | 2026-12-05 09:00 |
fri dec 4 | U | 2026-12-04 09:00 |
fri dec 5 | U | ERR |
in december | U | 2026-12-01 09:00 |
by december | U | 2026-12-01 09:00 |
@4pm | U | 2026-11-23 16:00 |
tomorrow @ 10am | U | 2026-11-24 10:00 |
2020-01-01 | U | ERR |
yesterday | U | ERR |
today 8am | U | ERR |
3 days ago | U | ERR |
the 45th of Smarch | U | ERR |
feb 30 | U | ERR |
2026-02-30 | U | ERR |
2026-13-01 | U | ERR |
tomorrow 25:00 | U | ERR |
13pm | U | 2026-11-24 13:00 |
13am | U | ERR |
at 5 | U | 2026-11-23 17:00 |
tomorrow at 3:30 | U | 2026-11-24 15:30 |
in 10 years | U | ERR |
2040-01-01 | U | ERR |
in 3 slides | U | ERR |
3 slides | U | ERR |
next 3 things | U | ERR |
on 12/05 | U | ERR |
dec 45 | U | ERR |
dec 0 | U | ERR |
0/5 | U | ERR |
in person meeting | U | NONE |
on the project | U | NONE |
send the intro | U | NONE |
may I ask about the budget | U | NONE |
sat down with Bob | U | NONE |
next steps for the pilot | U | NONE |
at home | U | NONE |
by the way | U | NONE |
weekend plans | U | NONE |
the deck | U | NONE |
in a meeting about pricing | U | NONE |
end of the project review | U | NONE |
morning standup notes | U | NONE |
a week of planning | U | NONE |
new intro deck | U | NONE |
this quarter's numbers | U | NONE |
fri 9.30am | U | 2026-11-27 09:30 |
jan to send deck | U | NONE |
sun screen for the patio | U | NONE |
in 100000000 days | U | ERR |
Thu, Dec 3 | U | 2026-12-03 09:00 |
thursday the 3rd | U | 2026-12-03 09:00 |
feb 29 | U | 2028-02-29 09:00 |
the 31st | U | 2026-12-31 09:00 |
in a few days | U | 2026-11-26 09:00 |
this thursday 4:15pm sync | U | 2026-11-26 16:15 | sync
next thursday 4:15pm sync | U | ERR |
2:30 pm friday | U | 2026-11-27 14:30 |
December 5, 2026 at 3:00 PM | U | 2026-12-05 15:00 |
in june | U | 2027-06-01 09:00 |
tomorrow@3pm | U | 2026-11-24 15:00 |
in 1.5 hours | U | 2026-11-23 16:30 |
5-dec-2026 | U | 2026-12-05 09:00 |
noon | NY | 2026-11-23 12:00 |
at 9am | NY | 2026-11-24 09:00 |
in 1 hour | NY | 2026-11-23 11:00 |
today 8am | NY | ERR |
this afternoon | NY | 2026-11-23 14:00 |
friday 3pm | NY | 2026-11-27 15:00 |
eod | NY | 2026-11-23 17:00 |
thanksgiving | NY | 2026-11-26 09:00 |
eod | B | 2026-11-23 17:00 |
5pm | B | 2026-11-23 17:00 |
at 3pm | B | 2026-11-24 15:00 |
tonight | B | 2026-11-23 20:00 |
25/12 | B | 2026-12-25 09:00 |
in 3 days | B | 2026-11-26 09:00 |
eod | K | 2026-11-23 23:00 |
tonight | K | 2026-11-23 22:00 |
today | K | 2026-11-23 23:00 |
in 30 minutes | K | 2026-11-23 21:00 |
9pm | K | 2026-11-23 21:00 |
tomorrow 10am | K | 2026-11-24 10:00 |
tomorrow | A | 2026-11-25 09:00 |
today 5pm | A | 2026-11-24 17:00 |
today | A | 2026-11-24 17:00 |
monday | A | 2026-11-30 09:00 |
tuesday | A | 2026-12-01 09:00 |
friday | A | 2026-11-27 09:00 |
9am | A | 2026-11-24 09:00 |
next week | A | 2026-12-01 09:00 |
in 2 days | A | 2026-11-26 09:00 |
in 2 hours | A | 2026-11-24 06:00 |
end of month | A | 2026-11-30 17:00 |
the 24th | A | 2026-11-24 09:00 |
christmas | A | 2026-12-25 09:00 |
"""


def _corpus() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in CORPUS_TEXT.strip("\n").splitlines():
        text, zone, expected, rest = (part.strip() for part in line.split("|"))
        rows.append((line.split("|")[0], ZONES[zone], expected, rest))
    return rows


CORPUS = _corpus()


def test_corpus_is_big_enough() -> None:
    assert len(CORPUS) >= 120


@pytest.mark.parametrize(("text", "zone", "expected", "rest"), CORPUS)
def test_corpus(text: str, zone: str, expected: str, rest: str) -> None:
    tz = ZoneInfo(zone)
    if expected == ERR:
        with pytest.raises(WhenError):
            read_when(text, NOW, tz)
        return
    got = read_when(text, NOW, tz)
    if expected == NONE:
        assert got is None
        return
    assert got is not None
    assert got.due_at.tzinfo is UTC
    assert got.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") == expected
    assert got.rest == rest


# ---------------------------------------------------------------- DST


@pytest.mark.parametrize(
    ("text", "zone", "now", "expected_utc"),
    [
        # Berlin springs forward 2027-03-28 02:00 -> 03:00: the gap moves to 03:00 CEST.
        ("2027-03-28 02:30", "Europe/Berlin", datetime(2027, 3, 20, 12, tzinfo=UTC),
         datetime(2027, 3, 28, 1, 0, tzinfo=UTC)),
        ("mar 28 2:30am", "Europe/Berlin", datetime(2027, 3, 20, 12, tzinfo=UTC),
         datetime(2027, 3, 28, 1, 0, tzinfo=UTC)),
        ("2027-03-28 02:00", "Europe/Berlin", datetime(2027, 3, 20, 12, tzinfo=UTC),
         datetime(2027, 3, 28, 1, 0, tzinfo=UTC)),
        # a calendar step across the change keeps 09:00 wall time (CEST = UTC+2)
        ("in 10 days", "Europe/Berlin", datetime(2027, 3, 20, 12, tzinfo=UTC),
         datetime(2027, 3, 30, 7, 0, tzinfo=UTC)),
        # an exact duration is exact elapsed time
        ("in 24 hours", "Europe/Berlin", datetime(2027, 3, 27, 12, tzinfo=UTC),
         datetime(2027, 3, 28, 12, 0, tzinfo=UTC)),
        # New York falls back 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 is ambiguous, take EDT.
        ("2026-11-01 01:30", "America/New_York", datetime(2026, 10, 25, 12, tzinfo=UTC),
         datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        ("nov 1 1:30am", "America/New_York", datetime(2026, 10, 25, 12, tzinfo=UTC),
         datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        ("next sunday", "America/New_York", datetime(2026, 10, 25, 12, tzinfo=UTC),
         datetime(2026, 11, 1, 14, 0, tzinfo=UTC)),
        # New York springs forward 2027-03-14 02:00 -> 03:00
        ("2027-03-14 02:30", "America/New_York", datetime(2027, 3, 1, 12, tzinfo=UTC),
         datetime(2027, 3, 14, 7, 0, tzinfo=UTC)),
        # Auckland springs forward 2027-09-26 02:00 -> 03:00 (NZST+12 -> NZDT+13)
        ("2027-09-26 02:15", "Pacific/Auckland", datetime(2027, 9, 1, tzinfo=UTC),
         datetime(2027, 9, 25, 14, 0, tzinfo=UTC)),
    ],
)
def test_dst(text: str, zone: str, now: datetime, expected_utc: datetime) -> None:
    got = read_when(text, now, ZoneInfo(zone))
    assert got is not None
    assert got.due_at == expected_utc


# ---------------------------------------------------------------- details


def test_interface_and_text_as_typed() -> None:
    got = read_when("This Friday, send the intro", NOW, ZoneInfo("UTC"))
    assert got == When(datetime(2026, 11, 27, 9, tzinfo=UTC), "This Friday", "send the intro")


def test_messages_are_friendly() -> None:
    with pytest.raises(WhenError) as past:
        read_when("2020-01-01 call", NOW, ZoneInfo("UTC"))
    assert "past" in str(past.value) and EXAMPLES in str(past.value)
    with pytest.raises(WhenError) as bad:
        read_when("in 3 slides", NOW, ZoneInfo("UTC"))
    assert "couldn't read 'in 3 slides'" in str(bad.value)
    with pytest.raises(WhenError) as ambiguous:
        read_when("12/05", NOW, ZoneInfo("UTC"))
    assert "write it as 'dec 5' or 'may 12'" in str(ambiguous.value)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        read_when("tomorrow", datetime(2026, 11, 23), ZoneInfo("UTC"))


def _run(code: str) -> str:
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_import_and_fast_path_do_not_load_dateparser() -> None:
    code = (
        "import sys\nfrom datetime import datetime, UTC\nfrom zoneinfo import ZoneInfo\n"
        "from bot.when import read_when\n"
        "read_when('friday 3pm send', datetime(2026,11,23,15,tzinfo=UTC), ZoneInfo('UTC'))\n"
        "read_when('send the intro', datetime(2026,11,23,15,tzinfo=UTC), ZoneInfo('UTC'))\n"
        "print('dateparser' in sys.modules)"
    )
    assert _run(code) == "False"


# ---------------------------------------------------------------- properties

VOCAB = [
    "in", "on", "at", "by", "next", "this", "the", "after", "from", "now", "today", "tomorrow",
    "friday", "fri", "sat", "may", "dec", "december", "5", "5th", "31st", "3pm", "14:30", "25:00",
    "2026-12-05", "12/05", "25/12", "a", "an", "three", "couple", "of", "days", "hours", "week",
    "month", "2d", "30m", "eod", "noon", "christmas", "eve", "new", "year's", "end", "send",
    "intro", "slides", "@", ",", "ago", "morning", "9", "am", "pm", "2040", "99999", "weekend",
]  # fmt: skip
_zones = st.sampled_from(list(ZONES.values()))
_nows = st.datetimes(
    min_value=datetime(2001, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
)
_phrases = st.lists(st.sampled_from(VOCAB), max_size=6).map(" ".join)


def _check(text: str, now: datetime, zone: str) -> None:
    try:
        got = read_when(text, now, ZoneInfo(zone))
    except WhenError as err:
        assert str(err)
        return
    if got is None:
        return
    assert got.due_at.tzinfo is UTC
    assert now < got.due_at <= now + MAX_AHEAD
    stripped = text.strip()
    assert stripped.endswith(got.rest)
    assert stripped.startswith(got.text) and got.text
    assert len(got.text) + len(got.rest) <= len(stripped)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), _nows, _zones)
def test_arbitrary_text_only_raises_when_error(text: str, now: datetime, zone: str) -> None:
    _check(text, now, zone)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_phrases, st.text(max_size=12), _nows, _zones)
def test_date_like_phrases(phrase: str, tail: str, now: datetime, zone: str) -> None:
    _check(phrase + " " + tail, now, zone)


_UNIT_DAYS = {"minutes": 1 / 1440, "hours": 1 / 24, "days": 1, "weeks": 7, "h": 1 / 24, "d": 1}


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10**7), st.sampled_from(sorted(_UNIT_DAYS)))
def test_durations_are_in_the_future_or_refused(n: int, unit: str) -> None:
    days = n * _UNIT_DAYS[unit]
    try:
        got = read_when(f"in {n} {unit} ping", NOW, ZoneInfo("Europe/Berlin"))
    except WhenError:
        assert n == 0 or days >= 1800
        return
    assert got is not None and got.rest == "ping"
    assert days <= 1827
    assert got.due_at - NOW <= MAX_AHEAD


# ---------------------------------------------------------------- issue 16: by composition

# Friday 2026-12-04 17:51 in Berlin (16:51 UTC), as the issue tried it.
FRI = datetime(2026, 12, 4, 16, 51, tzinfo=UTC)
TUE = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")

# text | expected Berlin "YYYY-MM-DD HH:MM" | expected rest   (said at FRI)
COMPOSED = """
sat text her | 2026-12-05 09:00 | text her
sun call mum | 2026-12-06 09:00 | call mum
wed send the deck | 2026-12-09 09:00 | send the deck
Sat. lunch with Bo | 2026-12-05 09:00 | lunch with Bo
3 o'clock in the afternoon call back | 2026-12-05 15:00 | call back
at 15 o'clock | 2026-12-05 15:00 |
tonight at 8 | 2026-12-04 20:00 |
tomorrow at 9 | 2026-12-05 09:00 |
next monday at 10 | 2026-12-07 10:00 |
wednesday next week check in | 2026-12-09 09:00 | check in
wednesday of next week | 2026-12-09 09:00 |
the wednesday after next | 2026-12-16 09:00 |
next week tuesday | 2026-12-08 09:00 |
tomorrow 15h do the thing | 2026-12-05 15:00 | do the thing
tomorrow at 15h30 | 2026-12-05 15:30 |
today | 2026-12-04 20:00 |
eod | 2026-12-04 20:00 |
end of day | 2026-12-04 20:00 |
end of week | 2026-12-11 17:00 |
end of month | 2026-12-31 17:00 |
first monday of january | 2027-01-04 09:00 |
the last friday of december | 2026-12-25 09:00 |
second tuesday of next month | 2027-01-12 09:00 |
3rd thursday in march 2027 at 2pm | 2027-03-18 14:00 |
quarter past 3 tomorrow | 2026-12-05 15:15 |
tomorrow at quarter to 4 | 2026-12-05 15:45 |
half past ten on monday | 2026-12-07 10:30 |
noon tomorrow | 2026-12-05 12:00 |
midnight | 2026-12-05 00:00 |
monday 15.30 | 2026-12-07 15:30 |
monday 3pm | 2026-12-07 15:00 |
monday 15:30 | 2026-12-07 15:30 |
this evening at 7 | 2026-12-04 19:00 |
8 tonight | 2026-12-04 20:00 |
tomorrow at 8 in the evening | 2026-12-05 20:00 |
monday at 9 in the morning | 2026-12-07 09:00 |
saturday at 10 at night | 2026-12-05 22:00 |
tomorrow morning at 7 | 2026-12-05 07:00 |
in a quarter of an hour | 2026-12-04 18:06 |
in half an hour | 2026-12-04 18:21 |
in a fortnight | 2026-12-18 09:00 |
three weeks from now | 2026-12-25 09:00 |
90 minutes from now | 2026-12-04 19:21 |
in 90 minutes | 2026-12-04 19:21 |
2 days hence | 2026-12-06 09:00 |
an hour and a half from now | 2026-12-04 19:21 |
a week from today | 2026-12-11 09:00 |
at 5 | 2026-12-05 17:00 |
at 10 send it | 2026-12-05 10:00 | send it
tomorrow at 3pm EST call | 2026-12-05 21:00 | call
Aug 5 - 16 | 2027-08-05 09:00 |
end of next week | 2026-12-11 17:00 |
beginning of next month | 2027-01-01 09:00 |
"""

COMPOSED_ROWS = [tuple(p.strip() for p in line.split("|"))
                 for line in COMPOSED.strip().splitlines()]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "rest"), COMPOSED_ROWS)
def test_phrases_read_by_composition(text: str, expected: str, rest: str) -> None:
    got = read_when(text, FRI, BERLIN)
    assert got is not None, text
    assert (got.due_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M"), got.rest) == (
        expected, rest)


def test_weekday_next_week_is_next_weeks_whatever_day_it_is_said() -> None:
    got = read_when("wednesday next week check in", TUE, BERLIN)
    assert got is not None and got.rest == "check in"
    assert got.due_at.astimezone(BERLIN).date().isoformat() == "2026-12-16"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("at 7", "am or pm"),  # no working-hours reading
        ("following saturday", "Sat 5 Dec or Sat 12 Dec"),  # said on a Friday
        ("tomorrow EST call", "time zone"),
        ("friday at noon at 3pm", "not 'at 3pm'"),
        ("tomorrow at 25", "time of day"),
        ("second friday of february 2027 at 25pm", "time I know"),
        ("fifth monday of february", "no fifth"),
        ("tomorrow noon next week", ""),
    ],
)
def test_what_cannot_be_read_surely_is_asked_or_refused(text: str, says: str) -> None:
    with pytest.raises(WhenError) as err:
        read_when(text, FRI, BERLIN)
    assert says in str(err.value)


@pytest.mark.parametrize("text", ["sat down with Bob", "sun screen for the patio",
                                  "wed in june?", "morning standup notes", "from 3 suppliers",
                                  "about 3 things", "between 2 options"])  # fmt: skip
def test_weekday_words_used_as_words_stay_notes(text: str) -> None:
    assert read_when(text, FRI, BERLIN) is None


def test_a_very_long_text_is_read_from_its_head_and_kept_whole() -> None:
    tail = "call about the budget " * 50_000
    got = read_when("tomorrow at 9 " + tail, FRI, BERLIN)
    assert got is not None and got.rest == tail.strip()
    assert got.due_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M") == "2026-12-05 09:00"
    assert read_when("x" * 1_000_000, FRI, BERLIN) is None


@pytest.mark.parametrize("text", ["2/29 2013", "EOD To 25 23rd", "29/2 2017 6th Summer", "¹",
                                  "3:18a - 25 30 forenoon", "tomorrow at 150ish"])  # fmt: skip
def test_odd_input_found_by_fuzzing_is_refused_or_a_note(text: str) -> None:
    _check(text, FRI, "Europe/Berlin")


# ---------------------------------------------------------------- issue 16, round 2: classes

# text | expected Berlin "YYYY-MM-DD HH:MM" | expected rest   (said at FRI, Fri 4 Dec 17:51)
ROUND2 = """
morning | 2026-12-05 09:00 |
late evening | 2026-12-04 21:00 |
first thing tomorrow call Bo | 2026-12-05 09:00 | call Bo
first thing | 2026-12-05 09:00 |
this week | 2026-12-04 20:00 |
rest of the month | 2026-12-31 17:00 |
this quarter | 2026-12-31 17:00 |
next month | 2027-01-04 09:00 |
next year | 2027-12-04 09:00 |
next 3 days | 2026-12-07 09:00 |
the next two hours | 2026-12-04 19:51 |
within an hour | 2026-12-04 18:51 |
3 days after christmas | 2026-12-28 09:00 |
2 weeks before christmas | 2026-12-11 09:00 |
a week on tuesday | 2026-12-15 09:00 |
two days after today at 6pm | 2026-12-06 18:00 |
the monday before christmas | 2026-12-21 09:00 |
the 2nd monday after christmas | 2027-01-04 09:00 |
3 mondays after christmas | 2027-01-11 09:00 |
the sunday after next wed | 2026-12-13 09:00 |
this coming monday | 2026-12-07 09:00 |
september | 2027-09-01 09:00 |
during march | 2027-03-01 09:00 |
the first week of february | 2027-02-01 09:00 |
last weekend of january | 2027-01-30 09:00 |
first monday in 2 months | 2027-02-01 09:00 |
the month after next | 2027-02-04 09:00 |
the day after next at 6pm | 2026-12-06 18:00 |
later today | 2026-12-04 20:00 |
this time tomorrow | 2026-12-05 17:51 |
same time next week | 2026-12-11 17:51 |
early next week | 2026-12-07 09:00 |
mid next month | 2027-01-15 09:00 |
q1 2027 | 2027-01-01 09:00 |
christmas in 2 years | 2028-12-25 09:00 |
15 minutes from 7pm | 2026-12-04 19:15 |
4pm for 30 mins call | 2026-12-05 16:00 | call
18th dec for 10 days | 2026-12-18 09:00 |
on saturday for 9am | 2026-12-05 09:00 |
9h30 - 11h00 on monday | 2026-12-07 09:30 |
3:30-6 p.m. | 2026-12-05 15:30 |
9:30 - 11:00 CET | 2026-12-05 09:30 |
23:59:28 | 2026-12-04 23:59 |
06:00 hours | 2026-12-05 06:00 |
monday early in the morning | 2026-12-07 08:00 |
25.01.2027 late | 2027-01-25 21:00 |
boss's day | 2027-10-15 09:00 |
next spring | 2027-03-20 09:00 |
this winter | 2026-12-21 09:00 |
in the summer | 2027-06-21 09:00 |
"""

ROUND2_ROWS = [tuple(p.strip() for p in line.split("|")) for line in ROUND2.strip().splitlines()]


@pytest.mark.parametrize(("text", "expected", "rest"), ROUND2_ROWS)
def test_round_two_classes_are_read(text: str, expected: str, rest: str) -> None:
    got = read_when(text, FRI, BERLIN)
    assert got is not None, text
    assert (got.due_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M"), got.rest) == (
        expected, rest)


def test_seconds_said_are_kept() -> None:
    got = read_when("23:59:28", FRI, BERLIN)
    assert got is not None and got.due_at.astimezone(BERLIN).second == 28


@pytest.mark.parametrize(
    ("text", "now", "says"),
    [
        ("afternoon", datetime(2026, 12, 4, 13, 0, tzinfo=UTC), "today or tomorrow"),
        ("the friday after next", datetime(2026, 11, 30, 9, 0, tzinfo=UTC), "Fri 11 Dec or"),
        ("tonight at 2", FRI, "2am or 2pm"),
        ("this evening at 3", FRI, "3am or 3pm"),
        ("next week at 3pm", FRI, "Which day of next week"),
        ("the week after next 2am", FRI, "Which day"),
        ("this year", FRI, "When in 'this year'"),
        ("december", FRI, "is this month"),
        ("this autumn", FRI, "It has begun"),
    ],
)
def test_round_two_what_could_be_read_two_ways_is_asked(text: str, now: datetime,
                                                        says: str) -> None:  # fmt: skip
    with pytest.raises(WhenError) as err:
        read_when(text, now, BERLIN)
    assert says in str(err.value)


@pytest.mark.parametrize("text", ["twenty first century ideas", "mid-term review",
                                  "monday next steps"])
def test_round_three_words_that_only_look_like_a_when_keep_their_note(text: str) -> None:
    got = read_when(text, FRI, BERLIN)
    assert got is None or got.rest == text.split(" ", 1)[1]


@pytest.mark.parametrize("text", ["march on the plan", "morning standup notes",
                                  "this quarter's numbers", "late payment chase",
                                  "first of all call mum", "for 2 days",
                                  "starting 3 new projects", "the summer party",
                                  "this season's numbers"])  # fmt: skip
def test_round_two_words_that_only_look_like_a_when_stay_notes(text: str) -> None:
    assert read_when(text, FRI, BERLIN) is None


def test_seasons_south_of_the_equator_are_the_other_way_round() -> None:
    sydney = ZoneInfo("Australia/Sydney")
    got = read_when("this summer", FRI, sydney)
    assert got is not None and got.due_at.astimezone(sydney).date().isoformat() == "2026-12-21"
    with pytest.raises(WhenError):
        read_when("this spring", FRI, sydney)


# ---------------------------------------------------------------- issue 16, round 3: classes

ROUND3 = """
between 3 and 8am | 2026-12-05 03:00 |
monday 21 between 9:30 and 3:00 pm | 2026-12-21 09:30 |
from 2:30 to 2:15 pm | 2026-12-05 02:30 |
january twenty fourth one thirty p m | 2027-01-24 13:30 |
monday the twenty seventh at six pm | 2027-09-27 18:00 |
the twenty-first of january | 2027-01-21 09:00 |
monday 21 | 2026-12-21 09:00 |
late in the evening | 2026-12-04 21:00 |
early in the morning | 2026-12-05 08:00 |
3ish call bo | 2026-12-05 15:00 | call bo
tomorrow 11ish | 2026-12-05 11:00 |
noonish | 2026-12-05 12:00 |
tomorrow at 3pmish | 2026-12-05 15:00 |
circa 5 in the morning | 2026-12-05 05:00 |
w/c 11 jan call | 2027-01-11 09:00 | call
the week beginning jan 11 | 2027-01-11 09:00 |
week commencing 11 january | 2027-01-11 09:00 |
for 2 hours from 2pm call | 2026-12-05 14:00 | call
for 10 days from 18th dec | 2026-12-18 09:00 |
mid-november | 2027-11-15 09:00 |
28 june in 2027 | 2027-06-28 09:00 |
weekend | 2026-12-05 09:00 |
tomorrow from 7:00 to 8:00pm | 2026-12-05 19:00 |
tomorrow from 7 to 9 pm call | 2026-12-05 19:00 | call
3 days after january 12th | 2027-01-15 09:00 |
2 weeks from january 15 | 2027-01-29 09:00 |
wednesday evening next week | 2026-12-09 18:00 |
friday at 3pm next week call | 2026-12-11 15:00 | call
in 3 weeks' time call | 2026-12-25 09:00 | call
sometime next week call | 2026-12-11 09:00 | call
next wk | 2026-12-11 09:00 |
thursday week | 2026-12-17 09:00 |
monday fortnight at 9 send it | 2026-12-21 09:00 | send it
boxing day | 2026-12-26 09:00 |
monday next at 10 call | 2026-12-07 10:00 | call
tomorrow arvo | 2026-12-05 14:00 |
in 3 business days | 2026-12-09 09:00 |
3 working days from now call | 2026-12-09 09:00 | call
next working day at 10 | 2026-12-07 10:00 |
within 2 working days | 2026-12-08 09:00 |
in an hour or so | 2026-12-04 18:51 |
may next year | 2027-05-01 09:00 |
march 3rd next year call | 2027-03-03 09:00 | call
from 2 to 4pm call | 2026-12-05 14:00 | call
between 3 and 12 of january | 2027-01-03 09:00 |
friday early morning | 2026-12-11 08:00 |
"""
ROUND3_ROWS = [tuple(p.strip() for p in line.split("|")) for line in ROUND3.strip().splitlines()]


@pytest.mark.parametrize(("text", "expected", "rest"), ROUND3_ROWS)
def test_round_three_classes_are_read(text: str, expected: str, rest: str) -> None:
    got = read_when(text, FRI, BERLIN)
    assert got is not None, text
    assert (got.due_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M"), got.rest) == (
        expected, rest)


MON_0030 = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)  # Mon 7 Dec 00:30 in Berlin


@pytest.mark.parametrize(
    ("text", "now", "says"),
    [
        ("between 5pm and 7pm", FRI, "has begun and runs until 7pm"),
        ("from 9 to 11 pm", datetime(2026, 12, 4, 21, 0, tzinfo=UTC), "has begun"),
        ("between august and october", datetime(2026, 9, 7, 10, 0, tzinfo=UTC), "until october"),
        ("the third week of january", FRI, "Which week is"),
        ("monday", MON_0030, "could be today or Mon 14 Dec"),
        ("monday call her", MON_0030, "could be today or Mon 14 Dec"),
        ("mon 3pm call", MON_0030, "could be today or Mon 14 Dec"),
        ("5.12 call", FRI, "a time (5:12) or a date"),
        ("thursday week review", FRI, "Is it 'thursday week' (Thu 17 Dec), or thursday"),
    ],
)
def test_round_three_what_could_be_read_two_ways_is_asked(text: str, now: datetime,
                                                          says: str) -> None:  # fmt: skip
    with pytest.raises(WhenError) as err:
        read_when(text, now, BERLIN)
    assert says in str(err.value)


@pytest.mark.parametrize("text", ["tomorrow or friday call", "friday 3pm or 4pm"])
def test_round_three_half_read_whens_are_refused_not_misread(text: str) -> None:
    with pytest.raises(WhenError):
        read_when(text, FRI, BERLIN)


def test_later_this_afternoon_is_today_and_a_weekday_and_its_day_today_is_no_guess() -> None:
    got = read_when("later this afternoon call", datetime(2026, 12, 4, 9, 0, tzinfo=UTC), BERLIN)
    assert got is not None and got.rest == "call"
    assert got.due_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M") == "2026-12-04 16:00"
    with pytest.raises(WhenError, match="is today"):
        read_when("friday 4", FRI, BERLIN)


def test_a_weekday_said_from_4am_on_that_day_is_next_weeks() -> None:
    got = read_when("monday", datetime(2026, 12, 7, 3, 30, tzinfo=UTC), BERLIN)
    assert got is not None and got.due_at.astimezone(BERLIN).date().isoformat() == "2026-12-14"


@pytest.mark.parametrize("text", ["in 0 minutes call back", "in 0 days", "0h from now",
                                  "in 00 minutes"])
def test_no_time_at_all_is_refused_not_read_as_today(text: str) -> None:
    with pytest.raises(WhenError, match="is no time from now"):
        read_when(text, FRI, BERLIN)


def test_a_zone_after_the_time_changes_the_clock_not_the_speakers_tomorrow() -> None:
    late_friday_in_new_york = datetime(2026, 12, 5, 4, 30, tzinfo=UTC)  # Sat 04:30 in UTC
    got = read_when("tomorrow at 3pm EST call", late_friday_in_new_york, ZoneInfo("UTC"))
    assert got is not None and got.rest == "call"
    assert got.due_at == datetime(2026, 12, 6, 20, 0, tzinfo=UTC)  # Sun 15:00 EST


# Round 4 (issue #16): holidays on lunar and other calendars, from bot.when_lunar's tables.
ROUND4 = """
diwali call Raj | 2027-10-29 09:00 | call Raj
chinese new year | 2027-02-06 09:00 |
next chinese new year send card | 2027-02-06 09:00 | send card
lunar new year's day 2028 | 2028-01-26 09:00 |
eid al fitr 2027 | 2027-03-09 09:00 |
eid al-adha | 2027-05-16 09:00 |
ramadan 2027 fast | 2027-02-08 09:00 | fast
hanukkah | 2026-12-05 09:00 |
purim | 2027-03-23 09:00 |
rosh hashanah 2027 | 2027-10-02 09:00 |
yom kippur | 2027-10-11 09:00 |
passover 2027 | 2027-04-22 09:00 |
holi | 2027-03-22 09:00 |
vesak | 2027-05-20 09:00 |
pongal 2027 | 2027-01-15 09:00 |
guru nanak jayanti | 2027-11-14 09:00 |
"""
ROUND4_ROWS = [tuple(p.strip() for p in line.split("|")) for line in ROUND4.strip().splitlines()]


@pytest.mark.parametrize(("text", "expected", "rest"), ROUND4_ROWS)
def test_round_four_holidays_on_other_calendars_are_read(text: str, expected: str,
                                                         rest: str) -> None:  # fmt: skip
    got = read_when(text, FRI, BERLIN)
    assert got is not None, text
    assert (got.due_at.astimezone(BERLIN).strftime("%Y-%m-%d %H:%M"), got.rest) == (
        expected, rest)


@pytest.mark.parametrize(
    ("text", "now", "says"),
    [
        ("purim 2025", FRI, "I know the date of Purim for 2026 to 2031 only, not for 2025"),
        ("diwali 2032", FRI, "I know the date of Diwali for 2011 to 2031 only, not for 2032"),
        ("chinese new year", datetime(2031, 3, 1, tzinfo=UTC), "not for 2032"),
        ("guru gobind singh jayanti 2026", FRI, "does not fall in 2026"),
    ],
)
def test_round_four_a_holiday_outside_its_table_is_refused_never_guessed(
        text: str, now: datetime, says: str) -> None:  # fmt: skip
    with pytest.raises(WhenError) as err:
        read_when(text, now, BERLIN)
    assert says in str(err.value) and "write the day itself" in str(err.value)


async def test_round_four_a_followup_on_hanukkah_or_diwali_is_due_that_day(me: User) -> None:
    r = await me("/followup Raj hanukkah send a card")  # said on Mon 23 Nov 2026
    assert r.title == "Follow-up with Raj: send a card"
    assert "Due Sat 5 Dec 2026, 09:00 Europe/Berlin" in r.text
    r = await me("/followup Raj diwali send sweets")  # 8 Nov 2026 is past: next year's
    assert "Due Fri 29 Oct 2027, 09:00 Europe/Berlin" in r.text
    refused = await me("/followup Raj purim 2040 call")
    assert refused.error and "Purim for 2026 to 2031 only" in refused.title
    assert (await me("/followup")).title == "Open follow-ups: 2"


@pytest.mark.parametrize("text", ["the 5th quarter of 2027", "the fifth quarter of 2027"])
def test_a_quarter_that_does_not_exist_is_refused_not_read_as_a_clock_time(text: str) -> None:
    """'quarter of 2027' once read as 20:12 (a quarter to 20:27): silently wrong."""
    with pytest.raises(WhenError):
        read_when(text, FRI, BERLIN)


def test_next_fortnight_is_two_weeks_from_today_as_next_week_is_one() -> None:
    week, fortnight = read_when("next week", FRI, BERLIN), read_when("next fortnight", FRI, BERLIN)
    assert week is not None and fortnight is not None
    assert fortnight.due_at - week.due_at == timedelta(days=7)
    assert fortnight.due_at.astimezone(BERLIN).strftime("%a %d %b %H:%M") == "Fri 18 Dec 09:00"


@pytest.mark.parametrize("day", range(0, 400, 7))
def test_the_examples_a_refusal_offers_are_read_whatever_the_day(day: int) -> None:
    """Typed as suggested, every example must be read and ahead, on any day of the year."""
    now = FRI + timedelta(days=day)
    for example in EXAMPLES.removeprefix("Try: ").split(", "):
        got = read_when(example, now, BERLIN)
        assert got is not None and got.due_at > now and not got.rest, (example, now)


def test_tomorrow_said_after_midnight_is_asked_like_a_weekday_then() -> None:
    """At 00:30 on Sunday, "tomorrow" is often Sunday after a night's sleep."""
    past_midnight = datetime(2026, 12, 5, 23, 30, tzinfo=UTC)  # Sun 00:30 in Berlin
    with pytest.raises(WhenError, match="It is 00:30: is 'tomorrow' today, Sun 6 Dec, or Mon 7"):
        read_when("tomorrow call", past_midnight, BERLIN)
    got = read_when("tomorrow", datetime(2026, 12, 6, 3, 0, tzinfo=UTC), BERLIN)  # Sun 04:00
    assert got is not None and got.due_at.astimezone(BERLIN).date().isoformat() == "2026-12-07"


def test_a_weekday_that_does_not_fit_the_date_names_the_coming_date_not_a_past_one() -> None:
    """Said in Dec 2026, 'tuesday 10 january' once answered that Jan 10 2026 is a Saturday."""
    with pytest.raises(WhenError, match="Jan 10 2027 is a Sunday, not a Tuesday"):
        read_when("tuesday, 10 january call", FRI, BERLIN)
    got = read_when("fri jul 16 call", FRI, BERLIN)  # the next Jul 16 that is a Friday
    assert got is not None and got.due_at.astimezone(BERLIN).date().isoformat() == "2027-07-16"
