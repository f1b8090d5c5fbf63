"""Odd spellings of times and dates, rewritten into the forms bot.when reads, before it
reads them (bot.when_spoken does the same for spoken words).

* am/pm typed with gaps or underscores: "3 p . m .", "10a_m", "8 p_m" are 3pm, 10am, 8pm.
* "mid night" is midnight; "the midday", "the noon", "the midnight" are the time itself.
* Eight digits that make a date: "20270701" is 2027-07-01.
* A month name joined to numbers in any order: "sep-23-2027", "september-2027-23",
  "23-2027-september", "dec-2027", "dec/2027" are read as "sep 23 2027", "dec 2027".
  (The day-first "5-dec-2027" already reads as it is.)
* A year with AD: "2027 AD", "2027 A.D." is 2027; "14th April 27" (two digits last, after
  a day and its month) is 2027.
* A day in plain numbers after a month: "may twenty nine" is May 29.
* Clock words misspelt: "halfe past eight" is half past eight, "quater to 3" quarter to 3.
* "the twenty third day of september", "the 23rd day of september" are "the 23rd of
  september".
* Parts of the day: "in the mornings" is in the morning, "early in the day" is in the
  morning, "mid today" is midday today, "later in today" is later today.
* A weekday with a step from now ("monday two weeks from now", "in 3 days on friday"): see
  weekday_near.

Each word keeps its place in the text (start, end), so the WHEN and the note are still cut
from what was typed. One pass over the words: linear in their number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from bot import when_words as W

Word = tuple[str, int, int]  # normalised word, start and end in the text

_UNDERSCORE_AMPM = re.compile(r"([0-9]{1,2}(?::[0-9]{2})?)?([ap])_m")
_EIGHT_DIGITS = re.compile(r"((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])")
_JOINED = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+){1,2}")
_TIMES = frozenset({"noon", "midday", "midnight"})
_TENS = {"twenty": 20, "thirty": 30}
_ONES = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine".split())}
_ORDINAL_ONES = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth".split())}
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, 'th')}"


def _spaced_ampm(words: list[Word], i: int) -> tuple[Word, int] | None:
    """"p . m ." (each dot its own word, normalised to ""): one word "pm"."""
    norm, start, _ = words[i]
    if norm not in ("a", "p"):
        return None
    rest = [w[0] for w in words[i + 1 : i + 4]]
    for shape in (["", "m", ""], ["", "m"], ["m", ""]):
        if rest[: len(shape)] == shape:
            return (norm + "m", start, words[i + len(shape)][2]), i + len(shape) + 1
    return None


def _eight_digits(word: str) -> str | None:
    """20270701 -> 2027-07-01, when those are a real date."""
    if not (m := _EIGHT_DIGITS.fullmatch(word)):
        return None
    try:
        date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return f"{m[1]}-{m[2]}-{m[3]}"


def _joined(word: str) -> list[str] | None:
    """sep-23-2027, september-2027-23, 23-2027-september, dec/2027: month, day, year."""
    if not _JOINED.fullmatch(word):
        return None
    parts = re.split(r"[-/]", word)
    months = [p for p in parts if p in W.MONTHS]
    if len(months) != 1 or not all(p in W.MONTHS or p.isdigit() for p in parts):
        return None
    years = [p for p in parts if re.fullmatch(r"(19|20)[0-9]{2}", p)]
    days = [p for p in parts if re.fullmatch(r"[0-9]{1,2}", p)]
    if len(years) != 1 or len(days) + 2 != len(parts):
        return None
    if len(parts) == 3 and parts[1] not in years and parts[0] not in months:
        return None  # 5-dec-2027: day first, read as it is
    return [months[0], *days, years[0]]


def _day_in_numbers(words: list[Word], i: int) -> tuple[Word, int] | None:
    """After a month: "twenty nine" -> "29"."""
    if i + 1 >= len(words) or not (i and words[i - 1][0] in W.MONTHS):
        return None
    tens, ones = _TENS.get(words[i][0]), _ONES.get(words[i + 1][0])
    if tens is None or ones is None or tens + ones > 31:
        return None
    return (str(tens + ones), words[i][1], words[i + 1][2]), i + 2


def _day_of(words: list[Word], i: int) -> tuple[Word, int] | None:
    """"twenty third day of september", "23rd day of": the 23rd of."""
    norm, start, _ = words[i]
    k = i + 1
    if norm in _TENS and k < len(words) and words[k][0] in _ORDINAL_ONES:
        norm, k = _ordinal(_TENS[norm] + _ORDINAL_ONES[words[k][0]]), k + 1
    if not re.fullmatch(r"[0-9]{1,2}(st|nd|rd|th)", norm) or int(norm[:-2]) > 31:
        return None
    said = [w[0] for w in words[k : k + 3]]
    if len(said) < 3 or said[:2] != ["day", "of"] or said[2] not in W.MONTHS:
        return None
    return (norm, start, words[k][2]), k + 1


_PLURAL_PARTS = {"mornings": "morning", "afternoons": "afternoon", "evenings": "evening"}


def _day_parts(words: list[Word], i: int) -> tuple[list[Word], int] | None:
    """"in the mornings" is in the morning; "mid today" is midday today; "later in today"
    is later today; "early in the day" is in the morning."""
    said = [w[0] for w in words[i : i + 4]]
    start, end = words[i][1], words[i][2]
    if said[:2] == ["in", "the"] and len(said) > 2 and said[2] in _PLURAL_PARTS:
        last = words[i + 2]
        return [words[i], words[i + 1], (_PLURAL_PARTS[said[2]], last[1], last[2])], i + 3
    if said[:2] == ["mid", "today"]:
        return [("midday", start, end), words[i + 1]], i + 2
    if said[:3] == ["later", "in", "today"]:
        return [words[i], words[i + 2]], i + 3
    if said == ["early", "in", "the", "day"]:
        return [("in", start, end), ("the", start, end), ("morning", start, words[i + 3][2])], i + 4
    return None


_LEADS = frozenset({"a", "p", "in", "mid", "later", "early", "the", *_TENS})


def _phrase(words: list[Word], i: int) -> tuple[list[Word], int] | None:
    """The rewrites that take several words; only tried on the words that can start one."""
    norm = words[i][0]
    if norm not in _LEADS and not norm.endswith(("st", "nd", "rd", "th")):
        return None
    got = _spaced_ampm(words, i) or _day_in_numbers(words, i) or _day_of(words, i)
    if got is not None:
        return [got[0]], got[1]
    return _day_parts(words, i) or _the_day_after(words, i)


def _the_day_after(words: list[Word], i: int) -> tuple[list[Word], int] | None:
    """"the day after christmas" is "a day after christmas" (not "the day after tomorrow",
    which is read as it is); "in the new year" is "new year"."""
    said = [w[0] for w in words[i : i + 4]]
    if said[:3] == ["in", "the", "new"] and said[3:] == ["year"]:
        return [("new", words[i][1], words[i + 2][2]), words[i + 3]], i + 4
    if (len(said) == 4 and said[0] == "the" and said[1] == "day"
            and said[2] in ("after", "before") and said[3] not in _NOT_AFTER):
        return [("a", *words[i][1:])], i + 1
    return None


_NOT_AFTER = frozenset({"tomorrow", "tmrw", "yesterday", "next", "that", "this", ""})


_MISSPELT = {"halfe": "half", "quater": "quarter", "qaurter": "quarter"}  # halfe past eight


def _one(norm: str, start: int, end: int) -> list[Word] | None:
    """The rewrites of a single word: 10a_m, 20270701, sep-23-2027, halfe (half)."""
    if norm in _MISSPELT:
        return [(_MISSPELT[norm], start, end)]
    if "_" in norm and (m := _UNDERSCORE_AMPM.fullmatch(norm)):
        return [((m[1] or "") + m[2] + "m", start, end)]  # 10a_m
    if len(norm) == 8 and (iso := _eight_digits(norm)) is not None:
        return [(iso, start, end)]
    if ("-" in norm or "/" in norm) and (parts := _joined(norm)) is not None:
        return [(part, start, end) for part in parts]
    return None


_HHMM_AMPM = re.compile(r"([0-9]{1,2})([0-5][0-9])([ap]m)")
_CLOCKISH = re.compile(r"[0-9]{1,2}(:[0-5][0-9])?([ap]m)?")
_HOLIDAY_STARTS = frozenset({"christmas", "xmas", "new", "easter", "thanksgiving", "halloween",
                             "boxing", "valentines", "labor", "labour", "memorial"})


_AS_SAID: dict[tuple[str, ...], tuple[str, ...]] = {
    ("over", "the", "weekend"): ("this", "weekend"),
    ("midweek",): ("wednesday",), ("mid-week",): ("wednesday",),
    ("mid", "week"): ("wednesday",), ("overmorrow",): ("day", "after", "tomorrow"),
    ("in", "the", "next"): ("next",),
}
# Said with nothing after them, a bare length is from now ("couple of weeks"); followed by
# words it may be the note ("a few days off"), so only alone.
_ALONE: dict[tuple[str, ...], tuple[str, ...]] = {
    ("couple", "of", "weeks"): ("in", "a", "couple", "of", "weeks"),
    ("a", "couple", "of", "weeks"): ("in", "a", "couple", "of", "weeks"),
    ("couple", "of", "days"): ("in", "a", "couple", "of", "days"),
    ("a", "couple", "of", "days"): ("in", "a", "couple", "of", "days"),
    ("few", "days"): ("in", "a", "few", "days"), ("a", "few", "days"): ("in", "a", "few", "days"),
    ("few", "weeks"): ("in", "a", "few", "weeks"),
    ("a", "few", "weeks"): ("in", "a", "few", "weeks"),
    ("fortnight",): ("in", "a", "fortnight"), ("a", "fortnight"): ("in", "a", "fortnight"),
    ("weekend",): ("this", "weekend"),  # not "weekend plans"
}
_SAID_FIRST = frozenset(p[0] for p in (*_AS_SAID, *_ALONE))


def _length_starting(words: list[Word], i: int) -> int | None:
    """"a week starting tomorrow", "3 days beginning next monday": the reminder is at the
    start, so the length is passed over (where the WHEN resumes, or None)."""
    said = [w[0] for w in words[i : i + 4]] + ["", "", "", ""]
    if not (said[0] in ("a", "an") or _is_count(said[0])) or said[1] not in W.UNITS:
        return None
    if said[2] not in ("starting", "beginning", "commencing"):
        return None
    return i + 3 + (said[3] in ("from", "on"))


def _said_alone(words: list[Word], i: int) -> tuple[list[Word], int] | None:
    """The first words said another way the reader knows: "weekend call" is this weekend's,
    "midweek" Wednesday, "overmorrow" the day after tomorrow; "couple of weeks" said alone is
    from now."""
    if (resume := _length_starting(words, i)) is not None:
        return [], resume
    if words[i][0] not in _SAID_FIRST:
        return None
    start = words[i][1]
    for table, alone in ((_AS_SAID, False), (_ALONE, True)):
        for phrase, said in table.items():
            n = len(phrase)
            at_end = i + n == len(words)
            if tuple(w[0] for w in words[i : i + n]) == phrase and (at_end or not alone):
                end = words[i + n - 1][2]
                return [(w, start, end) for w in said], i + n
    return None


def _after(words: list[Word], i: int) -> tuple[list[Word], int] | None:
    """A WHEN that begins with "after": "after 5pm" is 5pm; "after christmas" or "after
    friday" the day after. "after lunch", "after school", "after an hour" are read as they are."""
    nxt = words[i + 1] if i + 1 < len(words) else None
    if nxt is None:
        return None
    word, start = nxt[0], words[i][1]
    if _CLOCKISH.fullmatch(word) and word[-1:] == "m" or ":" in word and _CLOCKISH.fullmatch(word):
        return [(word, start, nxt[2])], i + 2
    if word in _HOLIDAY_STARTS or word in W.WEEKDAYS:
        _, _, end = words[i]
        return [("a", start, end), ("day", start, end), ("after", start, end)], i + 1
    return None


