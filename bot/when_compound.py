"""WHENs written in compound or glued forms, rewritten for bot.when before it reads them.

Each shape comes from timefhuman's tests, where it is read so; no other parser we measure
against reads it otherwise:

* A length in compound number words: "thirty two hours", "in twenty-five minutes" are 32
  hours and 25 minutes (only before a unit of time, so "twenty five past 3" stays a clock
  time and "forty two ideas" a note).
* A range's dash glued to its end: "3p -4p" is "3p - 4p" and "3 -4pm" is "3 - 4pm" (the
  reminder is at its start; "3 -4pm" was read as Mar 4, 16:00, a year ahead); "3 -4" is
  "3 - 4", asked like it (am or pm?), no longer read as Mar 4.
* "next next monday" is "monday after next", read (or asked) the same way.
* A timestamp with a fraction of a second, "2022-12-27T09:15:01.002": the fraction is
  dropped (a reminder is set to the second at most).
* A range of slashed dates whose first date settles the order: in "6/28/2019 5:00 PM -
  8/02/2019 7:00 PM" the 28 makes the first date month-first, so "8/02/2019" is Aug 2
  (alone it is asked: Aug 2 or Feb 8?).

Each word keeps its place in the text (start, end), so the WHEN and the note are still cut
from what was typed. One pass over the words: linear in their number.
"""

from __future__ import annotations

import re

from bot import when_words as W

Word = tuple[str, int, int]  # normalised word, start and end in the text

_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine".split())}
_GLUED_END = re.compile(r"-([0-9]{1,2}(?::[0-5][0-9])?(?:am|pm|a|p)?)")
_TIMED = re.compile(r"[0-9]{1,2}(?::[0-5][0-9])?(?:am|pm|a|p)?")  # 3p, 3 (its am/pm after)
_FRACTION = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2}t[0-9]{2}:[0-9]{2}:[0-9]{2})\.[0-9]{1,6}")
_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_RANGE_WORDS = frozenset({"-", "–", "to", "until", "till", "through"})


def _compound(words: list[Word], i: int) -> tuple[Word, int] | None:
    """'thirty' 'two' 'hours' or 'thirty-two' 'hours' -> ('32', ...), the next index."""
    norm, start, end = words[i]
    tens, _, ones = norm.partition("-")
    step = 1
    if not ones and i + 1 < len(words):
        ones, step = words[i + 1][0], 2
    if tens not in _TENS or ones not in _ONES:
        return None
    unit = words[i + step][0] if i + step < len(words) else ""
    if unit not in W.UNITS:
        return None
    return (str(_TENS[tens] + _ONES[ones]), start, words[i + step - 1][2]), i + step


def _month_first(word: str) -> bool | None:
    """True for '6/28/2019' (month first), False for '28/6/2019', None when either fits."""
    m = _SLASHED.fullmatch(word)
    if m is None or int(m[1]) == int(m[2]):
        return None
    if int(m[2]) > 12 >= int(m[1]):
        return True
    return False if int(m[1]) > 12 >= int(m[2]) else None


def _settled(word: str, month_first: bool) -> str | None:
    """'8/02/2019' in a month-first range -> '2019-08-02'; None unless it is ambiguous."""
    m = _SLASHED.fullmatch(word)
    if m is None or _month_first(word) is not None:
        return None
    month, day = (int(m[1]), int(m[2])) if month_first else (int(m[2]), int(m[1]))
    return f"{m[3]}-{month:02d}-{day:02d}"


def rewrite(words: list[Word]) -> list[Word]:
    """The compound and glued shapes in the grammar's words (see the module docstring)."""
    out: list[Word] = []
    order: bool | None = None  # the order the first slashed date settled
    first_slashed, ranged = True, False
    i = 0
    while i < len(words):
        norm, start, end = words[i]
        if first_slashed and not ranged and _SLASHED.fullmatch(norm):
            order, first_slashed = _month_first(norm), False
        ranged = ranged or norm in _RANGE_WORDS
        if (got := _compound(words, i)) is not None:
            out.append(got[0])
            i = got[1]
            continue
        if (m := _GLUED_END.fullmatch(norm)) and out and _TIMED.fullmatch(out[-1][0]):
            out += [("-", start, start + 1), (m[1], start + 1, end)]  # 3p -4p
        elif (
            norm == "next"
            and i + 2 < len(words)
            and words[i + 1][0] == "next"
            and (words[i + 2][0] in W.WEEKDAYS)
        ):  # next next monday: monday after next
            out += [(words[i + 2][0], start, end), ("after", *words[i + 1][1:]),
                    ("next", *words[i + 2][1:])]  # fmt: skip
            i += 3
            continue
        elif m := _FRACTION.fullmatch(norm):
            out.append((m[1], start, end))
        elif ranged and order is not None and (iso := _settled(norm, order)):
            out.append((iso, start, end))
        else:
            out.append(words[i])
        i += 1
    return out
