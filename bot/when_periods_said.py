"""Whole periods said as a WHEN, for bot.when: "the week", "the first week of 2021",
"the third month of 2021", "2019-h2", "march after next", "next fortnight", "the next decade",
"beginning of this week" said on a Tuesday.

The rules are those of bot.when_periods, carried over:

* A period ahead is read as its first day, 09:00 (like "next quarter", "q1 2027"): the first
  week of a year is its ISO week 1 (the week with its first Thursday, so it starts on a
  Monday), the last week its last ISO week; a half year starts on Jan 1 or Jul 1; the next
  decade on Jan 1 of its first year ("the next decade" said in 2018 is Jan 1 2020).
* A period under way is read by its end, 17:00 (later that evening once passed), like
  "this week": "the week" and "this working week" are this week, "the fortnight" is this
  week and the next (by next Friday). "The year" and "this calendar year" are asked, like
  "this year": one source reads "current year" as today, another as the whole year.
* The beginning of a period (its first three days, ten days or three months) said once it
  has begun (after 09:00 on its first day) and while it lasts, "beginning of this week" on
  a Tuesday, is read by its end (Wednesday 17:00), like a period under way; once over it is
  refused as past, as bot.when_periods does; before, bot.when_periods reads its first day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from bot import when_words as W

Words = Callable[[int], str]
Word = tuple[str, int, int]  # normalised word, start and end in the text
Said = tuple[tuple[date, ...], bool, int]  # candidate days, read by its end?, where it ends

_ALONE = ("day", "week", "month", "year")
_ENDS = ("", "at", "@", ",", ":", "-", "by")  # what may follow "the week" said alone
_ALONE_AFTER = ("by", "due", "until", "till", "before", "sometime", "during")  # not "on the day"
_WORK_WEEK = ("workweek", "work-week")
_ORDINALS = {
    w: n + 1
    for n, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
    )
}
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_ORDINALS |= {f"{n}{'th' if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, 'th')}": n
              for n in range(1, 54)}  # fmt: skip
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_COUNTED = ("week", "month", "quarter", "half")  # "the 2nd half of 2027"
_HALF = re.compile(r"([0-9]{4})-?h([12])")
_BEGINNING = {"week": 2, "month": 9, "year": 2}  # its first 3 days, 10 days, 3 months
_BEGIN_WORDS = {"bow": "week", "bom": "month", "boy": "year"}


def rewrite(words: list[Word]) -> list[Word]:
    """Say it the way bot.when reads it: "remaining of" is "rest of", "this working week"
    and "this workweek" are "this week", "the week" said alone is "this week" ("the day":
    today), "later in the year" is "later this year", "in a september" is "in september"."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        norm, start, end = words[i]
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        after = words[i + 2][0] if i + 2 < len(words) else ""
        if norm == "remaining" and nxt == "of":
            out.append(("rest", start, end))
        elif norm in ("working", "work") and nxt == "week" and out and out[-1][0] in (
                "this", "next", "current"):  # fmt: skip
            pass  # this working week: this week
        elif norm in _WORK_WEEK and out and out[-1][0] in ("this", "next", "current"):
            out.append(("week", start, end))
        elif norm == "the" and nxt in _ALONE and after in _ENDS and (
                not out or out[-1][0] in _ALONE_AFTER):  # fmt: skip
            out.append(("today", start, words[i + 1][2]) if nxt == "day" else ("this", start, end))
            i += nxt == "day"
        elif norm == "in" and nxt == "the" and after in ("week", "month", "year") and out and (
                out[-1][0] == "later"):  # fmt: skip
            out.append(("this", start, words[i + 1][2]))
            i += 1
        elif norm == "calendar" and nxt == "year" and out and out[-1][0] in ("this", "current"):
            pass  # this calendar year: this year
        elif norm in ("a", "an") and nxt in W.MONTHS and out and out[-1][0] == "in" and (
                after in _ENDS or after == "at"):  # fmt: skip
            pass  # in a september, in an october
        else:
            out.append(words[i])
        i += 1
    return out


def period_said(w: Words, i: int, today: date, past_nine: bool) -> Said | None:
    """Any of the shapes above that starts at word i, or None. past_nine: 09:00 has passed
    today (a beginning said on its first day is read by its end only after that)."""
    for rule in (_nth_of_year, _half, _month_years, _fortnight, _decade):
        if got := rule(w, i, today):
            return got
    return _beginning(w, i, today, past_nine)


def _years(w: Words, k: int, today: date) -> tuple[tuple[int, ...], int] | None:
    """2021, next year, this year, the year (this one, or the next once past)."""
    if re.fullmatch(r"(19|20)[0-9]{2}", w(k)):
        return (int(w(k)),), k + 1
    if w(k + 1) not in ("year", "yr"):
        return None
    if w(k) == "next":
        return (today.year + 1,), k + 2
    if w(k) in ("this", "current"):
        return (today.year,), k + 2
    return ((today.year, today.year + 1), k + 2) if w(k) == "the" else None