_NUMBER = re.compile(r"[0-9]{1,3}")
_SPAN = re.compile(r"([0-9]{1,3})[-–]([0-9]{1,3})")


def _is_count(word: str) -> bool:
    return bool(_NUMBER.fullmatch(word)) or word in W.WORD_NUMBERS


def _either(words: list[Word], i: int) -> tuple[list[Word], int] | None:
    """"a day or two", "2 or 3 days", "2-3 days", "two or three weeks": the sooner of the
    two, so the reminder is never late; the whole phrase stays the WHEN's."""
    first = words[i][0]
    if not (first[:1].isdigit() or first in ("a", "an") or first in W.WORD_NUMBERS):
        return None  # the common case, checked first: one pass over the words stays cheap
    said = [w[0] for w in words[i : i + 4]] + ["", "", "", ""]
    count = _is_count
    if said[0] in ("a", "an") and said[1] in W.UNITS and said[2] == "or" and count(said[3]):
        return [words[i], (said[1], words[i + 1][1], words[i + 3][2])], i + 4
    if count(said[0]) and said[1] == "or" and count(said[2]) and said[3] in W.UNITS:
        return [words[i], (said[3], words[i + 1][1], words[i + 3][2])], i + 4
    if (m := _SPAN.fullmatch(said[0])) and said[1] in W.UNITS and int(m[1]) < int(m[2]):
        return [(m[1], *words[i][1:]), words[i + 1]], i + 2
    return None


