"""Spans said with two ends, or from now, for bot.when: "later than 9:30 but before 11:00",
"15h GMT - 18h GMT", "2027-03-28 17:00/2027-03-29 21:00", "3 days 15-18 nov", "on the 27th
for one night", "next evening from 7 to 9", "between now and friday".

A span with two ends reminds at its start, like every range (bot.when_ranges): these are
other ways to say one, written here the way the reader already reads a range:

* open bounds: "later than X but before Y", "after X but before Y" are "X to Y"; "no earlier
  than X" and "not before X" are X (the first moment allowed);
* the zone said after both ends belongs to the start too ("15:00 GMT - 18:00 GMT"), and "15h"
  next to another end is 15:00, never "in 15 hours" (asked when said alone);
* an ISO interval "start/end" is "start - end"; "3 days 15-18 nov" and "for one night" are
  lengths, read and not left in the note;
* "(in) between 1pm-2:30pm" is "between 1pm - 2:30pm" ("1-2:30", with no am/pm, is not read);
* "next evening" (morning, afternoon, night) is tomorrow's, as the one source that says it
  reads it (said between 00:00 and 04:00, "tomorrow" is asked, as always).

A span from now ("between now and 8", "from now until friday") has no start to remind at:
it is due at its end when the end is a time (a bare hour is the next one; asked when that is
at night), and the day before the end when the end is a day, as "before friday" is ("between
now and nov 15th" ends as Nov 15 begins); "over the next 3 days" is "the next 3 days".

Asked, never guessed: "may to march" while the one that began in May runs (this one or the
next?), a span from "the end of march" or "the middle of march" (which day?), and "between
now and tomorrow" (by when?).
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta

from bot import when_clock as C
from bot import when_words as W

Words = Callable[[int], str]
Word = tuple[str, int, int]  # normalised word, start and end in the text

_TILL = frozenset({"-", "–", "to", "till", "til", "until", "untill", "thru", "through"})
# the lower bound, said before the start: dropped, the start stays ("later than 9:30")
_LOWER = (("no", "earlier", "than"), ("not", "earlier", "than"), ("no", "sooner", "than"),
          ("not", "sooner", "than"), ("not", "before"), ("later", "than"), ("after",))  # fmt: skip
# the upper bound, said between the ends: "to" ("but before 11:00")
_UPPER = (("but", "before"), ("and", "before"), ("but", "earlier", "than"),
          ("but", "no", "later", "than"), ("but", "not", "after"))  # fmt: skip
_TIMEISH = re.compile(r"[0-9]{1,2}(?:[:h.][0-9]{2})?(?:am|pm|a|p|h)?")
_STARTS = frozenset({"noon", "midday", "midnight", "today", "tonight"}) | W.TOMORROW
_H = re.compile(r"([0-9]{1,2})h")
_ISO_DAY = r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:t[0-9:]+)?"
_INTERVAL = re.compile(rf"({_ISO_DAY}|[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?)/({_ISO_DAY})")
_HOUR = r"[0-9]{1,2}(?:[:.][0-9]{2})?"
_CLOCKS = re.compile(rf"({_HOUR}(?:am|pm|a|p)?)[-–]({_HOUR}(?:am|pm))")  # 1pm-2:30pm, 1-2:30pm
_DAY_SPAN = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?[-–]([0-9]{1,2})(?:st|nd|rd|th)?")
_NIGHTS = {"night": "day", "nights": "days"}
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
# cheap tests first: most WHENs have none of these words and skip the rules that need them
_FIRST_OF_BOUNDS = frozenset(s[0] for s in _LOWER)
_FIRST_OF_LENGTHS = frozenset({"days", "nights", "for", "next"})


def rewrite(words: list[Word]) -> list[Word]:
    """Say a span the way bot.when reads a range; spans of the text are kept, so the WHEN and
    the note are still cut where the user typed them."""
    said = {w[0] for w in words}
    out = _bounds(words) if said & _FIRST_OF_BOUNDS else words
    if said & _TILL:
        out = _zones(out)
    if any("/" in w or "-" in w for w in said) or "between" in said:
        out = _glued(out)
    return _lengths(out) if said & _FIRST_OF_LENGTHS else out


def _said(words: list[Word], k: int, shape: tuple[str, ...]) -> bool:
    return tuple(w[0] for w in words[k : k + len(shape)]) == shape


def _opens(word: str) -> bool:
    """Can this word start a time or a day ("9:30", "3pm", "tomorrow", "thursday")? "later
    than usual", "after lunch" stay notes."""
    return bool(_TIMEISH.fullmatch(word)) or word in _STARTS or word in W.WEEKDAYS or (
        word in W.MONTHS)


