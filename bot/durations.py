"""Time invested: the duration a touch's note names ("lunch 1h30"), and how it reads back.

A touch counts for the time it took, so a duration anywhere in the note sets it:
``90m``, ``45 min``, ``1h``, ``1.5h`` (``1,5h``), ``1h30``, ``2 hours``, ``two hours``,
``an hour``, ``half an hour`` (``2 hours ago`` says when, not how long). A note without
one takes the kind's default (``Kind.minutes``). A duration that cannot be a touch (zero,
negative, longer than a day, ``1e9m``) is refused rather than stored, so one typo cannot
outweigh a year of real touches.
"""

from __future__ import annotations

import re

#: The longest a touch can be: a day (a weekend away is two touches).
MAX_MINUTES = 24 * 60
MAX_BUDGET_MINUTES = 7 * 24 * 60

_WORDS = {"zero": 0, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45,
          "fifty": 50, "sixty": 60, "ninety": 90}
#: ``1.5h``, and ``1,5h`` as most of Europe writes it (two decimals at most: ``3,000`` is
#: no decimal).
_DIGITS = r"\d+(?:\.\d+|,\d{1,2}(?!\d))?"
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
_HOURS = r"(?:h|hr|hrs|hours?)"
_MINUTES = r"(?:m|min|mins|minutes?)"
_LONG_HOURS = r"(?:hrs?|hours?)"
_LONG_MINUTES = r"(?:mins?|minutes?)"
_EDGE_BEFORE = r"(?<![\w.,])"
_EDGE_AFTER = r"(?![\w])"
_SIGN = r"(?P<sign>-|minus\s+)?"


def _and_minutes(group: str) -> str:
    """An hour's trailing minutes: the 30 of ``1h30``, ``1 h 30 min``, ``1 hour and 30``."""
    return rf"(?:\s*(?:and\s+)?(?P<{group}>\d{{1,2}})(?:\s*{_MINUTES})?)?"


_DURATION = re.compile(
    rf"{_EDGE_BEFORE}{_SIGN}(?:"
    rf"(?P<half>half\s+an\s+hour)"
    rf"|(?P<h>{_DIGITS})\s*{_HOURS}{_and_minutes('hm')}"
    rf"|(?P<hw>{_WORD})\s+{_LONG_HOURS}{_and_minutes('hwm')}"
    rf"|(?P<m>{_DIGITS})\s*{_MINUTES}"
    rf"|(?P<mw>{_WORD})\s+{_LONG_MINUTES}"
    rf"){_EDGE_AFTER}(?!\s*ago\b)",  # "2 hours ago" says when, not how long
    re.IGNORECASE,
)
#: Numbers no one types for a touch's length: ``1e9m``, ``10^6 h``.
_ODD = re.compile(rf"{_EDGE_BEFORE}-?\d+(?:\.\d+)?(?:e[+-]?\d+|\^\d+)\s*"
                  rf"(?:{_HOURS}|{_MINUTES}){_EDGE_AFTER}", re.IGNORECASE)

DURATION_EXAMPLES = "Say how long like 45m, 1h30 or 2 hours (at most 24 hours)."


class DurationError(ValueError):
    """A duration we cannot take (bad input, answered with its message like the
    grammar's errors); ``topic`` names the usage line to show with it."""

    def __init__(self, message: str, topic: str = "touch") -> None:
        super().__init__(message)
        self.topic = topic


def _short(said: str) -> str:
    """What was typed, cut: a flood of digits is not echoed back."""
    return said if len(said) <= 24 else said[:23] + "…"


def _matched(match: re.Match[str]) -> float:
    """The minutes a match of ``_DURATION`` names (its sign aside)."""
    if match.group("half"):
        return 30.0
    hours = match.group("h") or match.group("hw")
    if hours is not None:
        return _number(hours) * 60 + int(match.group("hm") or match.group("hwm") or 0)
    return _number(match.group("m") or match.group("mw"))


def _number(text: str) -> float:
    word = text.lower()
    return float(_WORDS[word]) if word in _WORDS else float(text.replace(",", "."))


def after_a_leading_duration(note: str) -> str:
    """The note after a length it begins with ("half an hour call" -> "call"), so that the
    word naming the kind is found after it."""
    text = note.lstrip()
    match = _DURATION.match(text)
    return text[match.end():] if match else note


def minutes_in(note: str) -> int | None:
    """The minutes the first duration in ``note`` names, None when it names none.
    Raises ``DurationError`` for one that cannot be a touch's."""
    if odd := _ODD.search(note):
        raise DurationError(f"I couldn't read '{_short(odd.group(0).strip())}' as a duration. "
                            + DURATION_EXAMPLES)
    match = _DURATION.search(note)
    if match is None:
        return None
    said = _short(match.group(0).strip())
    minutes = _matched(match)
    if match.group("sign"):
        raise DurationError(f"'{said}' is negative: a touch takes some time. "
                            + DURATION_EXAMPLES)
    return check_minutes(round(min(minutes, MAX_MINUTES + 1)), said)


def check_minutes(minutes: int, said: str | None = None) -> int:
    """A touch's minutes, from 1 to ``MAX_MINUTES``, else refused."""
    shown = f"'{said}'" if said else f"{minutes} minutes"
    if isinstance(minutes, bool) or minutes < 1:
        raise DurationError(f"{shown} is no time at all: a touch takes at least a minute. "
                            + DURATION_EXAMPLES)
    if minutes > MAX_MINUTES:
        raise DurationError(f"{shown} is longer than a day. " + DURATION_EXAMPLES)
    return minutes


def budget_minutes(text: str) -> int | None:
    """A weekly budget (``5h``, ``90m``, ``2 hours``, ``off``), in minutes; None: off."""
    if text.strip().lower() in ("off", "none", "no"):
        return None
    usage = "Try /vitalfew budget 5h, budget 90m or budget off."
    if not text.strip():
        raise DurationError(f"How much time a week? {usage}", "budget")
    if text.strip().isdigit():  # "budget 5": hours or minutes?
        raise DurationError(_which_unit(int(text.strip()), usage), "budget")
    if _ODD.fullmatch(text.strip()) or not (match := _DURATION.fullmatch(text.strip())):
        raise DurationError(f"I couldn't read '{_short(text.strip())}' as a weekly budget. "
                            f"{usage}", "budget")
    if match.group("sign"):
        raise DurationError(f"A budget can't be negative. {usage}", "budget")
    minutes = min(_matched(match), MAX_BUDGET_MINUTES + 1)
    if not 1 <= round(minutes) <= MAX_BUDGET_MINUTES:
        raise DurationError(f"A weekly budget is between 1 minute and 168 hours. {usage}",
                            "budget")
    return round(minutes)


def _which_unit(n: int, usage: str) -> str:
    """'budget 5' asks hours or minutes, offering only the readings a budget can take
    (never '0h or 0m', both refused), in good English ('1 hour or 1 minute')."""
    hours = f"{n} hour{'s' * (n != 1)}"
    minutes = f"{n} minute{'s' * (n != 1)}"
    if 1 <= n <= MAX_BUDGET_MINUTES // 60:
        return f"{hours} or {minutes}? Say /vitalfew budget {n}h or budget {n}m."
    if 1 <= n <= MAX_BUDGET_MINUTES:
        return f"{minutes}? Say /vitalfew budget {n}m (hours go up to 168)."
    return f"A weekly budget is between 1 minute and 168 hours. {usage}"


def shown(minutes: int) -> str:
    """'1 h 30 min', '45 min', '2 h': how a duration reads back."""
    hours, rest = divmod(int(round(minutes)), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"