_H_MM = re.compile(r"([0-9]{1,2})h([0-5][0-9])")
_EVE_DAYS = frozenset(W.TOMORROW | W.TODAY | {"this"})


def rewrite(words: list[Word]) -> list[Word]:
    out: list[Word] = []
    i = 0
    while i < len(words):
        norm, start, end = words[i]
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if (said := _phrase(words, i)) is not None:
            out += said[0]
            i = said[1]
            continue
        if norm == "mid" and nxt == "night" or norm == "the" and nxt in _TIMES and not out:
            out.append(("midnight" if nxt == "night" else nxt, start, words[i + 1][2]))
            i += 1
        elif (one := _one(norm, start, end)) is not None:
            out += one
        elif (m := _HHMM_AMPM.fullmatch(norm)) is not None:  # 930am: 9:30am
            out.append((f"{m[1]}:{m[2]}{m[3]}", start, end))
        elif norm in ("am", "pm") and out and (out[-1][0] in W.WEEKDAYS or out[-1][0] in _EVE_DAYS):
            out.append(("morning" if norm == "am" else "afternoon", start, end))  # mon am
        elif norm == "later" and nxt == "tonight":  # later tonight: tonight
            out.append(("tonight", start, words[i + 1][2]))
            i += 1
        elif not out and (said := _said_alone(words, i)) is not None:
            out += said[0]
            i = said[1]
            continue
        elif norm == "after" and not out and (after := _after(words, i)) is not None:
            out += after[0]
            i = after[1]
            continue
        elif (either := _either(words, i)) is not None:  # in a day or two, in 2-3 days
            out += either[0]
            i = either[1]
            continue
        elif norm in W.PLACE_TIMES and nxt == "time" and out:  # 3pm london time
            out.append((f"{norm}-time", start, words[i + 1][2]))
            i += 1
        elif norm == "in" and (m := _H_MM.fullmatch(nxt)):  # in 1h30: a length, not 01:30
            out += [words[i], (m[1] + "h", *words[i + 1][1:]), (m[2] + "m", *words[i + 1][1:])]
            i += 1
        elif norm == "eve" and out and (out[-1][0] in W.WEEKDAYS or out[-1][0] in _EVE_DAYS):
            out.append(("evening", start, end))  # "mon eve", "tomorrow eve"; not "christmas eve"
        elif norm in ("ad", "a.d") and out and re.fullmatch(r"(19|20)[0-9]{2}", out[-1][0]):
            out[-1] = (out[-1][0], out[-1][1], end)  # 2027 AD
        else:
            out.append(words[i])
        i += 1
    return out


