"""Ends of named days, parts of the day and of the year said loosely, for bot.when.

Kept apart from the date grammar so each stays small; bot.when calls these from small hooks.

* The end of a named day ("end of tomorrow", "the end of today", "end of next friday",
  "end of the sunday") is read like "eod" on that day: 17:00, the end of the working day
  (today once 17:00 has passed: 20:00, then 23:00). Recognizers-Text's spec says 23:59:59;
  the product keeps one rule for every "end of day", so a reminder comes while there is
  still time to act. "end of tomorrow morning" is asked (when in the morning?); "end of the
  monday meeting" is a note.
* An hour alone ("nine", "10") is that hour within working hours, as "at nine" is; 1-6
  alone is asked (am or pm? natty reads "5" as 05:00, the working-hours rule 17:00). With
  words after it ("nine slides") it stays the note, and so does a number ending a note
  ("send the top 10": bot.handlers.followups).
* "in the daytime" (08:00-18:00) alone is today's 09:00 before it, tomorrow's after it,
  and asked while under way, like "morning". "in the night-time" is asked: the sources
  read the night as 18:00-24:00 (chrono) and as 00:00-08:00 (Recognizers-Text).
* "early/mid/late 2027" (also "... next year") is Jan 1, Jul 1 or Oct 1 of that year, as
  "early/mid/late march" is its 1st, 15th or 25th; said while under way, by its end.
* "end of (the|this|next) summer" is 17:00 on the last day of the season's last whole
  month (Aug 31 for a northern summer), as "this summer" under way is read by its end.
* "between christmas and new year" names the days after Christmas: Dec 26, 09:00. Said
  from Dec 26 to Dec 31 it has begun: asked (today, or by its end?), never next year's.

* The start of a named day ("beginning of tomorrow", "the start of monday", "start of day
  tomorrow") is 09:00 there, the start of the working day, as a bare day and "first thing"
  are (Sugar reads the whole day). "beginning of day" and "beginning of today" are today's
  09:00; once it has passed they are refused, saying to write "first thing tomorrow".
* A day said as a whole ("all day tomorrow", "anytime friday", "tomorrow all day", "friday
  any time") is that day, 09:00. Ending the WHEN these words are read only when nothing
  follows them: "tomorrow all day workshop" keeps "all day workshop" as the note.
* "at this time", "this time" and "same time" alone name no day: asked ("this time
  tomorrow" is now's time tomorrow, bot.when).
* "early", "very early", "late" and "very late" alone as the whole WHEN are the early
  morning (05:00-08:00) and the late evening (19:00-22:00), as ctparse reads them, at the
  times "tomorrow early" (07:00) and "tomorrow late" (21:00) have: today's if still to
  come, tomorrow's once over, asked while under way. With words after them ("late
  invoice", "early draft") they are the note, and ending a note ("she was late") too.

"otd" is not read (Recognizers-Text reads it as today): it says "on this day" in posts
and "on-time delivery" in orders, never a reminder's time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from bot import when_clock as C
from bot import when_meals as M
from bot import when_seasons as S
from bot import when_words as W

Words = Callable[[int], str]

_DAY_LEADS = frozenset({"this", "next", "coming", "following"})
_HOURS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_PART_OF_YEAR = {"early": 1, "mid": 7, "late": 10}  # early/mid/late 2027: Jan 1, Jul 1, Oct 1
_PART_ENDS = {"early": (4, 30), "mid": (8, 31), "late": (12, 31)}
_DAYTIME = (8, 18)
_LATE_IN = {"morning": "11:30", "afternoon": "5:30", "evening": "9:30", "night": "11:30"}
_NIGHT_WORDS = frozenset({"night-time", "nighttime", "night-times"})


def end_of_day(w: Words, i: int) -> int | None:
    """Where the day starts in "(the) end of (the) tomorrow|today|<weekday>|next <weekday>",
    or None. "end of the week/month" is not a day: bot.when_periods reads those."""
    j = i + (w(i) == "the")
    if w(j) != "end" or w(j + 1) != "of":
        return None
    the = w(j + 2) == "the" and w(j + 3) in W.WEEKDAYS and not w(j + 4)  # end of the sunday
    k = j + 2 + the  # "end of the monday meeting" is a note
    day = w(k)
    if day in W.TODAY or day in W.TOMORROW or day in W.WEEKDAYS:
        return k
    return k if day in _DAY_LEADS and w(k + 1) in W.WEEKDAYS else None


def end_of_part(w: Words, k: int, said: str) -> str | None:
    """What to ask when a part of the day follows the end of a named day ("end of tomorrow
    morning": noon, or late in the morning?), or None."""
    if (late := _LATE_IN.get(w(k))) is None:
        return None
    return f"When at the end of '{said} {w(k)}'? Write the time, like '{said} {w(k)} at {late}'."


def hour_alone(words: list[str], i: int) -> int | None:
    """The hour of a number said alone as the whole WHEN ("nine", "10"): 1-12, else None."""
    if i != 0 or len(words) != 1:
        return None
    word = words[0]
    hour = int(word) if re.fullmatch(r"[1-9]|1[0-2]", word) else _HOURS.get(word)
    return hour if hour else None


def hour_alone_asked(hour: int, said: str) -> str | None:
    """1-6 alone is asked: am or pm? (7 is asked by the clock rule, 8-12 read as said)."""
    if not 1 <= hour <= 6:
        return None
    return f"Is '{said}' {hour}am or {hour}pm? Write 'at {hour}am' or 'at {hour}pm'."


def daytime(w: Words, i: int, n: int, local: datetime) -> tuple[int, time, int] | str | None:
    """(in|during) the daytime / night-time said alone: (days ahead, time, end), or what to
    ask. Followed by words it is no WHEN here."""
    j = i + 2 * (w(i) in ("in", "during") and w(i + 1) == "the")
    word = w(j)
    if j + 1 != n:
        return None
    if word in _NIGHT_WORDS:
        return ("When in the night? The night is read from 18:00 and from 00:00; write a "
                "time, like 'tonight 10pm' or 'at 2am'.")
    if word != "daytime":
        return None
    hour = local.hour + local.minute / 60
    start, end = _DAYTIME
    if start <= hour < end:
        said = " ".join(w(k) for k in range(i, j + 1))
        return f"'{said}' has begun: today, or tomorrow? Write 'today 4pm' or 'tomorrow 9am'."
    return int(hour >= end), W.NINE, j + 1


def part_of_year(w: Words, i: int, today: date) -> tuple[tuple[date, ...], time, int] | None:
    """early 2027 (Jan 1), mid 2027 (Jul 1), late 2027 (Oct 1), 09:00; also "... next year".
    Under way (early: to Apr 30, mid: to Aug 31, late: to Dec 31) it is by its end, 17:00,
    as "beginning of this week" under way is; once over, the date is past (refused)."""
    word = w(i)
    glued = re.fullmatch(r"(early|mid|late)-((?:19|20)[0-9]{2})", word)  # mid-2027
    part, k = (glued[1], i + 1) if glued else (word, i + 1)
    if (month := _PART_OF_YEAR.get(part)) is None:
        return None
    k += w(k) == "of" and not glued
    if glued:
        year = int(glued[2])
    elif re.fullmatch(r"(19|20)[0-9]{2}", w(k)):
        year, k = int(w(k)), k + 1
    elif w(k) == "next" and w(k + 1) in ("year", "yr"):
        year, k = today.year + 1, k + 2
    else:
        return None
    first, last = date(year, month, 1), date(year, *_PART_ENDS[part])
    return ((last,), W.EOD, k) if first <= today <= last else ((first,), W.NINE, k)


def season_end(w: Words, i: int, today: date, zone: str) -> tuple[tuple[date, ...], int] | None:
    """(at) (the) end of (the|this|next) summer (2027): the last day of its last whole month.
    Said once that day has passed but the season has not, the date is past (refused)."""
    j = i + (w(i) == "at")
    j += w(j) == "the"
    if w(j) != "end" or w(j + 1) != "of":
        return None
    k = j + 2 + (w(j + 2) == "the")
    lead = w(k) if w(k) in ("this", "next") else ""
    season = w(k + bool(lead))
    if season not in ("spring", "summer", "autumn", "fall", "winter"):
        return None
    year = w(k + bool(lead) + 1) if not lead else ""
    year = year if re.fullmatch(r"(19|20)[0-9]{2}", year) else ""
    end = k + bool(lead) + 1 + bool(year)
    said = ("", season, year) if year else (lead or "this", season, "")
    got = S.season_at(lambda n: said[n] if 0 <= n < 3 else "", 1 if year else 0, today, zone)
    if got is None:
        return None
    start = got[0]
    if start is None:  # under way: this one's start is a year before the next one's
        nxt = S.season_at(lambda n: ("next", season)[n] if n < 2 else "", 0, today, zone)
        if nxt is None or nxt[0] is None:
            return None
        start = nxt[0].replace(year=nxt[0].year - 1)
    month = start.month + 3  # the next season starts three months on, past the 20th
    last = date(start.year + (month > 12), (month - 1) % 12 + 1, 1) - timedelta(days=1)
    return (last,), end


_XMAS = frozenset({"christmas", "xmas"})
_NEW_YEAR = (("new", "year"), ("new", "years"), ("new", "years", "day"), ("new", "year", "day"),
             ("the", "new", "year"))  # fmt: skip


def between_the_years(w: Words, i: int, today: date) -> tuple[date, int] | str | None:
    """between christmas and new year: (Dec 26, end), or what to ask while it is under way."""
    if w(i) != "between" or w(i + 1) not in _XMAS or w(i + 2) != "and":
        return None
    said = [p for p in _NEW_YEAR if all(w(i + 3 + k) == word for k, word in enumerate(p))]
    if not said:
        return None
    end = i + 3 + max(len(p) for p in said)
    first = date(today.year, 12, 26)
    if today >= first:
        last = date(today.year, 12, 31)
        return (f"'between christmas and new year' has begun: today, or by its end "
                f"({last:%a %-d %b})? Write 'today' or 'dec 31'.")
    return first, end


_STARTS = frozenset({"beginning", "start"})


def start_of_day(w: Words, i: int) -> int | None:
    """Where the day starts in "(the) beginning|start of (the) day|today|tomorrow|<weekday>|
    next <weekday>", or None. Its "day" is kept ("start of day tomorrow" names one after it);
    "beginning of next week/month" is not a day: bot.when_periods reads those."""
    j = i + (w(i) == "the")
    if w(j) not in _STARTS or w(j + 1) != "of":
        return None
    k = j + 2
    if w(k) == "the" and (w(k + 1) == "day" or w(k + 1) in W.WEEKDAYS and not w(k + 2)):
        k += 1  # the start of the day; "start of the monday meeting" is a note
    day = w(k)
    if day == "tomorrows" and w(k + 1):  # "start of tomorrow's meeting": when is it?
        return None
    if day == "day" or day in W.TODAY or day in W.TOMORROW or day in W.WEEKDAYS:
        return k
    return k if day in _DAY_LEADS and w(k + 1) in W.WEEKDAYS else None


def start_passed(said: str) -> str:
    """What to say when the start of today (09:00) has passed."""
    return (f"'{said}' (09:00 today) has passed. Write 'first thing tomorrow', or a time "
            f"today like 'today 4pm'.")


_WHOLE_DAY = (("all", "day", "long"), ("all", "day"), ("at", "any", "time"), ("any", "time"),
              ("anytime",))  # fmt: skip


def whole_day(w: Words, i: int) -> int:
    """How many words at i say a day as a whole ("all day", "anytime"): 0 when none."""
    return next((len(p) for p in _WHOLE_DAY if all(w(i + n) == x for n, x in enumerate(p))), 0)


def whole_day_after(w: Words, k: int) -> int:
    """"tomorrow all day": how many such words end the WHEN at k, when nothing follows."""
    n = whole_day(w, k)
    return n if n and w(k + n) == "" else 0


def no_day(words: list[str]) -> str | None:
    """"at this time", "same time" alone: a time of day with no day to remind on."""
    said = " ".join(words)
    return said if said in ("at this time", "this time", "same time", "at the same time") else None


_DEGREE_ALONE = {("early",): "morning", ("very", "early"): "morning", ("late",): "evening",
                 ("very", "late"): "evening"}  # fmt: skip


def degree_alone(words: list[str], i: int) -> tuple[C.Period, int] | None:
    """"early", "very late" as the whole WHEN: the early morning, the late evening."""
    part = _DEGREE_ALONE.get(tuple(words[i:]))
    if part is None:
        return None
    said = [*words[i:], part]
    got = C.period_at_alone(lambda j: said[j] if 0 <= j < len(said) else "", 0)
    at = time(7, 0) if part == "morning" else time(21, 0)  # as "tomorrow early", "friday late"
    return (replace(got[0], at=at), len(words)) if got else None


def ends_a_note(said: str) -> bool:
    """A word that alone is a WHEN but ending a note is the note's ("pick up lunch", "she
    was late"): not asked about as a WHEN at the end."""
    return M.ends_a_note(said) or tuple(said.lower().split()) in _DEGREE_ALONE