def wrapped_months(words: list[str], today: date) -> str | None:
    """"may to march" said in September: the span that began in May runs until March, so
    this one or the next May? Asked, as any range under way is (bot.when_ranges)."""
    j = words[:1] in (["from"], ["between"])
    said = (words[j : j + 4] + ["", "", "", ""])[:4]
    first, last = W.MONTHS.get(said[0]), W.MONTHS.get(said[2])
    if first is None or last is None or said[1] not in _TILL | {"and"} or last >= first:
        return None
    if re.search(r"[0-9]", said[3]) or not (today.month >= first or today.month <= last):
        return None  # from nov to feb 2028; may to march said in april
    return (f"That range has begun and runs until {said[2]}: this one, or the next? Write "
            f"the year it starts ('{said[0]} {today.year + (today.month >= first)} ...').")


def vague_start(words: list[str]) -> str | None:
    """"from the end of march to ...", "between the middle of march and ...": a span that
    opens some time in a few days has no start to remind at (the source reads it from April
    1 and from March 16, one day off "end of march" and "mid march"): asked."""
    j = words[:1] in (["from"], ["between"])
    said = (words[j : j + 6] + [""] * 6)[:6]
    if not j or said[0] != "the" or said[1] not in ("end", "middle") or said[2] != "of":
        return None
    if (month := W.MONTHS.get(said[3])) is None or said[4] not in _TILL | {"and"}:
        return None
    day = 15 if said[1] == "middle" else monthrange(2001, month)[1]
    name = W.MONTH_NAMES[month][:3].lower()
    where = "at the end" if said[1] == "end" else "in the middle"
    return (f"Which day {where} of {said[3]} does it start? Write it, like '{words[0]} "
            f"{name} {day} {said[4]} ...'.")


def _bounds(words: list[Word]) -> list[Word]:
    """"later than 9:30 but before 11:00" -> "9:30 to 11:00"; "no earlier than 10 tomorrow"
    -> "10 tomorrow". "after" alone is read as it is ("after 3pm"), and changed only with an
    upper bound after it."""
    found = (k for k in range(min(3, len(words))) if any(_said(words, k, s) for s in _LOWER))
    at = next(found, 0)  # "tomorrow later than 2pm but before 4pm": after the day too
    lower = next((s for s in _LOWER if _said(words, at, s)), None)
    if lower is None or len(words) <= at + len(lower) or not _opens(words[at + len(lower)][0]):
        return words
    return words[:at] + _bounded(words[at:], lower)


def _bounded(words: list[Word], lower: tuple[str, ...]) -> list[Word]:
    """The bound said first, its start next, then maybe the upper bound and the end."""
    n = len(lower)
    upper = next(((k, s) for k in range(n + 1, min(len(words), n + 5)) for s in _UPPER
                  if _said(words, k, s)), None)  # fmt: skip
    if upper is None and lower == ("after",):
        return words
    if lower in (("after",), ("later", "than")) and not _clockish(words[n][0]):
        return _after_day(words, n, upper)
    first = (words[n][0], words[0][1], words[n][2])
    out = [first, *words[n + 1 :]]
    if upper is not None:
        k, said = upper[0] - n, upper[1]
        if not _opens(out[k + len(said)][0] if k + len(said) < len(out) else ""):
            return words
        out[k : k + len(said)] = [("to", out[k][1], out[k + len(said) - 1][2])]
    return out


def _clockish(word: str) -> bool:
    return bool(_TIMEISH.fullmatch(word)) or word in ("noon", "midday", "midnight")


def _after_day(words: list[Word], n: int, upper: tuple[int, tuple[str, ...]] | None,
               ) -> list[Word]:  # fmt: skip
    """"later than friday" is "after friday" (Saturday). With an upper bound ("after monday
    but before friday", said on a Monday) the two days may not even be in order: left as
    they are, the end is refused or asked, never read here."""
    if upper is not None:
        return words
    return [("after", words[0][1], words[n - 1][2]), *words[n:]]


def _zones(words: list[Word]) -> list[Word]:
    """"15:00 GMT - 18:00 GMT": the first zone is the end's, read once after the range; "15h
    - 18h", "8h to 13h": clock times (15:00), a span settles what "15h" alone leaves open."""
    out = list(words)
    for k in range(len(out) - 4):
        a, zone, link, b, again = (w[0] for w in out[k : k + 5])
        if zone in W.TIME_ZONES and zone == again and link in _TILL and _TIMEISH.fullmatch(
                a) and _TIMEISH.fullmatch(b):  # fmt: skip
            out[k : k + 2] = [(a, out[k][1], out[k + 1][2])]
            break
    for k in range(len(out) - 2):
        (a, s1, e1), link, (b, s2, e2) = out[k], out[k + 1][0], out[k + 2]
        if link in _TILL and (ma := _H.fullmatch(a)) and (mb := _H.fullmatch(b)) and _clocks(
                out, k, int(ma[1]), int(mb[1])):  # fmt: skip
            out[k], out[k + 2] = (f"{ma[1]}:00", s1, e1), (f"{mb[1]}:00", s2, e2)
    return out


