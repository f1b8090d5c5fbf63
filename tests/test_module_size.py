"""Small modules (issue 13): no module of the core (``bot/``) over 450 lines, so that each
can be read in one sitting. The WHEN reader (``bot/when.py``) is the one exception the
issue makes: its rules live beside ``bot/when_*.py`` modules, one per class of phrase."""

from __future__ import annotations

from pathlib import Path

import pytest

MAX_LINES = 450
CORE = Path(__file__).resolve().parents[1] / "bot"
EXEMPT = {"when.py"}


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _core_modules() -> list[Path]:
    return [p for p in sorted(CORE.rglob("*.py")) if p.relative_to(CORE).as_posix() not in EXEMPT]


@pytest.mark.parametrize("path", _core_modules(), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_is_small(path: Path) -> None:
    assert _lines(path) <= MAX_LINES, f"bot/{path.relative_to(CORE)} has {_lines(path)} lines"