def week_number(w: Callable[[int], str], i: int,
                today: date) -> tuple[tuple[date, ...], int] | None:  # fmt: skip
    """"week 31", "week 31 2027", "wk 31": Monday of that ISO week (09:00), this year's or,
    once that week is over, next year's; while it is under way its Monday has passed, and
    that is said. Followed by other words it is a note ("week 3 review")."""
    if w(i) != "week" or not re.fullmatch(r"[0-9]{1,2}", w(i + 1)):
        return None
    n, k = int(w(i + 1)), i + 2
    years = [today.year, today.year + 1]
    if re.fullmatch(r"(19|20)[0-9]{2}", w(k)):
        years, k = [int(w(k))], k + 1
    if w(k) not in ("", "at", "@", ","):
        return None
    found = []
    for year in years:
        try:
            found.append(date.fromisocalendar(year, n, 1))
        except ValueError:
            continue
    if found and found[0] <= today < found[0] + timedelta(days=7):
        found = found[:1]  # under way: its Monday is past, never next year's by surprise
    return (tuple(found), k) if found else None


_DAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def weekday_near(target: date, weekday: int) -> date | str:
    """"monday two weeks from now", "in 3 days on friday": the sources we measure on take
    that weekday in the target's week (Monday to Sunday) or the first one on or after it.
    Where both give the same day it is read; where they differ the question names both."""
    if weekday >= target.weekday():
        return target + timedelta(days=weekday - target.weekday())
    before = target - timedelta(days=target.weekday() - weekday)
    after = before + timedelta(days=7)
    name = _DAY_NAMES[weekday]
    return (f"Which {name}: {before:%a %-d %b} (in the week of {target:%a %-d %b}) or "
            f"{after:%a %-d %b} (the first after it)? Write the date.")


def short_year(w: Callable[[int], str], k: int) -> int | None:
    """"14th April 27": two digits after a day and its month, ending the text, are the year
    (2027). Anywhere else two digits stay what they were ("14th april 27 people": a note)."""
    if w(k - 1) not in W.MONTHS or not re.fullmatch(r"[0-9]{2}", w(k)) or w(k + 1):
        return None
    return 2000 + int(w(k))


def dated_today(dates: tuple[date, ...], said: list[str], today: date) -> bool:
    """A date written with its year ("2026-12-04", "friday 2026-12-4", "dec 4 2026") that is
    today means today: like "today", 17:00 (then 20:00, 23:00), not 09:00 already past."""
    years = (re.search(r"(?:^|[^0-9])(?:19|20)[0-9]{2}(?:$|[^0-9])", w) for w in said)
    return dates == (today,) and any(years)
