"""How a length of time is said to start from now, for bot.when: "after an hour", "now + 40
minutes", "15 minutes out", "for 5 minutes and 30 seconds", "next hour", "next day", and the
"within 2 weeks" that is asked.

Other parsers read these phrases as the length counted from now (chrono's tests), so they are
a duration like "in an hour". A "within" with days, weeks, months or years is the one place
where they disagree: Duckling's "within 2 weeks" ends before the 14th day begins, chrono's is
that day. Both are fair deadlines for a reminder, so the reader asks which.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bot import when_words as W

Words = Callable[[int], str]

# "next hour", "next day": one unit from now (chrono), as "in an hour", "in a day"
_NEXT_ONE = {"hour": ("h", 1), "hr": ("h", 1), "minute": ("min", 1), "min": ("min", 1),
             "second": ("s", 1), "sec": ("s", 1), "day": ("d", 1)}  # fmt: skip
# after the amounts: "15 minutes out" (said of an arrival), like "15 minutes from now"
AFTER_AMOUNT = frozenset({"out"})


def lead(w: Words, i: int) -> int:
    """How many words before the amounts say "from now": "after" (an hour), "now +" / "now
    plus" (40 minutes). 0 when none."""
    if w(i) in ("after", "+"):  # after an hour, +15min
        return 1
    if w(i) == "now" and w(i + 1) in ("+", "plus"):
        return 2
    return 0


def next_one(w: Words, i: int) -> tuple[list[tuple[str, int]], int] | None:
    """next hour / next day: one unit from now; "next hours" is no WHEN."""
    if w(i) != "next" or w(i + 1) not in _NEXT_ONE:
        return None
    if w(i + 1) == "day" and w(i + 2) in ("after", "of"):
        return None  # "the day after next", "next day of the conference"
    return [_NEXT_ONE[w(i + 1)]], i + 2


def length_alone(parts: list[tuple[str, int]]) -> bool:
    """A length said alone ("for 5 minutes, 30 seconds"), with no start: from now. Only those of
    minutes and hours are (a day or more is how long a task runs, not when to remind)."""
    return bool(parts) and all(u in W.EXACT_UNITS for u, _ in parts)


def vague_amount(w: Words, i: int) -> str | None:
    """in several hours, in some days: how many? (chrono reads 'several' as 7; a reminder
    needs the number said). The question, or None."""
    word, unit = w(i), w(i + 1)
    if word not in ("several", "some", "many") or unit not in W.UNITS or not unit.endswith("s"):
        return None
    return f"How many {unit} is '{word} {unit}'? Write e.g. 'in 3 {unit}'."


def within_asked(said: str, amount: str, before: date, last: date) -> str:
    """The question for "within 2 weeks": by the day before the last one, or on it?"""
    return (f"'{said}': by {before:%a %-d %b}, or on {last:%a %-d %b}? Write "
            f"'{before:%b %-d}' or 'in {amount}'.")
