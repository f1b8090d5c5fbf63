"""Read a due time from the start of a /followup text ("friday at 3 send the intro").

A WHEN is read by composition: a day (bot.when dates, bot.when_holidays, bot.when_periods),
a time of day and a part of the day (bot.when_clock), in any order, or a duration. Where it
ends is checked (bot.when_guard): words that still speak of the time after what was read
("tomorrow noon next week", "friday at noon at 3pm") make it refused, never half read.

Conventions (chosen so people get the reminder they meant, and documented for the help text):

* A date without a time means 09:00 local (in the user's zone). ``today`` alone and ``eod``
  mean 17:00, or 20:00 / 23:00 once that has passed; ``tonight`` 20:00, then 22:00.
  ``end of week/month/year`` is 17:00 on the Friday / last day (the next one if passed),
  ``beginning of ...`` 09:00 on its first day.
* A bare hour (``at 5``, ``tomorrow at 9``, ``quarter past 3``) takes its reading within
  working hours: 8-12 as said, 1-6 in the afternoon; ``at 7`` is asked. A part of the day
  (``tonight``, ``in the morning``, ``this evening``) settles it instead.
* A time zone word after a time (``4pm CET``, ``9:30 PT``) reads the time in that zone; the
  reply shows it in the user's zone. Elsewhere a zone word is refused, never left in the note.
* ``in 3 days`` / ``3 days from now`` / ``in 2 weeks`` / ``in 1 month`` are calendar steps:
  09:00 local on that day. ``in 3 hours`` / ``in 1 minute`` / ``2h`` are exact from now,
  and so are ``after an hour``, ``now + 40 minutes``, ``15 minutes out``, ``next hour`` and a
  length of minutes or hours said alone (``for 5 minutes and 30 seconds``); ``next day`` is
  tomorrow (bot.when_durations). ``next tuesday +10 days`` counts from that day.
* A weekday (``friday``, ``fri``, ``sat``, ``on friday``) is the next such day strictly after
  today. ``next friday`` is next week's Friday; said while this week's Friday is still
  ahead it is asked (this one, or next week's? the parsers we tune on read it both ways),
  and so is ``this friday`` said on a Friday (today or in a week?). ``friday next week`` is
  that week's Friday, ``friday after next`` adds a week (asked when Friday is still to come
  this week), ``next week`` a week from today (always inside next week), ``next month`` /
  ``next quarter`` / ``next year`` a month / three months / a year from today; a named week
  with a time but no day is asked.
* A time alone (``5pm``, ``at 5pm``, ``noon``) is today if still ahead, else tomorrow. A part
  of the day alone (``morning``, ``first thing``) is today's if still to come, tomorrow's once
  over, and asked while under way. ``tonight at 2`` is asked (2am or 2pm?).
* ``this week`` / ``this month`` / ``this quarter`` mean by their end (17:00 on the last
  working day, like ``end of week``); ``this year`` is asked, and so are ``this month`` /
  ``this quarter`` said on their first day (today, or by the end?). ``next 3 days`` is ``in 3
  days``; ``within 2 weeks`` (days, months, years) is asked: by the day before the last, or
  on it? Parsers differ. ``within an hour`` is ``in an hour``, and so is ``within a day and 5
  hours`` (an exact end, bot.when_spans).
* ``midnight`` after a day (``friday at midnight``) is asked while the 00:00 that starts the
  day is still ahead (that one, or the one that ends it?); then it is the end.
* A length after a WHEN (``4pm for 30 mins``) is read and the reminder is at its start.
* ``dec 5``, ``the 5th``, holidays: the next occurrence that is still ahead.
* A range (``9:30 - 11:00``, ``Aug 5 - 16``) reminds at its start; a span from now (``between
  now and 8``) at its end, or the day before a day it ends on (bot.when_spans).
* ``12/05`` is refused unless unambiguous (``25/12``, ``12/25``), or a weekday said with it
  fits one order only (``tuesday 12/7/2027``: Dec 7).
* Wall times are computed in the local zone and converted to UTC. A time inside a DST gap moves
  forward to the first valid time; an ambiguous time (fall back) takes the first occurrence.
* The WHEN is the longest prefix that reads as a date; a bare number after it (``tomorrow 3
  slides``) is not a time and stays in the 'what'.

dateparser is only a fallback for phrasings the grammar below does not know (``5-dec-2026``),
imported lazily because importing it is slow, and its answers are checked like the grammar's.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from bot import when_anchored as A
from bot import when_bare as NB
from bot import when_business as B
from bot import when_clock as C
from bot import when_compound as CO
from bot import when_counted as CT
from bot import when_counted_days as CD
from bot import when_dayparts as DP
from bot import when_durations as D
from bot import when_guard as G
from bot import when_holidays as H
from bot import when_loose as LO
from bot import when_lunar as L
from bot import when_meals as ML
from bot import when_numbers as NU
from bot import when_of_month as MO
from bot import when_periods as P
from bot import when_periods_said as PS
from bot import when_ranges as R
from bot import when_reordered as RO
from bot import when_seasons as S
from bot import when_spans as SN
from bot import when_spellings as SPL
from bot import when_spoken as SP
from bot import when_which_day as WD
from bot import when_words as W

# Examples that stay ahead whenever they are read: a fixed date like 2026-12-05 would go stale,
# and "the 15th" is asked on the 15th once 09:00 has passed (today, or next month's?).
EXAMPLES = "Try: tomorrow, in 3 days, friday 3pm, in 2 weeks, next month 14:30"

MAX_AHEAD = timedelta(days=1827)  # five years, leap days included
_RECENT = timedelta(days=14)  # a date this recent is asked about, not moved a year on
MAX_WORDS = 24  # the longest WHEN read is far shorter; the rest of a long text is the note
MAX_WORD = 40
_PUNCT_TAIL = ",;:!?)\"'"
_REST_LEAD = "-–—:,;|"


class WhenError(ValueError):
    """Friendly, user-facing message; str(err) is shown to the user as-is."""


@dataclass(frozen=True)
class When:
    due_at: datetime  # timezone-aware, in UTC
    text: str  # the words consumed as the WHEN, as typed (e.g. "next friday")
    rest: str  # the remaining text (the 'what'), stripped


@dataclass(frozen=True)
class _Tok:
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class _DatePart:
    """Candidate days in order (first one still ahead wins) and the time to use on them."""

    dates: tuple[date, ...]
    default: time = W.NINE
    fixed: time | None = None
    hint: str | None = None  # am/pm settled by the day itself (see bot.when_clock.settle)
    ladder: tuple[time, ...] = ()  # later times if the first has passed ("today")
    week: str = ""  # "next week", "the week after next": a week whose day was not said


@dataclass(frozen=True)
class _Reading:
    """Either an exact instant (durations in minutes/hours) or local days plus a wall time."""

    dates: tuple[date, ...] = ()
    at: time = W.NINE
    exact: datetime | None = None
    ats: tuple[time, ...] = ()  # when set, the times to try on each day instead of `at`


Parsed = tuple[_Reading, int]


# ---------------------------------------------------------------- tokens


def _normalise(word: str) -> str:
    """Lower-case and drop decoration people add without meaning ("Friday," "a.m." "year's")."""
    w = word.lower().replace("\u2019", "'").replace("\u2018", "'").lstrip("(\"'~")
    if re.fullmatch(r"[0-9]{1,3}'", w):  # in 15': the minute mark
        return w[:-1] + "min"
    w = w.rstrip(_PUNCT_TAIL)
    if re.fullmatch(r"[0-9:]*[ap]\.m\.?", w):
        return w.replace(".", "")
    if w in ("week-end", "wkend", "week-ends"):
        return "weekend"
    if w in ("nxt", "nex"):  # nxt week
        return "next"
    if w in ("2moro", "2morrow", "2mrw", "tomoz", "tmorrow"):
        return "tomorrow"
    if w in ("wk", "wks"):  # next wk
        return w.replace("wk", "week")
    if w in ("arvo", "arvos"):  # tomorrow arvo (Australia): the afternoon
        return "afternoon"
    if w in ("morn", "mornin"):  # monday morn
        return "morning"
    return w.rstrip(".").replace("'", "")


def _tokenise(text: str) -> list[_Tok]:
    """Split on whitespace keeping spans, so the WHEN and the rest can be cut from the input.

    Only the first MAX_WORDS words are read (a WHEN is never longer), and a word longer than
    MAX_WORD is no date, so no input, however long, costs more than a slice of it.
    """
    # "@" is its own word: "tomorrow@3pm" -> "tomorrow" "@" "3pm"
    found = islice(re.finditer(r"[^\s@]+|@", text), MAX_WORDS)
    words = [(_normalise(m[0]) if m.end() - m.start() <= MAX_WORD else "\x00", m.start(),
              m.end()) for m in found]  # fmt: skip
    words = SN.rewrite(words)  # later than 9:30 but before 11, 15h GMT - 18h GMT (bot.when_spans)
    words = NU.rewrite(words)  # 2-15, 17-59, 730, 28 alone, the 28 (bot.when_numbers)
    words = NB.rewrite(words)  # 1730 alone, 25-08, 1 dy, febr (bot.when_bare)
    words = LO.rewrite(words)  # 17 alone (bot.when_loose)
    words = A.rewrite(words)  # the second week after friday, 2 next days (bot.when_anchored)
    words = CO.rewrite(words)  # thirty two hours, 3p -4p, next next monday (bot.when_compound)
    words = RO.rewrite(words)  # 5am in a month, this week friday (bot.when_reordered)
    return [_Tok(*word) for word in R.rewrite(PS.rewrite(SP.rewrite(SPL.rewrite(words))))]


def _has_digit(word: str) -> bool:
    return re.search(r"[0-9]", word) is not None


# ---------------------------------------------------------------- helpers


def _add_months(d: date, months: int) -> date:
    """Calendar month step, clamping the day (Jan 31 + 1 month = Feb 28/29)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if not 1 <= year <= 9998:
        raise WhenError(f"That is too far away. {EXAMPLES}")
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _make_date(year: int, month: int, day: int) -> date:
    """A real calendar date, or a WhenError naming what is wrong (Feb 30, month 13)."""
    if not 1 <= month <= 12:
        raise WhenError(f"There is no month {month}. {EXAMPLES}")
    if not 1900 <= year <= 9998:
        raise WhenError(f"I can't use the year {year}. {EXAMPLES}")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise WhenError(f"{W.MONTH_NAMES[month]} {year} has no day {day}. {EXAMPLES}")
    return date(year, month, day)


def _yearly(today: date, month: int, day: int) -> tuple[date, ...]:
    """This year's and following years' month/day, skipping years where it does not exist."""
    if not 1 <= day <= max(calendar.monthrange(y, month)[1] for y in (2024, 2025)):
        raise WhenError(f"{W.MONTH_NAMES[month]} has no day {day}. {EXAMPLES}")
    out = []
    for year in range(today.year, today.year + 9):
        if day <= calendar.monthrange(year, month)[1]:
            out.append(date(year, month, day))
    return tuple(out[:3])


def _monthly(today: date, day: int) -> tuple[date, ...]:
    """The next few months' day N ("the 5th"), skipping months that have no such day."""
    if not 1 <= day <= 31:
        raise WhenError(f"No month has a day {day}. {EXAMPLES}")
    out = []
    for step in range(14):
        first = _add_months(today.replace(day=1), step)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            out.append(first.replace(day=day))
    return tuple(out[:12])


def _next_weekday(today: date, wd: int) -> date:
    """Strictly after today: 'friday' said on a Friday is a week away."""
    return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)


_SECONDS = {"s": 1, "min": 60, "h": 3600, "d": 86400, "mo": 30 * 86400}
_PART_OF_HOUR = re.compile(r"([0-9]+[.][0-9]+|[13]/[24])([a-z]*)")
_FRACTIONS = ((("half", "an", "hour"), 30), (("half", "hour"), 30),
              (("three", "quarters", "of", "an", "hour"), 45),
              (("three-quarters", "of", "an", "hour"), 45),
              (("quarter", "of", "an", "hour"), 15), (("quarter", "hour"), 15),
              (("quarter", "of", "hour"), 15))  # fmt: skip
_WEEKDAY_LEADS = frozenset({"next", "this", "coming", "the", "upcoming", "following"})
_RANGE_WORDS = frozenset({"-", "–", "to", "till", "til", "until", "untill", "thru", "through",
                          "and"})  # fmt: skip
_WEEK_OF = frozenset({"of", "beginning", "starting", "commencing"})
# Before 04:00 a person still up from the night before may mean the day that has just begun
# by its name ("monday" at 00:30 on a Monday): asked. From 04:00 on it is next week's.
_SMALL_HOURS = time(4, 0)
_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
        "4th": 4, "fifth": 5, "5th": 5, "last": -1, "final": -1}  # fmt: skip


def _nth_weekday(first: date, wd: int, n: int) -> date | None:
    """The n-th (or, n = -1, the last) weekday `wd` of the month starting on `first`."""
    days = calendar.monthrange(first.year, first.month)[1]
    hits = [first + timedelta(days=d) for d in range(days)
            if (first + timedelta(days=d)).weekday() == wd]  # fmt: skip
    if n == -1:
        return hits[-1]
    return hits[n - 1] if n <= len(hits) else None


def _nth_from(base: date, wd: int, n: int, step: int) -> date:
    """The n-th weekday `wd` strictly after (step 1) or before (step -1) `base`."""
    first = base + timedelta(days=step * ((step * (wd - base.weekday()) - 1) % 7 + 1))
    return first + timedelta(days=7 * step * (n - 1))


