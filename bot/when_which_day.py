"""A clock time said alone whose day is in doubt, for bot.when: asked, never silently wrong.

Two shapes, from nickel's tests, where the other parsers we measure against read the same
words another way (or do not say):

* An hour of the small hours said in the small hours ("at 3 in the morning" at 00:30): nickel
  means the next night's 03:00, natty's "6 in the morning" said at midnight is the same
  night's. It is the doubt the reader already asks about for "tomorrow" said before 04:00.
* "<hour> o'clock" with no am/pm that the working-hours rule reads as tomorrow morning's
  while the same hour in the evening (up to 22:00) is still ahead today ("at 8 o'clock" at
  noon): nickel means 20:00 today, the working-hours rule 08:00 tomorrow. A bare "at 10"
  keeps the working-hours rule the README documents (typed in a chat, "at 10 send it" is
  the morning); 23:00 is past the evening, so "11ish" at 13:00 stays 11:00 tomorrow, as
  Recognizers-Text reads it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import when_words as W

_SMALL_HOURS_END = 4  # as "tomorrow" said before 04:00 is asked
_EVENING_END = 22  # the evening's span ends at 22:00: "11ish" at 13:00 stays 11:00 tomorrow
# Words a clock time said alone may have: no day, no am/pm, no part of the day.
_CLOCK = frozenset({"at", "@", "o'clock", "oclock", "o’clock", "around", "about", "by"})
_OCLOCK = frozenset({"o'clock", "oclock", "o’clock"})
_MORNING = frozenset({"in", "the", "morning", "am", "a.m.", "a.m"})
_HOUR = re.compile(r"([0-9]{1,2})(?::([0-5][0-9]))?(am|a\.m\.?)?")
_SPELLED = {w: n for w, n in W.WORD_NUMBERS.items() if w.isalpha() and len(w) > 2 and n <= 12}


def _hour(words: Sequence[str]) -> tuple[int, int, bool] | None:
    """Hour, minute and whether 'am' is glued on, of the one clock time in `words`."""
    found = []
    for w in words:
        if m := _HOUR.fullmatch(w):
            found.append((int(m[1]), int(m[2] or 0), m[3] is not None))
        elif w in _SPELLED and w not in ("couple", "few"):
            found.append((_SPELLED[w], 0, False))
    return found[0] if len(found) == 1 else None


def _am(at: datetime) -> str:
    """'3am', '2:30am': how the user writes the morning reading back."""
    return f"{at:%-I:%M}".removesuffix(":00") + "am"


def asked(said: str, words: Sequence[str], due: datetime, now: datetime,
          tz: ZoneInfo) -> str | None:
    """The question to ask when the clock time alone could be one of two days, else None."""
    if (hm := _hour(words)) is None:
        return None
    others = [w for w in words if not _HOUR.fullmatch(w) and w not in _SPELLED]
    here, due_here = now.astimezone(tz), due.astimezone(tz)
    if all(w in _CLOCK | _MORNING for w in others) and here.hour < _SMALL_HOURS_END and (
            due_here.date() == here.date() and due_here.hour < _SMALL_HOURS_END):
        later = due_here + timedelta(days=1)
        return (f"Is '{said}' {due_here:%-H:%M} tonight, in a few hours, or the next night? "
                f"Write 'today {_am(due_here)}' or '{later:%a %-d %b} {_am(due_here)}'.")
    if not all(w in _CLOCK for w in others) or not _OCLOCK & set(others) or hm[2] or not (
            1 <= hm[0] <= _EVENING_END - 12):
        return None
    evening = here.replace(hour=hm[0] + 12, minute=hm[1], second=0, microsecond=0)
    if due_here.date() == here.date() + timedelta(days=1) and due_here.hour == hm[0] and (
            here < evening <= evening.replace(hour=_EVENING_END, minute=0)):
        return (f"Is '{said}' {evening:%-H:%M} today or {due_here:%-H:%M} tomorrow? Write "
                f"'today {_am(evening)[:-2]}pm' or 'tomorrow {_am(due_here)}'.")
    return None
