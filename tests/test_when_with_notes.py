"""Every corpus phrase read right still reads the same with a note after it (issue 16).

A follow-up is `/followup @ana <WHEN> <what was promised>`, so the phrases of other parsers'
test suites (tests/when_corpus/, tuned sets) are tried with notes people write after them.
This found "friday a quick call" and "friday about the offer" refused, and "12 noon about
the offer" losing "about" from its note. A note may make the WHEN a question ("2 months
the intro": when, or part of the note?) but never a refusal, a different due time, or a
note missing its first words.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.when import When, WhenError, read_when

BENCH = Path(__file__).resolve().parents[1] / "bench"
# Not "before the launch": "in a week before the launch" may be a week before it (asked).
NOTES = ("about the offer", "a quick call", "at the office", "send the deck", "thank her",
         "if no reply")
# ctparse's "december 6 late": "late" starts many notes ("late invoice"), so with words after
# it, it is the note's first word and the day is due at 09:00. Duckling's "BOY" (beginning of
# year) is read alone only: "boy thank her" may speak of a boy.
NOTE_WORDS = {"25.01.2020 late", "december 6 early", "december 6 late", "BOY", "the BOY"}


@pytest.fixture(scope="module")
def read_right() -> list[tuple[Any, When]]:
    """The tuned phrases read right, each with what it reads alone."""
    sys.path.insert(0, str(BENCH))
    try:
        corpus = importlib.import_module("when_corpus")
    finally:
        sys.path.remove(str(BENCH))
    out = []
    for source in corpus.sources():
        for p in source.phrases if not source.held_out else ():
            if p.text not in NOTE_WORDS and corpus.outcome(p) == corpus.RIGHT:
                alone = read_when(p.text, p.now, p.tz)
                assert alone is not None
                out.append((p, alone))
    return out


@pytest.mark.parametrize("note", NOTES)
def test_a_note_after_a_phrase_read_right_changes_nothing(
    read_right: list[tuple[Any, When]], note: str
) -> None:
    changed = []
    for p, alone in read_right:
        try:
            got = read_when(f"{p.text} {note}", p.now, p.tz)
        except WhenError as err:
            if "?" not in str(err) and " could be " not in str(err):
                changed.append(f"{p.text} {note}: {err}")
            continue
        if got is not None and (got.due_at != alone.due_at or got.rest != note):
            changed.append(f"{p.text} {note}: {got.due_at:%Y-%m-%d %H:%M} {got.rest!r}")
    assert changed == []
