"""Words as people say them, rewritten into the forms bot.when reads, before it reads them.

* Day numbers in words after a month, a weekday or "the": "the twenty fourth",
  "january twenty-fourth", "monday the thirty first" are the 24th and the 31st.
* "weekend" said alone is "the weekend" ("weekend plans" stays a note).
* Hyphens people add: "mid-november", "five-thirty" are "mid november", "five thirty".
* Approximate times: "3ish", "11:30ish", "3pmish", "noonish" are 3 o'clock, 11:30, 3pm and
  noon (a reminder needs one time; the nearest reading of "about 3" is 3). A bare number
  with "ish" is a time, so it is read as "at 3".

Each word keeps its place in the text (start, end), so the WHEN and the note are still cut
from what was typed. One pass over the words: linear in their number.
"""

from __future__ import annotations

import re

from bot import when_words as W

Word = tuple[str, int, int]  # normalised word, start and end in the text

_TENS = {"twenty": 20, "thirty": 30}
_UNITS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth".split())}
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_DAY_LEADS = frozenset({"the", "on", "of", "from", "to", "until", "till", "through", "and"})
_ISH = re.compile(r"([0-9]{1,2}(?:[:.][0-9]{2})?)(am|pm|a|p)?-?ish")


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, 'th')}"


def _before_day(word: str) -> bool:
    """Words after which 'twenty first' is a day ('january twenty first', 'the twenty
    first'); elsewhere it stays words ('twenty first century ideas' is a note)."""
    return word in W.MONTHS or word in W.WEEKDAYS or word in _DAY_LEADS


def _day_in_words(tens: str, unit: str) -> str | None:
    """'twenty' 'fourth' -> '24th'; None unless both halves make a day of a month."""
    n = _TENS.get(tens, 0) + _UNITS.get(unit, 0)
    if tens not in _TENS or unit not in _UNITS or n > 31:
        return None
    return _ordinal(n)


_SPLIT_LEADS = frozenset({"mid", "early", "late"})
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty".split())


def _split(word: str) -> list[str] | None:
    """'mid-november' -> mid, november; 'five-thirty' -> five, thirty: the forms read."""
    head, _, tail = word.partition("-")
    if head in _SPLIT_LEADS and tail.isalpha() or head in _NUMBER_WORDS and tail in _NUMBER_WORDS:
        return [head, tail]
    return None


def rewrite(words: list[Word]) -> list[Word]:
    if len(words) == 1 and words[0][0] == "weekend":  # said alone, it is the weekend to come
        return [("the", *words[0][1:]), words[0]]
    out: list[Word] = []
    i = 0
    while i < len(words):
        norm, start, end = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        dated = bool(out) and _before_day(out[-1][0])
        if dated and "-" in norm and (day := _day_in_words(*norm.split("-", 1))):
            out.append((day, start, end))  # twenty-fourth
        elif dated and nxt is not None and (day := _day_in_words(norm, nxt[0])):
            out.append((day, start, nxt[2]))  # twenty fourth
            i += 1
        elif "-" in norm and (parts := _split(norm)):
            out += [(part, start, end) for part in parts]  # mid-november, five-thirty
        elif len(norm) > 1 and norm[0] == "+" and norm[1].isdigit():
            out += [("+", start, start + 1), (norm[1:], start + 1, end)]  # +15min, +10 days
        elif norm == "thirtieth":
            out.append(("30th", start, end))
        elif norm in ("noonish", "middayish"):
            out.append((norm[:-3], start, end))
        elif m := _ISH.fullmatch(norm):
            if m[2]:
                out.append((m[1] + m[2], start, end))  # 3pmish
            else:
                said_at = bool(out) and out[-1][0] in ("at", "@", "around", "about")
                out += [("at", start, end)] * (not said_at) + [(m[1], start, end)]  # 3ish: at 3
        else:
            out.append(words[i])
        i += 1
    return out
