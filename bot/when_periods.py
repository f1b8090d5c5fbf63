"""The ends and beginnings of periods for bot.when: "end of next week", "the beginning of
january", "eom", "at the end of the month".

An end is 17:00 on its last working day (Friday for a week, the last day of a month or a
year); a beginning is 09:00 on its first day (Monday, the 1st, January 1st). When the
period is not named ("end of the month") it is the current one, or the next once passed; a
beginning that has passed ("beginning of the year" in March) is refused as past, not moved.
"""

from __future__ import annotations

import calendar
import re
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
    k += w(k) == "around"  # end of around next week
    ahead = _WHICH.get(w(k))
    k += ahead is not None
    unit, month, year = w(k), W.MONTHS.get(w(k)), None
    if re.fullmatch(r"[0-9]{4}", w(k)) and ahead is None:
        unit, year = "year", int(w(k))
    elif month is not None:
        unit, nxt = "month", w(k + 1)
        if re.fullmatch(r"[0-9]{4}", nxt):
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


_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
          "months": "month", "quarter": "quarter", "quarters": "quarter", "qtr": "quarter",
          "qtrs": "quarter", "year": "year", "years": "year", "yr": "year",
          "yrs": "year"}  # fmt: skip
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "a": 1}
_QUARTERS = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3,
             "3rd": 3, "q3": 3, "fourth": 4, "4th": 4, "q4": 4}  # fmt: skip


def _start_of(today: date, unit: str, ahead: int) -> date:
    """The first day of the day/week/month/quarter/year `ahead` units from this one."""
    if unit == "day":
        return today + timedelta(days=ahead)
    if unit == "week":
        return today - timedelta(days=today.weekday()) + timedelta(days=7 * ahead)
    first = today.replace(day=1)
    if unit == "month":
        return _add_months(first, ahead)
    if unit == "quarter":
        return _add_months(first.replace(month=(first.month - 1) // 3 * 3 + 1), 3 * ahead)
    return date(today.year + ahead, 1, 1)


def current_period(w: Words, i: int, today: date) -> tuple[tuple[date, ...] | None, int] | None:
    """this week / current month / this quarter / all week / the rest of the week: by its end,
    17:00 on its last working day (a week said at the weekend: Sunday). A year is too long to
    pick a day in (None: asked)."""
    j = i + (w(i) == "the")
    if w(j) == "rest" and w(j + 1) == "of":
        j += 2 + (w(j + 2) == "the")
        unit = w(j)
    elif w(i) in ("this", "current", "all") and (w(i) != "all" or w(i + 1) == "week"):
        j, unit = i + 1, w(i + 1)
    else:
        return None
    unit = _UNITS.get(unit, "") if unit in ("week", "month", "quarter", "qtr", "year", "yr") else ""
    if unit == "week":  # not "this quarter's numbers"
        friday = today + timedelta(days=4 - today.weekday())
        return ((friday if today <= friday else friday + timedelta(days=2)),), j + 1
    if unit == "month":
        return (month_end(today.replace(day=1)),), j + 1
    if unit == "quarter":
        last = _add_months(_start_of(today, "quarter", 0), 2)
        return (month_end(last),), j + 1
    if unit == "year":
        return None, j + 1
    return None


def begun_today(w: Words, i: int, today: date) -> tuple[date, int] | None:
    """this month / this quarter said on its first day: chrono reads its start (today), the
    others by its end; both fit a reminder, so it is asked. (The last day, and where the
    phrase ends.)"""
    got = current_period(w, i, today)
    unit = w(got[1] - 1) if got else ""
    if got is None or not got[0] or _UNITS.get(unit) not in ("month", "quarter"):
        return None
    if today != _start_of(today, _UNITS[unit], 0):
        return None
    return got[0][0], got[1]


def _months_on(today: date, n: int) -> date:
    """n calendar months after today, the day clamped (Nov 30 + 3 months = Feb 28/29)."""
    first = _add_months(today.replace(day=1), n)
    return first.replace(day=min(today.day, calendar.monthrange(first.year, first.month)[1]))


_PARTS = {"early": (0, 1), "beginning": (0, 1), "mid": (2, 15), "middle": (2, 15),
          "late": (4, 25)}  # (weekday, day of month): early/mid/late next week or month


def part_of_period(w: Words, i: int, today: date) -> tuple[tuple[date, ...], int] | None:
    """early next week (its Monday), mid next month (the 15th), late this week (Friday)."""
    part = _PARTS.get(w(i))
    j = i + 1 + (w(i + 1) == "of")
    ahead = _WHICH.get(w(j))
    if part is None or ahead is None or w(j + 1) not in ("week", "month"):
        return None
    first = _start_of(today, w(j + 1), ahead)
    day = first + timedelta(days=part[0]) if w(j + 1) == "week" else first.replace(day=part[1])
    return (day,), j + 2


def unit_ahead(w: Words, i: int, today: date) -> tuple[tuple[date, ...], int] | None:
    """upcoming two weeks / 2 upcoming months (the one that far ahead), next quarter, the
    third quarter (2027)."""
    word, nxt = w(i), w(i + 1)
    count = _COUNTS.get(nxt) or (int(nxt) if re.fullmatch(r"[0-9]{1,2}", nxt) else None)
    if word in ("next", "following", "coming") and count and w(i + 2) in (
            "quarter", "quarters", "qtr", "qtrs"):  # fmt: skip
        return (_months_on(today, 3 * count),), i + 3  # next two quarters (chrono): 6 months
    if word == "upcoming" and count and w(i + 2) in _UNITS:
        return (_start_of(today, _UNITS[w(i + 2)], count),), i + 3
    count = _COUNTS.get(word) or (int(word) if re.fullmatch(r"[0-9]{1,2}", word) else None)
    if count and nxt == "upcoming" and w(i + 2) in _UNITS:
        return (_start_of(today, _UNITS[w(i + 2)], count),), i + 3
    j = i + (word == "the")
    if re.fullmatch(r"q[1-4]", w(j)):  # q3, q1 2027: the quarter's first day
        first = 3 * int(w(j)[1]) - 2
        if re.fullmatch(r"[0-9]{4}", w(j + 1)):
            return (date(int(w(j + 1)), first, 1),), j + 2
        if first <= today.month < first + 3:
            return None  # "q4 planning" in the fourth quarter is a note
        return (date(today.year + (first < today.month), first, 1),), j + 1
    if w(j + 1) not in ("quarter", "qtr"):  # not "this quarter's numbers"
        return None
    if w(j) in _WHICH:  # next quarter: 3 months from today, always inside the next quarter
        return (_months_on(today, 3 * _WHICH[w(j)]),), j + 2
    if (n := _QUARTERS.get(w(j))) is None:
        return None
    k = j + 2 + (w(j + 2) == "of")
    if re.fullmatch(r"[0-9]{4}", w(k)):
        return (date(int(w(k)), 3 * n - 2, 1),), k + 1
    return (date(today.year, 3 * n - 2, 1), date(today.year + 1, 3 * n - 2, 1)), j + 2
