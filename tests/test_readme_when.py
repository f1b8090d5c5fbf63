"""The README's WHEN table is what a new user tries first: every example in its "example"
column must be read (not left as a note, not refused) at the moment the table is said at.

The "due" column is prose (asks and exceptions are spelled out there, not in the examples).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.when import WhenError, read_when

README = Path(__file__).resolve().parents[1] / "README.md"
BERLIN = ZoneInfo("Europe/Berlin")
SAID_AT = datetime(2026, 12, 4, 17, 51, tzinfo=BERLIN)  # "Said on Friday 4 Dec 2026 at 17:51"


def _examples() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    assert "Said on Friday 4 Dec 2026 at 17:51 in Berlin" in text
    table = text[text.index("| WHEN class |") :]
    table = table[: table.index("\n\n")]
    rows = [line.strip("|").split(" | ") for line in table.splitlines()[2:]]
    return [(row[0].strip(), e) for row in rows for e in re.findall(r"`([^`]+)`", row[1])]


EXAMPLES = _examples()


def test_the_table_has_an_example_for_every_class() -> None:
    classes = {cls for cls, _ in EXAMPLES}
    assert len(classes) >= 20 and len(EXAMPLES) >= 150


@pytest.mark.parametrize(("cls", "example"), EXAMPLES, ids=[e for _, e in EXAMPLES])
def test_every_example_in_the_readme_is_read(cls: str, example: str) -> None:
    try:
        got = read_when(example, SAID_AT, BERLIN)
    except WhenError as error:
        pytest.fail(f"{cls}: {example!r} is refused or asked: {error}")
    assert got is not None, f"{cls}: {example!r} is left as a note"
