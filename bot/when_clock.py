"""Times of day for bot.when: clock words and digits, parts of the day, and how a bare hour
settles into am or pm.

Kept apart from the date grammar so each stays small. A time of day is read as a `Clock`
whose hour may still be vague ("at 8", "quarter past 3", "3 o'clock"); the part of the day
said next to it ("tonight", "in the morning", "this evening") settles it, and without one the
hour takes its reading within working hours (8-11 morning, 12 noon, 1-6 afternoon), which the
reply shows as a clock time. Seven is the one hour with no working-hours reading: asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import time

from bot import when_meals as M
from bot import when_words as W


class ClockError(ValueError):
    """Raised with a user-facing message; bot.when turns it into its WhenError."""


@dataclass(frozen=True)
class Clock:
    """A time of day as said. `vague`: an hour 1-12 with no am/pm yet. `ladder`: later
    fallbacks when said alone and already passed (eod at 18:00 means 20:00, not tomorrow)."""

    hour: int
    minute: int
    vague: bool
    said: str
    ladder: tuple[time, ...] = ()
    next_day: bool = False  # midnight: the 00:00 that ends the day
    second: int = 0  # 23:59:28


@dataclass(frozen=True)
class Period:
    """A part of the day: what it settles ("am"/"pm"), its own time, and whether it names
    today by itself ("tonight", "this evening") or needs a day ("in the morning")."""

    hint: str
    at: time
    today: bool
    ladder: tuple[time, ...] = ()
    window: tuple[int, int] = (0, 24)  # its hours: said alone while under way, it is asked


Words = Callable[[int], str]

_AMPM_RE = re.compile(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?(am|pm|a|p)")
_HHMM_RE = re.compile(r"([0-9]{1,2})[:]([0-9]{2})(?::([0-5][0-9]))?")
_DOT_RE = re.compile(r"([0-9]{1,2})[.]([0-9]{2})")
_H_RE = re.compile(r"([0-9]{1,2})h([0-9]{2})?|([0-9]{2})([0-9]{2})h")
_TIME_RANGE = re.compile(r"([0-9][0-9:.h]*(?:am|pm|a|p)?)[-–]([0-9][0-9:.h]*(?:am|pm|a|p)?)")
_COMPACT_HHMM = re.compile(r"([0-9]{1,2})([0-5][0-9])")
_DAY_AFTER_HOUR = frozenset({"tomorrow", "today", "tonight", "tonite", "tmrw"})  # 9 tomorrow
_HOUR_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_EOD_PHRASES = (("end", "of", "day"), ("end", "of", "the", "day"), ("close", "of", "business"),
                ("end", "of", "business"), ("end", "of", "the", "business", "day"))  # fmt: skip
_AT_WORDS = ("at", "@", "by", "around", "approximately", "approx", "before", "circa")
_DEGREE_WORDS = {"early": "early", "late": "late", "later": "late"}  # later in the afternoon
_EVENING_LADDER = (W.EVENING, time(22, 0))
EOD_LADDER = (W.EOD, W.EVENING, time(23, 0))
PERIODS: dict[str, Period] = {
    "morning": Period("am", W.NINE, False, window=(5, 12)),
    "forenoon": Period("am", time(10, 0), False, window=(9, 12)),
    "afternoon": Period("afternoon", time(14, 0), False, window=(12, 18)),
    "evening": Period("evening", time(18, 0), False, window=(17, 22)),
    "night": Period("night", W.EVENING, False, window=(18, 24)),
}
_DEGREES = {("early", "morning"): time(8, 0), ("late", "morning"): time(11, 0),
            ("early", "afternoon"): time(13, 0), ("late", "afternoon"): time(16, 0),
            ("early", "evening"): time(18, 0), ("late", "evening"): time(21, 0),
            ("late", "night"): time(22, 0), ("late", ""): time(21, 0),
            ("early", ""): time(7, 0)}  # fmt: skip


def _hour(word: str) -> int | None:
    if re.fullmatch(r"[0-9]{1,2}", word):
        return int(word)
    return _HOUR_WORDS.get(word)


def _check(hour: int, minute: int, said: str) -> None:
    if hour > 23 or minute > 59:
        raise ClockError(f"'{said}' isn't a time of day.")


def _pm(hour: int, minute: int, suffix: str, said: str) -> Clock:
    if 13 <= hour <= 23 and suffix.startswith("p") and minute <= 59:  # 20pm: 20:00 (ctparse)
        return Clock(hour, minute, False, said)
    if not 1 <= hour <= 12 or minute > 59:
        raise ClockError(f"'{said}' isn't a time I know.")
    return Clock(hour % 12 + (12 if suffix.startswith("p") else 0), minute, False, said)


def _plain(hour: int, minute: int, said: str, h24: bool = False) -> Clock:
    """Digits without am/pm: 24-hour when unmistakable (0, 13-23, a leading zero, 15h)."""
    _check(hour, minute, said)
    vague = 1 <= hour <= 12 and not said.startswith("0") and not h24
    return Clock(hour, minute, vague, said)


def read_clock(w: Words, i: int, h_ok: bool) -> tuple[Clock, int] | None:
    """A time of day at word i. A bare number is a time only after "at" (or with o'clock, am/pm
    or a part of the day): "tomorrow 3 slides" keeps its 3. `h_ok`: "15h" and "15.30" are
    times here (after a day); at the very start "3h" is a duration of 3 hours."""
    if w(i) in _AT_WORDS:
        j = i + 1 + (w(i + 1) in ("around", "about", "approximately", "approx"))
        return _clock(w, j, True, True)
    if w(i) == "about":  # about 8pm; "about 3 things" is a note
        return _clock(w, i + 1, False, h_ok)
    return _clock(w, i, False, h_ok)


def start_of_range(start: Clock, end: Clock) -> Clock:
    """A vague start takes its am/pm from the range's end when it then comes before it
    ("between 3 and 8am": 3am; "from 3 to 4pm": 3pm), else the other half ("from 2:30 to
    2:15 pm": 2:30am)."""
    am = start.hour % 12
    same = am + (12 if end.hour >= 12 else 0)
    other = am if same >= 12 else am + 12
    hour = same if (same, start.minute) < (end.hour, end.minute) else other
    return replace(start, hour=hour, vague=False)


def range_end_clock(w: Words, i: int) -> tuple[Clock, int] | None:
    """The end of a time range: "9" in "between 8 and 9" is a time there."""
    return _clock(w, i, True, True, False)


def _clock(w: Words, i: int, bare: bool, h_ok: bool,
           relative: bool = True) -> tuple[Clock, int] | None:  # fmt: skip
    word = w(i)
    if word == "mid" and w(i + 1) == "day":  # mid day
        return Clock(12, 0, False, "mid day"), i + 2
    if word in ("noon", "midday"):
        return Clock(12, 0, False, word), i + 1
    if meal := M.meal_at(w, i, bare):  # at lunch, after dinner, lunchtime, "breakfast" alone
        return Clock(meal[0].hour, meal[0].minute, False, meal[1]), meal[2]
    if word == "after" and w(i + 1) == "school":  # after school: 16:00
        return Clock(16, 0, False, "after school"), i + 2
    if word == "after" and w(i + 1) == "work":  # after work: 18:00, like "evening"
        return Clock(18, 0, False, "after work"), i + 2
    if word == "midnight":
        return Clock(0, 0, False, word, next_day=True), i + 1
    if word in ("eod", "cob", "eob") or word == "the" and w(i + 1) in ("eod", "cob", "eob"):
        return Clock(17, 0, False, w(i + (word == "the")), EOD_LADDER), i + 1 + (word == "the")
    for phrase in _EOD_PHRASES:
        if all(w(i + k) == p for k, p in enumerate(phrase)):
            return Clock(17, 0, False, word, EOD_LADDER), i + len(phrase)
    if word == "half" and _half_hour(w, i + 1):
        hour = _hour(w(i + 1))
        raise ClockError(f"Is 'half {w(i + 1)}' {hour}:30 (half past) or {(hour or 12) - 1 or 12}"
                         f":30? Write {hour}:30 or {(hour or 12) - 1 or 12}:30.")
    if relative and (got := _relative(w, i, bare)):
        return got
    return _digits(w, i, bare, h_ok)


def _half_hour(w: Words, i: int) -> bool:
    """"half eight": half past eight in Britain, half to eight (7:30) in German and Dutch,
    and the corpora we measure on read it both ways: asked. "half 2 people" is a note."""
    hour = _hour(w(i))
    after = w(i + 1)
    said = after in ("", ",", "on", "in", "this", "at") or after in _DAY_AFTER_HOUR
    spelt = w(i).isalpha() and after not in W.UNITS  # half eight call; half 2 people: a note
    return hour is not None and 1 <= hour <= 12 and (said or spelt or after in W.WEEKDAYS)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_ONES = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_PAST = {"past": 1, "after": 1, "to": -1, "before": -1, "till": -1, "of": -1}


def _minute_words(w: Words, i: int) -> tuple[int, int] | None:
    """15, fifteen, twenty-five, fifty nine, (a) quarter, half: a number of minutes."""
    word = w(i)
    if word == "a" and w(i + 1) == "quarter":
        return 15, i + 2
    if word in ("quarter", "half"):
        return (15 if word == "quarter" else 30), i + 1
    if re.fullmatch(r"[0-9]{1,2}", word):
        return int(word), i + 1
    tens, _, ones = word.partition("-")
    if tens in _TENS and (not ones or ones in _ONES):
        if not ones and w(i + 1) in _ONES and 0 < _ONES[w(i + 1)] < 10:
            return _TENS[tens] + _ONES[w(i + 1)], i + 2
        return _TENS[tens] + _ONES.get(ones, 0), i + 1
    if word in _ONES and word != "zero":
        return _ONES[word], i + 1
    return None


def _relative(w: Words, i: int, bare: bool) -> tuple[Clock, int] | None:
    """quarter past 3, 20 minutes to 2pm, twenty after three, half past ten, a quarter to noon."""
    got = _minute_words(w, i)
    if got is None:
        return None
    minutes, k = got
    named = w(k) in ("minutes", "minute", "mins", "min")
    k += named
    sign = _PAST.get(w(k))
    if sign is None or not 0 < minutes < 60 or (w(i) == "half" and sign < 0):
        return None
    if re.fullmatch(r"[0-9]+", w(i)) and not (named or bare or sign > 0 or w(k + 1) == "noon"):
        return None  # "5 to 16 Aug" is a range of days, "at 5 to 4" or "15 to noon" a time
    if re.fullmatch(r"[0-9]{4}", w(k + 1)):
        return None  # "the 5th quarter of 2027" names a year, not 20:27
    target = _clock(w, k + 1, True, True)
    if target is None or target[0].next_day or target[0].ladder:
        return None
    clock, end = target
    total = (clock.hour * 60 + clock.minute + sign * minutes) % (24 * 60)
    hour = total // 60
    if clock.vague:  # "quarter to 1" stays a vague 12:45, not 0:45
        hour = (hour - 1) % 12 + 1
    said = " ".join(w(j) for j in range(i, end))
    return Clock(hour, total % 60, clock.vague, said), end


def _token_range(start: str, end: str, h_ok: bool) -> Clock | None:
    """The start of a range written as one word; both ends must read as times."""
    def one(word: str) -> Clock | None:
        got = _digits(lambda j: word if j == 0 else "", 0, True, h_ok)
        return got[0] if got and got[1] == 1 else None

    first, last = one(start), one(end)
    if first is None or last is None:
        return None
    m = _AMPM_RE.fullmatch(end)
    if first.vague and m and not _AMPM_RE.fullmatch(start):  # 3-4pm: 3pm; 11-1pm: 11am
        hour = first.hour % 12 + (12 if m[3].startswith("p") else 0)
        if hour > last.hour:
            hour -= 12
        return Clock(hour, first.minute, False, start) if hour >= 0 else None
    return first


def _suffix(w: Words, k: int) -> tuple[str, int] | None:
    """am/pm after a time: "pm", "p.m." (normalised to pm), "p m"."""
    if w(k) in ("am", "pm"):
        return w(k), 1
    if w(k) in ("a", "p") and w(k + 1) == "m":
        return w(k) + "m", 2
    return None


def _oclock(w: Words, k: int) -> int:
    """How many words of "o'clock" (o'clock, oclock, o clock) start at k."""
    if w(k) == "oclock":
        return 1
    return 2 if w(k) == "o" and w(k + 1) == "clock" else 0


def _digits(w: Words, i: int, bare: bool, h_ok: bool) -> tuple[Clock, int] | None:
    word = w(i)
    if word.endswith("ish") and word[:1].isdigit():  # at 3ish, 3:20ish: the time itself
        return _about(w, i, bare, h_ok)
    r = _TIME_RANGE.fullmatch(word)
    after = _suffix(w, i + 1) if r and not r[2][-1].isalpha() else None  # 3:30-6 p.m.
    timeish = h_ok or bare or after or re.search(r"[:h]|[ap]m?$", word)  # "2-15" is no time
    end = r[2] + (after[0] if after else "") if r else ""
    if timeish and r and (got := _token_range(r[1], end, True)):
        return got, i + 1 + (after[1] if after else 0)  # 3-4pm, 15h30-18h: at its start
    if m := _AMPM_RE.fullmatch(word):
        return _pm(int(m[1]), int(m[2] or 0), m[3], word), i + 1
    if (h := _H_RE.fullmatch(word)) and (h_ok or h[3] or h[2]):  # 3h18 is 03:18, 3h a length
        hh, mm = (h[1], h[2]) if h[1] else (h[3], h[4])
        return _plain(int(hh), int(mm or 0), word, True), i + 1
    hour, k = _hour(word), i + 1
    m = _HHMM_RE.fullmatch(word) or (_DOT_RE.fullmatch(word) if h_ok else None)
    if m is None and hour is None:
        m = _COMPACT_HHMM.fullmatch(word)  # 0810 pm, at 1030, 1300 hours
        year = re.fullmatch(r"(19|20)[0-9]{2}", word) is not None  # after a day: a year
        if m is None or not (bare or h_ok and len(word) == 4 and not year or _suffix(w, k)
                             or w(k) in ("h", "hours", "hrs")):
            return None
        k += w(k) in ("h", "hours", "hrs")
    hh, mm = (int(m[1]), int(m[2])) if m else (hour or 0, 0)
    extra = _minute_words(w, k) if m is None and w(k) not in ("quarter", "half", "a") else None
    said_day = w(extra[1]) in _DAY_AFTER_HOUR or period_at(w, extra[1], True) if extra else False
    spoken = word in _HOUR_WORDS and w(k).isalpha() and extra is not None and extra[0] >= 10 and (
        w(extra[1]) not in W.UNITS)  # three thirty call; "three thirty minute calls" is a note
    if extra and (bare and (w(k).isalpha() or len(w(k)) == 2) or _suffix(w, extra[1]) or (
            said_day and w(k).isalpha()) or spoken):  # five thirty tomorrow; three thirty call
        mm, k = extra  # ten thirty am, at three twenty, at 3 15
    n = _oclock(w, k)
    k += n
    sec = int(m[3]) if m is not None and m.re is _HHMM_RE and m[3] else 0
    if suffix := _suffix(w, k):
        return replace(_pm(hh, mm, suffix[0], word), second=sec), k + suffix[1]
    if m is not None or n or mm:
        k += m is not None and m.re is _HHMM_RE and w(k) in ("hours", "hrs")  # 06:00 hours
        return replace(_plain(hh, mm, word), second=sec), k
    if bare or period_at(w, k, after=True) is not None or w(k) in _DAY_AFTER_HOUR:
        return _plain(hh, mm, word), k
    return None


def _about(w: Words, i: int, bare: bool, h_ok: bool) -> tuple[Clock, int] | None:
    """"3ish" is 3 as said; "150ish" (digits run together) is asked when its hour is vague:
    Duckling reads it 01:50, while "at 150" takes the working-hours 13:50."""
    stem = w(i)[:-3]
    got = _digits(lambda j: stem if j == i else w(j), i, bare, h_ok)
    if got is not None and got[0].vague and (m := _COMPACT_HHMM.fullmatch(stem)):
        hm = f"{int(m[1])}:{m[2]}"
        raise ClockError(f"Is '{w(i)}' {hm}am or {hm}pm? Write 'at {hm}am' or 'at {hm}pm'.")
    return got


def period_at(w: Words, i: int, after: bool) -> tuple[Period, int] | None:
    """tonight, this evening, in the (late) morning, at night, late tonight; a plain
    "morning" only after a day or a time ("tomorrow morning", "8 in the evening")."""
    word, nxt = w(i), w(i + 1)
    if word == "first" and nxt == "thing":  # first thing (in the morning): 09:00
        k = i + 2 + 3 * (w(i + 2) == "in" and w(i + 3) == "the" and w(i + 4) == "morning")
        return Period("am", W.NINE, False, window=(9, 9)), k
    degree = _DEGREE_WORDS.get(word, "")
    if degree and nxt == "in" and w(i + 2) == "the" and w(i + 3) in PERIODS:
        return _degree(degree, w(i + 3)), i + 4  # early in the morning, later in the afternoon
    if degree and nxt == "this" and w(i + 2) in PERIODS:  # later this afternoon: today's
        return replace(_degree(degree, w(i + 2)), today=True), i + 3
    if word == "in" and nxt == "the" and w(i + 2) == "early" and w(i + 3) == "hours":
        k = i + 4 + 3 * (w(i + 4) == "of" and w(i + 5) == "the" and w(i + 6) == "morning")
        return _early("morning"), k  # in the early hours (of the morning)
    if word == "in" and (nxt in PERIODS or nxt == "the" and w(i + 2) in ("am", "pm")):
        if nxt == "the":  # in the am / in the pm
            return Period(w(i + 2), W.NINE if w(i + 2) == "am" else time(14, 0), False), i + 3
        return PERIODS[nxt], i + 2  # "3:20 in afternoon"
    if word in ("this", "at") or (word == "in" and nxt == "the"):
        got = _part(w, i + (2 if word == "in" else 1), True)
        if got is None or got[0].today or (word == "at" and w(got[1] - 1) != "night"):
            return None  # "at night" but not "at morning"; "this tonight" is no phrase
        if word == "at" and got[0].hint == "night":  # 1 at night: 1am (chrono), 11 at night: 23:00
            return replace(got[0], hint="at night"), got[1]
        return (replace(got[0], today=True) if word == "this" else got[0]), got[1]
    return _part(w, i, after)


def _part(w: Words, i: int, after: bool) -> tuple[Period, int] | None:
    """[very] [early|late] morning/afternoon/evening/night/tonight, forenoon."""
    j = i + (w(i) == "very" and w(i + 1) in ("early", "late"))
    degree = w(j) if w(j) in ("early", "late") else ""
    j += bool(degree)
    word = w(j)
    if word.endswith("ish") and word[:-3] in PERIODS:  # tomorrow afternoonish
        word = word[:-3]
    if word in W.TONIGHT:
        at = time(22, 0) if degree == "late" else W.EVENING
        return Period("night", at, True, (at,) if degree else _EVENING_LADDER), j + 1
    if word in PERIODS and (after or degree):
        period = PERIODS[word]
        start, end = period.window
        window = (start, start + 3) if degree == "early" else (end - 3, end) if degree else (
            period.window)
        return replace(period, at=_DEGREES.get((degree, word), period.at), window=window), j + 1
    if degree and after and w(j) in ("", ",", "at", "@", "on"):  # "december 6 late"
        period = PERIODS["evening" if degree == "late" else "morning"]
        return replace(period, at=_DEGREES[(degree, "")]), j
    return None


def _early(word: str) -> Period:
    return _degree("early", word)


def _degree(degree: str, word: str) -> Period:
    got = _part(lambda j: (degree, word)[j] if j < 2 else "", 0, True)
    assert got is not None
    return got[0]


def period_at_alone(w: Words, i: int) -> tuple[Period, int] | None:
    """A part of the day said alone ("morning", "late evening", "afternoonish"): not "early"
    or "late" alone, which start many a note."""
    said_in = w(i) in _DEGREE_WORDS and w(i + 1) == "in"  # early in the morning
    got = period_at(w, i, True) if w(i) == "first" or said_in else _part(w, i, True)
    if got is not None and got[0].window == (9, 9):  # first thing: never under way
        return got
    if got is None or got[0].today:
        return None
    word = w(got[1] - 1)
    return got if word in PERIODS or word[:-3] in PERIODS else None


def settle(clock: Clock, hint: str | None) -> time:
    """The wall time a clock means, given the part of the day said with it (if any)."""
    hour, minute = clock.hour, clock.minute
    if not clock.vague:
        return time(hour, minute, clock.second)
    if hint == "at night":  # the small hours are the night's: "1 at night" is 01:00
        hint = "am" if hour <= 4 else "night"
    if hint in ("evening", "night") and (hour, minute) == (12, 0):
        return time(0, 0)  # this evening at 12: the midnight that ends it (ends_day)
    if hint == "am" and (hour, minute) == (12, 0):  # this morning at 12: 00:00 or noon?
        raise ClockError(f"Is '{clock.said}' noon or midnight? Write 'noon' or 'midnight'.")
    if hint == "am":
        return time(hour % 12, minute)
    if hint == "afternoon" and (hour != 12 or minute):  # 12:15 in the afternoon: noon-ish
        return time(hour % 12 + 12 if hour != 12 else 12, minute)
    if hint in ("pm", "afternoon", "evening", "night") and hour == 12:
        raise ClockError(f"Is '{clock.said}' noon or midnight? Write 'noon' or 'midnight'.")
    if hint in ("evening", "night") and hour <= 4:  # tonight at 2: 2am or 2pm? sources differ
        hm = f"{hour}:{minute:02d}" if minute else f"{hour}"
        raise ClockError(f"Is '{clock.said}' tonight {hm}am or {hm}pm? Write 'at {hm}am' or "
                         f"'at {hm}pm'.")
    if hint in ("pm", "evening", "night"):
        return time(hour % 12 + 12, minute)
    if 8 <= hour <= 12:
        return time(hour, minute)
    if 1 <= hour <= 6:
        return time(hour + 12, minute)
    hm = f"{hour}:{minute:02d}" if minute else f"{hour}"
    raise ClockError(
        f"Is '{clock.said}' am or pm? Write {hm}am or {hm}pm (or 24-hour, e.g. 19:00).")


def ends_day(clock: Clock, hint: str | None) -> bool:
    """Whether the time is the 00:00 that ends the day: "midnight", or 12 in the evening or at
    night ("this evening at 12", "tonight at 12": Duckling's reading, the only one that fits)."""
    return clock.next_day or clock.vague and (clock.hour, clock.minute) == (12, 0) and (
        hint in ("evening", "night", "at night"))
