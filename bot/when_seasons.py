"""Seasons for bot.when: "this summer", "next spring", "in the autumn", "next season".

A season ahead means its first day (the astronomical start: 20 Mar, 21 Jun, 22 Sep, 21 Dec).
The season under way ("this winter" in February) is read by its end, like "this quarter":
17:00 on the last day of its last whole month (February for winter), where every calendar
still has it; in its last weeks after that ("this autumn" on Dec 4) it is asked. South of
the equator the seasons are the other way round, so the user's zone decides which is which.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

Words = Callable[[int], str]

_NAMES = {"spring": 0, "summer": 1, "autumn": 2, "fall": 2, "winter": 3}
_STARTS = ((3, 20), (6, 21), (9, 22), (12, 21))  # northern spring, summer, autumn, winter
# Zones south of the equator (by prefix); elsewhere the northern seasons hold.
_SOUTH = ("Australia/", "Antarctica/", "Pacific/Auckland", "Pacific/Chatham", "NZ",
          "America/Argentina/", "America/Buenos_Aires", "America/Santiago", "America/Sao_Paulo",
          "America/Montevideo", "America/Asuncion", "Chile/", "Brazil/", "Africa/Johannesburg",
          "Africa/Maputo", "Africa/Windhoek", "Africa/Harare", "Indian/Mauritius")  # fmt: skip


def _starts(today: date, south: bool) -> list[tuple[date, int]]:
    """(first day, season) around today, in order; a season is 0-3 as in _NAMES."""
    flip = 2 if south else 0
    return [(date(y, m, d), (n + flip) % 4) for y in range(today.year - 1, today.year + 3)
            for n, (m, d) in enumerate(_STARTS)]  # fmt: skip


def season_at(w: Words, i: int, today: date, zone: str) -> tuple[date | None, int] | None:
    """(this|current|next|in (the)) <season>, <season> <year>, (this|next) season: its first
    day, or None when it is the season under way (asked), and where the words end."""
    lead = w(i) if w(i) in ("this", "current", "next", "in") else ""  # "the summer party"
    j = i + bool(lead) + (lead == "in" and w(i + 1) == "the")
    word = w(j)
    season = _NAMES.get(word)
    south = zone.startswith(_SOUTH)
    starts = _starts(today, south)
    now = max(k for k, (first, _) in enumerate(starts) if first <= today)
    plural = word == "seasons" and not w(j + 1)  # "current seasons", not "this season's plan"
    if (word == "season" or plural) and lead in ("this", "current", "next"):
        return (starts[now + 1][0] if lead == "next" else None), j + 1
    if season is not None and re.fullmatch(r"(19|20)[0-9]{2}", w(j + 1)):  # summer 2027
        month, day = _STARTS[(season - 2 * south) % 4]
        return date(int(w(j + 1)), month, day), j + 2
    if season is None or not lead:
        return None
    if starts[now][1] == season and lead != "next":
        return None, j + 1
    return next(f for f, s in starts[now + 1 :] if s == season), j + 1


def season_end(today: date, zone: str) -> date | None:
    """The last day of the last whole month of the season under way (Feb 28 for a northern
    winter), or None once it has passed (asked: the season is nearly over)."""
    starts = _starts(today, zone.startswith(_SOUTH))
    nxt = next(first for first, _ in starts if first > today)
    end = nxt.replace(day=1) - timedelta(days=1)
    return end if end >= today else None
