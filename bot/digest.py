"""The weekly digest: who among the few is going cold, what you promised, what to do.

One screen: the coldest three of the vital few come as suggestions with
buttons, a couple more as one line each, then the follow-ups overdue or due within 7
days, then the focus figure against last week's. Every list is capped and says how many
it left out, and long names and notes are cut, so a crowded week still fits one screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import stamps, views
from bot.domain import Followup, OwnerSettings, Person, Touch
from bot.replies import PERSON_SNOOZE_1W, PERSON_TOUCH, Action, Reply, Section
from bot.scoring import PersonStats, Status, focus, rank
from bot.timefmt import local

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
                          people, followups, now, tz)


def compose_digest(
    vital: Sequence[PersonStats], focus_now: int | None, focus_last_week: int | None,
    people: Sequence[Person], followups: Sequence[Followup], now: datetime, tz: ZoneInfo,
) -> Reply:
    """The digest from its figures: the vital few as ``rank`` gives them, the focus now
    and a week ago, everyone (for the names in follow-ups) and the open follow-ups."""
    cold = sorted((s for s in vital if s.status in (Status.DUE, Status.COLD)),
                  key=lambda s: -s.overdue_days)
    by_id = {p.id: p for p in people}
    soon = [f for f in followups if f.due_at <= now + WEEK and f.person_id in by_id]
    sections = [*map(_suggestion, cold[:MAX_SUGGESTIONS])]
    if more := cold[MAX_SUGGESTIONS:]:
        sections.append(Section(("Also going cold:", *_capped(
            [f"  {short(s.person.name, MAX_NAME)}: {s.why}" for s in more], MAX_MORE_COLD))))
    if soon:
        sections.append(Section(("Follow-ups:", *_capped(
            [_followup_line(f, by_id[f.person_id], now, tz) for f in soon], MAX_FOLLOWUPS))))
    sections.append(Section((views.focus_text(focus_now, focus_last_week),)))
    title = "Your week with the vital few" if cold or soon else (
        "Your vital few are warm; nothing is due this week.")
    return Reply(title, tuple(sections))


def _suggestion(s: PersonStats) -> Section:
    """One concrete thing to do, with the numbers that make it concrete, and buttons."""
    value = stamps.person_value(s.person)
    return Section(
        (f"Reach out to {short(s.person.name, MAX_NAME)} today: {s.why}.",),
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
