"""Printing and saving soak results, shared by the smoke and the soak tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from soak.harness.driver import Result

COLUMNS = ("design", "reminders", "kills", "lost", "duplicated", "extra_messages",
           "kills_mid_burst", "lookup_hits", "missed_by_grace", "wall_seconds")


def publish(results: list[Result], path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Write the results as JSON and show a table even when pytest captures output."""
    path.write_text(json.dumps([r.as_dict() for r in results], indent=2))
    rows = [COLUMNS, *([str(getattr(r, c)) for c in COLUMNS] for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    with capsys.disabled():
        print()
        for row in rows:
            print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
        print(f"seed={results[0].seed} (SOAK_SEED to reproduce); results in {path}")
