"""The WHEN reader on phrases from thirteen other parsers' test suites (tests/when_corpus/).

bench/when_corpus.py prints the figures and holds the targets (read right >= 97%); here what
may never slip is checked on every set: nothing is read wrong on the tuned sets (a phrase is
refused, asked about or left as a note rather than misread), the held-out sets' misreadings
do not grow past those measured, and no set reads fewer phrases right than it does now.
"""

from __future__ import annotations

import importlib
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        return importlib.import_module("when_corpus")
    finally:
        sys.path.remove(str(BENCH))


def test_the_corpus_is_500_phrases_from_three_sources_one_held_out(corpus: ModuleType) -> None:
    sources = corpus.sources()
    assert len(sources) >= 3
    assert sum(len(s.phrases) for s in sources) >= 500
    assert [s.name for s in sources if s.held_out] == ["chronic"]
    for s in sources:
        header = (corpus.CORPUS_DIR / f"{s.name}.txt").read_text(encoding="utf-8")
        assert "# source: https://github.com/" in header and "# commit: " in header
        assert "# licence: " in header


# The held-out set is measured, never tuned on: its misreadings are counted, not fixed one
# by one, so its bounds may only get better. Chronic read 109 right and 5 wrong when first
# measured (round 5, before any work of the round). chrono was held out in rounds 3-4 (138
# right and 14 wrong when first measured) and is tuned on since round 5: its 13 misreadings
# are read, or asked where parsers disagree ('within 2 weeks', 'at midnight on 12th August',
# 'this month' on the 1st), which costs Duckling its 'Within 2 weeks' (read before the 14th
# day there). Recognizers-Text was held out in round 2 (21 wrong then) and is tuned on since
# round 3; its 6 left are known and on purpose: 'end of day' and 'end of the day' are 17:00
# here (the end of the working day, as the README says) where the spec says 23:59:59, and so
# are, since round 6, the ends of named days read with the same rule: 'end of the sunday',
# 'end of this sunday', 'the end of today' and 'the eod' ('end of tomorrow' is asked there:
# 'tomorrow' said at 00:00). parsedatetime's tests are tuned on from round 6: first measured
# (before any work) at 217 of 281 right, 36 asked, 24 notes and 4 wrong; its misreadings are
# asked now ('8.25': 08:25 or Aug 25?, 'August 22nd 3:26': am or pm?). timefhuman's tests
# are tuned on from round 6: first measured (before any work) at 43 of 50 right, 4 asked,
# 3 notes and 0 wrong; 48 right after (bot.when_compound). go-naturaldate's tests are
# tuned on from round 6 too: first measured (before any work) at 68 of 77 right, 2 asked,
# 1 note and 6 wrong ('next tuesday' .. 'next sunday' said on a Monday: the coming one
# there). olebedev/when's English rule tests are tuned on from round 6 as well: first
# measured (before any work) at 49 of 64 right, 13 asked, 1 note and 1 wrong ('next
# saturday' said on a Wednesday, the coming one there). Duckling, natty, chrono,
# parsedatetime and Recognizers-Text read those as next week's, so 'next <weekday>' whose
# coming one is still this week is asked now (it costs those sets 17 phrases they read right
# as next week's). nickel's tests (reminder sentences, their date words) are tuned on from
# round 6: first measured (before any work) at 35 of 63 right, 22 asked, 4 notes and 2
# wrong ('at 8 o'clock' said at noon, 'at 3 in the morning' said at midnight: asked now, as
# natty and the working-hours rule read them otherwise); 44 right after (bot.when_of_month,
# bot.when_which_day), which reads one more Recognizers-Text phrase.
# Sugar's Date tests are tuned on from round 6: first measured (before any
# work) at 143 of 183 right, 25 asked, 5 notes and 10 wrong; 155 right and 8 wrong after
# (bot.when_reordered; two of the 10 were milliseconds cut from the answer, now the second
# they fall in). Its 8 are kept on purpose: Sugar's weeks run Sunday to Saturday ('end of
# week' Saturday, 'beginning of next week' Sunday; here Friday 17:00 and Monday, as Duckling
# and Sugar's en-GB), and Sugar reads a bare weekday as this week's ('monday' said on a
# Monday at noon is that day), where Duckling, chrono, go-naturaldate, parsedatetime and
# Recognizers-Text read next week's (asking there, tried, cost 6 tuned phrases read right
# and 1 held-out one). Round 7 (bot.when_meals, bot.when_dayparts: meals, the start of a
# day, a day as a whole, 'early'/'late' alone, a part of the day said as it starts) reads 9
# more: ctparse 100, parsedatetime 243, Recognizers-Text 325, Sugar 156; 'lunch' alone is
# asked since (at lunch, or about lunch?). With spans (bot.when_spans) and lengths counted
# from a day (bot.when_counted) the round ends at 1,987 tuned right, 14 wrong; the held-out
# set went from 4 wrong to 3 (one phrase now asked), its right count unchanged.
# Sherlock's tests (the date words of its task sentences, 239 phrases at three of its
# reference times) were converted as a second held-out set in round 7 and first measured
# at 173 right, 38 refused or asked, 6 notes and 22 wrong. Tuned on since: an end's day said
# after its time, "and lasts/goes until" and overnight ranges (asked); 'next <weekday>' said
# on a Sunday is asked (weeks from Sunday, Sherlock's, or from Monday, chrono's: chrono's 2
# and Sherlock's 'thurs - next sat' twice are asked now); 'the 3rd' said on the 3rd after
# 09:00 (today, or next month's?) is asked as 'dec 4' on Dec 4 is. Its 1 wrong left: 'next
# week on sunday at 4' (Sunday opens Sherlock's week, closes this reader's, as in Sugar's).
# Read-right floors: what each set reads now.
ALLOWED_WRONG = {
    "duckling": 0,
    "ctparse": 0,
    "natty": 0,
    "recognizers": 6,
    "chrono": 0,
    "parsedatetime": 0,
    "timefhuman": 0,
    "go_naturaldate": 0,
    "olebedev_when": 0,
    "nickel_tests": 0,
    "sugar": 8,
    "chronic": 3,
    "sherlock": 1,
}
RIGHT_FLOOR = {
    "duckling": 663,
    "ctparse": 102,
    "natty": 118,
    "recognizers": 336,
    "chrono": 161,
    "parsedatetime": 244,
    "timefhuman": 48,
    "go_naturaldate": 71,
    "olebedev_when": 55,
    "nickel_tests": 46,
    "sugar": 158,
    "chronic": 110,
    "sherlock": 179,
}


