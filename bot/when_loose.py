"""WHENs said loosely, for bot.when, from go-naturaldate's tests (the other parsers we measure
against do not contradict them):

* a 24-hour hour said alone ("17"): that hour, today if still ahead, else tomorrow, like
  "at 17" (go-naturaldate reads "17" as 17:00, natty a bare "10" as 10:00). Only alone: with
  words after it ("17 slides") the number may be the note's, so it stays refused.
* "next <month> <day>" ("next December 23rd at 5:25 PM"): that day in the month "next
  december" names, the next one after this month (natty: "next september" said in February
  is this September, "next february" said in February next year's).
* "the <month> <day>" ("on the December 25th at 7am"): "december 25th".

And from olebedev/when's tests: "5 P." / "11 A." (p.m. / a.m. cut to a letter and a dot) and
"this noon" (today's noon, as "this morning" is today's morning); without the dot ("5 a")
the letter is not read, and never shown to dateparser (which read "5 a" as May 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from bot import when_words as W

Word = tuple[str, int, int]  # normalised word, start, end in the text
Dated = tuple[int, int, int, int]  # year, month, day, index after the day

_HOUR_24 = re.compile(r"1[3-9]|2[0-3]")
_HOUR_12 = re.compile(r"[1-9]|1[0-2]")
_DAY = re.compile(r"([0-9]{1,2})(st|nd|rd|th)?")


def rewrite(words: list[Word]) -> list[Word]:
    """"17" alone -> "at 17" (the reader's time after "at"); 13-23 only: 1-12 alone already
    take the working-hours reading, and 24 or more is no hour. "5 P." -> "5pm", "5 A." ->
    "5am" (the dot says it is short for p.m.; "5 p" stays as it was). "this noon" -> "today
    noon"."""
    if len(words) == 1 and _HOUR_24.fullmatch(words[0][0]):
        norm, start, end = words[0]
        return [("at", start, start), (norm, start, end)]
    out: list[Word] = []
    for norm, start, end in words:
        if out and norm in ("a", "p") and end - start == 2 and _HOUR_12.fullmatch(out[-1][0]):
            out[-1] = (f"{out[-1][0]}{norm}m", out[-1][1], end)  # 5 P. (a dot was dropped)
        elif out and norm == "noon" and out[-1][0] == "this":
            out[-1] = ("today", out[-1][1], out[-1][2])
            out.append((norm, start, end))
        else:
            out.append((norm, start, end))
    return out


def letter_after_hour(words: Sequence[str]) -> bool:
    """"5 a", "3 a call": a lone letter after an hour, read by dateparser as a month and a
    year ("5 a" -> May 1). Not shown to it: refused rather than read so ("5 A." is 05:00)."""
    pairs = zip(words, words[1:], strict=False)
    return any(a in ("a", "p") and _HOUR_12.fullmatch(h) is not None for h, a in pairs)


def _day(word: str) -> int | None:
    m = _DAY.fullmatch(word)
    return int(m[1]) if m and 1 <= int(m[1]) <= 31 else None


def next_month_day(w: Callable[[int], str], i: int, today: date) -> Dated | None:
    """At "next" (word i): "next december 23rd" / "next december the 23rd" -> (year, month,
    day, index after the day). The month is the next one after this month, as "next
    december" alone reads; None when no day follows (then "next december" is its 1st)."""
    month = W.MONTHS.get(w(i + 1))
    if w(i) != "next" or month is None:
        return None
    k = i + 3 if w(i + 2) == "the" else i + 2
    if (day := _day(w(k))) is None:
        return None
    return today.year + (month <= today.month), month, day, k + 1


def the_month_day(w: Callable[[int], str], i: int) -> bool:
    """"the december 25th": a month between "the" and its day reads as "december 25th"."""
    return w(i) == "the" and w(i + 1) in W.MONTHS and _day(w(i + 2)) is not None
