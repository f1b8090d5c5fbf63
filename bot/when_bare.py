"""WHENs said bare, for bot.when: a length with no "in" spelled in words ("five minutes",
"an hour"), a four-digit clock time alone ("1730"), a longer abbreviation of a month or a
weekday ("febr", "wedn"), a day-first date with a dash ("25-08"), and a time after it
("4pm + 3 days"). Each comes from parsedatetime's tests, where it is read so; the other
parsers we measure against do not contradict it.

Two bare shapes are asked, because the sources read them two ways:

* "8.25": 08:25 (the reader's dotted time) or Aug 25 (parsedatetime, and Recognizers-Text's
  "5.12" is May 12).
* "August 22nd 3:26": parsedatetime's 03:26, where the reader's working-hours rule (1-6 in the
  afternoon, as Duckling reads a bare "3:30") would say 15:26.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot import when_words as W

Word = tuple[str, int, int]  # normalised word, start, end in the text

_FOUR_DIGITS = re.compile(r"([01][0-9]|2[0-3])([0-5][0-9])")
_DASHED_DAY_FIRST = re.compile(r"(1[3-9]|2[0-9]|3[01])-(0?[1-9]|1[0-2])")
_DOTTED_MONTH_DAY = re.compile(r"([1-9]|1[0-2])[.](1[3-9]|2[0-9]|3[01])")
_SMALL_HOUR = re.compile(r"([1-6]):([0-5][0-9])")
_FULL_NAMES = (*(n for n in W.MONTHS if len(n) > 3), *(n for n in W.WEEKDAYS if len(n) > 5))
# longer abbreviations that are also first names or words: never a date
# words before an h:mm that settle it or make it a range's end
_SETTLED = frozenset({"-", "–", "to", "till", "until", "through", "between", "from", "and", "am",
                      "pm", "morning", "afternoon", "evening", "night", "tonight"})
_NOT_ABBREVIATIONS = frozenset({"marc", "frida", "augus", "june", "july", "sept"})


def _abbreviation(word: str) -> str | None:
    """'febr' -> 'february', 'wedn' -> 'wednesday': 4+ letters that begin one name only."""
    if len(word) < 4 or not word.isalpha() or word in W.MONTHS or word in W.WEEKDAYS:
        return None
    if word in _NOT_ABBREVIATIONS:
        return None
    names = [n for n in _FULL_NAMES if n.startswith(word) and n != word]
    return names[0] if len(names) == 1 else None


def rewrite(words: list[Word]) -> list[Word]:
    """The bare shapes in the grammar's words: "1730" alone -> "at 1730" (a four-digit time
    needs its "at" elsewhere; not 2000-2059, which may be a year), "25-08" -> "25/08",
    "1 dy" -> "1 day", "febr" -> "february"."""
    if len(words) == 1 and (m := _FOUR_DIGITS.fullmatch(words[0][0])) and m[1] != "20":
        norm, start, end = words[0]
        return [("at", start, start), (norm, start, end)]
    out: list[Word] = []
    for k, (norm, start, end) in enumerate(words):
        if (m := _DASHED_DAY_FIRST.fullmatch(norm)) is not None:
            norm = f"{m[1]}/{m[2]}"
        elif norm in ("dy", "dys") and k and words[k - 1][0].isdigit():
            norm = "days" if norm == "dys" else "day"
        elif (name := _abbreviation(norm)) is not None:
            norm = name
        out.append((norm, start, end))
    return out


def spelled_alone(words: Sequence[str], k: int) -> bool:
    """"five minutes", "an hour" with nothing after them: a length from now, like "5 minutes".
    With more words ("an hour call") it may be the note's start, so it stays a note."""
    return k == len(words) and not any(w.isdigit() for w in words)


def dotted_month_day(word: str) -> str | None:
    """'8.25' alone: the time 08:25 or Aug 25? Asked (the sources disagree)."""
    if (m := _DOTTED_MONTH_DAY.fullmatch(word)) is None:
        return None
    month = W.MONTH_NAMES[int(m[1])][:3]
    return (f"Is '{word}' a time ({m[1]}:{m[2]}) or a date ({month} {m[2]})? Write {m[1]}:{m[2]}, "
            f"or the date as '{month.lower()} {m[2]}'.")


def small_hour_after_date(said: Sequence[str]) -> str | None:
    """'August 22nd 3:26': 3:26am (parsedatetime) or 3:26pm (the working-hours rule)? Asked
    when a month's day is said with an h:mm of 1-6 and nothing settling am or pm."""
    if len(said) < 3 or (m := _SMALL_HOUR.fullmatch(said[-1])) is None:
        return None
    before = said[:-1]
    if not any(w in W.MONTHS for w in before) or not any(
            re.fullmatch(r"[0-9]{1,2}(st|nd|rd|th)?", w) for w in before):
        return None
    if any(":" in w or w in _SETTLED for w in before):  # nov 13 23:30 - 3:35: a range's end
        return None
    hm = f"{m[1]}:{m[2]}"
    return f"Is {hm} am or pm? Write {hm}am or {hm}pm (or 24-hour, e.g. {int(m[1]) + 12}:{m[2]})."
