"""A day of a month named without "of", or of "the month", for bot.when (from nickel's tests).

* "28th next month", "the 28th this month", "third monday next month", "last monday this
  month": read as "the 28th of next month" and "the third monday of next month"; so is
  "next month (on the) 28th". Only an ordinal ("28th", "third") counts: "at 5 next month"
  keeps its own reading.
* "the first of the month", "the last thursday of the month": the coming one, this month's
  if still ahead, else next month's (nickel reads Dec 1 said on Nov 30, Aug 28 said on Aug 25).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_ORDINAL = re.compile(r"[0-9]{1,2}(st|nd|rd|th)|first|second|third|fourth|fifth|last|"
                      r"[a-z]+(th|st|nd|rd)")  # fmt: skip


def names_the_month(w: Callable[[int], str], k: int) -> bool:
    """Words at k are 'next month' or 'this month' (the month an ordinal before them is of)."""
    return w(k) in ("next", "this") and w(k + 1) == "month"


def bare_ordinal(w: Callable[[int], str], j: int) -> bool:
    """The word at j is an ordinal and 'next/this month' follows it with no 'of'."""
    return bool(_ORDINAL.fullmatch(w(j))) and names_the_month(w, j + 1)


def of_the_month(w: Callable[[int], str], k: int) -> bool:
    """Words at k are 'the month' (not 'the month after next'): the coming one is meant."""
    return w(k) == "the" and w(k + 1) == "month" and w(k + 2) != "after"


_DAY_ORDINAL = re.compile(r"([0-9]{1,2})(st|nd|rd|th)")


def day_after(w: Callable[[int], str], k: int) -> tuple[int, int] | None:
    """'next month 28th', 'next month on the 28th': the day said after the month, and where
    the words end. Only an ordinal in digits: 'next month 28 slides' keeps its own reading."""
    k += w(k) == "on"
    k += w(k) == "the"
    if (m := _DAY_ORDINAL.fullmatch(w(k))) is None or not 1 <= int(m[1]) <= 31:
        return None
    return int(m[1]), k + 1
