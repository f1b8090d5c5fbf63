"""Ranges said as a WHEN, for bot.when: "between 4pm and 5pm", "5 to 6pm", "from may to oct
2020", "2/29-3/1", "april ninth through seventeenth", "from 9 for 2.5 hrs".

A follow-up is due once, so a range reminds at its start, when the window opens; its end is
read (so its words never end up in the note) and checked:

* the start's am/pm comes from the end when the start has none ("5 to 6pm": 17:00), and a
  start said in digits with no am/pm anywhere ("5 to 6") is not read: "five to six" in words
  is a clock time (17:55), so digits without am/pm stay a question;
* the year said at the end is the start's too ("from may to oct 2020": May 2020; "dec 20 to
  jan 5 2028": Dec 20 2027): the start is the last one on or before the end;
* an end before its start, or a range that has begun and not ended, is asked, never guessed;
* slash dates follow the rules of a single slash date, except that one end written in an
  order that cannot be misread ("08/16") settles the other ("08/05": Aug 5), as a weekday
  said with a date does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from bot import when_clock as C
from bot import when_words as W

Words = Callable[[int], str]
Word = tuple[str, int, int]  # normalised word, start and end in the text

RANGE_WORDS = frozenset({"-", "–", "to", "till", "til", "until", "untill", "thru", "through"})
_SLASH = r"[0-9]{1,2}/[0-9]{1,2}(?:/(?:[0-9]{4}|[0-9]{2}))?"
_MONTH_YEAR = r"[a-z]{3,9}/(?:19|20)[0-9]{2}"
_GLUED = re.compile(rf"({_SLASH}|{_MONTH_YEAR})[-–]({_SLASH}|{_MONTH_YEAR})")
_SLASH_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})(/(?:[0-9]{4}|[0-9]{2}))?")
_NAMED_YEAR_RE = re.compile(r"([a-z]{3,9})/((?:19|20)[0-9]{2})")
_DAY_END = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?")
_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "twenty-first twenty-second twenty-third twenty-fourth twenty-fifth twenty-sixth "
    "twenty-seventh twenty-eighth twenty-ninth thirtieth thirty-first".split())}  # fmt: skip
_ZERO_SECONDS = re.compile(r"([0-9]{1,2}:[0-9]{2}):00(am|pm|a|p)")
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_LENGTH_HOUR = re.compile(r"(1[3-9]|2[0-3])h")


def rewrite(words: list[Word]) -> list[Word]:
    """Say a range the way bot.when reads it: "2/29-3/1" is "2/29 - 3/1", "dec/2018" is
    "12/2018", "starting X until Y" is "from X until Y", and a slash date takes the order of
    the other end when that one cannot be misread ("from 08/05 to 08/16": "aug/5")."""
    out: list[Word] = []
    for k, (norm, start, end) in enumerate(words):
        if k == 0 and norm == "starting" and any(w[0] in RANGE_WORDS for w in words[1:7]):
            out.append(("from", start, end))
        elif m := _GLUED.fullmatch(norm):
            cut = start + len(m[1])
            out += [(_month_year(m[1]), start, cut), ("-", cut, cut + 1),
                     (_month_year(m[2]), cut + 1, end)]  # fmt: skip
        elif m := _ZERO_SECONDS.fullmatch(norm):  # 3pm - 6:00:00pm
            out.append((m[1] + m[2], start, end))
        else:
            out.append((_month_year(norm), start, end))
    for k in range(len(out) - 2):
        if out[k + 1][0] in RANGE_WORDS | {"and"}:
            out[k], out[k + 2] = _settle(out[k], out[k + 2]), _settle(out[k + 2], out[k])
    return out


def _month_year(word: str) -> str:
    """dec/2018: written as bot.when reads a month and year, 12/2018."""
    m = _NAMED_YEAR_RE.fullmatch(word)
    month = W.MONTHS.get(m[1]) if m else None
    return f"{month}/{m[2]}" if m and month else word


def _order(word: str) -> str | None:
    """"md" or "dm" for a slash date that can be read one way only, "?" for 08/05."""
    m = _SLASH_RE.fullmatch(word)
    if m is None:
        return None
    a, b = int(m[1]), int(m[2])
    if a > 12 >= b:
        return "dm"
    if b > 12 >= a or a == b:
        return "md"
    return "?" if a <= 12 and b <= 12 else None


def _settle(word: Word, other: Word | None = None) -> Word:
    """08/05 next to 08/16 is Aug 5: written as "aug/5" so it reads one way."""
    if other is None or _order(word[0]) != "?" or (order := _order(other[0])) in (None, "?"):
        return word
    m = _SLASH_RE.fullmatch(word[0])
    assert m is not None
    month, day = (int(m[1]), int(m[2])) if order == "md" else (int(m[2]), int(m[1]))
    year = m[3] or ""
    if len(year) == 3:  # /27: the year 2027
        year = f"/20{year[1:]}"
    return f"{W.MONTH_NAMES[month][:3].lower()}/{day}{year}", word[1], word[2]


def clear_end(w: Words, j: int) -> bool:
    """Is the end of "5 to 6pm" a time that cannot be misread (6pm, 18:00), or followed
    by a part of the day ("5 to seven in the morning")? Else "2 - 15" is Feb 15, "5 to 6"
    could be either half of the day, and neither is read as a range."""
    try:
        got = C.range_end_clock(w, j)
    except C.ClockError:
        return False
    if got is None:
        return False
    said = re.search(r"[:h]|[ap]m?$", w(j)) is not None or w(got[1] - 1) in W.AM_PM
    return (said and not got[0].vague) or C.period_at(w, got[1], True) is not None


def digit_start(w: Words, k: int) -> bool:
    """"5 to 6pm", "5 to seven in the morning": a bare hour opens a range whose end is clear."""
    return bool(re.fullmatch(r"[0-9]{1,2}", w(k))) and w(k + 1) in RANGE_WORDS and clear_end(
        w, k + 2)


def which_half(words: list[str]) -> str | None:
    """"5 to 6" (not read: neither end says am or pm) is asked, not refused as unreadable;
    "2 to 3 days" is no time of day and is left alone."""
    j = 1 if words[0] in ("from", "between") else 0
    a, link, b, after = (words[j : j + 4] + ["", "", "", ""])[:4]
    ends = [re.fullmatch(r"([0-9]{1,2})(?::[0-5][0-9])?", w) for w in (a, b)]
    if not (ends[0] and ends[1]) or link not in RANGE_WORDS | {"and"} or after in W.UNITS:
        return None
    first, last = int(ends[0][1]), int(ends[1][1])
    if not (1 <= first <= 12 and 1 <= last <= 12):
        return None
    same = first < last < 12  # 5 to 6: both am or both pm; 10 to 12, 11 to 1: the other half
    morning = f"{a}am {link} {b}{'am' if same else 'pm'}"
    evening = f"{a}pm {link} {b}{'pm' if same else 'am'}"
    return f"Is '{a} {link} {b}' {morning} or {evening}? Write which; I remind you at its start."


def day_end(w: Words, j: int) -> int | None:
    """The end of "april 9th through 17th" or "... through seventeenth": a day number."""
    if m := _DAY_END.fullmatch(w(j)):
        return int(m[1])
    return _ORDINAL_WORDS.get(w(j))


def hour_before_length(w: Words, i: int) -> C.Clock | None:
    """"16h for 30 mins": with a length after it, 16h is 16:00, not in 16 hours."""
    if _LENGTH_HOUR.fullmatch(w(i)) and w(i + 1) == "for":
        return C.Clock(int(w(i)[:-1]), 0, False, w(i))
    return None


def names_year(words: list[str]) -> bool:
    """Does the end of a range say its year ("oct 2020", "2027-01-02", "5/7/2027")?"""
    return any(_YEAR.search(w) for w in words)


def start_by_end(starts: tuple[date, ...], ends: tuple[date, ...]) -> tuple[date, ...] | None:
    """The start of a range whose end names the year: the last start on or before the end
    ("from may to oct 2020": May 2020). None when every start comes after it."""
    last = ends[0]
    before = [d for d in starts if d <= last]
    return (before[-1],) if before else None


def backwards(start: list[str], end: str) -> str:
    """An end before the start ("from 10 july 2027 to 2 july 2027"): asked, never guessed."""
    said = " ".join(start[start[0] in ("from", "between") :] if start else start)
    return (f"That range ends ({end}) before it starts ({said}): which did you mean? Write "
            f"when it starts, like '{said}'.")
