"""Lengths counted from a day other than today, and a day inside a span, for bot.when.

Most of these are said another way the reader already knows (a rewrite of the words, like
bot.when_spellings), so they follow its conventions:

* "the second week after this friday" is "2 weeks after this friday" (natty: that Friday
  and two weeks); "3 sundays after next wed" is "the 3rd sunday after next wed" (natty),
  so a time may come with it ("11:59 on 3 sundays after next wed").
* "the year after next" is "in 2 years", as "next year" is a year from today (natty).
* "2 next days", "3 next weeks", "5 coming minutes" are "next 2 days" ... (Recognizers-Text;
  Duckling's "2 upcoming days" agrees): reminded at their end, like "in 2 days".
* "the day after", "the min after", "the hour after" said alone (or with a time: "the day
  after at 3pm") are "next day", "next minute", "next hour" (Recognizers-Text, chrono).
  Followed by other words ("the day after the launch") they are not rewritten: what they
  count from is the note's.
* "first monday evening of next month" is "evening of the first monday of next month",
  "first monday 1pm to 3pm of next month" is "1pm to 3pm on the first monday of next month".
* "within the next 2 weeks" is "within 2 weeks" (asked: parsers differ on the last day).

Read here, with hooks in bot.when:

* "5 hours after midnight", "10 hours before midnight": the first such time still ahead,
  counted from a midnight (natty, at 00:00: 05:00 that day, and 14:00 that day), as "2 hours
  after 3pm" is the next 17:00.
* "the first 2 weeks of 2021", "the last 3 weeks of this year", "the last four months of
  2021": the first day of the first of them (a week's Monday, ISO-numbered, as "the first
  week of 2021" in bot.when_periods_said); by their end, 17:00, once under way.

Asked, never guessed: "less than 3 days after tomorrow" (by when?), and "sunday 3 weeks
after january 15th" where the third Sunday after the 15th (Recognizers-Text) is not the
Sunday of the week three weeks on (as "saturday 3 days from now" is read here).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from bot import when_words as W

Words = Callable[[int], str]
Word = tuple[str, int, int]  # normalised word, start and end in the text
Said = tuple[tuple[date, ...], bool, int]  # first days, read by its end?, where it ends

_COUNT = re.compile(r"[0-9]{1,3}")
_ORDINALS = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
             "5th": 5, "sixth": 6, "6th": 6}  # fmt: skip
_NTH_WORDS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th"}
_NTH = frozenset({"first", "1st", "second", "2nd", "third", "3rd", "fourth", "4th", "fifth",
                  "5th", "last"})  # fmt: skip
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
_NEXT_ONE = {"day": "day", "min": "minute", "minute": "minute", "hour": "hour", "hr": "hour"}
_LEADS = frozenset({"the", "within", "first", "1st", "second", "2nd", "third", "3rd",
                    "fourth", "4th", "fifth", "5th", "last"})  # fmt: skip
_UNIT_OF = {"week": "week", "weeks": "week", "month": "month", "months": "month"}
_FIRST_OR_LAST = {"first": 1, "last": -1, "final": -1}
_FEW = ("few", "couple")  # within the next few days: within a few days
_CLOCKISH = re.compile(r"[0-9]{1,2}([:.][0-9]{2})?(am|pm|a|p|h)?|to|-|–|until|till|and")
_CLOCK = re.compile(r"[0-9]{1,2}(:[0-9]{2}(am|pm|a|p|h)?|(am|pm|a|p|h))")  # said as a time


def _count(word: str) -> int | None:
    if _COUNT.fullmatch(word):
        return int(word)
    return W.WORD_NUMBERS.get(word) if word not in ("a", "an") else None


def rewrite(words: list[Word]) -> list[Word]:
    """Say these phrases the way bot.when reads them (see the module docstring)."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        norm = words[i][0]
        got = _said(words, i, out) if norm in _LEADS or _count(norm) else None
        if got is None:
            out.append(words[i])
            i += 1
            continue
        out += got[0]
        i = got[1]
    return out


def _said(words: list[Word], i: int, out: list[Word]) -> tuple[list[Word], int] | None:
    said = [w[0] for w in words[i : i + 5]] + [""] * 5
    first = words[i]
    if (n := _count(said[0])) is not None:
        if said[1] in ("next", "coming") and said[2] in W.UNITS and (
                n == 1 or said[2].endswith("s")):  # 2 next days; not "2 next week"
            return [("next", *words[i + 1][1:]), first, words[i + 2]], i + 3
        wd = said[1][:-1] if said[1].endswith("s") else ""
        if wd in W.WEEKDAYS and said[2] in ("after", "before") and n in _NTH_WORDS:
            return [(_NTH_WORDS[n], *first[1:]), (wd, *words[i + 1][1:])], i + 2  # 3 sundays
        return None
    if said[0] == "within" and said[1:3] == ["the", "next"] and (
            said[3] in W.UNITS or said[3] in _FEW or _count(said[3])):  # within the next 2 weeks
        lead = [("within", first[1], words[i + 2][2])]
        return lead + ([("a", *words[i + 2][1:])] if said[3] in (*W.UNITS, *_FEW) else []), i + 3
    if said[0] == "the" and not out and said[2] == "after" and said[1] in _NEXT_ONE and (
            said[3] in ("", "at", "@") or _CLOCK.fullmatch(said[3])):  # the day after (at 3pm)
        return [("next", *first[1:]), (_NEXT_ONE[said[1]], words[i + 1][1], words[i + 2][2])], i + 3
    if said[0] == "the" and said[1:4] == ["year", "after", "next"]:
        lead = [] if out and out[-1][0] == "in" else [("in", *first[1:])]
        return lead + [("2", *words[i + 1][1:]), ("years", words[i + 2][1], words[i + 3][2])], i + 4
    if said[0] == "the" and said[1] in _ORDINALS and said[2] in ("week", "weeks") and (
            said[3] in ("after", "before")):  # the second week after this friday
        count = (str(_ORDINALS[said[1]]), first[1], words[i + 1][2])
        return [count, ("weeks", *words[i + 2][1:])], i + 3
    j = i + (said[0] == "the")
    return _nth_weekday_then_time(words, i, j)