@pytest.mark.parametrize("name", sorted(ALLOWED_WRONG))
def test_nothing_is_read_wrong(corpus: ModuleType, name: str) -> None:
    [source] = [s for s in corpus.sources() if s.name == name]
    wrong = [p.text for p in source.phrases if corpus.outcome(p) == corpus.WRONG]
    assert len(wrong) <= ALLOWED_WRONG[name], wrong if not source.held_out else len(wrong)


@pytest.mark.parametrize("name", sorted(RIGHT_FLOOR))
def test_read_right_does_not_slip(corpus: ModuleType, name: str) -> None:
    [source] = [s for s in corpus.sources() if s.name == name]
    right = sum(corpus.outcome(p) == corpus.RIGHT for p in source.phrases)
    assert right >= RIGHT_FLOOR[name]



@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("next friday", "ASKED"),  # said on a Wednesday: this week's or next week's
        ("half eight", "ASKED"),  # 8:30 or 7:30
        ("12/5", "ASKED"),  # day-month order
        ("aug 5 5pm", "PAST"),  # two days ago
        ("this morning at 3", "PAST"),
        ("feb 30", "UNREAD"),
        ("in 3 blorps", "UNREAD"),
    ],
)
def test_the_bench_splits_refusals_into_asks_past_dates_and_unread(
    corpus: ModuleType, phrase: str, kind: str
) -> None:
    """The split the bench prints rests on the reader's words; a reworded message must keep it."""
    from bot.when import WhenError, read_when

    berlin = ZoneInfo("Europe/Berlin")
    with pytest.raises(WhenError) as asked:
        read_when(phrase, datetime(2024, 8, 7, 5, 0, tzinfo=berlin), berlin)
    assert corpus.refusal_kind(str(asked.value)) == getattr(corpus, kind)


def test_the_sources_answer_some_kinds_of_phrase_two_ways(corpus: ModuleType) -> None:
    """bench/when_disagreements.py: the classes that bound read right, found from answers only."""
    sys.path.insert(0, str(BENCH))
    try:
        disagreements = importlib.import_module("when_disagreements")
    finally:
        sys.path.remove(str(BENCH))
    found = disagreements.readings()
    next_weekday = found["`next <weekday>` while this week's one is still ahead"]
    assert next_weekday["the coming one"]["go_naturaldate"] == 6
    assert next_weekday["the one of next week"]["chrono"] == 4
    eod = found["`end of day`, `eod`, the end of a named day"]
    assert set(eod) == {"17:00, the end of the working day", "23:59, the end of the calendar day"}
