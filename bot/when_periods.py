"""The ends and beginnings of periods for bot.when: "end of next week", "the beginning of
january", "eom", "at the end of the month".

An end is 17:00 on its last working day (Friday for a week, the last day of a month or a
year); a beginning is 09:00 on its first day (Monday, the 1st, January 1st). When the
period is not named ("end of the month") it is the current one, or the next once passed; a
beginning that has passed ("beginning of the year" in March) is refused as past, not moved.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, time, timedelta

from bot import when_words as W

Words = Callable[[int], str]
Found = tuple[tuple[date, ...], time, int]

_ABBREVIATIONS = {"eow": ("end", "week"), "eom": ("end", "month"), "eoy": ("end", "year"),
                  "bow": ("beginning", "week"), "bom": ("beginning", "month"),
                  "boy": ("beginning", "year")}  # fmt: skip
_EDGES = {"end": "end", "beginning": "beginning", "start": "beginning"}
_WHICH = {"this": 0, "current": 0, "next": 1, "coming": 1, "following": 1}


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _add_months(first: date, n: int) -> date:
    y, m = divmod(first.month - 1 + n, 12)
    return date(first.year + y, m + 1, 1)


def _week(today: date, edge: str, ahead: int) -> tuple[date, ...]:
    monday = today - timedelta(days=today.weekday()) + timedelta(days=7 * ahead)
    day = monday + timedelta(days=4) if edge == "end" else monday
    return (day, day + timedelta(days=7)) if ahead == 0 and edge == "end" else (day,)


def _month(today: date, edge: str, ahead: int | None, month: int | None,
           year: int | None) -> tuple[date, ...]:  # fmt: skip
    if month is not None:
        years = [year] if year else [today.year, today.year + 1]
        firsts = [date(y, month, 1) for y in years]
    else:
        first = _add_months(today.replace(day=1), ahead or 0)
        passed = ahead or edge == "beginning"  # "beginning of the month": this one's, if gone
        firsts = [first] if passed else [first, _add_months(first, 1)]
    return tuple(month_end(f) if edge == "end" else f for f in firsts)


def _year(today: date, edge: str, ahead: int | None, year: int | None) -> tuple[date, ...]:
    again = [] if ahead or edge == "beginning" else [today.year + 1]
    years = [year] if year else [today.year + (ahead or 0), *again]
    return tuple(date(y, 12, 31) if edge == "end" else date(y, 1, 1) for y in years)


def edge_of(w: Words, i: int, today: date) -> Found | None:
    """(at) (the) end|beginning|start of (the|this|next|...) week|month|year|<month> [year]."""
    j = i + (w(i) == "at")
    j += w(j) == "the"
    if w(j) in _ABBREVIATIONS:
        edge, unit = _ABBREVIATIONS[w(j)]
        return _found(today, edge, unit, None, None, None, j + 1)
    edge = _EDGES.get(w(j), "")
    if not edge or w(j + 1) != "of":
        return None
    k = j + 2 + (w(j + 2) == "the")
    ahead = _WHICH.get(w(k))
    k += ahead is not None
    unit, month, year = w(k), W.MONTHS.get(w(k)), None
    if w(k).isdigit() and len(w(k)) == 4 and ahead is None:
        unit, year = "year", int(w(k))
    elif month is not None:
        unit, nxt = "month", w(k + 1)
        if nxt.isdigit() and len(nxt) == 4:
            year, k = int(nxt), k + 1
    elif unit not in ("week", "month", "year"):
        return None
    return _found(today, edge, unit, ahead, month, year, k + 1)


def _found(today: date, edge: str, unit: str, ahead: int | None, month: int | None,
           year: int | None, k: int) -> Found:  # fmt: skip
    at = W.EOD if edge == "end" else W.NINE
    if unit == "week":
        return _week(today, edge, ahead or 0), at, k
    if unit == "month":
        return _month(today, edge, ahead, month, year), at, k
    return _year(today, edge, ahead, year), at, k
