"""WHENs written in another order than bot.when reads, rewritten before it reads them.

Each shape comes from Sugar's Date tests; no other parser we measure against reads it
otherwise:

* A clock time before a distance of days, weeks or months: "5am in a month", "6:30pm in 3
  days", "21:00 in 2 weeks" are "in a month at 5am" and so on. The time must be written as
  one (a colon or am/pm: "5 in 3 days" stays asked, am or pm?), and years are left out:
  Duckling reads "at 7 in 3 years" as a day of February, not three years from today.
* "this week <weekday>" is "<weekday> this week" ("this week thursday", "this week tuesday
  at 5pm"), as "next week <weekday>" already is.
* "week from <weekday>" is "a week from <weekday>".
* "(the) <nth> day of next <month>" is "next <month> <nth>" ("the first day of next
  January": that day in the month "next January" names, as bot.when_loose reads it).

Each word keeps its place in the text: a moved word takes the span of the place it moves
to, so the WHEN and the note are still cut from what was typed. Only the first words of the
text are looked at, once: linear in their number.
"""

from __future__ import annotations

import re

from bot import when_words as W

Word = tuple[str, int, int]  # normalised word, start and end in the text

_CLOCK = re.compile(r"[0-9]{1,2}(?::[0-5][0-9])?(?:am|pm)|[0-9]{1,2}:[0-5][0-9]")
_COUNT = re.compile(r"[0-9]{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten")
_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months"})
_GOES_ON = frozenset({"time", "or", "to", "-", "–", "and", "until", "till", "from", "after",
                      "before", "later"})


def _clock_then_distance(words: list[Word]) -> list[Word] | None:
    """'5am' 'in' 'a' 'month' -> 'in' 'a' 'month' 'at' '5am' (spans: see the docstring)."""
    lead = 1 if words and words[0][0] == "at" else 0
    n = 2 if len(words) > lead + 1 and words[lead + 1][0] in ("am", "pm") else 1
    clock = words[lead : lead + n]
    said = "".join(w[0] for w in clock)
    rest = words[lead + n : lead + n + 3]
    if not (_CLOCK.fullmatch(said) and len(rest) == 3 and rest[0][0] == "in"
            and _COUNT.fullmatch(rest[1][0]) and rest[2][0] in _UNITS):
        return None
    after = words[lead + n + 3][0] if len(words) > lead + n + 3 else ""
    if after in _GOES_ON:
        return None  # "5pm in a day or two", "in a month's time": as before, asked
    first, last = words[0][1], rest[2][2]
    moved = [("in", first, rest[0][2]), rest[1], rest[2], ("at", rest[2][2], rest[2][2])]
    moved += [(w[0], w[1], last) for w in clock]  # the last word ends the whole WHEN
    return moved + words[lead + n + 3 :]


_ORDINAL = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)")
_SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split())}


def _day_of_next_month(words: list[Word]) -> list[Word] | None:
    """'the' 'first' 'day' 'of' 'next' 'january' -> 'next' 'january' '1st'."""
    lead = 1 if words and words[0][0] == "the" else 0
    said = [w[0] for w in words[lead : lead + 5]]
    if len(said) < 5 or said[1:4] != ["day", "of", "next"] or said[4] not in W.MONTHS:
        return None
    m = _ORDINAL.fullmatch(said[0])
    nth = int(m[1]) if m else _ORDINAL_WORDS.get(said[0])
    if nth is None:
        return None
    ordinal, nxt, month = words[lead], words[lead + 3], words[lead + 4]
    said_nth = f"{nth}{_SUFFIX.get(nth, 'th')}"
    moved = [("next", words[0][1], nxt[2]), month, (said_nth, ordinal[1], month[2])]
    return moved + words[lead + 5 :]


def rewrite(words: list[Word]) -> list[Word]:
    """The reordered shapes at the start of the words (see the module docstring)."""
    if (got := _clock_then_distance(words) or _day_of_next_month(words)) is not None:
        return got
    norms = [w[0] for w in words[:3]]
    if norms[:2] == ["this", "week"] and len(norms) == 3 and norms[2] in W.WEEKDAYS:
        day, this, week = words[2], words[0], words[1]
        return [(day[0], this[1], this[2]), ("this", week[1], week[1]),
                ("week", week[1], day[2])] + words[3:]  # fmt: skip
    if norms[:2] == ["week", "from"] and len(norms) == 3 and norms[2] in W.WEEKDAYS:
        return [("a", words[0][1], words[0][1])] + words
    return words