def _to_utc(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Local wall time to UTC; gap times move to the first valid time, fold=0 picks the first."""
    wall = datetime.combine(day, at)
    utc = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) == wall:
        return utc
    other = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    lo = min(utc, other).replace(second=0, microsecond=0)
    span = int((max(utc, other) - lo) / timedelta(minutes=1)) + 1

    def reached(k: int) -> bool:  # first instant whose wall time reaches `wall`
        return (lo + timedelta(minutes=k)).astimezone(tz).replace(tzinfo=None) >= wall

    return lo + timedelta(minutes=bisect_left(range(span), True, key=reached))


# ---------------------------------------------------------------- grammar


_CLOCK_RE = re.compile(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?(am|pm|a|p)")
_HHMM_RE = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_DAY_RANGE_RE = re.compile(r"([0-9]{1,2}(?:st|nd|rd|th)?)[-–][0-9]{1,2}(?:st|nd|rd|th)?")
_PART_OF_MONTH = {"early": 1, "mid": 15, "late": 25}  # early/mid/late march: the 1st/15th/25th
_GLUED_RE = re.compile(r"([a-z]{3,9})([0-9]{1,2})(?:st|nd|rd|th)?")
_ORD_RE = re.compile(r"([0-9]{1,2})(st|nd|rd|th)")
_DAY_RE = re.compile(r"([0-9]{1,2})(st|nd|rd|th)?")
_YEAR_RE = re.compile(r"(19|20)[0-9]{2}")
_ISO_RE = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})"
                     r"(?:t([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?")  # 2015-07-31t12:00:00
_NAMED_SLASH_RE = re.compile(r"([0-9]{1,2})[/-]?([a-z]{3,9})(?:[/-]([0-9]{4}))?"
                             r"|([a-z]{3,9})/([0-9]{1,2})(?:/([0-9]{4}))?")
_MONTH_YEAR_RE = re.compile(r"((?:19|20)[0-9]{2})[-/]([0-9]{1,2})|([0-9]{1,2})/((?:19|20)[0-9]{2})")
_SLASH_RE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{4}|[0-9]{2}))?")
_YEAR_MONTH_RE = re.compile(r"(?:19|20)[0-9]{2}-(?:0?[1-9]|1[0-2])")  # 2027-10: October 2027
_DAY_OR_CLOCK_RE = re.compile(r"(?:[1-9]|1[0-2])[.](?:0[1-9]|1[0-2])")  # 5.12: 05:12 or 5 Dec?
_DOTTED_RE = re.compile(r"([0-9]{1,2})[.]([0-9]{1,2})[.]((?:19|20)[0-9]{2})")  # 25.01.2020
_COMPACT_RE = re.compile(r"(?:[0-9]+[a-z]+)+")
_COMPACT_PART = re.compile(r"([0-9]+)([a-z]+)")
_ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
}


class _Grammar:
    """Recursive-descent reader over normalised tokens; each rule returns (result, end) or None.

    Rules return None when the words do not have their shape, and raise WhenError when they do
    but the values are impossible (Feb 30, 25:00), so a bad date is never taken as a note.
    """

    def __init__(self, toks: Sequence[_Tok], now: datetime, tz: ZoneInfo,
                 today: date | None = None) -> None:
        self.toks = toks
        self.words = [t.norm for t in toks]
        self.now = now
        self.tz = tz
        #: The speaker's date: with a zone said after the time ("tomorrow at 3pm EST"), the
        #: days count from the speaker's today and only the clock is that zone's.
        self.today = today or now.astimezone(tz).date()
        self.kinds: dict[int, tuple[bool, bool]] = {}  # end -> (read a day?, read a time?)
        self.parts: dict[int, tuple[_DatePart | None, C.Clock | None, C.Period | None]] = {}
        self.range_ends: dict[int, C.Clock] = {}  # a range's end -> the clock time it ends at
        self.range_days: dict[int, _Reading] = {}  # a range's end -> its day (and time)

    def w(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def seq(self, i: int, *words: str) -> bool:
        return all(self.w(i + k) == word for k, word in enumerate(words))

    # ---- top level

    def read(self) -> Parsed | None:
        """Longest reading among the shapes: a duration, or a day, a time of day and a part
        of the day composed in any order ("tomorrow at 9", "8 tonight", "3pm on friday")."""
        i, led = 0, False
        while self.w(i) in W.LEAD_WORDS and i < 2:
            i, led = i + 1, True
        if whole := DP.whole_day(self.w, i):  # all day tomorrow, anytime friday: that day
            i, led = i + whole + (self.w(i + whole) == "on"), True
        if (hour := R.hour_before_length(self.w, i)) is not None:  # 16h for 30 mins: 16:00
            reading, k = self._at_clock(hour, i + 1)
            return reading, self._length(k)
        if j := SN.from_now(self.w, i):  # between now and 8, from now until friday
            return self._until(j)
        if asked := SN.wrapped_months(self.words[i : i + 5], self.today):
            raise WhenError(asked)  # may to march, said in september
        if asked := SN.vague_start(self.words[i : i + 7]):
            raise WhenError(asked)  # from the end of march to the middle of september
        found = [self.compose(i, led), self.duration(i), self.day_span(i), self.weekdays_on(i),
                 self.part_alone(i)]
        found.append(self._weekday_offset(i))  # monday two weeks from now, in 3 days on friday
        if (alone := DP.hour_alone(self.words, i)) is not None:  # "nine" alone: at nine
            if asked := DP.hour_alone_asked(alone, self.w(i)):
                raise WhenError(asked)
            found.append((self._combine(None, C.Clock(alone, 0, True, self.w(i)), None), i + 1))
        if self.w(i) == "for" and (at := self.compose(i + 1, True)) and self.kinds[at[1]][1]:
            found.append(at)  # for a quarter past 3pm
        if (start := self._length_first(i)) is not None:
            return start  # for 2 hours from 2pm: at 2pm
        if (twixt := DP.between_the_years(self.w, i, self.today)) is not None:
            if isinstance(twixt, str):  # between christmas and new year, said on Dec 28
                raise WhenError(twixt)
            return _Reading((twixt[0],)), self._length(twixt[1])
        if (work := B.working_days(self.w, i, self.today)) is not None:
            day, k = work  # in 3 business days, next working day
            found.append(self.compose(k, True, _DatePart((day,))) or (_Reading((day,)), k))
        if i > 0 and not self._number_not_an_hour(i):  # "at 5" reaches the clock rule with "at"
            found.insert(0, self.compose(i - 1, led))
        hits = [r for r in found if r]
        if i == 0 and _DAY_OR_CLOCK_RE.fullmatch(self.w(0)) and not (
                self.w(1) in W.AM_PM or C.period_at(self.w, 1, True)):
            said = self.w(0)
            raise WhenError(f"Is '{said}' a time ({said.replace('.', ':')}) or a date (day and "
                            f"month)? Write {said.replace('.', ':')}, or the date as e.g. 'dec 5'.")
        if i == 0 and not (self.w(1) in W.AM_PM or C.period_at(self.w, 1, True)) and (
                asked := NB.dotted_month_day(self.w(0))):
            raise WhenError(asked)  # 8.25: 08:25 or Aug 25?
        if self.w(i) in ("from", "between") and (days := self.day_span(i)) and (
                days[1] >= max(r[1] for r in hits)):
            return days[0], self._length(days[1])  # between 3 and 12 of sept: days, not hours
        if self.w(i) in ("from", "between"):  # from 9:30 to 11, between 3 and 4pm
            span = self.compose(i + 1, True) or self._bare_hour(i + 1, False)
            ranged = span and any(_DAY_RANGE_RE.fullmatch(w) for w in self.words[i + 1 : span[1]])
            if span and (ranged or self._range_end(span[1], i + 1) > span[1]):
                return self._after_range(span[0], span[1], self._range_end(span[1], i + 1))
            if span and self._length(span[1]) > span[1]:  # from 4pm for 30 minutes
                return span[0], self._length(span[1])
        if not hits:
            return None
        reading, k = max(hits, key=lambda r: r[1])
        reading, k = self._after_range(reading, k, self._range_end(k, i))
        reading, k = self._plus(reading, k)
        reading, k = self._date_in(reading, k, i, led)
        return self._from_time(reading, k)

    def _number_not_an_hour(self, i: int) -> bool:
        """by 15 january, at 4 of july, by 20 of next month, by 5 to 16 aug, by 30 minutes,
        by 2027-10: the figure after a lead word is a day, a year or a length, not an hour,
        so the lead ("by", "at") must not make it a clock time (1 Jan at 15:00)."""
        said = self.w(i)
        if _YEAR_MONTH_RE.fullmatch(said):
            return True
        if not (said.isdigit() or said in W.WORD_NUMBERS or _DAY_RANGE_RE.fullmatch(said)):
            return False
        j = i + 3 if self.w(i + 1) in ("to", "-") and self.w(i + 2).isdigit() else i + 1
        of = self.w(j) == "of"  # "at 5 next month" is 17:00; "by 20 of next month" the 20th
        j += of
        if self.w(j) in W.MONTHS:
            return True
        if of and self.w(j) in ("next", "this") and self.w(j + 1) == "month":
            return True
        if j != i + 1:
            return False
        j += self.w(j) in ("upcoming", "coming")  # by 2 upcoming months ("at 5 next month": 17:00)
        return self.w(j) in W.UNITS or (said.isdigit() and self.w(j) in ("noon", "midnight"))

    def _from_time(self, reading: _Reading, k: int) -> Parsed:
        """14th feb from 9:30am for 7 hours, 14th feb for 7 hours from 9:30am: a day, then
        the time its window opens, with its length on either side (bot.when_ranges)."""
        end = self._length(k)
        day, clock, _ = self.parts.get(k, (None, None, None))
        if self.w(end) != "from" or day is None or clock is not None:
            return reading, end
        got = self.compose(end + 1, True, day)
        if got is None or not self.kinds[got[1]][1]:
            return reading, end
        return got[0], self._length(got[1])

    def _until(self, j: int) -> Parsed | None:
        """between now and X (bot.when_spans): due at X's time, the next 8 o'clock for a
        bare "8", or the day before X when X names a day only."""
        got = self.duration(j) or self.compose(j, True)
        if got is None and (hour := SN.bare_hour(self.w, j)) is not None:
            got = self._at_clock(*hour)  # between now and 8
        if got is None or got[0].exact is not None:
            return got
        reading, k = got
        day, clock, period = self.parts.get(k, (None, None, None))
        if day is None and clock is not None and clock.vague and period is None:
            halves = (clock.hour % 12, clock.hour % 12 + 12)
            slots = (_to_utc(self.today + timedelta(days=d), time(h, clock.minute), self.tz)
                     for d in (0, 1) for h in halves)  # fmt: skip
            due = next(t for t in slots if t > self.now)
            at = due.astimezone(self.tz)
            if asked := SN.night_hour(" ".join(self.words[j - 3 : j]), at.hour, at.minute):
                raise WhenError(asked)  # between now and 5, said at 18:00
            return _Reading(exact=due), k
        if clock is not None or period is not None or (day is not None and day.fixed):
            return got  # between now and 6pm, between now and the end of the month
        before = SN.day_before(" ".join(self.words[:k]), reading.dates, self.today)
        if isinstance(before, str):
            raise WhenError(before)
        return _Reading((before,), reading.at), k

    def _bare_hour(self, j: int, last: bool) -> Parsed | None:
        """from 9 for 2.5 hrs, for 2.5 hours from 9: a bare hour next to a length is a time
        (at its working-hours reading, like "at 9"); "from 3 suppliers" stays a note."""
        if not re.fullmatch(r"[0-9]{1,2}", self.w(j)):
            return None
        try:
            got = C.range_end_clock(self.w, j)
        except C.ClockError:
            return None
        if got is None or not (self._ends_when(got[1]) if last else self._length(got[1]) > got[1]):
            return None
        return self._at_clock(*got)

    def _at_clock(self, clock: C.Clock, k: int) -> Parsed:
        """A clock read by a range rule, and what follows it (a day, a part of the day)."""
        if (more := self.compose(k, True, None, (clock, None))) is not None:
            return more
        self.kinds[k], self.parts[k] = (False, True), (None, clock, None)
        return self._combine(None, clock, None), k

    def _date_in(self, reading: _Reading, k: int, i: int, led: bool) -> Parsed:
        """thanksgiving in 9 months, march in a year: that date's first occurrence from then
        on; today in one hour: within that day."""
        day = self.parts.get(k, (None, None, None))[0]
        if day is None or self.parts[k][1] is not None or (later := self.duration(k)) is None:
            return reading, k
        shifted, end = later
        if shifted.exact is not None:
            on = shifted.exact.astimezone(self.tz).date()
            return (shifted, end) if on in day.dates else (reading, k)
        if len(day.dates) < 2:  # "tomorrow in 3 days" is no date
            return reading, k
        again = _Grammar(self.toks, self.now, self.tz)
        again.today = shifted.dates[0]
        got = again.compose(i, led)
        if got is None or got[1] != k:
            return reading, k
        dates = tuple(d for d in got[0].dates if d >= shifted.dates[0])
        return (replace(got[0], dates=dates[:1]), end) if dates else (reading, k)

    def _plus(self, reading: _Reading, k: int) -> Parsed:
        """next tuesday +10 days, friday plus a week: counted from that day (chrono)."""
        day, at, _ = self.parts.get(k, (None, None, None))
        if (day is None) == (at is None) or self.w(k) not in ("+", "plus"):
            return reading, k  # a day, or a time alone (4pm + 3 days)
        parts, end, _ = self.amounts(k + 1)
        if not parts or any(u in W.EXACT_UNITS for u, _ in parts):
            return reading, k
        if day is None:  # that time of day, counted from today (parsedatetime, bot.when_bare)
            got = self._shift(parts, (self.today,), end)
            return (replace(got[0], at=reading.at, ats=()), got[1]) if got else (reading, k)
        return self._shift(parts, day.dates, end) or (reading, k)

    def _weekday_offset(self, i: int) -> Parsed | None:
        """A weekday with a step from now, either way round: "saturday 3 days from now",
        "in 3 days on friday" (bot.when_spellings.weekday_near)."""
        wd = W.WEEKDAYS.get(self.w(i))
        if wd is None and "on" not in self.words[i : i + 8]:
            return None  # the plain duration is read by itself; this costs a second reading
        j = i if wd is None else i + 1 + (self.w(i + 1) == ",")
        got = self.duration(j)
        if got is None or len(got[0].dates) != 1:
            return None
        k = got[1]
        if wd is None and self.w(k) == "on" and self.w(k + 1) in W.WEEKDAYS:
            wd, k = W.WEEKDAYS[self.w(k + 1)], k + 2
        elif not (self.w(j) == "in" or {"now", "today"} & set(self.words[j:k])) and not (
                wd is not None and self._counted_weekday(j, got[0].dates[0], wd)):
            if wd is not None and (which := A.which_weekday_after(self.words[j:k], got[0].dates[
                    0], wd)):  # fmt: skip
                raise WhenError(which)  # the 3rd Sunday after the 15th, or that week's?
            return None  # sunday 3 weeks after january 15th: the third Sunday, in one source
        if wd is None:
            return None
        day = self._counted_weekday(j, got[0].dates[0], wd) or SPL.weekday_near(got[0].dates[0], wd)
        if isinstance(day, str):
            raise WhenError(day)
        on = replace(got[0], dates=(day,))  # with the time it was said with, if any
        return (self.compose(k, True, _DatePart((day,))) if k > got[1] else None) or (on, k)

    def _counted_weekday(self, j: int, target: date, wd: int) -> date | None:
        """monday two weeks from now, two months from today on tuesday: where the sources
        agree on the weekday of a counted length (bot.when_counted.weekday_in_count)."""
        parts = self.amounts(j + (self.w(j) == "in"))[0]
        return CT.weekday_in_count(parts, target, wd, self.today)

    def _length_first(self, i: int) -> Parsed | None:
        """How long, then from when ("for 2 hours from 2pm", "for 3 days, from today"): the
        reminder is at the start, as for "2pm for 2 hours"."""
        if self.w(i) != "for":
            return None
        parts, k, _ = self.amounts(i + 1)
        k += self.w(k) == ","
        k += self.w(k) == "starting"
        if not parts or self.w(k) != "from":
            return None
        got = self.compose(k + 1, True) or self._bare_hour(k + 1, True)
        return got if got is not None and len(got[0].dates) + (got[0].exact is not None) else None

    def _length(self, k: int) -> int:
        """How long it lasts ("4pm for 30 mins", "18th dec for 10 days") is no part of when
        to remind: its words are read and the reminder is at the start."""
        k += self.w(k) == "sometime"  # next week sometime
        k += DP.whole_day_after(self.w, k)  # tomorrow all day
        k += 2 * self.seq(k, "or", "so")  # in an hour or so
        if self.w(k) != "for":
            return k
        parts, end, _ = self.amounts(k + 1)
        return end if parts else k

    def _after_range(self, reading: _Reading, k: int, end: int) -> Parsed:
        """9:30 - 11:00 on thursday, from 3 to 4 in the pm: what follows a range of times
        belongs to its start."""
        if end != k and k in self.kinds:
            self.kinds.setdefault(end, self.kinds[k])  # 9:30 - 11:00 CST: the zone is the range's
        if end in self.range_days:  # from may to oct 2020, from 2pm till tomorrow 4:30pm
            reading = self._by_end(reading, k, self.range_days[end], end)
        if end == k or k not in self.parts:
            self._under_way(reading, k, end)
            return reading, end
        day, clock, period = self.parts[k]
        last = self.range_ends.get(end)
        if clock is None and last is not None and day is not None:
            clock = last  # from dec 8 to dec 10 at 3pm: Dec 8 at 15:00, not at 09:00
            reading = self._combine(day, clock, period)
        if last is not None and last.vague and (half := W.half_of_day(self.w(end),
                                                                     self.w(end + 1))):
            last = replace(last, hour=last.hour % 12 + 12 * (half == "pm"), vague=False)
        if clock is not None and clock.vague and last is not None and (
                not last.vague and period is None):
            clock = C.start_of_range(clock, last)  # between 3 and 8am: 3am
            reading = self._combine(day, clock, period)
        more = self.compose(end, True, day, (clock, period))
        if not (more and more[1] > end and day is None and self.parts[more[1]][0]):
            self._under_way(reading, k, end)  # 5 to 6pm tomorrow: the day settles it
        elif last is not None:
            self._overnight(more[0], last, more[1])  # 6pm - 1am tomorrow: today's or tomorrow's?
        return more if more and more[1] > end else (reading, end)

    def _by_end(self, reading: _Reading, k: int, last: _Reading, end: int) -> _Reading:
        """The end names its day (and year): the start is the last one on or before it, and
        a start with no day of its own is today's (bot.when_ranges)."""
        if reading.exact is not None or not reading.dates:
            return reading
        at = (reading.ats or (reading.at,))[0]
        ends = [_to_utc(d, (last.ats or (last.at,))[0], self.tz) for d in last.dates]
        finish = next((e for e in ends if e > self.now), ends[0])
        day = self.parts[k][0] if k in self.parts else None
        starts = day.dates if day is not None else (self.today,)
        if {"this", "next", "coming"} & set(self.words[:k]):  # from this may to oct 2028
            starts = tuple(d for d in starts if _to_utc(d, at, self.tz) > self.now)[:1] or starts
        start = R.start_by_end(starts, (finish.astimezone(self.tz).date(),))
        said = " ".join(self.words[k + 1 : end])
        if finish <= self.now:
            raise WhenError(f"'{' '.join(self.words[:end])}' is in the past. {EXAMPLES}")
        if start is None or _to_utc(start[0], at, self.tz) > finish:
            raise WhenError(R.backwards(self.words[:k], said))
        if _to_utc(start[0], at, self.tz) <= self.now < finish:
            raise WhenError(f"That range has begun and runs until {said}: this one, or the next? "
                            f"Write the day or the year it starts ('tomorrow ...').")
        return replace(reading, dates=start)

    def _end_day(self, last: C.Clock, j: int) -> int | None:
        """"february 24 at 3pm - 2pm march 3": the end's day said after its time is the
        end's, read (and checked, bot.when_ranges) like "- march 3 at 2pm"."""
        got = self.compose(j, True, None, (last, None))
        if got is None or got[1] == j or not R.names_day(self.words[j : got[1]]):
            return None
        if got[0].dates and R.names_year(self.words[j : got[1]]):
            self.range_days[got[1]] = got[0]  # as "- march 3 2028 at 2pm" is
        self.range_ends[got[1]] = last
        return got[1]

    def _overnight(self, start: _Reading, last: C.Clock, end: int) -> None:
        """"from 6pm - 1am tomorrow": the day after the end may be the end's (today 18:00) or
        the whole range's (tomorrow 18:00): asked while both are still to come."""
        at = (start.ats or (start.at,))[0]
        if start.exact is not None or not start.dates or not R.crosses_midnight(at, last):
            return
        day = next((d for d in start.dates if _to_utc(d, at, self.tz) > self.now), start.dates[0])
        if _to_utc(day, time(last.hour % 24, last.minute), self.tz) > self.now:
            raise WhenError(R.overnight(self.words[:end], day, at, last, self.today))

    def _under_way(self, reading: _Reading, k: int, end: int) -> None:
        """A range that has begun and not ended ("between 4pm and 5pm" at 16:12, "from august
        to october" in September) could mean this one or the next: asked, never guessed."""
        if end == k or reading.exact is not None or not reading.dates:
            return
        first = reading.dates[0]
        if any(_to_utc(first, at, self.tz) > self.now for at in reading.ats or (reading.at,)):
            return
        if (last := self.range_ends.get(end)) is not None:
            begin = (reading.ats or (reading.at,))[0]
            hours = [last.hour] + [last.hour + 12] * (last.vague and last.hour < 12)
            hour = next((h for h in hours if time(h % 24, last.minute) > begin), hours[-1])
            finish = _to_utc(first, time(hour % 24, last.minute), self.tz)  # 9:30 - 11: 11am
        elif not any(w in W.MONTHS or w in W.WEEKDAYS for w in self.words[k + 1 : end]):
            return  # april 9th through 17th: the end is a day of the start's month
        elif (got := _Grammar(self.toks, self.now, self.tz).compose(k + 1, True)) and (
                got[1] == end and got[0].dates):
            finish = _to_utc(got[0].dates[0], (got[0].ats or (got[0].at,))[0], self.tz)
        else:
            return
        if finish > self.now:
            said = " ".join(self.words[k + 1 : end])
            raise WhenError(f"That range has begun and runs until {said}: this one, or the next? "
                            f"Write the day or the year it starts ('tomorrow ...').")

    def day_span(self, i: int) -> Parsed | None:
        """(from) (the) 13th to (the) 15th (of) july: the month said once is both ends'."""
        j = i + (self.w(i) in ("from", "between"))
        j += self.w(j) == "the"
        first = self._day_number(j, need_ordinal=False)
        if first is None or self.w(j + 1) not in _RANGE_WORDS:
            return None
        k = j + 2 + (self.w(j + 2) == "the")
        if self._day_number(k, need_ordinal=False) is None:
            return None
        k += 1 + (self.w(k + 1) == "of")
        if (month := W.MONTHS.get(self.w(k))) is None:
            return None
        part, end = self._dated(month, first, k + 1)
        return self._combine(part, None, None), end

    def _range_end(self, k: int, i: int) -> int:
        """A range ("Aug 5 - 16", "9:30 to 11:00", "tuesday - friday") reminds at its start:
        the words of its end are read (so they are not left in the note) when they are the
        same kind of thing as its start; otherwise they stay, and are refused as half read."""
        between = "between" in self.words[max(i - 1, 0) : k]
        dash = between and self.w(k) in ("-", "–")  # between 3am - 12pm
        if self.w(k) not in _RANGE_WORDS or (self.w(k) == "and") != between and not dash or (
                k not in self.kinds):
            return k
        has_day, has_clock = self.kinds[k]
        j = k + 1
        named = any(w in W.MONTHS or w in W.WEEKDAYS or w in W.DATE_WORDS for w in self.words[i:k])
        if has_day and not named and any(w in W.MONTHS for w in self.words[j : j + 4]):
            return k  # "13th to 15th July": the month belongs to both ends
        try:
            end = C.range_end_clock(self.w, j) if has_clock else None
        except C.ClockError:
            end = None  # "eod to 25": not a range of times; what follows is refused
        if end:
            self.range_ends[end[1]] = end[0]
            if has_day and (dated := self._end_day(end[0], end[1])):  # 3pm - 2pm march 3
                return dated
            return end[1]
        if R.day_end(self.w, j) is not None and not (
                self.w(j + 1) in W.MONTHS or self.w(j + 2) in W.MONTHS) and has_day:
            return j + 1  # Aug 5 - 16, april ninth through seventeenth
        if (has_day or has_clock) and (got := self.compose(j, True)) and (
                self.kinds.get(got[1], (0, 0))[has_clock and not has_day]):
            if got[0].dates and (R.names_year(self.words[j : got[1]]) or not has_day):
                self.range_days[got[1]] = got[0]  # 26 june to 28 june in 2027: the year is both's
            said = self.parts.get(got[1], (None, None, None))[1]
            if has_day and not has_clock and said is not None:
                self.range_ends[got[1]] = said  # tuesday - friday at 3pm: the start's time too
            return got[1]
        return k

    def compose(self, i: int, led: bool, day: _DatePart | None = None,
                start: tuple[C.Clock | None, C.Period | None] = (None, None)) -> Parsed | None:
        """Up to one day, one time of day and one part of the day, in any order. `day` and
        `start` are parts already read (a duration's day, a range's start)."""
        clock, period = start
        k = i
        for _ in range(4):
            on = k > i or day is not None or clock is not None  # something came before
            j = k + 1 if on and self.w(k) in ("on", "and", "of", ",") else k
            jc = k + 1 if on and self.w(k) in (",", "for") else k  # saturday for 9am
            if day is None and (got := self.date_part(j, led or on)):
                day, k = got
            elif clock is None and (cl := self.clock(jc, day is not None) or self._span_clock(jc)):
                clock, k = cl
                k += self.w(k) in ("approximately", "approx", "sharp")  # 3pm sharp
            elif period is None and (pe := C.period_at(self.w, k, on or self._leads(k))):
                period, k = pe
            else:
                break
        if k == i or (day is None and clock is None and not (period and period.today)):
            if period is not None and self.w(i) in ("in", "at") and k > i + 1:
                return self._combine(day, clock, period), k  # in the morning, at night
            return None
        if day is not None and (week := self._week_after_time(i, k)) is not None:
            day, k = week  # wednesday evening next week, friday at 3pm next week
        self.kinds[k] = (day is not None, clock is not None)
        self.parts[k] = (day, clock, period)
        return self._combine(day, clock, period), k

    def _week_after_time(self, i: int, k: int) -> tuple[_DatePart, int] | None:
        """A plain weekday, its time or part of the day, then its week ("wednesday evening
        next week"): the week is the weekday's, as in "wednesday next week"."""
        j = i + (self.w(i) == "on")
        wd = W.WEEKDAYS.get(self.w(j))
        if wd is None or k <= j + 1 or (week := self._which_week(k)) is None:
            return None
        offset, end = week
        return _DatePart((self._monday(offset) + timedelta(days=wd),)), end

    def part_alone(self, i: int) -> Parsed | None:
        """morning, late evening, said alone: today's if it is still to come, tomorrow's once it
        is over, and asked while it is under way ("afternoon" at 13:00: today's, or tomorrow's?).
        Followed by words it is a note ("morning standup notes")."""
        if (daytime := DP.daytime(self.w, i, len(self.words), self.now.astimezone(self.tz))):
            if isinstance(daytime, str):  # in the daytime, in the night-time
                raise WhenError(daytime)
            return _Reading((self.today + timedelta(days=daytime[0]),), daytime[1]), daytime[2]
        if (got := C.period_at_alone(self.w, i) or DP.degree_alone(self.words, i)) is None:
            return None  # "late" alone: the late evening
        period, k = got
        if k < len(self.words) and self.w(k) not in ("-", "–"):
            return None  # "morning standup notes" is a note; "morning" alone is a WHEN
        local = self.now.astimezone(self.tz)
        hour = local.hour + local.minute / 60
        start, end = period.window
        if start < hour < end:  # said as it starts ("morning" at 05:00), it is still to come
            said = " ".join(self.words[i:k])
            raise WhenError(f"'{said}' could be today or tomorrow. Write 'today {said}' or "
                            f"'tomorrow {said}'.")  # fmt: skip
        day = self.today + timedelta(days=hour >= end)
        return _Reading((day,), period.at), k

    def _span_clock(self, k: int) -> tuple[C.Clock, int] | None:
        """from 3 to 4pm, between 8 and 9: a bare number is a time when a range follows it
        ("from 3 suppliers" is a note)."""
        led = self.w(k) in ("from", "between")
        if not led and not R.digit_start(self.w, k):  # 5 to 6pm
            return None
        try:
            got = C.range_end_clock(self.w, k + led)
            end = C.range_end_clock(self.w, got[1] + 1) if got else None
        except C.ClockError:
            return None
        if not got or self.w(got[1]) not in _RANGE_WORDS:
            return None
        last = end[0] if end else None
        after = end[1] if end else -1
        if last is not None and last.vague and (half := W.half_of_day(self.w(after),
                                                                     self.w(after + 1))):
            last = replace(last, hour=last.hour % 12 + 12 * (half == "pm"), vague=False)
        if got[0].vague and last is not None and not last.vague:
            return C.start_of_range(got[0], last), got[1]  # tomorrow from 7:00 to 8:00pm: 19:00
        return got

    def _leads(self, k: int) -> bool:
        """A bare part of the day may open a WHEN when a day or time follows: "evening of
        the 25th", "afternoon at 16:30"."""
        return self.w(k + 1) in ("of", "at", "on", "@")

    def _combine(self, day: _DatePart | None, clock: C.Clock | None,
                 period: C.Period | None) -> _Reading:  # fmt: skip
        """Days to try in order, and the wall time(s) to use on them."""
        today, tomorrow = self.today, self.today + timedelta(days=1)
        hint = period.hint if period else day.hint if day else None
        hint = "night" if hint == "at night" and day else hint  # friday 1 at night: asked
        if day is not None:
            dates = day.dates
        elif period is not None and period.today:
            dates = (today,)
        else:
            dates = (today, tomorrow)
        if clock is not None:
            if day is not None and day.week:
                raise WhenError(f"Which day of {day.week}? Write e.g. 'tuesday {day.week} at "
                                f"{clock.said}'.")  # fmt: skip
            try:
                at = C.settle(clock, hint)
            except C.ClockError as err:
                raise WhenError(str(err)) from None
            if C.ends_day(clock, hint):  # midnight; this evening at 12
                if day is not None and clock.next_day:
                    self._which_midnight(dates)
                dates = tuple(d + timedelta(days=1) for d in dates)
            ladder = clock.ladder if day is None or day.ladder else ()
            return _Reading(dates, at, ats=ladder)
        if period is not None:
            return _Reading(dates, period.at, ats=period.ladder)
        assert day is not None
        return _Reading(dates, day.fixed or day.default, ats=day.ladder)

    def _which_midnight(self, dates: tuple[date, ...]) -> None:
        """midnight on aug 12: the 00:00 that starts the 12th (chrono, natty) or the one that
        ends it? Asked when both are still ahead; once the first has passed, the end."""
        ends = [d for d in dates if _to_utc(d + timedelta(days=1), time(0), self.tz) > self.now]
        if not ends or _to_utc(ends[0], time(0), self.tz) <= self.now:
            return
        start, end = ends[0], ends[0] + timedelta(days=1)
        raise WhenError(f"Midnight at the start of {start:%a %-d %b}, or at its end "
                        f"({end:%a %-d %b} 00:00)? Write '{start:%b %-d} 00:00' or "
                        f"'{end:%b %-d} 00:00'.")

    # ---- clock times

    def clock(self, i: int, after_day: bool) -> tuple[C.Clock, int] | None:
        """3pm, 15:30, at 8, quarter past 3, 15h (after a day), noon, eod, end of day."""
        try:
            return C.read_clock(self.w, i, after_day)
        except C.ClockError as err:  # a question that says what to write needs no examples
            raise WhenError(str(err) if "Write " in str(err) else f"{err} {EXAMPLES}") from None

    # ---- durations

    def amounts(self, i: int) -> tuple[list[tuple[str, int]], int, bool]:
        """'2 hours and 30 minutes', 'a couple of days', '1h30m' -> [(unit, n)], end, digits?"""
        parts: list[tuple[str, int]] = []
        digits = False
        while True:
            k = i + 1 if parts and self.w(i) in ("and", "&", "+") else i
            got = self._amount(k)
            if got is None:
                return parts, i, digits
            more, i, was_digit = got
            parts += more
            digits = digits or was_digit

    def _amount(self, i: int) -> tuple[list[tuple[str, int]], int, bool] | None:
        word = self.w(i)
        if _COMPACT_RE.fullmatch(word):
            pairs = _COMPACT_PART.findall(word)
            if all(u in W.UNITS for _, u in pairs):
                return [_unit(u, _count(n)) for n, u in pairs], i + 1, True
            return None
        j = i + (word == "a")
        for words, minutes in _FRACTIONS:
            if self.seq(j, *words):
                return [("min", minutes)], j + len(words), False
        if m := _PART_OF_HOUR.fullmatch(word):  # 1.5 hours, 1/4 h, 3/4h, 2.5h
            unit = m[2] or self.w(i + 1)
            if unit in W.UNITS and W.UNITS[unit][0] in ("h", "min"):
                value = float(m[1]) if "." in m[1] else int(m[1][0]) / int(m[1][2])
                minutes = round(value * (60 if W.UNITS[unit][0] == "h" else 1))
                return [("min", minutes)], i + (1 if m[2] else 2), True
        n, k, digit = self._number(i)
        k += self.w(k) == "more"  # in 2 more minutes
        if n is not None and self.w(k) == "and" and self.w(k + 1) in ("a", "an") and self.seq(
                k + 2, "half") and W.UNITS.get(self.w(k + 3), ("",))[0] == "h":
            return [("h", n), ("min", 30)], k + 4, digit  # 2 and a half hours
        if n is None or self.w(k) not in W.UNITS:
            return None
        unit = _unit(self.w(k), n)
        if self.w(k + 1) == "and" and self.w(k + 2) in ("a", "an") and self.w(k + 3) == "half" \
                and unit[0] == "h":  # an hour and a half
            return [unit, ("min", 30)], k + 4, digit
        return [unit], k + 1, digit

    def _number(self, i: int) -> tuple[int | None, int, bool]:
        word = self.w(i)
        if re.fullmatch(r"[0-9]+", word):
            return _count(word), i + 1, True
        if word == "a" and self.w(i + 1) in ("couple", "few", "pair"):
            i += 1
            word = self.w(i)
        if word in ("couple", "few", "pair"):  # a pair of minutes
            n = W.WORD_NUMBERS.get(word, 2)
            return n, i + 2 if self.w(i + 1) == "of" else i + 1, False
        if word in W.WORD_NUMBERS:
            return W.WORD_NUMBERS[word], i + 1, False
        return None, i, False

    def weekdays_on(self, i: int) -> Parsed | None:
        """3 fridays from now: the third Friday after today."""
        n, k, _ = self._number(i)
        word = self.w(k)
        if n is None or word[:-1] not in W.WEEKDAYS or not word.endswith("s"):
            return None
        wd = W.WEEKDAYS[word[:-1]]
        if self.w(k + 1) in ("after", "before") and (anchor := self._anchor(k + 2)):
            step = 1 if self.w(k + 1) == "after" else -1  # 3 mondays after may 25
            dates = tuple(_nth_from(d, wd, n, step) for d in anchor[0].dates)
            return self.compose(anchor[1], True, _DatePart(dates)) or (_Reading(dates), anchor[1])
        if not (self.seq(k + 1, "from", "now") or self.seq(k + 1, "from", "today")):
            return None
        first = _next_weekday(self.today, wd)
        return _Reading((first + timedelta(days=7 * (n - 1)),), W.NINE), k + 3

    def duration(self, i: int) -> Parsed | None:
        """in 3 days / 3 days from now / a week from tomorrow / 2h; ago -> past."""
        i += self.seq(i, "the", "next")  # the next 3 days: reminded at their end, like "in 3 days"
        within = self.w(i) == "within"  # within 2 weeks: by the last day of them
        has_in = self.w(i) in ("in", "next") or within
        if lead := D.lead(self.w, i):  # after an hour, now + 40 minutes
            i, has_in = i + lead - 1, True
        if one := D.next_one(self.w, i):  # next hour, next day
            return self._shift(one[0], None, one[1])
        if has_in and self.w(i + 1) in ("about", "around", "approximately", "roughly"):
            i += 1  # in about half an hour
        if i == 0 and re.fullmatch(r"(1[3-9]|2[0-3])h", self.w(i)):
            h = self.w(i)[:-1]
            raise WhenError(f"Is '{h}h' {h}:00 or in {h} hours? Write '{h}:00' or 'in {h} hours'.")
        if has_in and (vague := D.vague_amount(self.w, i + 1)):
            raise WhenError(vague)  # in several hours
        if (deadline := A.less_than(self.w, i)) is not None:
            raise WhenError(deadline)  # less than 3 days after tomorrow
        if self.w(i) == "for" and i == 0 and D.length_alone(self.amounts(i + 1)[0]):
            has_in = True  # for 5 minutes and 30 seconds: from now
        parts, k, digits = self.amounts(i + 1 if has_in else i)
        if not parts:
            return None
        if all(n == 0 for _, n in parts):  # in 0 minutes: no time at all, never "today 09:00"
            said = " ".join(self.words[i:k])
            raise WhenError(f"'{said}' is no time from now: say how long, like in 30 minutes "
                            "or in 2 days.")
        if within and all(u not in W.EXACT_UNITS for u, _ in parts):
            self._within(parts, i, k)
        base: tuple[date, ...] | None = None
        if self.seq(k, "from", "right", "now") and all(u != "mo" for u, _ in parts):
            secs = sum(n * _SECONDS[u] for u, n in parts)
            if secs > MAX_AHEAD.total_seconds():
                raise WhenError(_too_far())
            return _Reading(exact=self.now + timedelta(seconds=secs)), k + 3
        if self.seq(k, "from", "now"):
            k += 2
        elif self.w(k) in ("later", "hence") or self.w(k) in D.AFTER_AMOUNT:
            k += 1
        elif self.w(k) in ("from", "after", "before") or (
                self.w(k) == "on" and self.w(k + 1) in W.WEEKDAYS and not has_in):  # a week on tue
            at = self._from_clock(parts, k)
            if (day := self._from_day(parts, k)) is not None and (at is None or day[1] > at[1]):
                at = day  # one hour from thursday, 2 hours after noon tomorrow
            if at is not None:
                return at  # 15 minutes from 1pm, 10 hours before noon
            if asked := self._from_next_weekday(parts, i, k):
                raise WhenError(asked)  # 2 days after next friday: both answers
            got = self.date_part(k + 1, True)
            if got is None or self.holiday(k + 1, True) and any(u == "mo" for u, _ in parts) and (
                    not H.shift_is_clear(got[0].dates, *_amount_of(parts), self.today)):
                if got is not None:  # a year from christmas: which christmas?
                    said = " ".join(self.words[i : got[1]])
                    raise WhenError(H.which_one(said, got[0].dates, *_amount_of(parts)))
                if asked := self._before_a_note(parts, i, k):
                    raise WhenError(asked)  # 30 minutes before the meeting at 3pm
                return None
            if self.w(k) == "before":
                parts = [(u, -n) for u, n in parts]
            base, k = got[0].dates, got[1]
        elif self.w(k) == "ago":
            raise WhenError(f"That is in the past. {EXAMPLES}")
        elif not (has_in or digits or NB.spelled_alone(self.words, k)):
            return None
        k += has_in and self.w(k) == "time"  # in 3 weeks' time
        return self._shift(parts, base, k)

    def _within(self, parts: list[tuple[str, int]], i: int, k: int) -> None:
        """within 2 weeks: by the day before the 14th, or on it? Sources differ: asked."""
        got = self._shift(parts, None, k)
        if got is None or not got[0].dates:
            return
        last = got[0].dates[0]
        said = " ".join(self.words[i:k])
        amount = " ".join(self.words[i + 1 : k])
        raise WhenError(D.within_asked(said, amount, last - timedelta(days=1), last))

    def _from_clock(self, parts: list[tuple[str, int]], k: int) -> Parsed | None:
        """Minutes or hours from, after or before a time of day (not midnight: which one?)."""
        if self.w(k) == "on" or any(u not in W.EXACT_UNITS for u, _ in parts):
            return None
        got = self.clock(k + 1, False)
        if got is not None and got[0].next_day:  # 5 hours after midnight (bot.when_anchored)
            return _Reading(*A.around_midnight(parts, self.w(k) == "before", self.today)), got[1]
        if got is None or got[0].next_day or got[0].ladder:
            return None
        try:
            at = C.settle(got[0], None)
        except C.ClockError as err:
            raise WhenError(str(err)) from None
        secs = sum(n * {"s": 1, "min": 60, "h": 3600}[u] for u, n in parts)
        wall = datetime.combine(self.today, at) + timedelta(
            seconds=-secs if self.w(k) == "before" else secs)
        return _Reading((wall.date(), wall.date() + timedelta(days=1)), wall.time()), got[1]

    def _from_day(self, parts: list[tuple[str, int]], k: int) -> Parsed | None:
        """Minutes or hours from, after or before a day: from its start ("one hour from
        thursday", parsedatetime), or from the time said with it ("2 hours after noon
        tomorrow") (bot.when_counted.hours_from)."""
        if self.w(k) == "on" or any(u not in W.EXACT_UNITS for u, _ in parts):
            return None
        if self.w(k + 1) == "next" and self.w(k + 2) in ("noon", "midday"):  # tomorrow's noon
            noon = (self.today + timedelta(days=1),), time(12)
            return _Reading(*CT.hours_from(parts, self.w(k) == "before", *noon)), k + 3
        got = self.compose(k + 1, True)
        if got is None or not got[0].dates or not self.kinds.get(got[1], (False, False))[0]:
            return None
        before, (day, clock, period) = self.w(k) == "before", self.parts[got[1]]
        if clock is None and (not day or got[0].dates[0] == self.today or period or CT.loose_day(
                self.words[k + 1 : got[1]])):  # fmt: skip
            return None  # 2 hours from today, an hour before tomorrow morning: which hour?
        if clock is None and got[1] < len(self.words):  # 15 minutes before monday standup
            raise WhenError(CT.day_start_then_note(self.words[: got[1]], parts, before,
                                                  got[0].dates[0]))  # fmt: skip
        start = (got[0].ats or (got[0].at,))[0] if clock else time(0)
        return _Reading(*CT.hours_from(parts, before, got[0].dates, start)), got[1]

    def _from_next_weekday(self, parts: list[tuple[str, int]], i: int, k: int) -> str | None:
        """2 days after next friday, said while this week's Friday is ahead: "next friday" is
        asked (bot.when weekday), and the question names the two answers, not the Fridays."""
        wd = W.WEEKDAYS.get(self.w(k + 2))
        if self.w(k + 1) != "next" or wd is None or any(u in W.EXACT_UNITS for u, _ in parts):
            return None
        day = _next_weekday(self.today, wd)
        if day >= self._monday(1) or self._which_week(k + 3) or self.w(k + 3) == "after":
            return None
        sign = -1 if self.w(k) == "before" else 1
        shifted = [self._shift([(u, sign * n) for u, n in parts], (d,), k + 3) for d in (
            day, day + timedelta(days=7))]  # fmt: skip
        ends = [got[0].dates[0] for got in shifted if got and got[0].dates]
        if len(ends) < 2:
            return None
        said = " ".join(self.words[i : k + 3])
        return CT.from_next_weekday(said, " ".join(self.words[i : k + 1]), self.w(k + 2),
                                   (day, ends[0]), (day + timedelta(days=7), ends[1]))

    def _before_a_note(self, parts: list[tuple[str, int]], i: int, k: int) -> str | None:
        """30 minutes before the meeting at 3pm: the time is the note's, after words of the
        note; asked with the time to write first (bot.when_counted.before_a_note)."""
        if self.w(k) == "on" or any(u not in W.EXACT_UNITS for u, _ in parts):
            return None
        for m in range(k + 2, min(k + 7, len(self.words))):
            try:
                got = self.compose(m, True)
            except WhenError:
                continue
            if got is not None and self.kinds[got[1]][1] and not got[0].exact:
                said = " ".join(self.words[i : got[1]])
                note = " ".join(self.words[k + 1 : got[1]])
                return CT.before_a_note(said, note, parts, self.w(k) == "before", got[0].dates,
                                       (got[0].ats or (got[0].at,))[0],
                                       self.now.astimezone(self.tz).replace(tzinfo=None))
        return None

    def _shift(self, parts: list[tuple[str, int]], base: tuple[date, ...] | None,
               k: int) -> Parsed | None:  # fmt: skip
        """Apply amounts: exact units to the instant now, calendar units to local days."""
        secs = sum(n * {"s": 1, "min": 60, "h": 3600}[u] for u, n in parts if u in W.EXACT_UNITS)
        days = sum(n for u, n in parts if u == "d")
        months = sum(n for u, n in parts if u == "mo")
        if secs > MAX_AHEAD.total_seconds() or days > 2000 or months > 70:
            raise WhenError(_too_far())
        if secs and base is not None:
            return None
        # 3 days after january 12th: from the next January 12th whose day is still to come
        days_on = [_add_months(start, months) + timedelta(days=days) for start in base or (
            self.today,)]  # fmt: skip
        day = next((d for d in days_on if d >= self.today), days_on[0])
        if secs and (days or months):
            local = datetime.combine(day, self.now.astimezone(self.tz).time())
            exact = _to_utc(local.date(), local.time(), self.tz) + timedelta(seconds=secs)
            return _Reading(exact=exact), k
        if secs:
            return _Reading(exact=self.now + timedelta(seconds=secs)), k
        return self.compose(k, True, _DatePart((day,))) or (_Reading((day,), W.NINE), k)

    # ---- dates

    def date_part(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        """Any day expression; the longest of the shapes that match."""
        rules = (self.relative_day, self.weekday, self.named_period, self.holiday,
                 self.absolute, self.loose_day, self.season)  # fmt: skip
        found = [r for rule in rules if (r := rule(i, led))]
        if near := CD.closest(self.w, i, self.today, self._days_at):  # the closest monday to oct 5
            found.append(self._counted(near))
        if (j := DP.end_of_day(self.w, i)) is not None and (day := self.date_part(j, True)):
            if asked := DP.end_of_part(self.w, day[1], " ".join(self.words[j : day[1]])):
                raise WhenError(asked)  # end of tomorrow morning
            found.append((replace(day[0], default=W.EOD, ladder=C.EOD_LADDER), day[1]))  # eod
        if (j := DP.start_of_day(self.w, i)) is not None and (day := self._day_start(i, j)):
            found.append(day)  # beginning of tomorrow, start of day: 09:00
        if not found:
            return None
        part, k = max(found, key=lambda r: r[1])
        if SPL.dated_today(part.dates, self.words[i:k], self.today) and not part.fixed:
            part = replace(part, default=W.EOD, ladder=C.EOD_LADDER)  # 2026-12-04 on that day
        return part, k

    def _day_start(self, i: int, j: int) -> tuple[_DatePart, int] | None:
        """The start of the day named at j, or of today ("start of day"): 09:00 there."""
        k = j + (self.w(j) == "day")
        k += k > j and self.w(k) == "on"
        got = self.date_part(k, True) if k == j or self.w(k) else None  # start of day tomorrow
        if got is None and k == j:
            return None
        part, end = got or (_DatePart((self.today,)), j + 1)
        if part.dates == (self.today,) and _to_utc(self.today, W.NINE, self.tz) <= self.now:
            raise WhenError(DP.start_passed(" ".join(self.words[i:end])))
        return replace(part, default=W.NINE, ladder=()), end

    def season(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        """this summer, next spring, in the autumn (see bot.when_seasons)."""
        if (got := S.season_at(self.w, i, self.today, self.tz.key)) is None:
            return None
        if got[0] is None and (end := S.season_end(self.today, self.tz.key)):  # by its end
            return _DatePart((end,), fixed=W.EOD, ladder=C.EOD_LADDER), got[1]
        if got[0] is None:
            said = " ".join(self.words[i : got[1]])
            raise WhenError(f"When in '{said}'? It has begun: write a date.")
        return _DatePart((got[0],)), got[1]

    def loose_day(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        """later today / later this week (as today, this week); this time tomorrow, same time
        next friday (now's time of day on that day); early/mid/late next week."""
        word, nxt = self.w(i), self.w(i + 1)
        if word == "later" and (nxt in W.TODAY or nxt == "this"):
            return self.date_part(i + 1, True)
        if word in ("this", "same") and nxt == "time" and (got := self.date_part(i + 2, True)):
            local = self.now.astimezone(self.tz)
            week = got[0].week == "next week"  # same time next week: a week from now
            dates = (self.today + timedelta(days=7),) if week else got[0].dates
            return _DatePart(dates, fixed=time(local.hour, local.minute)), got[1]
        if part := P.part_of_period(self.w, i, self.today):
            return _DatePart(part[0]), part[1]
        if numbered := SPL.week_number(self.w, i, self.today):  # week 31
            return _DatePart(numbered[0]), numbered[1]
        j = i + (word == "the")
        k = j + 2 + self.seq(j, "week", "starting", "on")  # the week beginning feb 4, w/c feb 4
        k = j + 1 if self.w(j) == "w/c" else k if self.w(j + 1) in _WEEK_OF else -1
        if self.w(j) in ("week", "w/c") and k > 0 and (got := self.absolute(k, True)):
            day = next((d for d in got[0].dates if d >= self.today), got[0].dates[0])
            if day.weekday() == 6:  # a Sunday ends a week here, and starts one in the US
                raise WhenError(f"Which week is the week of {day:%a %-d %b}? Write a date.")
            return _DatePart(tuple(d - timedelta(days=d.weekday()) for d in got[0].dates)), got[1]
        return None

    def relative_day(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        word, today = self.w(i), self.today
        if word in W.TODAY:
            return _DatePart((today,), default=W.EOD, ladder=C.EOD_LADDER), i + 1
        if word in W.TOMORROW:
            clock = self.now.astimezone(self.tz).time()
            if clock < _SMALL_HOURS:  # at 00:30, "tomorrow" may be the day after the night
                raise WhenError(f"It is {clock:%H:%M}: is '{word}' today, {today:%a %-d %b}, "
                                f"or {today + timedelta(days=1):%a %-d %b}? Write 'today' or "
                                f"the date, like '{today + timedelta(days=1):%b %-d}'.")
            return _DatePart((today + timedelta(days=1),)), i + 1
        if word == "yesterday":
            return _DatePart((today - timedelta(days=1),)), i + 1
        start = i + 1 if word == "the" else i
        if self.seq(start, "day", "after", "tomorrow") or self.seq(start, "day", "after", "next"):
            return _DatePart((today + timedelta(days=2),)), start + 3
        return None

    def weekday(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        """friday, next fri, this friday, friday next week, wednesday of next week, the friday
        after next, the first monday of june, friday dec 5 (checked)."""
        if got := self.nth_weekday(i):
            return got
        lead = self.w(i) if self.w(i) in _WEEKDAY_LEADS else ""
        j, led = (i + 1, True) if lead else (i, led)
        if lead == "the" and self.w(j) == "following":
            lead, j = "following", j + 1
        if lead == "this" and self.w(j) in ("coming", "upcoming"):  # this coming monday
            lead, j = "coming", j + 1
        word = self.w(j)
        if word not in W.WEEKDAYS and not (word[:-1] in W.WEEKDAYS and len(word) > 6):
            return None  # mondays
        wd = W.WEEKDAYS[word if word in W.WEEKDAYS else word[:-1]]
        day, k = _next_weekday(self.today, wd), j + 1
        if not lead and self.w(k) == "next" and self._ends_when(k + 1):
            lead, k = "next", k + 1  # monday next: next monday ("monday next steps" is a note)
        if word in W.WEAK_WEEKDAYS and not led and self.w(k) in W.NOT_AFTER_WEAK_WEEKDAY and not (
                self._which_week(k) or self.seq(k, "after", "next")):
            return None  # "sat down", but "wed of next week"
        if lead == "this" and wd == self.today.weekday() and not self._which_week(k):
            raise WhenError(f"'this {word}' could be today or {day:%a %-d %b}. Write 'today' or "
                            f"'{word} next week'.")  # fmt: skip
        if self.w(k) in ("after", "before") and (anchor := self._anchor(k + 1)):
            step = 1 if self.w(k) == "after" else -1
            return _DatePart(tuple(_nth_from(d, wd, 1, step) for d in anchor[0].dates)), anchor[1]
        if self.seq(k, "after", "next"):
            if day < self._monday(1):  # later this week: which Friday is "next"?
                raise WhenError(f"'{word} after next' could be {day + timedelta(days=7):%a %-d %b}"
                                f" or {day + timedelta(days=14):%a %-d %b}. Write '{word} next "
                                f"week' or the date.")  # fmt: skip
            day, k = day + timedelta(days=7), k + 2
        elif week := self._which_week(k):
            offset, k = week
            day = self._monday(offset) + timedelta(days=wd)
            if offset == 1 and self.today.weekday() == 6 and wd != 6:
                raise WhenError(_said_on_a_sunday(" ".join(self.words[i:k]), day))
        elif lead == "the":
            return None
        elif lead in ("next", "following") and self.today.weekday() == 6 and wd != 6:
            raise WhenError(_said_on_a_sunday(f"{lead} {word}", day))  # which week is next?
        elif lead in ("next", "following") and day < self._monday(1):  # this week's, or next?
            later = day + timedelta(days=7)
            raise WhenError(f"'{lead} {word}' could be {day:%a %-d %b} or {later:%a %-d %b}. Write "
                            f"'this {word}' or '{word} next week'.")  # fmt: skip
        if not lead and self.w(k) in ("week", "fortnight") and not self._which_week(k):
            later = day + timedelta(days=7 if self.w(k) == "week" else 14)
            if self._ends_when(k + 1):  # thursday week: a week on thursday
                return _DatePart((later,)), k + 1
            raise WhenError(f"Is it '{word} {self.w(k)}' ({later:%a %-d %b}), or {word} with "
                            f"'{self.w(k)} {self.w(k + 1)} ...' to do? Write '{word} "
                            f"{self.w(k)} at 9' or '{word}: {self.w(k)} ...'.")  # fmt: skip
        if (on_day := self._slash_on_weekday(wd, k)) is not None:
            return on_day  # tuesday 11/3/2015: Nov 3 is the Tuesday
        got = self.absolute(k, True)
        if got and got[1] > k:
            return self._same_weekday(got[0], wd, k), got[1]
        if (on := self._weekday_numbered(wd, k)) is not None:
            return on
        if lead in ("", "on") and wd == self.today.weekday() and k == j + 1 and (
                self.now.astimezone(self.tz).time() < _SMALL_HOURS):  # monday, at 1am on Monday
            raise WhenError(f"'{word}' could be today or {day:%a %-d %b}. Write 'today' or "
                            f"'{word} next week'.")  # fmt: skip
        return _DatePart((day,)), k

    def _slash_on_weekday(self, wd: int, k: int) -> tuple[_DatePart, int] | None:
        """A weekday settles which of an ambiguous day/month order is meant, when just one
        of them falls on it ("sunday 12/7/2014": Dec 7 is a Sunday, Jul 12 a Saturday)."""
        m = _SLASH_RE.fullmatch(self.w(k))
        if m is None or not m[3] or not (1 <= int(m[1]) <= 12 and 1 <= int(m[2]) <= 12):
            return None
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        orders = ((int(m[1]), int(m[2])), (int(m[2]), int(m[1])))
        fits = {date(year, month, dom) for month, dom in orders
                if 1900 <= year <= 9998 and dom <= calendar.monthrange(year, month)[1]
                and date(year, month, dom).weekday() == wd}  # fmt: skip
        return (_DatePart((fits.pop(),)), k + 1) if len(fits) == 1 else None

    def _ends_when(self, k: int) -> bool:
        """Does the WHEN plainly end before word k: the text ends, or a time or a comma
        follows? Then a word that could start the note ("week", "next", "21") is the WHEN's."""
        return self.w(k) in ("", "at", "@", "from", "between", ",", ":", "-") or bool(
            self.clock(k, True))

    def _weekday_numbered(self, wd: int, k: int) -> tuple[_DatePart, int] | None:
        """monday 21: the next 21st that is a Monday. Only where the number ends the WHEN
        ("friday 3 slides" keeps its 3 in the note)."""
        if not re.fullmatch(r"[0-9]{1,2}", self.w(k)) or not self._ends_when(k + 1):
            return None
        n = int(self.w(k))
        if not 1 <= n <= 31:
            return None
        dates = tuple(d for d in _monthly(self.today, n) if d.weekday() == wd)
        if dates and dates[0] == self.today:
            raise WhenError(f"'{self.w(k - 1)} {n}' is today. Write 'today' and a time, or the "
                            f"date it should be.")  # fmt: skip
        ahead = [d for d in dates if d > self.today]
        if ahead and n <= 12:  # "friday 5": five o'clock, or the 5th?
            day, said = ahead[0], f"{self.w(k - 1)} {n}"
            raise WhenError(f"Is '{said}' {self.w(k - 1)} at {n}, or {self.w(k - 1)} the "
                            f"{n}{_suffix(n)} ({day:%a %-d %b %Y})? Write '{self.w(k - 1)} "
                            f"at {n}' or '{day:%b %-d %Y}'.")
        return (_DatePart(dates), k + 1) if dates else None

    def _anchor(self, k: int) -> tuple[_DatePart, int] | None:
        """The day a "<weekday> after|before ..." counts from ("after next wed", "before May
        25"); a bare "next" is not one ("the friday after next")."""
        if self.w(k) == "next" and self.w(k + 1) not in W.WEEKDAYS and self.w(k + 1) not in (
                "week", "month", "year"):
            return None
        return self.date_part(k, True)

    def _monday(self, weeks_ahead: int) -> date:
        """The Monday that starts the week `weeks_ahead` weeks after this one."""
        return self.today + timedelta(days=7 * weeks_ahead - self.today.weekday())

    def _which_week(self, k: int) -> tuple[int, int] | None:
        """After a weekday: (of|in) (the) next/following week, week after next, this week."""
        j = k + 1 if self.w(k) in ("of", "in") else k
        j += self.w(j) == "the"
        if self.w(j) in ("next", "following", "coming") and self.w(j + 1) == "week":
            return 1, j + 2
        if self.seq(j, "week", "after", "next"):
            return 2, j + 3
        if self.w(j) == "this" and self.w(j + 1) == "week":
            return 0, j + 2
        return None

    def nth_weekday(self, i: int) -> tuple[_DatePart, int] | None:
        """(the) first/2nd/last monday of|in june (2027) / next month / this month / 2 months;
        the first/last week or weekend of a month (its Monday, its Saturday)."""
        j = i + (self.w(i) == "the")
        n, wd = _NTH.get(self.w(j)), W.WEEKDAYS.get(self.w(j + 1))
        week = self.w(j + 1) if self.w(j + 1) in ("week", "weekend", "wkend") else ""
        if week and self.w(j + 2) in ("of", "in"):  # the last week of september: a whole week
            wd = 5 if week != "week" else 0
        if n is None or wd is None:
            return None
        if n > 0 and self.w(j + 2) in ("after", "before") and (anchor := self._anchor(j + 3)):
            step = 1 if self.w(j + 2) == "after" else -1  # the 2nd monday before may 25
            return _DatePart(tuple(_nth_from(d, wd, n, step) for d in anchor[0].dates)), anchor[1]
        bare = MO.names_the_month(self.w, j + 2)  # third monday next month: as "of next month"
        if self.w(j + 2) not in ("of", "in") and not bare:
            return None
        k = j + 2 if bare else j + 3 + (self.w(j + 3) == "the")
        first = self.today.replace(day=1)
        k += self.w(k) == "month" and (self.w(k + 1) == "in" or self.w(k + 1).isdigit())
        ahead, after = self._number(k + (self.w(k) == "in"))[:2]
        if not bare and MO.of_the_month(self.w, j + 3):  # the last thursday of the month
            months, k = [first, _add_months(first, 1)], j + 5  # the coming one
        elif self.w(k) in ("next", "this") and self.w(k + 1) == "month":
            months, k = [_add_months(first, int(self.w(k) == "next"))], k + 2
        elif ahead is not None and self.w(after) in ("month", "months") and ahead < 60:
            months, k = [_add_months(first, ahead)], after + 1  # first monday in 2 months
        elif (month := W.MONTHS.get(self.w(k))) is not None:
            year = self._year(k + 1)
            years = [year] if year else [first.year, first.year + 1]
            months, k = [date(y, month, 1) for y in years], k + 1 + (year is not None)
        else:
            return None
        dates = tuple(d for m in months if (d := _nth_weekday(m, wd, n)))
        live = [m for m in months if _add_months(m, 1) > self.today][:1]  # the month meant
        if week == "week" and n > 0 and any(m.weekday() != 0 for m in live):
            said = " ".join(self.words[j:k])  # the 3rd week of jan 2019: from the 14th or 21st?
            raise WhenError(f"Which week is '{said}' (weeks counted from the 1st, or from the "
                            f"first Monday)? Write its first day, e.g. 'the week of jan 14'.")
        if week == "week" and n == -1:  # the last whole week: its Sunday still in the month
            dates = tuple(d - timedelta(days=7) if d + timedelta(days=6) > P.month_end(d) else d
                          for d in dates)  # fmt: skip
        if not dates:
            raise WhenError(f"{W.MONTH_NAMES[months[0].month]} has no {self.w(j)} "
                            f"{calendar.day_name[wd]}. {EXAMPLES}")  # fmt: skip
        return _DatePart(dates), k

    def _same_weekday(self, part: _DatePart, wd: int, k: int) -> _DatePart:
        """'friday dec 5': keep the candidate that is a Friday, or say which day it really is.

        'fri jul 18' may be a later year's Jul 18, the next that is a Friday (as Duckling reads
        it), but never a past one: a date months past is not the one meant, and one of the
        last two weeks is left to the reader's own question about a date just past.
        """
        near = [d for d in part.dates if d >= self.today - _RECENT]
        fitting = tuple(d for d in near if d.weekday() == wd)
        if fitting:
            return _DatePart(fitting, part.default, part.fixed)
        first = next((d for d in near if d >= self.today), part.dates[0])
        raise WhenError(
            f"{first:%b} {first.day} {first.year} is a {first:%A}, not a "
            f"{calendar.day_name[wd]}. {EXAMPLES}"
        )

    def named_period(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        """next week/month/year, (this|next) weekend, week after next, end of week/month/year,
        next quarter, upcoming two weeks."""
        if begun := P.begun_today(self.w, i, self.today):
            said, last = " ".join(self.words[i : begun[1]]), begun[0]
            raise WhenError(f"'{said}' began today: today, or by its end ({last:%a %-d %b})? "
                            f"Write 'today' or '{last:%b %-d}'.")
        late = self.now.astimezone(self.tz).time() >= W.NINE
        if whole := PS.period_said(self.w, i, self.today, late):  # the first week of 2021
            by_end = _DatePart(whole[0], fixed=W.EOD, ladder=C.EOD_LADDER)
            return (by_end if whole[1] else _DatePart(whole[0])), whole[2]
        if many := A.counted_of_year(self.w, i, self.today):  # the first 2 weeks of 2021
            by_end = _DatePart(many[0], fixed=W.EOD, ladder=C.EOD_LADDER)
            return (by_end if many[1] else _DatePart(many[0])), many[2]
        if current := P.current_period(self.w, i, self.today):
            if current[0] is None:
                said = " ".join(self.words[i : current[1]])
                raise WhenError(f"When in '{said}'? Write a date, or 'end of the year'.")
            return _DatePart(current[0], fixed=W.EOD, ladder=C.EOD_LADDER), current[1]
        if ahead := P.unit_ahead(self.w, i, self.today):
            return _DatePart(ahead[0]), ahead[1]
        today = self.today
        monday = today + timedelta(days=7 - today.weekday())
        j = i + 1 if self.w(i) == "the" else i
        if self.seq(j, "week", "after", "next"):
            return _DatePart((monday + timedelta(days=7),), week="the week after next"), j + 3
        if self.seq(j, "month", "after", "next"):  # two months from today, like "next month"
            return _DatePart((_add_months(today, 2),)), j + 3
        following = self.w(j) in ("following", "coming", "upcoming")
        if self.w(i) == "next" or following:
            i = j
            nxt = self.w(i + 1)
            if dated := LO.next_month_day(self.w, i, today):  # next december 23rd
                return _DatePart((_make_date(*dated[:3]),)), dated[3]
            if (month := W.MONTHS.get(nxt)) is not None and self.w(i) == "next":  # next march
                first = today.replace(day=1)
                year = first.year + (month <= first.month)
                return _DatePart((date(year, month, 1),)), i + 2
            if nxt == "week":
                j = i + 3 if self.w(i + 2) == "on" else i + 2
                if (wd := W.WEEKDAYS.get(self.w(j))) is not None:  # next week (on) tuesday
                    if today.weekday() == 6 and wd != 6 and self.w(i) == "next":
                        said = " ".join(self.words[i : j + 1])
                        raise WhenError(_said_on_a_sunday(said, monday + timedelta(days=wd)))
                    return _DatePart((monday + timedelta(days=wd),)), j + 1
                return _DatePart((today + timedelta(days=7),), week="next week"), i + 2
            if nxt == "month" and (dayed := MO.day_after(self.w, i + 2)):  # next month 28th
                first = _add_months(today.replace(day=1), 1)
                if dayed[0] <= calendar.monthrange(first.year, first.month)[1]:
                    return _DatePart((first.replace(day=dayed[0]),)), dayed[1]
            if nxt == "month":  # a month from today, like "in a month"
                return _DatePart((_add_months(today, 1),)), i + 2
            if nxt in ("year", "yr"):
                return _DatePart((_add_months(today, 12),)), i + 2
            if nxt == "weekend":
                return _DatePart((monday + timedelta(days=5),)), i + 2
        if self.w(j) == "weekend" and (j > i or led):
            return _DatePart(self._weekend()), j + 1
        if self.seq(i, "this", "weekend"):
            return _DatePart(self._weekend()), i + 2
        return self._end_of(i)

    def _weekend(self) -> tuple[date, ...]:
        today = self.today
        if today.weekday() == 5:
            return (today, today + timedelta(days=1))
        if today.weekday() == 6:
            return (today,)
        return (today + timedelta(days=5 - today.weekday()),)

    def _end_of(self, i: int) -> tuple[_DatePart, int] | None:
        if got := P.edge_of(self.w, i, self.today) or DP.part_of_year(self.w, i, self.today):
            dates, at, k = got  # end of 2027; late 2027
            return _DatePart(dates, fixed=at), k
        if season := DP.season_end(self.w, i, self.today, self.tz.key):  # end of summer
            return _DatePart(season[0], fixed=W.EOD), season[1]
        return None

    def holiday(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        """christmas (eve), new year's day, easter monday, thanksgiving 2027, next halloween."""
        weekend = self.seq(i, "the", "weekend", "of") or self.seq(i, "weekend", "of")
        j = i + (3 if self.w(i) == "the" else 2) if weekend else i
        try:
            got = H.holiday_at(self.w, j, self.today)
        except L.NotInTable as err:
            raise WhenError(str(err)) from None
        if got and (weekend or self.w(got[1]) == "weekend"):  # labor day weekend
            end = got[1] + (not weekend)
            saturdays = H.weekend_of(got[0])
            if saturdays is None:
                said = " ".join(self.words[i:end])
                raise WhenError(f"Which weekend is '{said}': the one before or the one after? "
                                f"Write the day, like 'sat {got[0][0]:%b %-d}'.")
            return _DatePart(saturdays), end
        return (_DatePart(got[0]), got[1]) if got else None

    def absolute(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        """2026-12-05, 25/12, dec 5 (2026), 5 dec, december 5th, the 5th (of december)."""
        word = self.w(i)
        if word == "the" and _ISO_RE.fullmatch(self.w(i + 1)):  # from the 2018/08/05
            i, word = i + 1, self.w(i + 1)
        if one := self._one_word(word):
            if len(one.dates) > 1 and (year := self._year(i + 1)) is not None:  # 14april 2015
                first = one.dates[0]
                return _DatePart((_make_date(year, first.month, first.day),)), i + 2
            return one, i + 1
        if word in ("in", "this") and self.w(i + 1) in W.MONTHS:
            i, led = i + 1, True
        if word == "in" and (year := self._year(i + 1)) is not None:  # in 2027
            return _DatePart((_make_date(year, 1, 1),)), i + 2
        got = self.month_first(i, led) or self.day_first(i)
        if got is None:
            return None
        k = got[1] + (self.w(got[1]) == ",")
        if (wd := W.WEEKDAYS.get(self.w(k))) is not None:  # Jul 18, Fri
            return self._same_weekday(got[0], wd, k), k + 1
        return got

    def _one_word(self, word: str) -> _DatePart | None:
        """2026-12-05(t14:30), 25/12, 8/may, may/8/2027, 14april, 2027-10, 2/2027."""
        if m := _ISO_RE.fullmatch(word):
            day = _make_date(int(m[1]), int(m[2]), int(m[3]))
            fixed = _h24(int(m[4]), int(m[5]), word) if m[4] else None
            if fixed is not None and m[6]:
                fixed = fixed.replace(second=min(int(m[6]), 59))
            return _DatePart((day,), fixed=fixed)
        if m := _SLASH_RE.fullmatch(word):
            return self._slash(m, word)
        if m := _DOTTED_RE.fullmatch(word):  # written this way, the day comes first
            return _DatePart((_make_date(int(m[3]), int(m[2]), int(m[1])),))
        if (m := _NAMED_SLASH_RE.fullmatch(word)) and (m[2] or m[4]) in W.MONTHS:
            month, dom = W.MONTHS[m[2] or m[4]], int(m[1] or m[5])
            if m[3] or m[6]:
                return _DatePart((_make_date(int(m[3] or m[6]), month, dom),))
            return _DatePart(_yearly(self.today, month, dom))
        if m := _MONTH_YEAR_RE.fullmatch(word):
            year, nth = (m[1], m[2]) if m[1] else (m[4], m[3])
            return self._whole_month(_make_date(int(year), int(nth), 1), word)
        return None

    def _whole_month(self, first: date, said: str) -> _DatePart:
        """dec 2026, 12/2026: its 1st; said in that month (its 1st gone), asked like "dec"."""
        if (first.year, first.month) == (self.today.year, self.today.month) and self.today.day > 1:
            raise WhenError(f"'{said}' is this month: write a date ('{first:%b} "
                            f"{min(self.today.day + 1, 28)}') or 'end of the month'.")  # fmt: skip
        return _DatePart((first,))

    def _slash(self, m: re.Match[str], word: str) -> _DatePart:
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b:
            month, day = b, a
        elif b > 12 >= a or a == b:
            month, day = a, b
        else:
            raise WhenError(
                f"'{word}' could be {W.MONTH_NAMES[a][:3]} {b} or {W.MONTH_NAMES[b][:3]} {a}. "
                f"Please write it as '{W.MONTH_NAMES[a][:3].lower()} {b}' or "
                f"'{W.MONTH_NAMES[b][:3].lower()} {a}'."
            )
        if not 1 <= month <= 12:
            raise WhenError(f"I couldn't read '{word}' as a date. {EXAMPLES}")
        if m[3]:
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return _DatePart((_make_date(year, month, day),))
        return _DatePart(_yearly(self.today, month, day))

    def _year(self, i: int) -> int | None:
        return int(self.w(i)) if _YEAR_RE.fullmatch(self.w(i)) else None

    def _day_number(self, i: int, need_ordinal: bool) -> int | None:
        word = self.w(i)
        if word in _ORDINAL_WORDS:
            return _ORDINAL_WORDS[word]
        if r := _DAY_RANGE_RE.fullmatch(word):  # 13-15 july: a range reminds at its start
            word = r[1]
        m = (_ORD_RE if need_ordinal else _DAY_RE).fullmatch(word)
        return int(m[1]) if m else None

    def month_first(self, i: int, led: bool) -> tuple[_DatePart, int] | None:
        """dec 5, december 5th 2026, december the 5th, dec 2026, (in|by) december, feb13."""
        if self.w(i) in _PART_OF_MONTH and self.w(i + 1) in W.MONTHS:  # early march
            got = self.month_first(i + 1, True)
            if got is None or got[0].dates[0].day != 1:
                return None
            dom = _PART_OF_MONTH[self.w(i)]
            return _DatePart(tuple(d.replace(day=dom) for d in got[0].dates)), got[1]
        if LO.the_month_day(self.w, i):  # the december 25th (bot.when_loose)
            return self.month_first(i + 1, True)
        if (m := _GLUED_RE.fullmatch(self.w(i))) and m[1] in W.MONTHS:
            return self._dated(W.MONTHS[m[1]], int(m[2]), i + 1)
        month = W.MONTHS.get(self.w(i))
        if month is None:
            return None
        k = i + 2 if self.w(i + 1) == "the" else i + 1
        day = self._day_number(k, need_ordinal=False)
        if day is not None and self._year(k) is None:
            return self._dated(month, day, k + 1)
        if (year := self._year(i + 1)) is not None:
            said = " ".join(self.words[i : i + 2])
            return self._whole_month(_make_date(year, month, 1), said), i + 2
        if self.seq(i + 1, "next", "year"):  # january next year
            return _DatePart((_make_date(self.today.year + 1, month, 1),)), i + 3
        if not led and self.w(i) in W.WEAK_MONTHS and i + 1 < len(self.words):
            return None  # "may I ask", "march on"; "september" (or "march" alone) is its 1st
        if month == self.today.month and self.w(i - 1) not in _PART_OF_MONTH:
            raise WhenError(f"'{self.w(i)}' is this month: write a date ('{self.w(i)[:3]} "
                            f"{min(self.today.day + 1, 28)}') or 'end of the month'.")  # fmt: skip
        return _DatePart(_yearly(self.today, month, 1)), i + 1

    def day_first(self, i: int) -> tuple[_DatePart, int] | None:
        """5 dec, 5th of december 2026, the 5th, 5th, the last day of october."""
        the = self.w(i) == "the"
        j = i + 1 if the else i
        if (counted := CD.from_the_end(self.w, j)) is not None:  # the 5th last day of may
            n, wd, k = counted
            ends = self._last_day(k)
            got = (ends[0].dates, ends[1]) if ends else CD.this_month(self.w, k, self.today)
            return self._counted((CD.back(got[0], n, wd), got[1])) if got else None
        if self.seq(j, "last", "day") and self.w(j + 2) in ("of", "in"):
            return self._last_day(j + 3)
        day = self._day_number(j, need_ordinal=False)
        if day is None:
            return None
        k = j + 2 if self.w(j + 1) == "of" else j + 1
        k += self.w(j + 1) == "in" and self._which_month(j + 2) is not None  # 4-23 in next month
        if k > j + 1 and MO.of_the_month(self.w, k):  # the first of the month: the coming one
            return _DatePart(_monthly(self.today, day)), k + 2
        if self.w(j + 1) == "day" and self.w(j + 2) in ("of", "in"):
            k = j + 3  # the 20th day of next month
        if (k > j + 1 or MO.bare_ordinal(self.w, j)) and (which := self._which_month(k)):
            first, end = which  # the 28th (of) next month
            days = calendar.monthrange(first.year, first.month)[1]
            if day > days:
                raise WhenError(f"{W.MONTH_NAMES[first.month]} has no day {day}. {EXAMPLES}")
            return _DatePart((first.replace(day=day),)), end
        month = W.MONTHS.get(self.w(k))
        if month is not None:
            return self._dated(month, day, k + 1)
        if _ORD_RE.fullmatch(self.w(j)) or (the and self.w(j) in _ORDINAL_WORDS) or (
                the and self.w(j + 1) in ("from", "between")):  # the 17 from 2pm to 4pm
            return _DatePart(_monthly(self.today, day)), j + 1
        return None

    def _days_at(self, k: int) -> tuple[tuple[date, ...], int] | None:
        """The days a day expression at word k names (bot.when_counted_days counts on them)."""
        got = self.date_part(k, True)
        return (got[0].dates, got[1]) if got else None

    @staticmethod
    def _counted(got: tuple[tuple[date, ...] | str, int] | str) -> tuple[_DatePart, int]:
        """Days counted by bot.when_counted_days, or its question (two days as close)."""
        if isinstance(got, str) or isinstance(got[0], str):
            raise WhenError(got if isinstance(got, str) else got[0])
        return _DatePart(got[0]), got[1]

    def _last_day(self, k: int) -> tuple[_DatePart, int] | None:
        """The last day of <month> (<year>) / of next month."""
        if which := self._which_month(k):
            first, end = which
            return _DatePart((P.month_end(first),)), end
        if (month := W.MONTHS.get(self.w(k))) is None:
            return None
        year = self._year(k + 1)
        years = [year] if year else [self.today.year, self.today.year + 1]
        dates = tuple(P.month_end(date(y, month, 1)) for y in years)
        return _DatePart(dates), k + 1 + (year is not None)

    def _which_month(self, k: int) -> tuple[date, int] | None:
        """(the) next/this/current/following month -> its first day, and where it ends."""
        k += self.w(k) == "the"
        if self.seq(k, "month", "after", "next"):
            return _add_months(self.today.replace(day=1), 2), k + 3
        step = {"this": 0, "current": 0, "next": 1, "following": 1, "coming": 1}.get(self.w(k))
        if step is None or self.w(k + 1) != "month":
            return None
        return _add_months(self.today.replace(day=1), step), k + 2

    def _dated(self, month: int, day: int, k: int) -> tuple[_DatePart, int]:
        if (year := self._year(k)) is not None:
            return _DatePart((_make_date(year, month, day),)), k + 1
        if self.w(k) in ("in", "of") and (year := self._year(k + 1)) is not None:
            return _DatePart((_make_date(year, month, day),)), k + 2  # 28 june in 2027
        if self.seq(k, "next", "year"):  # march 3rd next year
            return _DatePart((_make_date(self.today.year + 1, month, day),)), k + 2
        if (year := SPL.short_year(self.w, k)) is not None:  # 14th april 27
            return _DatePart((_make_date(year, month, day),)), k + 1
        return _DatePart(_yearly(self.today, month, day)), k


def _count(digits: str) -> int:
    """An amount of units; absurd lengths are refused before int() has to cope with them."""
    if len(digits) > 7:
        raise WhenError(_too_far())
    return int(digits)


def _amount_of(parts: Sequence[tuple[str, int]]) -> tuple[int, int]:
    """Months and days in amounts ("3 months and 2 days": 3, 2)."""
    return sum(n for u, n in parts if u == "mo"), sum(n for u, n in parts if u == "d")


def _unit(word: str, n: int) -> tuple[str, int]:
    unit, mult = W.UNITS[word]
    return unit, n * mult


def _h24(hour: int, minute: int, word: str) -> time:
    """An ISO date's time: always 24-hour."""
    if hour > 23 or minute > 59:
        raise WhenError(f"'{word}' isn't a time of day. {EXAMPLES}")
    return time(hour, minute)


def _too_far() -> str:
    return "That is more than 5 years away; I can only remind you within 5 years."


# ---------------------------------------------------------------- dateparser fallback

_DP_DISTRUST = frozenset(
    set(W.WORD_NUMBERS) - {"a", "an"}
    | {"after", "from", "ago", "christmas", "xmas", "eve", "halloween", "thanksgiving",
       "valentines", "new", "end", "eod", "eow", "eom", "the", "yesterday", "weekend", "last"}
)  # fmt: skip
_DP_DOUBT = re.compile(r"[0-9](am|pm|a|p|h)?[-–][0-9]|^[0-9]{1,2}[.][0-9]{1,2}[.]([0-9]{2,4})?$"
                       r"|^[0-9]/[0-9]$")  # ranges, 8.5. (which order?), fractions
# A prefix for dateparser never ends on a word that leads into more: it would take the word
# from the note ("12 noon about the offer": dateparser skips "about", the note lost it).
_DP_STOP = frozenset({"at", "on", "in", "by", "of", "and", "the", "@", "from", "next", "this",
                      "about", "around", "for", "to", "with", "re", "a", "an", "before",
                      "after", "if", "or", "but"})


def _dateish(word: str) -> bool:
    """A word a WHEN may end on ("aug 10", "in 2 days", "friday", "5pm", "noon")."""
    return _has_digit(word) or any(word in words for words in (
        W.MONTHS, W.WEEKDAYS, W.DATE_WORDS, W.TOMORROW, W.TODAY, W.TONIGHT, W.UNITS, W.AM_PM,
        _DP_TIME_WORDS))


_DP_TIME_WORDS = frozenset({"morning", "afternoon", "evening", "night", "weekend", "hence",
                            "now", "later", "noon", "midnight", "midday", "eve"})


def _anchored(words: Sequence[str]) -> bool:
    """A prefix worth showing dateparser: it names a day, a month, a time or a number+unit."""
    for a, b in zip(words, [*words[1:], ""], strict=True):
        if a in W.WEEKDAYS or a in W.MONTHS or a in W.DATE_WORDS or a in W.TOMORROW:
            return True
        number = re.fullmatch(r"[0-9]+", a) is not None
        if _has_digit(a) and (not number or b in W.UNITS or b in W.AM_PM or b in W.MONTHS):
            return True
    return False


def _dateparser(text: str, toks: Sequence[_Tok], now: datetime, tz: ZoneInfo) -> When | None:
    """Ask dateparser about the longest prefix it reads sensibly; None if nothing trustworthy."""
    try:
        from dateparser.date import DateDataParser  # slow import: only on this path
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    words = [t.norm for t in toks]
    if LO.letter_after_hour(words[:8]):  # "5 a": May 1 to dateparser (bot.when_loose)
        return None
    settings = {
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": tz.key,
        "TO_TIMEZONE": "UTC",
        "RELATIVE_BASE": now.astimezone(tz).replace(tzinfo=None),
        "RETURN_TIME_AS_PERIOD": True,
        "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
    }
    parser = DateDataParser(languages=["en"], settings=settings)
    raw = [text[t.start : t.end].lower() for t in toks[:8]]
    tries = 3  # each try costs ~0.15 ms; the longest trustworthy prefixes are the ones that matter
    for n in range(min(len(toks), 8), 0, -1):
        head = words[:n]
        if head[-1] in _DP_STOP or _DP_DISTRUST.intersection(head) or not _anchored(head) or any(
                _DP_DOUBT.search(w) for w in raw[:n]) or (n < len(toks) and not _dateish(head[-1])):
            continue  # a prefix ending in a note's word is not worth one of the three tries
        if (tries := tries - 1) < 0:
            break
        due = _dp_one(parser, text[toks[0].start : toks[n - 1].end], tz)
        named = {W.WEEKDAYS[w] for w in head if w in W.WEEKDAYS}
        if due is not None and named and named != {due.astimezone(tz).weekday()}:
            continue  # "17 friday": dateparser drops the weekday; the 17th is a Thursday
        if due is not None and now < due <= now + MAX_AHEAD:
            return _when(text, toks, n, due)
    return None


def _dp_one(parser: Any, phrase: str, tz: ZoneInfo) -> datetime | None:
    """One dateparser call; a day-only answer gets our 09:00 rule, vaguer periods are refused."""
    try:
        data = parser.get_date_data(phrase)
    except Exception:  # dateparser raises assorted errors on odd input; treat as unread
        return None
    found, period = data.date_obj, data.period
    if found is None or found.tzinfo is None or period not in ("day", "time"):
        return None
    if period == "day":
        return _to_utc(found.astimezone(tz).date(), W.NINE, tz)
    at: datetime = found.astimezone(UTC)
    return at


# ---------------------------------------------------------------- entry point


def _whole(said: str, rest: Sequence[str], tz: ZoneInfo) -> None:
    """Never silently wrong: a WHEN that goes on past what was read is refused, not half-read."""
    if rest and rest[0] in G.TIME_ZONES:
        raise WhenError(f"I can't read time zones: times are in your zone, {tz.key}. "
                        f"Write '{said}' alone.")  # fmt: skip
    if rest and re.fullmatch(r"[0-9]{1,2}", rest[0]):
        pm = f" or '{said} at {rest[0]}pm'" if int(rest[0]) <= 12 else ""
        raise WhenError(f"Is {rest[0]} after '{said}' a time? Write '{said} at {rest[0]}'{pm}, "
                        f"or put what you promised after a colon: '{said}: "
                        f"{' '.join(rest[:3])}'.")
    if rest and G.goes_on(rest):
        shown = " ".join(rest[:3])
        raise WhenError(f"I read '{said}' as a date but not '{shown}' after it. {EXAMPLES}")


def _the_day_before(said: str, due: datetime, timed: bool, now: datetime) -> datetime:
    """"before friday" is by Thursday: the reminder comes the day before, at the same hour.
    "before 9am" names no time to remind at, so it is asked."""
    if timed:
        raise WhenError(f"When should I remind you, '{said}'? Write the time, like 'at 8:30' "
                        f"or 'tomorrow 8:30'.")
    if (earlier := due - timedelta(days=1)) <= now:
        raise WhenError("The day before is today or past: write 'today' or a time, like "
                        "'today 6pm'.")
    return earlier


def _not_a_year_late(reading: _Reading, due: datetime, today: date, said: str,
                     timed: bool) -> None:
    """A yearly date whose this-year day is today and its time has passed ("dec 4" after
    09:00, "dec 4 3pm" at 17:51 on Dec 4), or a day of the last two weeks ("dec 1" on Dec 5):
    a year later is seldom what was meant, so it is asked, never a silent year's wait."""
    first = reading.dates[0] if reading.exact is None and len(reading.dates) > 1 else None
    if first is None or (reading.dates[1] - first).days < 365 or due.year == first.year:
        return
    if not today - timedelta(days=14) <= first <= today:
        return
    later = f"{reading.dates[1]:%b %-d %Y}"
    if first < today:
        ago = (today - first).days
        raise WhenError(f"{first:%b %-d} was {ago} day{'s' * (ago > 1)} ago. For next year's, "
                        f"write '{later}'.")
    if not timed:
        raise WhenError(f"{first:%b %-d} is today. Write 'today' or a time, like "
                        f"'{first:%b %-d} 6pm'; for next year's, write '{later}'.")
    raise WhenError(f"'{said}' has passed this year. For next year's, write the year after the "
                    f"date, like '{later}' and the time.")


def _not_a_month_late(reading: _Reading, due: date, today: date, said: str, timed: bool
                      ) -> None:
    """"the 5th" said on the 5th once 09:00 has passed (or "the 5th at 10am" at noon): next
    month's is seldom what was meant, and "dec 5" said so is asked too ("is today")."""
    first = reading.dates[0] if reading.exact is None and len(reading.dates) > 1 else None
    if first != today or due == today or not 28 <= (reading.dates[1] - first).days <= 31:
        return
    later = f"{reading.dates[1]:%b %-d}"
    if not timed:
        raise WhenError(f"The {today.day}{_suffix(today.day)} is today. Write 'today' or a "
                        f"time, like 'today 6pm'; for next month's, write '{later}'.")
    raise WhenError(f"'{said}' has passed today. For next month's, write '{later}' and the "
                    f"time.")


def _not_the_note(probe: When, said: list[str], year: int) -> None:
    """Never silently wrong: "2nd draft review", "5 min call", "q3 numbers" may be all note."""
    if not probe.rest or (hint := G.bare_head(said, year)) is None:
        return
    more = " ".join(probe.rest.split()[:3])
    raise WhenError(f"Is '{probe.text}' when to remind you, or part of what you promised? For "
                    f"the time write '{hint} {more}'; to keep it in the note, give the day "
                    f"first, like 'friday: {probe.text} {more}'.")


def _said_on_a_sunday(said: str, day: date) -> str:
    """'next friday' said on a Sunday: in a week from Monday, the coming Friday is next week's;
    in one from Sunday (as in the US, and Sherlock's and Sugar's tests), the one after it."""
    later = day + timedelta(days=7)
    return (f"'{said}' said on a Sunday could be {day:%a %-d %b} or {later:%a %-d %b}, as weeks "
            f"start on Monday or on Sunday. Write the date: '{day:%b %-d}' or '{later:%b %-d}'.")


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _when(text: str, toks: Sequence[_Tok], n: int, due: datetime) -> When:
    end = toks[n - 1].end
    said = text[toks[0].start : end].rstrip(_PUNCT_TAIL + ".")
    rest = text[end:].strip().lstrip(_REST_LEAD).strip()
    return When(due_at=due, text=said, rest=rest)


def _resolve(reading: _Reading, now: datetime, tz: ZoneInfo, said: str) -> datetime:
    """Pick the first candidate still ahead; refuse the past and the far future."""
    due: datetime | None
    if reading.exact is not None:
        due = reading.exact
    else:
        slots = ((day, at) for day in reading.dates for at in reading.ats or (reading.at,))
        due = next((d for d in (_to_utc(day, at, tz) for day, at in slots) if d > now), None)
    if due is None or due <= now:
        raise WhenError(f"'{said}' is in the past. {EXAMPLES}")
    if due > now + MAX_AHEAD:
        raise WhenError(_too_far())
    return due


def read_when(text: str, now: datetime, tz: ZoneInfo) -> When | None:
    """Read a due time from the start of `text`. `now` is timezone-aware UTC.

    Returns None when the text does not begin like a date (then the whole text is the 'what').
    Raises WhenError when it begins like a date but cannot be read, or when the time is in the
    past or more than five years ahead. See the module docstring for the conventions.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(UTC)
    toks = _tokenise(text)
    if not toks or not toks[0].norm or toks[0].norm in G.NEVER_A_DATE:
        return None
    if asked := ML.alone_asked([t.norm for t in toks]):
        raise WhenError(asked)  # "/followup ana lunch": at lunch, or about lunch?
    grammar = _Grammar(toks, now, tz)
    got = grammar.read()
    if got is not None:
        reading, n = got
        if (zone := W.TIME_ZONES.get(toks[n].norm if n < len(toks) else "")) and (
                grammar.kinds.get(n, (False, False))[1]):  # 4pm CET: that zone's 4pm
            tz_said = ZoneInfo(zone)
            there = _Grammar(toks, now, tz_said, grammar.today).read()
            if there is not None and there[1] == n:
                reading, n, tz = there[0], n + 1, tz_said
        probe = _when(text, toks, n, now)
        _whole(probe.text, [t.norm for t in toks[n:]], tz)
        due = _resolve(reading, now, tz, probe.text)
        timed = grammar.kinds.get(n, (False, False))[1]
        _not_a_year_late(reading, due, now.astimezone(tz).date(), probe.text, timed)
        _not_a_month_late(reading, due.astimezone(tz).date(), now.astimezone(tz).date(),
                          probe.text, timed)
        if toks[0].norm == "before":  # before christmas: the day before, not on the day
            due = _the_day_before(probe.text, due, grammar.kinds.get(n, (False, False))[1], now)
        _not_the_note(probe, [t.norm for t in toks[:n]], due.astimezone(tz).year)
        if asked := NB.small_hour_after_date([t.norm for t in toks[:n]]):
            raise WhenError(asked)  # august 22nd 3:26: am or pm?
        if asked := WD.asked(probe.text, [t.norm for t in toks[:n]], due, now, tz):
            raise WhenError(asked)  # at 8 o'clock at noon: 20:00 today or 08:00 tomorrow?
        return _when(text, toks, n, due)
    words = [t.norm for t in toks]
    if asked := NU.asked(words, now.astimezone(tz).date()):  # 2027 alone, after this year
        raise WhenError(asked)
    if said_vaguely := G.vague(words) or DP.no_day(words):  # at this time: of which day?
        raise WhenError(f"When is '{said_vaguely}'? Say when to remind you, like 'in 2 hours', "
                        f"'today 5pm' or 'tomorrow'.")
    if G.repeats(words):
        said = " ".join(text[t.start : t.end] for t in toks[: 3 if _has_digit(words[1]) else 2])
        raise WhenError(f"A follow-up is due once, so I can't read '{said}'. Write its first "
                        f"time, like 'monday 9am'; to be reminded of a person regularly, use "
                        f"/vitalfew every <person> 2 weeks.")
    if G.names_the_past(words):
        said = " ".join(text[t.start : t.end] for t in toks[:2])
        raise WhenError(f"'{said}' is in the past. {EXAMPLES}")
    if (meant := G.misspelt(words[0])) is not None:
        said = text[toks[0].start : toks[0].end]
        raise WhenError(f"Did you mean '{meant}'? '{said}' reads as no date. To keep it in the "
                        f"note, give the day first, like 'friday: {said} ...'.")
    if not G.begins_like_date(words):
        return None
    if asked := R.which_half(words):  # 5 to 6: in the morning or the afternoon?
        raise WhenError(asked)
    found = _dateparser(text, toks, now, tz)
    if found is not None:
        _whole(found.text, [t.norm for t in toks[len(found.text.split()):]], tz)
        return found
    if re.fullmatch(r"q[1-4]", words[0]):  # q4 said in the fourth quarter
        raise WhenError(f"'{words[0].upper()}' is the quarter under way: write a date, or "
                        f"'end of {words[0]}'.")
    _number_then_note(words, now, tz)
    shown = " ".join(text[t.start : t.end][:MAX_WORD] for t in toks[:4])
    shown += " …" if len(toks) > 4 else ""
    raise WhenError(f"I couldn't read '{shown}' as a date. {EXAMPLES}")


def _number_then_note(words: Sequence[str], now: datetime, tz: ZoneInfo) -> None:
    """'1730 ping', '17 ping': a time said alone is read ('1730' is 17:30), but with words
    after it the number may be the note's ('10 slides'); say both ways to write it, rather
    than that it is no date."""
    if len(words) < 2 or not re.fullmatch(r"[0-9]{2,4}", words[0]) or _YEAR_RE.fullmatch(
            words[0]):
        return  # '2027 plan' is about a year
    article = words[1] in ("a", "an") and len(words) > 2 and words[2] not in W.UNITS
    if not article and (len(words[1]) < 2 or not words[1].isalpha() or G.begins_like_date(
            words[1:])):
        return  # '10 a day', '17 friday call': not a time and a note ('1730 a call' may be)
    try:
        alone = read_when(f"at {words[0]}", now, tz)
    except WhenError:
        return
    if alone is not None and not alone.rest:
        more = " ".join(words[1:4])
        raise WhenError(f"Is '{words[0]}' a time? For the time write 'at {words[0]} {more}'; to "
                        f"keep it in the note, give the day first, like 'friday: {words[0]} "
                        f"{more}'.")
