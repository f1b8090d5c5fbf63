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


@dataclass(frozen=True)
class Period:
    """A part of the day: what it settles ("am"/"pm"), its own time, and whether it names
    today by itself ("tonight", "this evening") or needs a day ("in the morning")."""

    hint: str
    at: time
    today: bool
    ladder: tuple[time, ...] = ()


Words = Callable[[int], str]

_AMPM_RE = re.compile(r"([0-9]{1,2})(?:[:.]([0-9]{2}))?(am|pm|a|p)")
_HHMM_RE = re.compile(r"([0-9]{1,2})[:]([0-9]{2})(?::[0-9]{2})?")
_DOT_RE = re.compile(r"([0-9]{1,2})[.]([0-9]{2})")
_H_RE = re.compile(r"([0-9]{1,2})h([0-9]{2})?|([0-9]{2})([0-9]{2})h")
_HOUR_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_EOD_PHRASES = (("end", "of", "day"), ("end", "of", "the", "day"), ("close", "of", "business"),
                ("end", "of", "business"), ("end", "of", "the", "business", "day"))  # fmt: skip
_AT_WORDS = ("at", "@", "by", "around", "about", "before")
_EVENING_LADDER = (W.EVENING, time(22, 0))
EOD_LADDER = (W.EOD, W.EVENING, time(23, 0))
PERIODS: dict[str, Period] = {
    "morning": Period("am", W.NINE, False),
    "afternoon": Period("pm", time(14, 0), False),
    "evening": Period("pm", time(18, 0), False),
    "night": Period("pm", W.EVENING, False),
}


def _hour(word: str) -> int | None:
    if re.fullmatch(r"[0-9]{1,2}", word):
        return int(word)
    return _HOUR_WORDS.get(word)


def _check(hour: int, minute: int, said: str) -> None:
    if hour > 23 or minute > 59:
        raise ClockError(f"'{said}' isn't a time of day.")


def _pm(hour: int, minute: int, suffix: str, said: str) -> Clock:
    if not 1 <= hour <= 12 or minute > 59:
        raise ClockError(f"'{said}' isn't a time I know.")
    return Clock(hour % 12 + (12 if suffix.startswith("p") else 0), minute, False, said)


def _plain(hour: int, minute: int, said: str) -> Clock:
    """Digits without am/pm: 24-hour when unmistakable (0-0, 13-23, a leading zero)."""
    _check(hour, minute, said)
    vague = 1 <= hour <= 12 and not said.startswith("0")
    return Clock(hour, minute, vague, said)


def read_clock(w: Words, i: int, h_ok: bool) -> tuple[Clock, int] | None:
    """A time of day at word i. A bare number is a time only after "at" (or with o'clock, am/pm
    or a part of the day): "tomorrow 3 slides" keeps its 3. `h_ok`: "15h" and "15.30" are
    times here (after a day); at the very start "3h" is a duration of 3 hours."""
    if w(i) in _AT_WORDS:
        return _clock(w, i + 1, True, True)
    return _clock(w, i, False, h_ok)


def _clock(w: Words, i: int, bare: bool, h_ok: bool) -> tuple[Clock, int] | None:
    word = w(i)
    if word in ("noon", "midday", "lunchtime", "lunch"):
        plain = word != "lunch" or bare  # "at lunch"; "tomorrow lunch" is lunch, tomorrow
        return (Clock(12, 0, False, word), i + 1) if plain else None
    if word == "midnight":
        return Clock(0, 0, False, word, next_day=True), i + 1
    if word in ("eod", "cob", "eob"):
        return Clock(17, 0, False, word, EOD_LADDER), i + 1
    for phrase in _EOD_PHRASES:
        if all(w(i + k) == p for k, p in enumerate(phrase)):
            return Clock(17, 0, False, word, EOD_LADDER), i + len(phrase)
    if word in ("quarter", "half") or (word == "a" and w(i + 1) == "quarter"):
        return _past_to(w, i + (word == "a"))
    return _digits(w, i, bare, h_ok)


