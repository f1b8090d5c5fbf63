"""The WHEN reader on phrases from four other parsers' test suites (tests/when_corpus/).

bench/when_corpus.py prints the figures and holds the targets (read right >= 97%); here the
rule that may never slip is checked on every set, the held-out one included: nothing is
read wrong. A phrase is refused, asked about or left as a note rather than misread.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

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
    assert [s.name for s in sources if s.held_out] == ["recognizers"]
    for s in sources:
        header = (corpus.CORPUS_DIR / f"{s.name}.txt").read_text(encoding="utf-8")
        assert "# source: https://github.com/" in header and "# commit: " in header
        assert "# licence: " in header


# The held-out set is measured, never tuned on: its misreadings are counted, not fixed one
# by one, so its bound is the count measured and may only go down. natty was held out in
# round 1 (12 wrong then); it is tuned on now, so it must read nothing wrong.
ALLOWED_WRONG = {"duckling": 0, "ctparse": 0, "natty": 0, "recognizers": 21}


@pytest.mark.parametrize("name", sorted(ALLOWED_WRONG))
def test_nothing_is_read_wrong(corpus: ModuleType, name: str) -> None:
    [source] = [s for s in corpus.sources() if s.name == name]
    wrong = [p.text for p in source.phrases if corpus.outcome(p) == corpus.WRONG]
    assert len(wrong) <= ALLOWED_WRONG[name], wrong if not source.held_out else len(wrong)