def _nth_of_year(w: Words, i: int, today: date) -> Said | None:
    """(the) first/2nd/last week|month|quarter|half of 2021 / next year / the year: its first
    day (a week's Monday, ISO-numbered); by its end when it is under way."""
    j = i + (w(i) == "the")
    n = -1 if w(j) in ("last", "final") else _ORDINALS.get(w(j))
    unit = w(j + 1)
    if n is None or unit not in _COUNTED or w(j + 2) not in ("of", "in"):
        return None
    if (years := _years(w, j + 3, today)) is None:
        return None
    firsts = tuple(d for y in years[0] if (d := _nth_first(y, unit, n)) is not None)
    if firsts and firsts[0] <= today <= (last := _last_day(firsts[0], unit)):
        return (last,), True, years[1]  # under way, like "this quarter": by its end
    return (firsts, False, years[1]) if firsts else None


def _last_day(first: date, unit: str) -> date:
    """The last day of the week/month/quarter/half that begins on `first`."""
    if unit == "week":
        return first + timedelta(days=6)
    months = {"month": 1, "quarter": 3, "half": 6}[unit]
    year, month = divmod(first.month - 1 + months, 12)
    return date(first.year + year, month + 1, 1) - timedelta(days=1)


def _nth_first(year: int, unit: str, n: int) -> date | None:
    if unit == "week":
        weeks = date(year, 12, 28).isocalendar().week
        n = weeks if n == -1 else n
        return date.fromisocalendar(year, n, 1) if 1 <= n <= weeks else None
    count = {"month": 12, "quarter": 4, "half": 2}[unit]
    n = count if n == -1 else n
    if not 1 <= n <= count:
        return None
    return date(year, 12 // count * (n - 1) + 1, 1)


def _half(w: Words, i: int, today: date) -> Said | None:
    """2019-h2, h2 2019: the half year's first day."""
    if m := _HALF.fullmatch(w(i)):
        year, half, k = int(m[1]), int(m[2]), i + 1
    elif re.fullmatch(r"h[12]", w(i)) and re.fullmatch(r"(19|20)[0-9]{2}", w(i + 1)):
        year, half, k = int(w(i + 1)), int(w(i)[1]), i + 2
    else:
        return None
    return (date(year, 6 * half - 5, 1),), False, k


def _month_years(w: Words, i: int, today: date) -> Said | None:
    """march after next, march in a year / in 2 years: counted from "next march", like
    "christmas in 2 years" from the next Christmas."""
    if (month := W.MONTHS.get(w(i))) is None:
        return None
    year = today.year + (month <= today.month)  # next march's
    if w(i + 1) == "after" and w(i + 2) == "next":
        return (date(year + 1, month, 1),), False, i + 3
    count = _COUNTS.get(w(i + 2)) or (int(w(i + 2)) if w(i + 2) in ("1", "2", "3", "4") else 0)
    if w(i + 1) == "in" and count and w(i + 3) in ("year", "years", "yr", "yrs"):
        return (date(year + count, month, 1),), False, i + 4
    return None


def _fortnight(w: Words, i: int, today: date) -> Said | None:
    """this fortnight, the fortnight (said alone): by next Friday; next fortnight: two weeks
    from today, as "next week" is one."""
    monday = today - timedelta(days=today.weekday())
    if w(i) == "next" and w(i + 1) == "fortnight":
        return (today + timedelta(days=14),), False, i + 2
    alone = w(i) == "the" and w(i + 2) in _ENDS
    if (w(i) == "this" or alone) and w(i + 1) == "fortnight":
        return (monday + timedelta(days=11),), True, i + 2
    return None


def _decade(w: Words, i: int, today: date) -> Said | None:
    """(the) next decade / next two decades: Jan 1 of the next decade's first year."""
    j = i + (w(i) == "the")
    k = j + 1 + (w(j + 1) in _COUNTS or w(j + 1) in ("2", "3", "4"))
    if w(j) == "next" and w(k) == ("decade" if k == j + 1 else "decades"):
        return (date(today.year // 10 * 10 + 10, 1, 1),), False, k + 1
    return None


def _beginning(w: Words, i: int, today: date, past_nine: bool) -> Said | None:
    """(at) (the) beginning|start of (this|the|current) week|month|year, bow/bom/boy, said
    once the period has begun and while its beginning lasts: by the beginning's end."""
    j = i + (w(i) == "at")
    j += w(j) == "the"
    if (unit := _BEGIN_WORDS.get(w(j))) is not None and w(j + 1) in _ENDS:  # not "boy stuff"
        k = j + 1
    elif w(j) in ("beginning", "start") and w(j + 1) == "of":
        k = j + 2 + (w(j + 2) in ("the", "this", "current"))
        unit, k = w(k), k + 1
        if unit not in _BEGINNING:
            return None
    else:
        return None
    if unit == "week":
        first = today - timedelta(days=today.weekday())
        last = first + timedelta(days=_BEGINNING["week"])
    elif unit == "month":
        first = today.replace(day=1)
        last = first + timedelta(days=_BEGINNING["month"])
    else:
        first = date(today.year, 1, 1)
        last = date(today.year, 3, calendar.monthrange(today.year, 3)[1])
    begun = first < today or first == today and past_nine
    return ((last,), True, k) if begun and today <= last else None
