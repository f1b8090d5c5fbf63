"""Where a WHEN begins and where it ends, for bot.when: does a text begin like a date (so
an unreadable one is refused, not kept as a note), and do the words after what was read
still speak of the time (so a half-read WHEN is refused, never stored with a wrong due)?
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from bot import when_words as W


def _has_digit(word: str) -> bool:
    return re.search(r"[0-9]", word) is not None


def names_the_past(words: Sequence[str]) -> bool:
    """'last friday', 'last week': a date, certainly, and certainly not a future one."""
    nxt = words[1] if len(words) > 1 else ""
    return words[0] in ("last", "previous") and (
        nxt in W.WEEKDAYS or nxt in W.MONTHS or nxt in ("week", "month", "year", "night"))


# Work-chat words that look like a time or a date and never are one: "1:1 prep", "24/7 on-call".
NEVER_A_DATE = frozenset({"1:1", "1-1", "1on1", "1-on-1", "1x1", "24/7", "24x7"})


_DURATION_WORDS = frozenset({"a", "an", "and", "half", *W.WORD_NUMBERS})


def bare_head(said: Sequence[str], year: int) -> str | None:
    """A WHEN that could as well be the start of the note, when more words follow it: a
    bare day number ("2nd draft"), a length with no "in" ("5 min call", "3d printer") or a
    quarter ("q3 numbers"). Returns how to write it as a WHEN, None when it is plainly one."""
    text = " ".join(said)
    if len(said) == 1 and re.fullmatch(r"[0-9]{1,2}(st|nd|rd|th)", said[0]):
        return f"on the {text}"
    if re.fullmatch(r"q[1-4]", said[0]) and len(said) == 1 or said[1:] == ["quarter"] and (
            said[0] in _ORDINAL_DAYS or re.fullmatch(r"[1-4](st|nd|rd|th)", said[0])):
        return f"{said[0]} {year}" if said[0].startswith("q") else f"the {text} of {year}"
    units = [w for w in said if w in W.UNITS or (m := re.fullmatch(r"[0-9.]+([a-z]+)", w))
             and m[1] in W.UNITS]
    if units and all(w in _DURATION_WORDS or w in W.UNITS or _has_digit(w) for w in said):
        return f"in {text}"
    return None


_SPELLED = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "tomorrow", "tonight", "today", "january", "february", "september", "october",
            "november", "december", "christmas", "weekend")


def misspelt(word: str) -> str | None:
    """'wensday', 'tomorrw', 'firday': the WHEN word it is most like, when close enough.
    A longer word built on one ("todays", "sundays") is not a slip."""
    if len(word) < 5 or not word.isalpha() or word in _SPELLED:
        return None
    close = difflib.get_close_matches(word, _SPELLED, n=1, cutoff=0.8)
    return close[0] if close and not word.startswith(close[0]) else None


def vague(words: Sequence[str]) -> str | None:
    """'asap', 'soon', 'in a bit', 'now' alone: a time, but none to remind at. Seven days
    (the default for no WHEN) would be the opposite of what was said, so it is asked."""
    if words[0] in ("asap", "a.s.a.p", "immediately", "soon", "sometime", "someday"):
        return words[0]
    if len(words) == 1 and words[0] in ("now", "later", "whenever"):
        return words[0]
    if list(words[:2]) == ["right", "now"] or list(words[:2]) == ["right", "away"]:
        return " ".join(words[:2])
    if list(words[:2]) == ["in", "a"] and words[2:3] in (["bit"], ["while"], ["moment"]):
        return " ".join(words[:3])
    return None


def repeats(words: Sequence[str]) -> bool:
    """'every monday', 'each week', 'every 2 weeks': a follow-up is one promise, due once."""
    nxt = words[1] if len(words) > 1 else ""
    return words[0] in ("every", "each") and (
        nxt in W.WEEKDAYS or nxt in W.UNITS or nxt in (
            "other", "morning", "evening", "night", "weekend", "weekday") or _has_digit(nxt))


def begins_like_date(words: Sequence[str]) -> bool:
    """Should an unreadable start be an error (True) or simply part of the note (False)?"""
    i, led = 0, False
    while i < len(words) - 1 and words[i] in W.LEAD_WORDS and i < 2:
        i, led = i + 1, True
    first, nxt = words[i], words[i + 1] if i + 1 < len(words) else ""
    after = words[i + 2] if i + 2 < len(words) else ""
    if _has_digit(first) or first in W.DATE_WORDS:
        return True
    if first in W.WEEKDAYS:
        return first not in W.WEAK_WEEKDAYS or led or nxt == "" or _has_digit(nxt)
    if first in W.MONTHS:
        return first not in W.WEAK_MONTHS or led or _has_digit(nxt)
    dateish = _has_digit(nxt) or nxt in W.WEEKDAYS or nxt in W.MONTHS
    if first in ("in", "within"):
        return dateish or nxt in W.UNITS or (nxt in W.WORD_NUMBERS and after in W.UNITS)
    if first == "next":
        return dateish or nxt in ("week", "month", "year", "weekend")
    if first in ("from", "between"):  # from 9:30 to 11, from 13 to 15 july; not "from 3 shops"
        timeish = bool(_DATEISH.search(nxt)) or nxt in W.WEEKDAYS or nxt in W.MONTHS
        return timeish or nxt == "the" and (_has_digit(after) or after in W.MONTHS) or (
            _has_digit(nxt) and after in ("to", "-", "and", "until", "till", "through"))
    if first in ("this", "coming"):
        return nxt in W.WEEKDAYS or nxt in ("weekend", "morning", "afternoon", "evening")
    if first == "the":
        return _has_digit(nxt) or nxt in W.WEEKDAYS
    if first == "end" and nxt == "of":
        return (after if after != "the" else words[i + 3] if i + 3 < len(words) else "") in (
            "day", "week", "month", "year", "business")  # fmt: skip
    if first == "new":
        return nxt in ("year", "years")
    if first in W.WORD_NUMBERS and nxt in W.UNITS:
        return after in ("from", "later", "ago")
    return False



TIME_ZONES = frozenset(W.TIME_ZONES)
_GOES_ON = frozenset(
    "oclock am pm noon midnight tonight tonite hence ago morning afternoon evening night eod "
    "approximately approx sharp latest earliest forenoon quarter qtr closest later of between "
    "ad a.d bc b.c"
    .split())
_THEN = frozenset({"next", "this", "following", "coming", "current", "last", "previous",
                   "upcoming"})  # fmt: skip
_SPANS = frozenset({"week", "weeks", "month", "months", "year", "years", "weekend", "quarter",
                    "day", "days", "hour", "hours", "morning", "afternoon", "evening", "night",
                    })  # fmt: skip
# Day numbers in words ('the twenty fourth', 'through seventeenth'): after a WHEN they
# still speak of the date, so what was read before them was only half of it.
_ORDINAL_DAYS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth".split())
# After "at the", "by the", "after next": a time goes on ("by the end of may", "at the same
# time"); anything else ("about the offer", "after the meeting", "about next steps") is the note.
_EDGES = frozenset({"end", "beginning", "start", "middle", "close", "same", "latest", "earliest"})
_WORKDAYS = frozenset({"weekday", "weekdays", "workday", "workdays", "working", "business"})
# Words that open a span of time, where even a month that is also a word ("may", "march") is
# the month: "3pm from august 27th - 29th" was read as 15:00 today, the rest a note.
_SPAN_LEADS = frozenset({"after", "from", "in", "till", "til", "until", "untill", "thru",
                         "through", "between", "during"})


def _an_amount(word: str, then: str) -> bool:
    """"in a couple of days", "in a few weeks", "in a bit": a length (not "about a few
    things", "a quick call")."""
    if word in ("couple", "pair", "few", "handful", "number"):
        return then == "of" or then in W.UNITS
    return word in ("bit", "while", "moment", "fortnight", "little")
_DATEISH = re.compile(r"[0-9].*[:/.\-–]|[0-9][a-z]|[a-z][0-9]|^[0-9]{3,4}$")


def _timeish(word: str) -> bool:
    """A word that names a time or a date by itself."""
    return bool(word) and (word in W.WEEKDAYS and word not in W.WEAK_WEEKDAYS
                           or word in W.MONTHS and word not in W.WEAK_MONTHS
                           or word in _SPANS or word in W.DATE_WORDS or word in W.UNITS
                           or word in W.AM_PM and len(word) > 1  # "a" alone: "friday a call"
                           or word in _GOES_ON)  # fmt: skip


def goes_on(words: Sequence[str]) -> bool:
    """Do the words after a WHEN still speak of the time ("tomorrow noon next week",
    "Aug 5 - 16", "3pm approximately")? Then the WHEN was only half read."""
    ws = [w for w in words[:5] if w not in ("-", "–", ",")] if words else []
    a, b, c, d = (ws + ["", "", "", ""])[:4]
    if a in _GOES_ON or a.endswith("ish") or _timeish(a) and (
            a not in W.UNITS or b in ("", "of", "after", "before", "from", "later")):
        return True
    if len(a) == 1 and W.half_of_day(a, b):  # "at 5 a": 5am, half read ("friday a call": a note)
        return True
    if a == "week":  # "christmas week call": which day of it?
        return True
    if a == "half" and b in ("", "of"):  # "the 2nd half of 2027" is not the 2nd of a month
        return True
    if a in ("early", "late", "very", "mid"):
        return b in ("", "early", "late", "in", "on", "at") or _timeish(b)
    if re.fullmatch(r"[0-9]{1,2}", a):  # "tomorrow 8 call": 8 o'clock, or a count?
        return True
    if _has_digit(a):
        return bool(_DATEISH.search(a)) or b == "" or _timeish(b) or b in ("and", "or")
    if a in _ORDINAL_DAYS:
        return True
    if a in W.WORD_NUMBERS and a not in ("a", "an"):  # three fridays from now
        return b == "" or _timeish(b) or b in _ORDINAL_DAYS or b[:-1] in W.WEEKDAYS
    if a in ("starting", "beginning", "commencing"):
        return b in ("from", "on", "at", "in", "next", "this") or _timeish(b) or _has_digit(b)
    if a in _THEN and b in _WORKDAYS:  # 3pm next weekday
        return True
    if a in _SPAN_LEADS and b in W.MONTHS:  # 3pm from august 27th, 3pm during march
        return True
    if a in _THEN or a in _SPAN_LEADS or a in ("for", "to", "past", "of", "at", "@", "around",
                                               "about", "by", "before", "p", "a", "the", "+",
                                               "plus"):
        return _has_digit(b) or _timeish(b) or b == "m" and a != "the" or b in ("next", "the") and (
            _timeish(c) or _has_digit(c) or c in _ORDINAL_DAYS or c in _EDGES
        ) or b in W.WORD_NUMBERS and (
            _timeish(c) or c in _ORDINAL_DAYS or _an_amount(c, d)) or b in _ORDINAL_DAYS
    if a == "and":
        return _has_digit(b)
    if a in ("or", "/"):  # tomorrow or friday: which one? refused, never half read
        return _has_digit(b) or _timeish(b) or b in _THEN
    if a == "on":
        return _has_digit(b) or _timeish(b) or b == "the" and (_has_digit(c) or _timeish(c))
    return False
