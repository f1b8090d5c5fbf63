"""Compare read_when with dateparser alone (same settings) on the tests/test_when.py corpus.

Run: .venv/bin/python bench/when_corpus.py   (not a test; prints the figures)
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from dateparser.date import DateDataParser  # noqa: E402
from test_when import CORPUS, ERR, NONE, NOW  # noqa: E402

from bot.when import WhenError, read_when  # noqa: E402


def dateparser_alone(text: str, tz: ZoneInfo) -> tuple[datetime | None, str]:
    settings = {
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": tz.key,
        "TO_TIMEZONE": "UTC",
        "RELATIVE_BASE": NOW.astimezone(tz).replace(tzinfo=None),
        "RETURN_TIME_AS_PERIOD": True,
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except Exception:
        return None, ""
    return data.date_obj, data.period


def dp_correct(text: str, tz: ZoneInfo, expected: str, nine: bool) -> bool:
    found, period = dateparser_alone(text, tz)
    if expected == NONE:
        return found is None
    if expected == ERR:  # refused, or obviously unusable (in the past)
        return found is None or found <= NOW
    if found is None:
        return False
    local = found.astimezone(tz)
    if nine and period == "day":
        local = local.replace(hour=9, minute=0)
    return local.strftime("%Y-%m-%d %H:%M") == expected


def ours_correct(text: str, tz: ZoneInfo, expected: str, rest: str) -> bool:
    try:
        got = read_when(text, NOW, tz)
    except WhenError:
        return expected == ERR
    if expected in (ERR, NONE):
        return expected == NONE and got is None
    return (
        got is not None
        and got.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") == expected
        and got.rest == rest
    )


def main() -> None:
    n = len(CORPUS)
    ours = full = full9 = head9 = 0
    for text, zone, expected, rest in CORPUS:
        tz = ZoneInfo(zone)
        ours += ours_correct(text, tz, expected, rest)
        full += dp_correct(text, tz, expected, nine=False)
        full9 += dp_correct(text, tz, expected, nine=True)
        head = text.strip()[: len(text.strip()) - len(rest)] if rest else text
        head9 += dp_correct(head, tz, expected, nine=True)
    print(f"corpus rows: {n}")
    print(f"read_when: {ours}/{n}")
    print(f"dateparser alone, whole text, raw: {full}/{n}")
    print(f"dateparser alone, whole text, 09:00 for date-only answers: {full9}/{n}")
    print(f"dateparser alone, WHEN words only (rest cut off for it), 09:00 rule: {head9}/{n}")


if __name__ == "__main__":
    main()
