"""Lengths counted from a day, and a weekday inside a counted length, for bot.when (the
words are read there; the days, the times and the questions here). Next to
bot.when_anchored, which reads lengths counted from a midnight or a span.

Read:

* "one hour from thursday" (Thu 01:00), "one hour before thursday" (Wed 23:00): minutes or
  hours from a day count from its start (parsedatetime); with a time ("2 hours after noon
  tomorrow", "30 minutes before friday 10am") from that time, as "5 hours after noon" is.
  "next noon" is tomorrow's (parsedatetime, as Recognizers-Text's "next evening" is
  tomorrow's). Not from a loose day ("10 minutes after next week", "an hour before tomorrow
  morning": which hour?) nor from today's start.
* A weekday inside a counted length ("monday two weeks from now", "in 3 days on friday",
  "two months from today on tuesday"): see weekday_in_count.

Asked, never guessed: "15 minutes before monday standup" (before the day starts, or before
something on it?), "2 days after next friday" while this week's Friday is ahead (as "next
friday" is; the question names both answers, not only the Fridays), and "30 minutes before
the meeting at 3pm" (the time is the note's, after words of the note that may hold a day:
the time to write first is named).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot import when_words as W


def weekday_in_count(parts: list[tuple[str, int]], target: date, weekday: int,
                     today: date) -> date | None:  # fmt: skip
    """A weekday with a counted length, where Recognizers-Text (the one source that says
    these) reads one day, or None to leave it to the question in bot.when_spellings:

    * days or weeks, the weekday on or before the counted day: "in 3 days on friday" (a
      Saturday counted: the Friday before), "monday two weeks from now", "3 weeks after
      christmas on friday" (the 3rd Friday after Christmas). A weekday later in the week than
      the counted day stays asked ("sunday 3 weeks after january 15th": the 3rd Sunday after
      the 15th, as that source reads it, or the Sunday of that week, as "sunday 2 weeks from
      now" is read here?), and so does one not after the day counted from.
    * months or years, the first one on or after it: "two months from today on tuesday"
      (a Thursday counted: the Tuesday after)."""
    if not parts or any(unit in W.EXACT_UNITS for unit, _ in parts):
        return None
    if any(unit == "mo" for unit, _ in parts):
        return target + timedelta(days=(weekday - target.weekday()) % 7)
    if weekday > target.weekday():
        return None
    day = target - timedelta(days=target.weekday() - weekday)
    start = target - timedelta(days=sum(n for _, n in parts))
    return day if day > start and day > today else None


def hours_from(parts: list[tuple[str, int]], before: bool, days: tuple[date, ...],
               start: time) -> tuple[tuple[date, ...], time]:  # fmt: skip
    """one hour from thursday (Thu 01:00), one hour before thursday (Wed 23:00), 2 hours after
    noon tomorrow: counted on the wall clock from each candidate day's start time, as "5 hours
    after noon" is; the days to try in order and the wall time on them."""
    secs = sum(n * {"s": 1, "min": 60, "h": 3600}[u] for u, n in parts)
    walls = [datetime.combine(d, start) + timedelta(seconds=-secs if before else secs)
             for d in days]  # fmt: skip
    return tuple(w.date() for w in walls), walls[0].time()


_LOOSE = frozenset({"week", "weekend", "month", "quarter", "year", "end", "eod", "beginning",
                    "start", "middle", "mid", "early", "late", "spring", "summer", "autumn",
                    "fall", "winter"})  # fmt: skip


def loose_day(said: list[str]) -> bool:
    """next month, end of week, the weekend: no day whose start an hour counts from."""
    return any(w in _LOOSE or w.rstrip("s") in _LOOSE for w in said)


def day_start_then_note(said: list[str], parts: list[tuple[str, int]], before: bool,
                        day: date) -> str:  # fmt: skip
    """15 minutes before monday standup: before the day starts (parsedatetime's reading of
    "one hour before thursday"), or before something on that day, at a time the note keeps?
    Asked, naming the first."""
    got, at = hours_from(parts, before, (day,), time(0))
    when = " ".join(said)
    return (f"Is '{when}' {got[0]:%a %-d %b} {at:%H:%M}, counted from the start of "
            f"{day:%a %-d %b}? Write that time, like '{got[0]:%b %-d} {at:%H:%M}', or the "
            f"time of day to remind you.")


def before_a_note(said: str, note: str, parts: list[tuple[str, int]], before: bool,
                  days: tuple[date, ...], start: time, now: datetime) -> str:  # fmt: skip
    """30 minutes before the meeting at 3pm: the words between are the note's, so which of
    them the WHEN is made of is not sure ("the meeting on friday at 3pm"?). Asked, with the
    time it would be written first. `now` is local and naive, like the days."""
    got, at = hours_from(parts, before, days, start)
    day = next((d for d in got if datetime.combine(d, at) > now), got[-1])
    clock = f"{at:%-I:%M%p}" if at.minute else f"{at:%-I%p}"
    later = (day - now.date()).days
    when = ("today", "tomorrow")[later] if later in (0, 1) else f"{day:%b} {day.day}"
    return (f"'{said}': I can't tell the WHEN from the note. Write when to remind you first, "
            f"like '{when} {clock.lower()} {note}'.")


def from_next_weekday(said: str, length: str, weekday: str, this: tuple[date, date],
                      later: tuple[date, date]) -> str:  # fmt: skip
    """2 days after next friday: the two answers, each with the Friday it counts from."""
    return (f"'{said}' could be {this[1]:%a %-d %b} (from {this[0]:%a %-d %b}) or "
            f"{later[1]:%a %-d %b} (from {later[0]:%a %-d %b}). Write '{length} this "
            f"{weekday}' or '{length} {weekday} next week'.")