def _nth_weekday_then_time(words: list[Word], i: int, j: int) -> tuple[list[Word], int] | None:
    """first monday evening of next month: "evening of the first monday of next month";
    first monday 1pm to 3pm of next month: "1pm to 3pm on the first monday of next month"."""
    said = [w[0] for w in words[j : j + 6]] + [""] * 6
    if said[0] not in _NTH or said[1] not in W.WEEKDAYS:
        return None
    ends = [k for k in range(2, 6) if said[k] in ("of", "in")]
    if not ends:
        return None
    moved = words[j + 2 : j + ends[0]]
    if len(moved) == 1 and moved[0][0] in _DAY_PARTS:
        return [moved[0], ("of", *moved[0][1:]), *words[i : j + 2]], j + ends[0]
    if moved and all(_CLOCKISH.fullmatch(w[0]) for w in moved) and any(
            _CLOCK.fullmatch(w[0]) for w in moved):  # fmt: skip
        return [*moved, ("on", *moved[-1][1:]), *words[i : j + 2]], j + ends[0]
    return None


def around_midnight(parts: list[tuple[str, int]], before: bool, today: date) -> tuple[
        tuple[date, ...], time]:  # fmt: skip
    """5 hours after midnight, 10 hours before midnight: counted from the midnight that starts
    today, then the next ones: the days to try in order and the wall time on them."""
    secs = sum(n * {"s": 1, "min": 60, "h": 3600}[u] for u, n in parts)
    wall = datetime.combine(today, time(0)) + timedelta(seconds=-secs if before else secs)
    return tuple(wall.date() + timedelta(days=d) for d in range(3)), wall.time()


def less_than(w: Words, i: int) -> str | None:
    """less than 3 days (after tomorrow): some time before it ends, but when? Asked."""
    if not (w(i) == "less" and w(i + 1) == "than"):
        return None
    k = i + 2 + (w(i + 2) in ("a", "an") or _count(w(i + 2)) is not None)
    if k == i + 2 or w(k) not in W.UNITS:
        return None
    said = " ".join(w(j) for j in range(i, k + 1))
    return (f"'{said}' is a deadline, not a time to remind you. Write when, like 'friday 9am' "
            f"or 'in 2 days'.")


def counted_of_year(w: Words, i: int, today: date) -> Said | None:
    """(the) first/last N weeks|months of 2021 / this year / next year: the first of them."""
    j = i + (w(i) == "the")
    end = _FIRST_OR_LAST.get(w(j))
    n, unit = _count(w(j + 1)), _UNIT_OF.get(w(j + 2), "")
    if end is None or n is None or not unit or w(j + 3) not in ("of", "in"):
        return None
    k = j + 4
    if re.fullmatch(r"(19|20)[0-9]{2}", w(k)):
        year, k = int(w(k)), k + 1
    elif w(k) in ("this", "next") and w(k + 1) in ("year", "yr"):
        year, k = today.year + (w(k) == "next"), k + 2
    else:
        return None
    count = date(year, 12, 28).isocalendar().week if unit == "week" else 12
    if not 1 <= n <= count:
        return None
    first = 1 if end == 1 else count - n + 1  # the number of the first of them
    last = n if end == 1 else count
    if unit == "week":
        start, stop = date.fromisocalendar(year, first, 1), date.fromisocalendar(year, last, 7)
    else:
        start = date(year, first, 1)
        stop = date(year + (last == 12), last % 12 + 1, 1) - timedelta(days=1)
    if start <= today <= stop:
        return (stop,), True, k  # under way: by its end
    return (start,), False, k


def which_weekday_after(said: list[str], target: date, weekday: int) -> str | None:
    """sunday 3 weeks after january 15th: the third Sunday after the 15th (Recognizers-Text),
    or the Sunday of the week three weeks on (as "saturday 3 days from now" is read)? The
    question naming them when they differ, else None."""
    monday = target - timedelta(days=target.weekday())
    found = [(monday + timedelta(days=weekday), f"in the week of {target:%a %-d %b}"),
             (target + timedelta(days=(weekday - target.weekday()) % 7), "the first after it")]
    n = 1 if said[:1] in (["a"], ["an"]) else _count(said[0]) if said else None
    if n and said[1:2] in (["week"], ["weeks"]):
        anchor = target - timedelta(days=7 * n)
        nth = anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1 + 7 * (n - 1))
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        found.append((nth, f"the {n}{suffix} after {anchor:%a %-d %b}"))
    days = sorted({day: label for day, label in reversed(found)}.items())
    if len(days) < 2:
        return None
    name = calendar.day_name[weekday]
    shown = " or ".join(f"{day:%a %-d %b} ({label})" for day, label in days)
    return f"Which {name}: {shown}? Write the date."