def _clocks(out: list[Word], k: int, first: int, last: int) -> bool:
    """"8h to 13h", "9h GMT - 11h GMT": times of day; "2h - 3h", "in 1h to 2h" are lengths
    (two to three hours), and "9h - 11h" could be either: left as they are."""
    if not first < last < 24 or (k and out[k - 1][0] in ("in", "for", "within", "+")):
        return False
    return last >= 13 or (k + 3 < len(out) and out[k + 3][0] in W.TIME_ZONES)


def _glued(words: list[Word]) -> list[Word]:
    """An ISO interval "2027-03-28 17:00/2027-03-29 21:00": its two ends, "start - end";
    "(in) between 1pm-2:30pm": "between 1pm - 2:30pm" (an end without am/pm, "1-2:30", is
    left alone: 1am or 1pm?)."""
    out: list[Word] = []
    for norm, start, end in words:
        m = _INTERVAL.fullmatch(norm)
        if m is None and out and out[-1][0] == "between":
            m = _CLOCKS.fullmatch(norm)
        if m:
            cut = start + len(m[1])
            out += [(m[1], start, cut), ("-", cut, cut + 1), (m[2], cut + 1, end)]
        elif norm == "between" and out and out[-1][0] == "in":
            out[-1] = ("between", out[-1][1], end)
        else:
            out.append((norm, start, end))
    return out


def _lengths(words: list[Word]) -> list[Word]:
    """"3 days 15-18 nov" (the length, then the days it spans: read as those days), "for
    one night" (a length of nights: days), "next evening" (tomorrow's), "over the next 3
    days" (a span from now: at its end, as "the next 3 days")."""
    out = list(words)
    if len(out) > 2 and out[1][0] in ("days", "nights") and (m := _DAY_SPAN.fullmatch(
            out[2][0])) and _count(out[0][0]) in (int(m[2]) - int(m[1]), int(m[2]) - int(
            m[1]) + 1):  # fmt: skip
        out[0:3] = [(out[2][0], out[0][1], out[2][2])]
    for k in range(len(out) - 2):
        if out[k][0] == "for" and _count(out[k + 1][0]) and (
                night := _NIGHTS.get(out[k + 2][0])):  # fmt: skip
            out[k + 2] = (night, *out[k + 2][1:])
    if len(out) > 1 and out[0][0] == "next" and out[1][0] in _DAY_PARTS:
        out[0] = ("tomorrow", *out[0][1:])
    if len(out) > 3 and out[0][0] in ("over", "during", "for") and out[1][0] == "the" and (
            out[2][0] == "next"):  # over the next 3 days: "the next 3 days", at their end
        out[0:2] = [("the", out[0][1], out[1][2])]
    return out


def _count(word: str) -> int:
    """A small count in digits or words ("3", "three"); 0 when it is none."""
    return int(word) if word.isdigit() else W.WORD_NUMBERS.get(word, 0)


# ---------------------------------------------------------------- spans from now


def from_now(w: Words, i: int) -> int:
    """"between now and X", "from now until X": where X begins; 0 when the words are no span
    from now ("from now on")."""
    if w(i) == "between" and w(i + 1) == "now" and w(i + 2) == "and":
        return i + 3
    if w(i) == "from" and w(i + 1) == "now" and w(i + 2) in _TILL:
        return i + 3
    return 0


def bare_hour(w: Words, j: int) -> tuple[C.Clock, int] | None:
    """"between now and 8": a bare hour ends the span (the next 8 o'clock)."""
    if not re.fullmatch(r"[0-9]{1,2}", w(j)):
        return None
    try:
        return C.range_end_clock(w, j)
    except C.ClockError:
        return None


def night_hour(lead: str, hour: int, minute: int) -> str | None:
    """"between now and 5" said at 18:00: the next 5 o'clock is 5am, seldom meant: asked."""
    if hour >= 7:
        return None
    end = f"{hour % 12 or 12}" + (f":{minute:02d}" if minute else "")
    return f"Is '{lead} {end}' {end}am or {end}pm? Write '{lead} {end}am' or '{lead} {end}pm'."


def day_before(said: str, ends: tuple[date, ...], today: date) -> date | str:
    """The span from now ends as its last day begins: the reminder is on the day before
    (like "before friday"); when that is today, what to say instead."""
    end = next((d for d in ends if d > today), None)
    if end is None or end - timedelta(days=1) <= today:
        return (f"'{said}': by when? Write the time to remind you, like 'today 8pm' or "
                f"'tomorrow 9am'.")
    return end - timedelta(days=1)
