"""WHENs written as bare figures, for bot.when: rewritten into shapes the grammar reads.

Each shape comes from a parser we measure against, and no other source reads it otherwise:

* A month and day with a dash or a spaced slash ("2-15", "2 - 15", "2 / 15": Duckling's Feb
  15) is "2/15", when only one order is a date (one number over 12). "5-6" stays as it was
  (a range of hours, or asked), and so does a dash after "from" or a month ("aug 2-15": days).
* A clock time with a dash ("17-59", "5-59 pm": olebedev/when's 17:59), when am/pm says so
  or the hour is 13-23 and the minutes can be neither a day nor an hour ("3-45" stays);
  three or six figures alone ("730", "173000": parsedatetime's 07:30 and 17:30:00) read
  like "at 730". "7" is still asked, am or pm.
* A day of the month said as a bare number that cannot be an hour ("28" alone: nickel's
  28th), or after "the" ("on the 28", "the 28 at 3pm"); a misspelt ordinal ("the
  twentyeigth"). A number that can be an hour ("10", "17") stays the hour it reads as.
* A year spelled out ("two thousand and twenty", "twenty twenty-seven", Recognizers-Text's
  year), alone or after "in": as "in 2020", its first day.
* Milliseconds ("2 milliseconds from now", Sugar) count as the whole second they round up
  to: a reminder is never earlier than said, and its reply shows it due "now".
* "next 6th of april" is "next april 6th" (Recognizers-Text: the next April 6); "next 5/12"
  asks the order of its figures, as "5/12" does.

Asked, never guessed: "2027" alone (the year, or 20:27?), "after this year" (a year from
today, as chrono reads it, or once the year is over?), "28 slides" (the 28th, or the note?).

Each word keeps its place in the text (a merged word spans the words it replaces), so the
WHEN and the note are still cut from what was typed. One pass over the words: linear.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot import when_words as W

Word = tuple[str, int, int]  # normalised word, start and end in the text

_MONTH_DAY = re.compile(r"(0?[1-9]|1[0-2])[-/](1[3-9]|2[0-9]|3[01])(?:[-/](?:19|20)[0-9]{2})?")
_DASH_CLOCK = re.compile(r"([01]?[0-9]|2[0-3])-([0-5][0-9])(am|pm)?")
_THREE = re.compile(r"[1-9][0-5][0-9]")
_SIX = re.compile(r"([01][0-9]|2[0-3])([0-5][0-9])([0-5][0-9])")
_DAY_NOT_HOUR = re.compile(r"2[4-9]|3[01]")
_DAY = re.compile(r"[1-9]|[12][0-9]|3[01]")
_SLASH = re.compile(r"([0-9]{1,2})/([0-9]{1,2})")
_DAY_WORDS = W.TODAY | W.TOMORROW | {"tonight"}
_MILLIS = frozenset({"millisecond", "milliseconds", "ms", "msec", "msecs", "millis"})
# Words after which a figure opens the WHEN; after others ("from", "aug") it is a range's.
_BEFORE = frozenset({"on", "by", "due", "until", "till", "before", "at", "@", ","})
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "eigth": 8, "ninth": 9, "nineth": 9}  # fmt: skip
_COMPOUND = re.compile(r"(twenty|thirty)-?(" + "|".join(_ORDINALS) + ")")
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}  # fmt: skip
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _opens(words: list[Word], k: int) -> bool:
    """A figure at word k may open a WHEN: first, or after a lead word or a day's name
    (not after a month: "aug 17-30" is a range of days)."""
    before = words[k - 1][0] if k else ""
    return not k or before in _BEFORE or before in W.WEEKDAYS or before in _DAY_WORDS


def _half(words: list[Word], k: int) -> bool:
    """Word k says am or pm ("2-15 a quick call": the article, the note's first word)."""
    word = words[k][0] if k < len(words) else ""
    after = words[k + 1][0] if k + 1 < len(words) else ""
    return W.half_of_day(word, after) is not None


def _ends(words: list[Word], k: int) -> bool:
    """Nothing after word k makes its figure a length or a range of days ("2-15 july")."""
    after = words[k + 1][0] if k + 1 < len(words) else ""
    then = words[k + 2][0] if k + 2 < len(words) else ""
    if after == "to":  # "2-15 to 3-20" is a range; "2-15 to the team" a date and a note
        return not (any(c.isdigit() for c in then) or then in W.MONTHS)
    return after not in W.UNITS and after not in W.MONTHS and after not in ("of", "-")


def _spelled_under_100(words: list[Word], k: int) -> tuple[int, int] | None:
    """'twenty', 'twenty seven', 'twenty-seven', 'five', 'fifteen' at word k: (value, end)."""
    word = words[k][0] if k < len(words) else ""
    if "-" in word and (parts := word.split("-", 1)) and parts[0] in _TENS and (
            parts[1] in _ONES):
        return _TENS[parts[0]] + _ONES[parts[1]], k + 1
    if word in _TENS:
        nxt = words[k + 1][0] if k + 1 < len(words) else ""
        return (_TENS[word] + _ONES[nxt], k + 2) if nxt in _ONES else (_TENS[word], k + 1)
    value = _ONES.get(word) or _TEENS.get(word)
    return (value, k + 1) if value else None


def _spelled_year(words: list[Word], k: int) -> tuple[int, int] | None:
    """'two thousand (and) twenty', 'twenty twenty-seven' at word k: (year, end)."""
    norms = [w[0] for w in words[k : k + 3]]
    if norms[:2] == ["two", "thousand"]:
        j = k + 2 + (norms[2:3] == ["and"])
        got = _spelled_under_100(words, j)
        return (2000 + got[0], got[1]) if got else None
    if norms[:1] == ["twenty"] and (got := _spelled_under_100(words, k + 1)) and got[0] >= 10:
        return 2000 + got[0], got[1]
    return None


def _year(words: list[Word]) -> list[Word] | None:
    """A spelled year alone, or after "in" with anything after it: "in" and its figures."""
    lead = int(bool(words) and words[0][0] == "in")
    got = _spelled_year(words, lead)
    if got is None or not (lead or got[1] == len(words)):
        return None
    year, end = got
    start = words[0][1]
    return [("in", start, start), (str(year), words[lead][1], words[end - 1][2]), *words[end:]]


def _alone(words: list[Word]) -> list[Word] | None:
    """One figure alone: "730" -> "at 730", "173000" -> "at 17:30:00", "28" -> "the 28th"."""
    if len(words) != 1:
        return None
    norm, start, end = words[0]
    if _THREE.fullmatch(norm):
        return [("at", start, start), (norm, start, end)]
    if m := _SIX.fullmatch(norm):
        return [("at", start, start), (f"{m[1]}:{m[2]}:{m[3]}", start, end)]
    if _DAY_NOT_HOUR.fullmatch(norm):
        return [("the", start, start), (f"{norm}{_suffix(int(norm))}", start, end)]
    return None


def _dash_clock(words: list[Word], k: int) -> str | None:
    """'17-59' -> '17:59', '5-59' before pm -> '5:59': the second number is no day or hour."""
    m = _DASH_CLOCK.fullmatch(words[k][0])
    if m is None or not _opens(words, k) or not _ends(words, k):
        return None
    hour, minute = int(m[1]), int(m[2])
    if (m[3] or _half(words, k + 1)) and 1 <= hour <= 12 and minute >= 13:
        return f"{hour}:{m[2]}{m[3] or ''}"
    if not m[3] and hour >= 13 and minute >= 24:  # "3-45 people": a range, not 15:45
        return f"{hour}:{m[2]}"
    return None


def _month_day(words: list[Word], k: int) -> tuple[str, int] | None:
    """'2-15' or '2' '-' '15' / '2' '/' '15' at word k: ('2/15', index after it)."""
    if not _opens(words, k):
        return None
    norm = words[k][0]
    if k + 2 < len(words) and words[k + 1][0] in ("-", "/") and norm.isdigit():
        norm, last = f"{norm}/{words[k + 2][0]}", k + 2
    else:
        last = k
    if not _MONTH_DAY.fullmatch(norm) or not _ends(words, last):
        return None
    return (norm.replace("-", "/"), last + 1) if not _half(words, last + 1) else None


def _next_dated(words: list[Word], k: int) -> tuple[list[Word], int] | None:
    """At "next": "next 6th of april" -> "next april 6th"; "next 5/12" -> "5/12" (asked:
    which order?), "next 2/15" -> "next february 15"."""
    nxt = words[k + 1] if k + 1 < len(words) else ("", 0, 0)
    start = words[k][1]
    if (m := _SLASH.fullmatch(nxt[0])) and 1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 31:
        a, b = int(m[1]), int(m[2])
        if b <= 12 and a != b:  # either order is a date: ask as "5/12" does
            return [(nxt[0], start, nxt[2])], k + 2
        cut = nxt[1] + len(m[1])
        return [words[k], (W.MONTH_NAMES[a].lower(), nxt[1], cut), (m[2], cut, nxt[2])], k + 2
    day = re.fullmatch(r"([0-9]{1,2})(st|nd|rd|th)", nxt[0])
    if day and k + 3 < len(words) and words[k + 2][0] == "of" and words[k + 3][0] in W.MONTHS:
        month = words[k + 3]
        return [words[k], (month[0], nxt[1], nxt[2]), (nxt[0], words[k + 2][1], month[2])], k + 4
    return None


def _word(words: list[Word], k: int) -> str:
    """One word rewritten where it stands (a misspelt ordinal, milliseconds), else as is."""
    norm = words[k][0]
    if m := _COMPOUND.fullmatch(norm):
        n = (20 if m[1] == "twenty" else 30) + _ORDINALS[m[2]]
        return f"{n}{_suffix(n)}" if n <= 31 else norm
    if norm in ("eigth", "nineth"):
        return f"{_ORDINALS[norm]}th"
    if norm in _MILLIS and k and words[k - 1][0].isdigit():
        return "second" if int(words[k - 1][0][:9]) <= 1000 else "seconds"
    return norm


def rewrite(words: list[Word]) -> list[Word]:
    """The figures in the grammar's words (see the module docstring)."""
    if (got := _alone(words) or _year(words)) is not None:
        return got
    out: list[Word] = []
    k = 0
    while k < len(words):
        norm, start, end = words[k]
        if norm == "next" and (dated := _next_dated(words, k)) is not None:
            out.extend(dated[0])
            k = dated[1]
            continue
        if (clock := _dash_clock(words, k)) is not None:
            out.append((clock, start, end))
        elif (md := _month_day(words, k)) is not None:
            out.append((md[0], start, words[md[1] - 1][2]))
            k = md[1]
            continue
        elif norm.isdigit() and k + 1 < len(words) and words[k + 1][0] in _MILLIS:
            out.append((str(max(1, -(-int(norm[:9]) // 1000))), start, end))  # rounded up
        elif norm == "the" and k + 1 < len(words) and _DAY.fullmatch(words[k + 1][0]) and (
                _day_after_the(words, k + 1)):
            n = int(words[k + 1][0])
            out.extend([(norm, start, end), (f"{n}{_suffix(n)}", *words[k + 1][1:])])
            k += 2
            continue
        else:
            out.append((_word(words, k), start, end))
        k += 1
    return out


_LEADS = frozenset({"on", "by", "until", "till", "before", "due"})


def _day_after_the(words: list[Word], k: int) -> bool:
    """'the 28' is the 28th: alone, before a time, a comma, or after "on" or "by" ("on the
    28 call ana"); not before a length or other figures ("the 3 slides" stays a note)."""
    after = words[k + 1][0] if k + 1 < len(words) else ""
    before = words[k - 2][0] if k >= 2 else ""
    if after in W.UNITS or after.isdigit() or after in W.MONTHS:
        return False
    return not after or after in ("at", "@", ",", "of") or bool(
        re.match(r"[0-9]{1,2}(:[0-9]{2})?(am|pm)$", after)) or before in _LEADS


_AFTER_THIS = frozenset({"week", "month", "year"})


def asked(words: list[str], today: date) -> str | None:
    """Questions for figures and years read two ways: "2027" alone (the year, or 20:27?),
    "after this year" (a year from today, as chrono reads it, or once the year is over?)."""
    if len(words) == 1 and (m := re.fullmatch(r"(20)([0-5][0-9])", words[0])):
        return (f"Is '{words[0]}' a year or a time? For its first day write 'in {words[0]}'; "
                f"for the time, 'at {m[1]}:{m[2]}'.")
    if len(words) > 1 and (m := _SIX.fullmatch(words[0])):
        more, hms = " ".join(words[1:4]), f"{m[1]}:{m[2]}:{m[3]}"
        return (f"Is '{words[0]}' a time? For the time write 'at {hms} {more}'; to keep it "
                f"in the note, give the day first, like 'friday: {words[0]} {more}'.")
    if len(words) > 1 and _DAY_NOT_HOUR.fullmatch(words[0]) and words[1].isalpha() and (
            words[1] not in W.UNITS):
        more = " ".join(words[1:4])
        nth = f"{words[0]}{_suffix(int(words[0]))}"
        return (f"Is '{words[0]}' the day of the month? For the date write 'the {nth} "
                f"{more}'; to keep it in the note, give the day first, like 'friday: "
                f"{words[0]} {more}'.")
    if words[:2] == ["after", "this"] and len(words) > 2 and words[2] in _AFTER_THIS:
        unit = words[2]
        over = {"week": today + timedelta(days=7 - today.weekday()),
                "month": (today.replace(day=28) + timedelta(days=4)).replace(day=1),
                "year": date(today.year + 1, 1, 1)}[unit]  # fmt: skip
        return (f"'after this {unit}': in a {unit} from today, or once this {unit} is over "
                f"({over:%a %-d %b %Y})? Write 'in a {unit}' or '{over:%b %-d %Y}'.")
    return None
