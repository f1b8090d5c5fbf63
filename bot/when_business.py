"""Working days for bot.when: "in 3 business days", "5 working days from now", "next
business day", "within 2 working days", "next 4 business days" (reminded at the last of
them, as "next 3 days" is). Saturdays and Sundays are skipped; public holidays are not
known here, so they count as working days (the reply shows the day read)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from bot import when_words as W

Words = Callable[[int], str]
_KINDS = frozenset({"business", "working", "work", "week"})  # week days: "3 week days"
_DAYS = frozenset({"day", "days"})


def add_working_days(start: date, n: int) -> date:
    """The n-th Monday-to-Friday day after `start`."""
    day = start
    while n > 0:
        day += timedelta(days=1)
        n -= day.weekday() < 5
    return day


def _count(w: Words, i: int) -> tuple[int, int] | None:
    word = w(i)
    if re.fullmatch(r"[0-9]{1,3}", word):
        return int(word), i + 1
    if word in W.WORD_NUMBERS:
        return W.WORD_NUMBERS[word], i + 1
    return None


def working_days(w: Words, i: int, today: date) -> tuple[date, int] | None:
    """The day a working-day phrase at word i names, and where the phrase ends."""
    if w(i) == "next" and w(i + 1) in _KINDS and w(i + 2) == "day":
        return add_working_days(today, 1), i + 3  # next business day
    if w(i) == "next" and w(i + 1) == "weekday":
        return add_working_days(today, 1), i + 2  # next weekday: the next working day
    j = i + (w(i) in ("in", "within", "next"))
    got = _count(w, j)
    if got is None or w(got[1]) not in _KINDS or w(got[1] + 1) not in _DAYS:
        return None
    n, k = got[0], got[1] + 2
    if j == i and not (w(k) == "from" and w(k + 1) in ("now", "today") or w(k) == "later"):
        return None  # "3 working days" alone is a length, not a when
    k += 2 if w(k) == "from" else w(k) in ("later", "time")
    if not 0 < n <= 1000:
        return None
    return add_working_days(today, n), k
