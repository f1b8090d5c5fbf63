"""Meals as times of day, for bot.when_clock: "at lunch", "after dinner", "breakfast" alone.

Kept apart from the clock grammar so each stays small; bot.when_clock calls `meal_at`.

* breakfast is 08:00, brunch 11:00, lunch 12:00, dinner and supper 19:00: parsedatetime's
  hours for breakfast, lunch and dinner, inside Duckling's "tomorrow at lunch" (12:00-14:00)
  and Recognizers-Text's "lunchtime" (11:00-13:00) and "around dinner" (16:00-20:00).
  "after <meal>" is an hour after it: "after lunch" 13:00, inside Duckling's 13:00-17:00.
* A meal word is a time only where it stands for one: after at/by/around/before ("at
  lunch", "by dinner"; "before dinner" is asked like any "before <time>"), after "after",
  spelt with "time" ("lunchtime", "friday dinner time"), or said alone as the whole WHEN
  ("at lunch": today's if still ahead, else tomorrow's, like "noon"; a meal word with no
  lead word at all, "/followup ana lunch", is asked: at lunch, or about lunch?). With words after it
  ("lunch ideas for ana", "dinner with bob") it is the note, and after a day ("tomorrow
  lunch") it is what was promised, due that day.
* Ending a note ("pick up lunch", "book dinner") a meal word alone is the note's, not a
  WHEN to ask about (`ends_a_note`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

Words = Callable[[int], str]

MEALS: dict[str, time] = {"breakfast": time(8, 0), "brunch": time(11, 0), "lunch": time(12, 0),
                          "dinner": time(19, 0), "supper": time(19, 0)}  # fmt: skip
_TIMED = {f"{meal}{glue}time": meal for meal in MEALS for glue in ("", "-")}  # lunchtime
_LEADS = frozenset({"at", "@", "by", "around", "approximately", "approx", "before", "circa",
                    "until", "till", "during", "sometime", "on", "due"})  # fmt: skip


def meal_at(w: Words, i: int, bare: bool) -> tuple[time, str, int] | None:
    """(the time, the words said, where they end) of a meal standing for a time at word i,
    or None. `bare`: an at-word came before it ("at lunch")."""
    after = w(i) == "after"
    j = i + after
    meal = _TIMED.get(w(j), w(j))
    if meal not in MEALS:
        return None
    k = j + 1
    timed = meal != w(j) or w(k) == "time"
    k += w(k) == "time"
    bare = bare or w(i - 1) == "during"  # during lunch: as "at lunch"
    if not (after or timed or bare or _alone(w, i, k)):
        return None
    at = MEALS[meal]
    said = " ".join(w(n) for n in range(i, k))
    return (time(at.hour + 1, at.minute) if after else at), said, k


def _alone(w: Words, i: int, k: int) -> bool:
    """The meal is the whole WHEN: nothing after it, only lead words before it."""
    first = w(i - 1) == "" or (w(i - 1) in _LEADS and w(i - 2) == "")
    return first and w(k) == ""


def ends_a_note(said: str) -> bool:
    """A meal word alone ending a note ("pick up lunch") is the note's, not its WHEN."""
    return said.lower() in MEALS


def alone_asked(words: list[str]) -> str | None:
    """A meal word that is all there is ("/followup ana lunch") may be when or what: asked."""
    if len(words) != 1 or words[0] not in MEALS:  # "lunchtime" alone is a time
        return None
    at = MEALS[words[0]]
    return (f"Is '{words[0]}' when to remind you ({at:%H:%M}), or what you promised? For the "
            f"time write 'at {words[0]}'; for the note, give the day first, like "
            f"'friday: {words[0]}'.")
