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
* the end's day said after its time is the end's ("february 24 at 3pm - 2pm march 3",
  "from friday 3pm to 2pm sunday"), and a length or an end said after "and" ("@ 2pm and
  lasts for five hours", "and goes until 4pm") is read as "for ..." or "until ...";
* an overnight range with a day said after its end only ("from 6pm - 1am tomorrow": today
  18:00 until 01:00 tomorrow, or tomorrow 18:00?) is asked while both are still to come;
* slash dates follow the rules of a single slash date, except that one end written in an
  order that cannot be misread ("08/16") settles the other ("08/05": Aug 5), as a weekday
  said with a date does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time, timedelta

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
# said after "and" by what starts at the WHEN: its length ("for") or its end ("until")
_AND_SHAPES = (
    (("lasts", "for"), "for"), (("lasts", "about"), "for"), (("lasts",), "for"),
    (("runs", "for"), "for"), (("goes", "on", "for"), "for"), (("goes", "for"), "for"),
    (("takes",), "for"),
    (("goes", "on", "until"), "until"), (("goes", "on", "till"), "until"),
    (("goes", "until"), "until"), (("goes", "till"), "until"), (("goes", "til"), "until"),
    (("goes", "to"), "until"), (("lasts", "until"), "until"), (("lasts", "till"), "until"),
    (("runs", "until"), "until"), (("runs", "till"), "until"), (("runs", "to"), "until"),
    (("ends", "at"), "until"), (("ends", "by"), "until"), (("ends", "around"), "until"),
    (("finishes", "at"), "until"), (("finishes", "by"), "until"), (("ends",), "until"),
)  # fmt: skip
_SAID_AFTER = frozenset(s[0][0] for s in _AND_SHAPES)
_CLOCK_SAID = re.compile(r"[0-9]{1,2}(?:[:h.][0-9]{2})?(?:am|pm|a|p|h)?")
_CLOCK_WORDS = frozenset({"noon", "midday", "midnight"})
_CLOCK_END = r"[0-9]{1,2}(?::[0-9]{2})?(?:am|pm)|[0-9]{1,2}:[0-9]{2}"
_GLUED_CLOCKS = re.compile(rf"({_CLOCK_END})[-–]({_CLOCK_END})")
_GLUED_LENGTH = re.compile(r"([0-9]+(?:\.[0-9]+)?)([a-z]+)")


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
        elif (m := _GLUED_CLOCKS.fullmatch(norm)) and _day_next(words, k + 1):
            cut = start + len(m[1])  # 3pm-2pm march 3: "3pm - 2pm march 3", the end's day
            out += [(m[1], start, cut), ("-", cut, cut + 1), (m[2], cut + 1, end)]
        elif m := _ZERO_SECONDS.fullmatch(norm):  # 3pm - 6:00:00pm
            out.append((m[1] + m[2], start, end))
        else:
            out.append((_month_year(norm), start, end))
    for k in range(len(out) - 2):
        if out[k + 1][0] in RANGE_WORDS | {"and"}:
            out[k], out[k + 2] = _settle(out[k], out[k + 2]), _settle(out[k + 2], out[k])
    return _and_lasts(out) if any(w[0] in _SAID_AFTER for w in out) else out


def _and_lasts(words: list[Word]) -> list[Word]:
    """"@ 2pm and lasts for five hours", "and goes until 4pm", "and ends at 4pm": the length
    or the end of what starts at the WHEN, said as "for five hours", "until 4pm" (the span
    of the words is kept, so a note after them is still cut where it was typed). Only when a
    length or a time follows: "at 2pm and call bob", "and lasts forever" stay the note's."""
    out = list(words)
    k = 1  # "and lasts 2 hours" alone is a note: nothing before it starts
    while k < len(out) - 2:
        if out[k][0] == "and" and (got := _after_and(out, k + 1)):
            link, n = got
            out[k : k + 1 + n] = [(link, out[k][1], out[k + n][2])]
        k += 1
    return out


def _after_and(words: list[Word], j: int) -> tuple[str, int] | None:
    """("for", words said) for "lasts (for)" before a length, ("until", ...) for "goes
    until" before a time; None otherwise."""
    said = [w[0] for w in words[j : j + 4]]
    for shape, link in _AND_SHAPES:
        n = len(shape)
        if tuple(said[:n]) != shape or len(said) <= n:
            continue
        nxt = said[n : n + 2] + [""]
        if link == "for" and _length_said(nxt[0], nxt[1]):
            return link, n
        if link == "until" and (_CLOCK_SAID.fullmatch(nxt[0]) or nxt[0] in _CLOCK_WORDS):
            return link, n
    return None


def _length_said(word: str, unit: str) -> bool:
    """"five hours", "2 hrs", "an hour", "90min", "1.5h": a length."""
    if m := _GLUED_LENGTH.fullmatch(word):
        return m[2] in W.UNITS
    return (word.replace(".", "", 1).isdigit() or word in W.WORD_NUMBERS) and unit in W.UNITS


def _day_next(words: list[Word], k: int) -> bool:
    """Does a day ("march 3", "on sunday", "tomorrow") follow word k?"""
    said = [w[0] for w in words[k : k + 2]]
    return names_day(said[said[:1] == ["on"] :][:1])


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


def names_day(words: list[str]) -> bool:
    """Do the words after a range's end time name its day ("march 3", "sunday", "tomorrow",
    "3/3")? "next week", "in the morning" do not."""
    days = W.WEEKDAYS.keys() | W.TOMORROW | W.TODAY
    return any(w in W.MONTHS or w in days or _SLASH_RE.fullmatch(w) for w in words)


def crosses_midnight(at: time, last: C.Clock) -> bool:
    """Does a range from `at` end at `last` on the next day ("6pm - 1am")?"""
    hours = [last.hour] + [last.hour + 12] * (last.vague and last.hour < 12)
    return not any(time(h % 24, last.minute) > at for h in hours)


def overnight(said: list[str], day: date, at: time, last: C.Clock, today: date) -> str:
    """"from 6pm - 1am tomorrow": today 18:00 until 01:00 tomorrow, or tomorrow 18:00?"""
    ends, starts = _day_name(day, today), _day_name(day - timedelta(days=1), today)
    shown = " ".join(said[said[0] in ("from", "between") :])
    until = f"{last.hour % 24:02d}:{last.minute:02d}"
    return (f"Does '{shown}' start {starts} at {at:%H:%M} (until {until} {ends}), or {ends} at "
            f"{at:%H:%M}? Write '{_day_said(day - timedelta(days=1), today)} {at:%H:%M}' or "
            f"'{_day_said(day, today)} {at:%H:%M}'.")


def _day_name(day: date, today: date) -> str:
    return {today: "today", today + timedelta(days=1): "tomorrow"}.get(day, f"{day:%a %-d %b}")


def _day_said(day: date, today: date) -> str:
    return {today: "today", today + timedelta(days=1): "tomorrow"}.get(day, f"{day:%b %-d}")