def _past_to(w: Words, i: int) -> tuple[Clock, int] | None:
    """quarter past 3, quarter to 4, half past ten (o'clock)."""
    minute = 30 if w(i) == "half" else 15
    rel, hour = w(i + 1), _hour(w(i + 2))
    if rel not in ("past", "after", "to", "before") or hour is None or not 1 <= hour <= 12:
        return None
    if rel in ("to", "before"):
        if minute == 30:
            return None
        hour, minute = (hour - 2) % 12 + 1, 60 - minute
    k = i + 3
    said = " ".join(w(j) for j in range(i, k))
    if w(k) in ("am", "pm"):
        return _pm(hour, minute, w(k), said), k + 1
    k += _oclock(w, k)
    return Clock(hour, minute, True, said), k


def _oclock(w: Words, k: int) -> int:
    """How many words of "o'clock" (o'clock, oclock, o clock) start at k."""
    if w(k) == "oclock":
        return 1
    return 2 if w(k) == "o" and w(k + 1) == "clock" else 0


def _digits(w: Words, i: int, bare: bool, h_ok: bool) -> tuple[Clock, int] | None:
    word = w(i)
    if m := _AMPM_RE.fullmatch(word):
        return _pm(int(m[1]), int(m[2] or 0), m[3], word), i + 1
    hour = _hour(word)
    if hour is not None and (n := _oclock(w, i + 1)):
        return _plain(hour, 0, word), i + 1 + n
    m = _HHMM_RE.fullmatch(word) or (_DOT_RE.fullmatch(word) if h_ok else None)
    if m is None and hour is None:
        if h_ok and (h := _H_RE.fullmatch(word)):
            hh, mm = (h[1], h[2]) if h[1] else (h[3], h[4])
            _check(int(hh), int(mm or 0), word)
            return Clock(int(hh), int(mm or 0), False, word), i + 1
        return None
    hh, mm = (int(m[1]), int(m[2])) if m else (hour or 0, 0)
    if w(i + 1) in ("am", "pm"):
        return _pm(hh, mm, w(i + 1), word), i + 2
    if m is not None:
        return _plain(hh, mm, word), i + 1
    if bare or period_at(w, i + 1, after=True) is not None:
        return _plain(hh, mm, word), i + 1
    return None


def period_at(w: Words, i: int, after: bool) -> tuple[Period, int] | None:
    """tonight, this evening, in the morning, at night; plain "morning" only after a day or
    a time ("tomorrow morning", "8 in the evening")."""
    word, nxt = w(i), w(i + 1)
    if word in W.TONIGHT:
        return Period("pm", W.EVENING, True, _EVENING_LADDER), i + 1
    if word == "this" and nxt in PERIODS and nxt != "night":
        return replace(PERIODS[nxt], today=True), i + 2
    if word == "in" and nxt == "the" and w(i + 2) in PERIODS and w(i + 2) != "night":
        return PERIODS[w(i + 2)], i + 3
    if word == "at" and nxt == "night":
        return PERIODS["night"], i + 2
    if after and word in PERIODS:
        return PERIODS[word], i + 1
    return None


def settle(clock: Clock, hint: str | None) -> time:
    """The wall time a clock means, given the part of the day said with it (if any)."""
    hour, minute = clock.hour, clock.minute
    if not clock.vague:
        return time(hour, minute)
    if hint == "am":
        return time(hour % 12, minute)
    if hint == "pm" and hour == 12:
        raise ClockError(f"Is '{clock.said}' noon or midnight? Write 'noon' or 'midnight'.")
    if hint == "pm":
        return time(hour % 12 + 12, minute)
    if 8 <= hour <= 12:
        return time(hour, minute)
    if 1 <= hour <= 6:
        return time(hour + 12, minute)
    hm = f"{hour}:{minute:02d}" if minute else f"{hour}"
    raise ClockError(
        f"Is '{clock.said}' am or pm? Write {hm}am or {hm}pm (or 24-hour, e.g. 19:00).")
