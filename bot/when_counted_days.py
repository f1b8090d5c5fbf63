"""Days counted from the end of a month, or the closest to another day, for bot.when.

From Duckling's tests (no other parser we measure against reads them otherwise):

* From the end: "the 5th last day of May" (May 27), "fifth last day of may", "the second to
  last day of the month", "penultimate day of june", "the 2nd to last friday of june", "the
  penultimate friday of june". "the last day of the month" is this month's last day. The
  month is any the reader knows after "of" ("may", "next month", "the month").
* Closest: "the closest Monday to Oct 5th" (Oct 7), "the second closest Mon to October
  fifth" (Sep 30), "the second closest xmas to today" (the next Christmas, when last one is
  closer), "the nearest friday to the 15th". Two days as close, one each side ("the closest
  friday to a Friday", second closest), are asked, never picked.

The grammar reads the month, the day and the anchor; this module only counts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from bot import when_words as W

Days = tuple[tuple[date, ...], int]  # candidate days (first still ahead wins), index after
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
        "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
_NTH.update({f"{n}{s}": n for n, s in ((1, "st"), (2, "nd"), (3, "rd"))})
_NTH.update({f"{n}th": n for n in range(4, 11)})
_CLOSEST = frozenset({"closest", "nearest"})


def _nth(word: str) -> int | None:
    return _NTH.get(word)


def from_the_end(w: Callable[[int], str], j: int) -> tuple[int, int | None, int] | None:
    """At word j: "5th last day of", "second to last friday in", "penultimate day of",
    "last day of": (how many from the end, the weekday or None for any day, the index of
    the month's words after "of")."""
    n, k = _nth(w(j)), j + 1
    if n is not None:
        k += w(k) == "to"  # second to last
        if w(k) != "last":
            return None
        k += 1
    elif w(j) == "penultimate":
        n = 2
    elif w(j) == "last" and w(j + 1) == "day":
        n = 1
    else:
        return None
    wd = W.WEEKDAYS.get(w(k))
    if (wd is None and w(k) != "day") or w(k + 1) not in ("of", "in"):
        return None
    if n == 1 and wd is not None:
        return None  # "last friday of june" is read by bot.when itself
    return n, wd, k + 2


def this_month(w: Callable[[int], str], k: int, today: date) -> Days | None:
    """"(the) month" after "of": this month's last day, then next month's (the coming one,
    as "the last thursday of the month" reads)."""
    k += w(k) == "the"
    if w(k) != "month":
        return None
    first = today.replace(day=28) + timedelta(days=4)
    second = first.replace(day=28) + timedelta(days=4)
    return (first - timedelta(days=first.day), second - timedelta(days=second.day)), k + 1


def back(ends: tuple[date, ...], n: int, wd: int | None) -> tuple[date, ...] | str:
    """From each month's last day, the n-th last day (or weekday wd) in that month."""
    out = []
    for end in ends:
        last = end - timedelta(days=(end.weekday() - wd) % 7) if wd is not None else end
        day = last - timedelta(days=(n - 1) * (7 if wd is not None else 1))
        if day.month == end.month:
            out.append(day)
    if out:
        return tuple(out)
    what = "day" if wd is None else _weekday_name(wd)
    return f"{W.MONTH_NAMES[ends[0].month]} has no {n}{_suffix(n)} last {what}."


def _weekday_name(wd: int) -> str:
    return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[wd]


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def closest(w: Callable[[int], str], i: int, today: date,
            days_at: Callable[[int], Days | None]) -> Days | str | None:  # fmt: skip
    """At word i: "(the) (second) closest <weekday or day> to <day or today>": the day so
    counted, or a question when two are as close; None when the words are not this shape."""
    j = i + (w(i) == "the")
    n = _nth(w(j)) or 1
    j += w(j) in _NTH
    if w(j) not in _CLOSEST:
        return None
    wd = W.WEEKDAYS.get(w(j + 1))
    target = None if wd is not None else days_at(j + 1)
    k = j + 2 if wd is not None else target[1] if target else -1
    if k < 0 or w(k) != "to":
        return None
    if w(k + 1) in W.TODAY or w(k + 1) == "now":
        anchor, end = today, k + 2
    elif (got := days_at(k + 1)) is not None:
        anchor, end = next((d for d in got[0] if d >= today), got[0][0]), got[1]
    else:
        return None
    if wd is not None:
        first = anchor - timedelta(days=(anchor.weekday() - wd) % 7 + 7 * (n + 1))
        pool = [first + timedelta(days=7 * s) for s in range(2 * n + 4)]
    else:
        assert target is not None
        pool = [*_year_before(target[0]), *target[0]]
    pool.sort(key=lambda d: abs((d - anchor).days))
    if n > len(pool):
        return None
    pick = pool[n - 1]
    if any(d != pick and abs((d - anchor).days) == abs((pick - anchor).days) for d in pool):
        said = " ".join(w(x) for x in range(i, end))
        others = sorted(d for d in pool if abs((d - anchor).days) == abs((pick - anchor).days))
        return (f"Which is '{said}': {others[0]:%a %-d %b %Y} or {others[-1]:%a %-d %b %Y}? "
                f"They are as close. Write the date.")
    return (pick,), end


def _year_before(dates: tuple[date, ...]) -> list[date]:
    """The occurrence a year before the first, for a day that comes back each year."""
    if len(dates) < 2 or (dates[0].month, dates[0].day) != (dates[1].month, dates[1].day):
        return []
    try:
        return [dates[0].replace(year=dates[0].year - 1)]
    except ValueError:  # Feb 29
        return []
