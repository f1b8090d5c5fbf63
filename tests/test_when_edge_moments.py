"""Every phrase of the tuned corpus, said at the edges of a month, a year and a clock change,
is read, asked or refused: never an exception, never a due time already past (issue 16).

'04/2027' said on Dec 31 raised ValueError (February has no 31st), so the follow-up failed
with no reply; this sweeps the corpus's 2,000 spellings over such moments to find the next.
"""

from __future__ import annotations

import importlib
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when

BENCH = Path(__file__).resolve().parents[1] / "bench"
BERLIN, CHATHAM = ZoneInfo("Europe/Berlin"), ZoneInfo("Pacific/Chatham")
MOMENTS = [
    datetime(2026, 12, 31, 23, 59, tzinfo=BERLIN),  # a year's last minute
    datetime(2027, 3, 28, 1, 59, tzinfo=BERLIN),  # a minute before clocks go forward
    datetime(2028, 2, 29, 12, 0, tzinfo=CHATHAM),  # a leap day, in a +13:45 zone
]


@pytest.fixture(scope="module")
def spellings() -> list[str]:
    sys.path.insert(0, str(BENCH))
    try:
        corpus = importlib.import_module("when_corpus")
    finally:
        sys.path.remove(str(BENCH))
    return sorted({p.text for s in corpus.sources() if not s.held_out for p in s.phrases})


@pytest.mark.parametrize("now", MOMENTS, ids=[f"{m:%Y-%m-%d %H:%M %Z}" for m in MOMENTS])
def test_no_spelling_raises_or_is_due_in_the_past(spellings: list[str], now: datetime) -> None:
    tz = now.tzinfo
    assert isinstance(tz, ZoneInfo)
    broken = []
    for text in spellings:
        try:
            got = read_when(text, now, tz)
        except WhenError:
            continue
        except Exception as err:  # what the sweep is for
            broken.append(f"{text!r}: {type(err).__name__}: {err}")
            continue
        if got is not None and got.due_at <= now:
            broken.append(f"{text!r}: due {got.due_at}, not after {now}")
    assert broken == []
