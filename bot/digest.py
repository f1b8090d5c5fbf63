"""The weekly digest: who among the few is going cold, what you promised, what to do.

One screen: the coldest three of the vital few come as suggestions with
buttons (one of the three may go instead to someone in the close circle going cold, or
to a tie only the other side carries), a couple more as one line each, then the
follow-ups overdue or due within 7 days, then the focus figure against last week's, the
week's time against the budget and the 8-week trend. Every list is capped and says how
many it left out, and long names and notes are cut, so a crowded week still fits one
screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import stamps, views
from bot.domain import Followup, OwnerSettings, Person, Touch
from bot.replies import PERSON_SNOOZE_1W, PERSON_TOUCH, Action, Reply, Section
from bot.scoring import (
    PersonStats,
    Status,
    TimeFigures,
    close_status,
    focus,
    owner_time,
    rank,
)
from bot.timefmt import local
from bot.views.circle import time_text, trend_text

MAX_SUGGESTIONS = 3
MAX_MORE_COLD = 2
MAX_FOLLOWUPS = 5
MAX_NAME = 40
MAX_WHAT = 60
WEEK = timedelta(days=7)


def build_digest(
    settings: OwnerSettings, people: Sequence[Person], touches: Sequence[Touch],
    followups: Sequence[Followup], now: datetime, tz: ZoneInfo,
) -> Reply:
    ranking = rank(people, touches, settings, now)
    vital_ids = {s.person.id for s in ranking.vital}
    return compose_digest(ranking.vital, ranking.focus, focus(touches, vital_ids, now - WEEK),
                          people, followups, now, tz,
                          figures=owner_time(touches, vital_ids, now),
                          close=[close_status(s.person, settings, now) for s in ranking.close],
                          budget=settings.budget_minutes)


def compose_digest(
    vital: Sequence[PersonStats], focus_now: int | None, focus_last_week: int | None,
    people: Sequence[Person], followups: Sequence[Followup], now: datetime, tz: ZoneInfo,
    *, figures: TimeFigures | None = None, close: Sequence[PersonStats] = (),
    budget: int | None = None,
) -> Reply:
    """The digest from its figures: the vital few as ``rank`` gives them, the focus now
    and a week ago, everyone (for the names in follow-ups) and the open follow-ups; the
    week's time and trend (``owner_time``), the close circle as ``close_status`` sees
    them, and the weekly budget."""
    cold = sorted((s for s in vital if s.status in (Status.DUE, Status.COLD)),
                  key=lambda s: -s.overdue_days)
    by_id = {p.id: p for p in people}
    soon = [f for f in followups if f.due_at <= now + WEEK and f.person_id in by_id]
    extra = _extra_suggestion(cold, vital, close)
    main = cold[: MAX_SUGGESTIONS - (extra is not None)]
    sections = [*map(_suggestion, main), *([extra] if extra else [])]
    if more := cold[len(main):]:
        sections.append(Section(("Also going cold:", *_capped(
            [f"  {short(s.person.name, MAX_NAME)}: {s.why}" for s in more], MAX_MORE_COLD))))
    if soon:
        sections.append(Section(("Follow-ups:", *_capped(
            [_followup_line(f, by_id[f.person_id], now, tz) for f in soon], MAX_FOLLOWUPS))))
    figures_lines = () if figures is None else (time_text(figures, budget), trend_text(figures))
    sections.append(Section((views.focus_text(focus_now, focus_last_week), *figures_lines)))
    title = "Your week with the vital few" if cold or soon or extra else (
        "Your vital few are warm; nothing is due this week.")
    return Reply(title, tuple(sections))


def _extra_suggestion(cold: Sequence[PersonStats], vital: Sequence[PersonStats],
                      close: Sequence[PersonStats]) -> Section | None:
    """The one suggestion the vital few may give up: someone in the close circle going
    cold (most overdue first), else a tie in the vital few that only they carry."""
    going_cold = sorted((s for s in close if s.status is Status.COLD),
                        key=lambda s: (-s.overdue_days, s.person.name.casefold(), s.person.id))
    if going_cold:
        s = going_cold[0]
        return _suggestion(s, f"Reach out to {short(s.person.name, MAX_NAME)} from your close "
                              f"circle: {s.why}.")
    kept = {s.person.id for s in cold[: MAX_SUGGESTIONS - 1]}
    for s in vital:
        found = s.one_sided
        if (found is not None and found[0] * 2 < found[1] and s.person.id not in kept
                and s.status is not Status.SNOOZED):
            mine, n = found
            return _suggestion(s, f"Be the one who reaches out to "
                                  f"{short(s.person.name, MAX_NAME)} this week: they started "
                                  f"{n - mine} of the last {n}.")
    return None


def _suggestion(s: PersonStats, text: str | None = None) -> Section:
    """One concrete thing to do, with the numbers that make it concrete, and buttons."""
    value = stamps.person_value(s.person)
    return Section(
        (text or f"Reach out to {short(s.person.name, MAX_NAME)} today: {s.why}.",),
        (Action(PERSON_TOUCH, "Logged a touch", value, "primary"),
         Action(PERSON_SNOOZE_1W, "Snooze a week", value)))


def _followup_line(f: Followup, person: Person, now: datetime, tz: ZoneInfo) -> str:
    overdue = "OVERDUE " if f.due_at <= now else ""
    what = short(f.what or "follow up", MAX_WHAT)
    return f"  {overdue}{short(person.name, MAX_NAME)}: {what} (due {local(f.due_at, tz)})"


def _capped(lines: list[str], limit: int) -> list[str]:
    """At most ``limit`` lines, and one saying how many more there are."""
    if len(lines) <= limit:
        return lines
    return [*lines[:limit], f"  … and {len(lines) - limit} more"]


def short(text: str, limit: int) -> str:
    """Cut to ``limit`` characters with an ellipsis: one long note must not fill a screen."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
