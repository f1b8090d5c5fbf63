"""The weekly digest: who among the few is going cold, what you promised, what to do.

One screen: at most five cold people, the follow-ups overdue or due within 7 days, at
most three suggestions with buttons, and the focus figure against last week's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import views
from bot.domain import Followup, OwnerSettings, Person, Touch
from bot.replies import PERSON_SNOOZE_1W, PERSON_TOUCH, Action, Reply, Section
from bot.scoring import Status, focus, rank
from bot.timefmt import local

MAX_COLD = 5
MAX_SUGGESTIONS = 3
MAX_FOLLOWUPS = 5
WEEK = timedelta(days=7)


def build_digest(
    settings: OwnerSettings, people: Sequence[Person], touches: Sequence[Touch],
    followups: Sequence[Followup], now: datetime, tz: ZoneInfo,
) -> Reply:
    ranking = rank(people, touches, settings, now)
    cold = sorted((s for s in ranking.vital if s.status in (Status.DUE, Status.COLD)),
                  key=lambda s: -s.overdue_days)
    by_id = {p.id: p for p in people}
    soon = [f for f in followups if f.due_at <= now + WEEK and f.person_id in by_id]
    sections: list[Section] = []
    if cold:
        sections.append(Section(("Going cold:", *(
            f"  {s.person.name}: {s.why}" for s in cold[:MAX_COLD]))))
    if soon:
        sections.append(Section(("Follow-ups:", *(
            f"  {'OVERDUE ' if f.due_at <= now else ''}{by_id[f.person_id].name}: "
            f"{f.what or 'follow up'} (due {local(f.due_at, tz)})"
            for f in soon[:MAX_FOLLOWUPS]))))
    for s in cold[:MAX_SUGGESTIONS]:
        value = str(s.person.id)
        sections.append(Section(
            (f"Reach out to {s.person.name} today: {s.why}.",),
            (Action(PERSON_TOUCH, "Logged a touch", value, "primary"),
             Action(PERSON_SNOOZE_1W, "Snooze a week", value))))
    vital_ids = {s.person.id for s in ranking.vital}
    last_week = focus(touches, vital_ids, now - WEEK)
    sections.append(Section((views.focus_text(ranking.focus, last_week),)))
    title = "Your week with the vital few" if cold or soon else (
        "Your vital few are warm; nothing is due this week.")
    return Reply(title, tuple(sections))
